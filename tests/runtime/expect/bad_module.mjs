// Not a test: imported by esm_syntax_error.mjs.
export const = 1;
