// Loads the TypeScript compiler (one 9 MB CommonJS file) and transpiles a line: what a
// tool built on it pays to start.
const ts = require(process.argv[2]);
const out = ts.transpileModule('const x: number = 1;', { compilerOptions: {} });
if (!out.outputText.includes('var x = 1')) throw new Error('unexpected output');
