'use strict';
// node:timers: the global timer functions as a module, and timers/promises' helpers.
const timers = require('internal/timers');

module.exports = {
  setTimeout: timers.setTimeout,
  clearTimeout: timers.clearTimeout,
  setInterval: timers.setInterval,
  clearInterval: timers.clearInterval,
  setImmediate: timers.setImmediate,
  clearImmediate: timers.clearImmediate,
  get promises() {
    return require('timers/promises');
  },
};
