'use strict';
// node:util/types: V8's brand checks, plus the typed-array checks JavaScript can make.
const { types } = internalBinding('util');

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;

module.exports = {
  ...types,
  isKeyObject: () => false,
  isCryptoKey: () => false,
};
for (const name of ['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Int8Array', 'Int16Array',
  'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
  module.exports[`is${name}`] = (value) => getTag.call(value) === name;
}
module.exports.isTypedArray = (value) => getTag.call(value) !== undefined;
