// NODE_PATH folders are searched after node_modules (meson sets NODE_PATH for this test).
const assert = require('assert');
assert.ok(process.env.NODE_PATH.endsWith('fixtures/modules/global'));
assert.strictEqual(require('np-file'), 'global/np-file.js');
assert.strictEqual(require('np-pkg'), 'global/np-pkg/main.js');
assert.throws(() => require('np-missing'), { code: 'MODULE_NOT_FOUND' });
