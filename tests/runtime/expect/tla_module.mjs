// Not a test: required by require_esm.js.
await null;
export const late = true;
