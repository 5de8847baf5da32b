/* expect
status: 0
stdout:
caught first uncaughtException
caught second
after
*/
// 'uncaughtException' listeners take errors and the process goes on.
let count = 0;
process.on('uncaughtException', (err, origin) => {
  console.log(count++ === 0 ? `caught ${err.message} ${origin}` : `caught ${err.message}`);
});
setTimeout(() => { throw new Error('first'); }, 1);
setTimeout(() => { throw new Error('second'); }, 2);
setTimeout(() => console.log('after'), 5);
