'use strict';
// What every stream class shares: the legacy Stream base (an EventEmitter with the old
// pipe), high-water marks, destroy() with 'error' then 'close', abort signals, and
// _construct() support.

const EE = require('events');
const { codes, AbortError } = require('internal/errors');

function nop() {}

function Stream(options) {
  EE.call(this, options);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);

Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  }
  source.on('data', ondata);
  function ondrain() {
    if (source.readable && source.resume) source.resume();
  }
  dest.on('drain', ondrain);
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', () => dest.end());
  }
  dest.emit('pipe', source);
  return dest;
};

function getHighWaterMark(options, duplexKey, isDuplex, objectMode) {
  let hwm = options ? options.highWaterMark : undefined;
  if (hwm == null && isDuplex && options) hwm = options[duplexKey];
  if (hwm != null) {
    if (!Number.isInteger(hwm) || hwm < 0) throw new codes.ERR_INVALID_ARG_VALUE(isDuplex ? `options.${duplexKey}` : 'options.highWaterMark', hwm);
    return hwm;
  }
  return objectMode ? 16 : 16 * 1024;
}

function toBuffer(chunk, encoding) {
  return Buffer.from(chunk, encoding);
}

function isUint8Array(value) {
  return value instanceof Uint8Array;
}

// --- destroy ---------------------------------------------------------------------------

function destroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }
  if (err) {
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  this._destroy(err || null, (error) => {
    if (error) {
      if (w && !w.errored) w.errored = error;
      if (r && !r.errored) r.errored = error;
    }
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(error);
    process.nextTick(() => {
      if (error && !(w && w.errorEmitted) && !(r && r.errorEmitted)) {
        if (w) w.errorEmitted = true;
        if (r) r.errorEmitted = true;
        this.emit('error', error);
      }
      if ((w && w.emitClose) || (r && r.emitClose) || (!w && !r)) this.emit('close');
    });
  });
  return s ? this : this;
}

function errorOrDestroy(stream, err) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) return;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
    stream.destroy(err);
  } else if (err) {
    if (w) w.errored = err;
    if (r) r.errored = err;
    process.nextTick(() => stream.emit('error', err));
  }
}

function constructStream(stream) {
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  process.nextTick(() => {
    stream._construct((err) => {
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      if (err) {
        stream.destroy(err);
        return;
      }
      if (r && r.needReadable) stream.read(0);
      if (w) {
        const { clearBuffer, finishMaybe } = require('internal/streams/writable');
        clearBuffer(stream, w);
        finishMaybe(stream, w);
      }
    });
  });
}


function addAbortSignal(signal, stream) {
  const onAbort = () => stream.destroy(new AbortError(undefined, { cause: signal.reason }));
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return stream;
}


module.exports = {
  Stream, nop, getHighWaterMark, toBuffer, isUint8Array, destroy, errorOrDestroy, addAbortSignal, constructStream,
};
