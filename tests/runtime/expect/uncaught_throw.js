/* expect
status: 1
stdout:
exit 1
stderr-has: uncaught_throw.js:18
stderr-has:   throw new TypeError('boom');
stderr-has:   ^
stderr-has: TypeError: boom
stderr-has:     at Timeout.fail [as _onTimeout] (
stderr-has: uncaught_throw.js:18:9)
stderr-lacks: not reached
*/
// An uncaught exception prints file:line, the source line, a caret, the stack, and
// exits 1 after the 'exit' event.
process.on('exit', (code) => console.log('exit', code));

function fail() {
  throw new TypeError('boom');
}
setTimeout(fail, 1);
setTimeout(() => console.log('not reached'), 50);
