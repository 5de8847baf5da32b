'use strict';
// structuredClone through V8's serializer; values it cannot clone throw a DOMException
// named DataCloneError, as in Node.
const { structuredClone: clone } = internalBinding('serdes');
const { codes } = require('internal/errors');

function structuredClone(value, options) {
  if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('value');
  if (options !== undefined && options !== null && options.transfer !== undefined && options.transfer.length) {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('structuredClone with transfer');
  }
  try {
    return clone(value);
  } catch (error) {
    if (error && error.code === 'ERR_DATA_CLONE') {
      const { DOMException } = require('internal/event_target');
      throw new DOMException(error.message, 'DataCloneError');
    }
    throw error;
  }
}

module.exports = { structuredClone };
