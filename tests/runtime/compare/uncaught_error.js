// The report of an uncaught error, compared with node (stack frames aside).
function level2() {
  const error = new RangeError('out of range');
  error.code = 'E_RANGE';
  error.info = { nested: [1, 2] };
  throw error;
}
function level1() {
  level2();
}
process.on('exit', (code) => console.log('exit code', code));
level1();
