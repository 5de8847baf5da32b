// CommonJS: module objects, JSON, the cache, main, circular requires, require.resolve
// with paths, and the resolution rules through the fixture packages.
const assert = require('assert');
const path = require('path');
const fixtures = path.join(__dirname, '..', 'fixtures', 'modules');
const app = path.join(fixtures, 'app');
const fromApp = require('module').createRequire(path.join(app, 'main.js'));

assert.strictEqual(require.main, module);
assert.strictEqual(module.id, '.');
assert.strictEqual(__filename, path.join(__dirname, 'cjs_require.js'));
assert.strictEqual(__dirname, path.dirname(__filename));
assert.strictEqual(this, module.exports);
assert.strictEqual(typeof require.cache, 'object');
assert.strictEqual(require.cache[__filename], module);

// Relative requires with extension and index probing; JSON.
assert.strictEqual(fromApp('./rel/file'), 'app/rel/file.js');
assert.strictEqual(fromApp('./rel'), 'app/rel/index.js');
assert.deepStrictEqual(fromApp('./rel/data'), { answer: 42 });
assert.strictEqual(fromApp('./dir-with-main'), 'app/dir-with-main/entry.js');
assert.strictEqual(fromApp('./dir-main-folder'), 'app/dir-main-folder/lib/index.js');

// Packages: main, exports with the lode condition first, patterns, nested conditions.
assert.strictEqual(fromApp('plain'), 'app/node_modules/plain/lib/plain.js');
assert.strictEqual(fromApp('plain/sub'), 'app/node_modules/plain/sub.js');
assert.strictEqual(fromApp('exp'), 'app/node_modules/exp/lode-require.js');
assert.strictEqual(fromApp('exp/features/x.js'), 'app/node_modules/exp/src/features/x.js');
assert.strictEqual(fromApp('exp/nested'), 'app/node_modules/exp/nested-require.js');
assert.strictEqual(fromApp('exp/star/deep/b'), 'app/node_modules/exp/star-deep/b.js');
assert.strictEqual(fromApp('conds'), 'app/node_modules/conds/r.cjs');
assert.strictEqual(fromApp('@scope/pkg/sub'), 'app/node_modules/@scope/pkg/sub.js');
assert.deepStrictEqual(fromApp('outer'), {
  inner: 'app/node_modules/outer/node_modules/inner/index.js',
  plain: 'app/node_modules/plain/lib/plain.js',
});
// Imports and self-reference.
assert.strictEqual(fromApp('#internal'), 'app/lib/internal.js');
assert.strictEqual(fromApp('#dep'), 'app/node_modules/dep-node/index.js');
assert.strictEqual(fromApp('#util/a'), 'app/lib/util/a.js');
assert.strictEqual(fromApp('app/feature'), 'app/lib/feature.js');

// Errors with Node's codes and messages.
assert.throws(() => fromApp('exp/features/private/secret.js'), {
  code: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
  message: `Package subpath './features/private/secret.js' is not defined by "exports" in ${app}/node_modules/exp/package.json`,
});
assert.throws(() => fromApp('sugar/hidden.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
assert.throws(() => fromApp('#nope'), { code: 'ERR_PACKAGE_IMPORT_NOT_DEFINED', name: 'TypeError' });
assert.throws(() => require('./no-such-file'), (err) => {
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message, `Cannot find module './no-such-file'\nRequire stack:\n- ${__filename}`);
  assert.deepStrictEqual(err.requireStack, [__filename]);
  return true;
});
assert.throws(() => require('node:nope'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE', message: 'No such built-in module: node:nope' });
// require() of an ES module returns its namespace (Node 20's require(esm)).
assert.strictEqual(fromApp('typemod').default, 'app/node_modules/typemod/index.js');

// Built-ins, bare and with the node: scheme.
assert.strictEqual(require('fs'), require('node:fs'));
assert.strictEqual(require.resolve('fs'), 'fs');
assert.strictEqual(require.resolve('node:path'), 'node:path');
assert.ok(require('module').builtinModules.includes('events'));
assert.strictEqual(require('module').isBuiltin('node:util'), true);

// require.resolve with paths searches from other folders.
assert.strictEqual(require.resolve('inner', { paths: [path.join(app, 'node_modules', 'outer')] }),
  path.join(app, 'node_modules/outer/node_modules/inner/index.js'));
assert.deepStrictEqual(require.resolve.paths('x').slice(0, 2), [
  path.join(__dirname, 'node_modules'), path.join(path.dirname(__dirname), 'node_modules')]);
assert.strictEqual(require.resolve.paths('./x')[0], __dirname);

// Circular requires see partial exports.
const a = require(path.join(fixtures, 'circular', 'a.js'));
assert.strictEqual(a.seenInA, 'a-before');
assert.strictEqual(a.fromA, 'a-after');
assert.strictEqual(a.b.aLoadedYet, 'fromA');

// The cache: a second require returns the same object; deleting forces a reload.
const first = fromApp('./rel/file.js');
const resolved = fromApp.resolve('./rel/file.js');
assert.strictEqual(require.cache[resolved].exports, first);
delete require.cache[resolved];
assert.strictEqual(fromApp('./rel/file.js'), first);
assert.notStrictEqual(require.cache[resolved], undefined);

// module.exports replaced vs exports mutated.
assert.strictEqual(typeof require('module').wrap('x'), 'string');
