// Readable/Writable/Transform basics, pipe, pipeline, async iteration.
const assert = require('assert');
const { Readable, Writable, Transform, PassThrough, pipeline } = require('stream');

const upper = new Transform({
  transform(chunk, encoding, callback) {
    callback(null, chunk.toString().toUpperCase());
  },
});
const collected = [];
const sink = new Writable({
  write(chunk, encoding, callback) {
    collected.push(chunk.toString());
    callback();
  },
});
pipeline(Readable.from(['a', 'b', 'c']), upper, sink, (err) => {
  assert.ifError(err);
  assert.deepStrictEqual(collected, ['A', 'B', 'C']);
});

(async () => {
  const chunks = [];
  for await (const chunk of Readable.from([1, 2, 3])) chunks.push(chunk);
  assert.deepStrictEqual(chunks, [1, 2, 3]);
  const pass = new PassThrough();
  pass.end('xyz');
  let text = '';
  pass.setEncoding('utf8');
  for await (const chunk of pass) text += chunk;
  assert.strictEqual(text, 'xyz');
  // Backpressure: write returns false past the high-water mark and 'drain' follows.
  const slow = new Writable({
    highWaterMark: 2,
    write(chunk, encoding, callback) {
      setTimeout(callback, 1);
    },
  });
  assert.strictEqual(slow.write('abc'), false);
  await new Promise((resolve) => slow.once('drain', resolve));
  const manual = new Readable({ read() {} });
  manual.push('x');
  manual.push(null);
  let ended = false;
  manual.on('data', () => {}).on('end', () => { ended = true; });
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(ended);
})();
