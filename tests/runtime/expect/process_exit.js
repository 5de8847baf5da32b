/* expect
status: 5
stdout:
in timer
exit 5
stderr-lacks: after exit
*/
// process.exit() runs 'exit' listeners and stops everything else at once.
process.on('exit', (code) => console.log('exit', code));
setTimeout(() => {
  console.log('in timer');
  try {
    process.exit(5);
  } finally {
    console.error('after exit');
  }
}, 1);
setTimeout(() => console.error('after exit'), 10);
