/* expect
status: 3
stdout:
beforeExit 3
exit 3
*/
process.exitCode = 3;
process.once('beforeExit', (code) => console.log('beforeExit', code));
process.on('exit', (code) => console.log('exit', code));
