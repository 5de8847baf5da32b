'use strict';
// node:process: the process object as a module.
module.exports = process;
