/* expect
status: 0
stdout:
beforeExit 1
more work
beforeExit 2
exit
*/
// 'beforeExit' may schedule more work; the loop then runs again.
let rounds = 0;
process.on('beforeExit', () => {
  rounds++;
  console.log('beforeExit', rounds);
  if (rounds === 1) setTimeout(() => console.log('more work'), 1);
});
process.on('exit', () => console.log('exit'));
