'use strict';
// node:readline: line-by-line reading of a stream (createInterface with 'line' and
// 'close' events, question(), async iteration) and the cursor helpers for terminals.
// There is no line editing: input is read as it arrives.

const EventEmitter = require('events');
const { StringDecoder } = require('string_decoder');

const CSI = '\u001b[';

class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let options = input;
    if (!input || typeof input.on !== 'function' || input.input !== undefined) options = input || {};
    else options = { input, output, completer, terminal };
    this.input = options.input;
    this.output = options.output;
    this.terminal = !!options.terminal;
    this.line = '';
    this.closed = false;
    this._prompt = options.prompt !== undefined ? options.prompt : '> ';
    this._questions = [];
    this._buffer = '';
    this._decoder = new StringDecoder('utf8');
    this.crlfDelay = options.crlfDelay || 100;
    this._onData = (chunk) => this._receive(typeof chunk === 'string' ? chunk : this._decoder.write(chunk));
    this._onEnd = () => {
      if (this._buffer.length > 0) {
        const last = this._buffer;
        this._buffer = '';
        this._line(last);
      }
      this.close();
    };
    if (this.input) {
      this.input.on('data', this._onData);
      this.input.on('end', this._onEnd);
      if (typeof this.input.resume === 'function') this.input.resume();
    }
  }
  _receive(text) {
    this._buffer += text;
    let index;
    while ((index = this._buffer.search(/\r\n|\n|\r/)) !== -1) {
      const line = this._buffer.slice(0, index);
      const newline = this._buffer[index] === '\r' && this._buffer[index + 1] === '\n' ? 2 : 1;
      this._buffer = this._buffer.slice(index + newline);
      this._line(line);
      if (this.closed) return;
    }
  }
  _line(line) {
    const question = this._questions.shift();
    if (question) question(line);
    else this.emit('line', line);
  }
  setPrompt(prompt) {
    this._prompt = prompt;
  }
  getPrompt() {
    return this._prompt;
  }
  prompt() {
    if (this.output) this.output.write(this._prompt);
  }
  question(query, options, callback) {
    if (typeof options === 'function') callback = options;
    if (this.closed) {
      const error = new Error('readline was closed');
      error.code = 'ERR_USE_AFTER_CLOSE';
      throw error;
    }
    if (this.output) this.output.write(query);
    this._questions.push(callback);
  }
  write(data) {
    if (this.output && data !== undefined && data !== null) this.output.write(data);
  }
  pause() {
    if (this.input && typeof this.input.pause === 'function') this.input.pause();
    this.emit('pause');
    return this;
  }
  resume() {
    if (this.input && typeof this.input.resume === 'function') this.input.resume();
    this.emit('resume');
    return this;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.input) {
      this.input.removeListener('data', this._onData);
      this.input.removeListener('end', this._onEnd);
      if (typeof this.input.pause === 'function') this.input.pause();
    }
    this.emit('close');
  }
  getCursorPos() {
    return { rows: 0, cols: this.line.length };
  }
  [Symbol.asyncIterator]() {
    const lines = [];
    const waiting = [];
    let done = false;
    this.on('line', (line) => {
      const next = waiting.shift();
      if (next) next({ value: line, done: false });
      else lines.push(line);
    });
    this.on('close', () => {
      done = true;
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    });
    return {
      next: () => {
        if (lines.length) return Promise.resolve({ value: lines.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

function cursorTo(stream, x, y, callback) {
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  const data = typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}

function moveCursor(stream, dx, dy, callback) {
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return stream.write(data, callback);
}

function clearLine(stream, dir, callback) {
  const type = dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`;
  return stream.write(type, callback);
}

function clearScreenDown(stream, callback) {
  return stream.write(`${CSI}0J`, callback);
}

function emitKeypressEvents() {}

module.exports = { Interface, createInterface, cursorTo, moveCursor, clearLine, clearScreenDown, emitKeypressEvents };
