'use strict';
// node:console: the global console object, which also carries the Console class.
module.exports = globalThis.console;
