/* expect
stdout:
got SIGUSR2 SIGUSR2
got SIGINT
done
*/
// process.on(signal): listeners replace the default action; the watcher alone does not
// keep the process alive.
process.once('SIGUSR2', (name) => console.log('got SIGUSR2', name));
process.kill(process.pid, 'SIGUSR2');
setTimeout(() => {
  const onInt = () => {
    console.log('got SIGINT');
    process.removeListener('SIGINT', onInt);
    setTimeout(() => console.log('done'), 1);
  };
  process.on('SIGINT', onInt);
  process.kill(process.pid, 'SIGINT');
}, 20);
