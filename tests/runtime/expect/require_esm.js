/* expect
status: 1
stdout:
esm via require: { default: 'esm/b.mjs', name: 'esm/b.mjs' }
stderr-has: Error [ERR_REQUIRE_ASYNC_MODULE]: require() cannot be used on an ESM graph with top-level await
*/
// require() of an ES module works (as in Node 20) when its graph has no top-level await.
const esm = require('../../fixtures/modules/esm/b.mjs');
console.log('esm via require:', { ...esm });
require('./tla_module.mjs');
