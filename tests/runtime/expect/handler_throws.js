/* expect
status: 7
stderr-has: Error: from handler
*/
// An 'uncaughtException' listener that throws ends the process with status 7.
process.on('uncaughtException', () => {
  throw new Error('from handler');
});
throw new Error('first');
