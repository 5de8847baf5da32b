// exitCode, beforeExit and exit, compared with node.
process.on('beforeExit', (code) => {
  console.log('beforeExit', code);
  if (!globalThis.again) {
    globalThis.again = true;
    setImmediate(() => {
      console.log('scheduled from beforeExit');
      process.exitCode = 4;
    });
  }
});
process.on('exit', (code) => {
  console.log('exit', code, process.exitCode);
  setTimeout(() => console.log('never runs'), 0);
});
console.log('main');
