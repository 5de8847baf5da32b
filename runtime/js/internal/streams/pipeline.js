'use strict';
// finished() (end-of-stream detection) and pipeline().

const { codes } = require('internal/errors');
const { Stream } = require('internal/streams/base');
const { Readable } = require('internal/streams/readable');

// --- finished, pipeline ----------------------------------------------------------------

function eos(stream, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = options || {};
  let called = false;
  const done = (err) => {
    if (called) return;
    called = true;
    cleanup();
    callback.call(stream, err);
  };
  const readable = options.readable !== false && !!stream._readableState && stream.readable !== false &&
    !(stream._readableState && stream._readableState.readable === false);
  const writable = options.writable !== false && !!stream._writableState &&
    !(stream._writableState && stream._writableState.writable === false);
  let readableFinished = !readable || (stream._readableState && stream._readableState.endEmitted);
  let writableFinished = !writable || (stream._writableState && stream._writableState.finished);
  const onfinish = () => {
    writableFinished = true;
    if (readableFinished) done();
  };
  const onend = () => {
    readableFinished = true;
    if (writableFinished) done();
  };
  const onerror = (err) => done(err);
  const onclose = () => {
    if ((readable && !readableFinished) || (writable && !writableFinished)) done(new codes.ERR_STREAM_PREMATURE_CLOSE());
    else done();
  };
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);
  function cleanup() {
    stream.removeListener('end', onend);
    stream.removeListener('finish', onfinish);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  }
  if (readableFinished && writableFinished) process.nextTick(done);
  return cleanup;
}

function pipeline(...streams) {
  let callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
  if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
  if (streams.length < 2) throw new codes.ERR_MISSING_ARGS('streams');
  let error;
  let remaining = streams.length;
  const destroys = [];
  const finish = (err) => {
    if (err && !error) {
      error = err;
      for (const destroyer of destroys) destroyer(err);
    }
    if (--remaining === 0 || err) {
      const cb = callback;
      callback = null;
      if (cb) process.nextTick(cb, error);
    }
  };
  let previous = null;
  for (let i = 0; i < streams.length; i++) {
    let stream = streams[i];
    if (typeof stream === 'function') stream = stream(previous);
    if (stream && !(stream instanceof Stream) && (stream[Symbol.asyncIterator] || stream[Symbol.iterator]) && typeof stream.on !== 'function') {
      stream = Readable.from(stream);
    }
    const last = i === streams.length - 1;
    eos(stream, { readable: !last || !!stream._readableState, writable: i > 0 }, (err) => finish(err));
    destroys.push((err) => {
      if (typeof stream.destroy === 'function' && !stream.destroyed) stream.destroy(err);
    });
    if (previous) previous.pipe(stream);
    previous = stream;
  }
  return previous;
}


module.exports = { eos, pipeline };
