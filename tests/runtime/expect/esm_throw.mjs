/* expect
status: 1
stdout:
exit 1
stderr-has: esm_throw.mjs:10
stderr-has: Error: module failed
*/
process.on('exit', (code) => console.log('exit', code));
await null;
throw new Error('module failed');
