'use strict';
// node:stream: Readable, Writable, Duplex, Transform, PassThrough, pipeline and
// finished, following Node's state machines (buffering to highWaterMark, flowing and
// paused modes, 'readable'/'data'/'end', backpressure with 'drain', _final before
// 'finish', destroy with 'error' then 'close'). The classes live in internal/streams/.

const { Stream, isUint8Array, addAbortSignal } = require('internal/streams/base');
const { Readable } = require('internal/streams/readable');
const { Writable } = require('internal/streams/writable');
const { Duplex, Transform, PassThrough } = require('internal/streams/duplex');
const { eos, pipeline } = require('internal/streams/pipeline');

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.finished = eos;
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.destroy = (stream, err) => stream.destroy(err);
Stream.isReadable = (stream) => !!(stream && stream.readable);
Stream.isErrored = (stream) => !!(stream && stream.errored);
Stream.isDisturbed = (stream) => !!(stream && stream._readableState && (stream._readableState.dataEmitted || stream._readableState.endEmitted));
Stream.getDefaultHighWaterMark = (objectMode) => (objectMode ? 16 : 16 * 1024);
Object.defineProperty(Stream, 'promises', {
  enumerable: true,
  get: () => require('stream/promises'),
});
Stream._isUint8Array = isUint8Array;
Stream._uint8ArrayToBuffer = (chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

module.exports = Stream;
