'use strict';
// Duplex (both sides), Transform (output computed from input) and PassThrough.

const { codes } = require('internal/errors');
const { destroy } = require('internal/streams/base');
const { Readable } = require('internal/streams/readable');
const { Writable, errorBuffer } = require('internal/streams/writable');

// --- Duplex, Transform, PassThrough ----------------------------------------------------

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  Writable.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const method of Object.getOwnPropertyNames(Writable.prototype)) {
  if (method === 'constructor' || method === 'destroy' || method === '_destroy') continue;
  if (!(method in Readable.prototype)) {
    Object.defineProperty(Duplex.prototype, method, Object.getOwnPropertyDescriptor(Writable.prototype, method));
  }
}
Object.defineProperty(Duplex.prototype, 'destroyed', {
  get() {
    return !!((this._readableState && this._readableState.destroyed) || (this._writableState && this._writableState.destroyed));
  },
  set(value) {
    if (this._readableState) this._readableState.destroyed = value;
    if (this._writableState) this._writableState.destroyed = value;
  },
  configurable: true,
});
Duplex.prototype.destroy = function destroyDuplex(err, cb) {
  const w = this._writableState;
  if (w && !w.destroyed && (w.buffered.length || w.writing)) process.nextTick(errorBuffer, w);
  destroy.call(this, err, cb);
  return this;
};

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  this._readableState.sync = false;
  this._callback = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
  this.on('prefinish', prefinishTransform);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function prefinishTransform() {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        this.destroy(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
    });
  } else {
    this.push(null);
  }
}

Transform.prototype._final = function _final(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this.removeListener('prefinish', prefinishTransform);
    this._flush((er, data) => {
      if (er) {
        cb(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      cb();
    });
  } else {
    this.removeListener('prefinish', prefinishTransform);
    this.push(null);
    cb();
  }
};

Transform.prototype._transform = function _transform() {
  throw new codes.ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

Transform.prototype._write = function _write(chunk, encoding, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const length = rState.length;
  this._transform(chunk, encoding, (err, val) => {
    if (err) {
      callback(err);
      return;
    }
    if (val != null) this.push(val);
    if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
    else this._callback = callback;
  });
};

Transform.prototype._read = function _read() {
  if (this._callback) {
    const callback = this._callback;
    this._callback = null;
    callback();
  }
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype._transform = function _transform(chunk, encoding, cb) {
  cb(null, chunk);
};


module.exports = { Duplex, Transform, PassThrough };
