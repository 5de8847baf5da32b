'use strict';
// node:sys: the deprecated alias of util.
module.exports = require('util');
