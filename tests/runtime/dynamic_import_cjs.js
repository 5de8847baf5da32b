// import() from CommonJS resolves against the importing file and loads either kind.
const assert = require('assert');
(async () => {
  const esm = await import('../fixtures/modules/esm/b.mjs');
  assert.strictEqual(esm.default, 'esm/b.mjs');
  const cjs = await import('../fixtures/modules/app/rel/file.js');
  assert.strictEqual(cjs.default, 'app/rel/file.js');
  const pkg = await import('../fixtures/modules/app/node_modules/exp/esm.mjs');
  assert.strictEqual(pkg.name, 'app/node_modules/exp/esm.mjs');
  process.exitCode = 0;
})();
process.exitCode = 1;
