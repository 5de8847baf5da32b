'use strict';
// node:v8, in part: heap statistics, cachedDataVersionTag, setFlagsFromString and
// serialize/deserialize (V8's structured serialization, as Buffers).
const binding = internalBinding('v8');

module.exports = {
  getHeapStatistics: () => binding.heapStatistics(),
  getHeapSpaceStatistics: () => [],
  getHeapCodeStatistics: () => ({ code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0 }),
  cachedDataVersionTag: () => binding.cachedDataVersionTag(),
  setFlagsFromString: (flags) => binding.setFlagsFromString(String(flags)),
  serialize: (value) => {
    const bytes = binding.serialize(value);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
  deserialize: (buffer) => binding.deserialize(buffer),
  isStringOneByteRepresentation: (s) => /^[\x00-\xff]*$/.test(s),
};
