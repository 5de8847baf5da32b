// ES modules: static and dynamic imports, the import condition, CommonJS named exports
// by static analysis, JSON with an import assertion, import.meta, top-level await, and
// the resolver's errors.
import assert from 'node:assert';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'fs';
import exp, { name as expName } from '../fixtures/modules/app/node_modules/exp/lode-import.mjs';
import plainCjs from '../fixtures/modules/app/node_modules/plain/sub.js';
import { alpha, beta, gamma } from '../fixtures/modules/cjs-exports/assign.js';
import * as assignNs from '../fixtures/modules/cjs-exports/assign.js';
import * as defineNs from '../fixtures/modules/cjs-exports/define.js';
import { helper, value, renamed } from '../fixtures/modules/cjs-exports/object.js';
import * as objectNs from '../fixtures/modules/cjs-exports/object.js';
import * as reexport from '../fixtures/modules/cjs-exports/reexport.js';
import { own, helper as starHelper } from '../fixtures/modules/cjs-exports/ts_star.js';
import { built } from '../fixtures/modules/cjs-exports/esbuild.js';
import data from '../fixtures/modules/esm/d.json' assert { type: 'json' };
import a from '../fixtures/modules/esm/a.js';

const here = fileURLToPath(import.meta.url);
assert.strictEqual(import.meta.filename, here);
assert.strictEqual(import.meta.dirname, path.dirname(here));
assert.strictEqual(import.meta.url, `file://${here}`);
assert.strictEqual(import.meta.resolve('./x.js'), new URL('./x.js', import.meta.url).href);
assert.strictEqual(import.meta.resolve('node:fs'), 'node:fs');
assert.strictEqual(typeof readFileSync, 'function');

assert.strictEqual(exp, 'app/node_modules/exp/lode-import.mjs');
assert.strictEqual(expName, exp);
assert.strictEqual(plainCjs, 'app/node_modules/plain/sub.js');
assert.deepStrictEqual([alpha, beta, gamma], [1, 2, 3]);
// Detection is lexical, as Node's: `if (false) exports.delta = 4` still names delta.
assert.deepStrictEqual(Object.keys(assignNs).sort(), ['alpha', 'beta', 'default', 'delta', 'gamma']);
assert.strictEqual(assignNs.delta, undefined);
assert.strictEqual(assignNs.default.alpha, 1);
// Like Node's lexer: a getter returning a literal is not taken (it could run code).
assert.strictEqual(defineNs.viaGetter, undefined);
assert.strictEqual(defineNs.default.viaGetter, 'got');
assert.strictEqual(defineNs.__esModule, true);
assert.strictEqual(defineNs.default.default, 'the default export property');
assert.strictEqual(typeof helper, 'function');
assert.strictEqual(renamed, helper);
assert.strictEqual(value, 42);
// The scan of an object literal stops at the first value that is not an identifier.
assert.deepStrictEqual(Object.keys(objectNs).sort(), ['default', 'helper', 'renamed', 'value']);
assert.strictEqual(objectNs.default.method(), 'm');
assert.deepStrictEqual(Object.keys(reexport).sort(), ['alpha', 'beta', 'default', 'delta', 'gamma']);
assert.strictEqual(own, 'own');
assert.strictEqual(starHelper, helper);
assert.strictEqual(built, 'template 2 with } brace');
assert.deepStrictEqual(data, { d: true });
assert.strictEqual(a, 'esm/a.js');

// Dynamic import, of ESM, CommonJS and built-ins; the same module instance every time.
const again = await import('../fixtures/modules/esm/a.js');
assert.strictEqual(again.default, a);
const fsNs = await import('node:fs');
assert.strictEqual(fsNs.default.readFileSync, readFileSync);
assert.strictEqual(fsNs.readFileSync, readFileSync);
const cjsNs = await import('../fixtures/modules/circular/a.js');
assert.strictEqual(cjsNs.default.fromA, 'a-after');

// Top-level await.
const waited = await new Promise((resolve) => setTimeout(() => resolve('waited'), 5));
assert.strictEqual(waited, 'waited');

// Errors.
const fixtures = path.resolve(path.dirname(here), '../fixtures/modules');
await assert.rejects(import('../fixtures/modules/esm/missing.js'), {
  code: 'ERR_MODULE_NOT_FOUND',
  message: `Cannot find module '${fixtures}/esm/missing.js' imported from ${here}`,
});
await assert.rejects(import('../fixtures/modules/esm/dir'), {
  code: 'ERR_UNSUPPORTED_DIR_IMPORT',
  message: `Directory import '${fixtures}/esm/dir' is not supported resolving ES modules imported from ${here}`,
});
await assert.rejects(import('../fixtures/modules/esm/d.json'), { code: 'ERR_IMPORT_ASSERTION_TYPE_MISSING' });
await assert.rejects(import('../fixtures/modules/esm/a.js', { assert: { type: 'json' } }), { code: 'ERR_IMPORT_ASSERTION_TYPE_FAILED' });
await assert.rejects(import('nope-package'), { code: 'ERR_MODULE_NOT_FOUND', message: `Cannot find package 'nope-package' imported from ${here}` });
await assert.rejects(import('node:nope'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
await assert.rejects(import('../fixtures/modules/esm/e.ts'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
await assert.rejects(import('data:text/javascript,export default 7').then((m) => {
  assert.strictEqual(m.default, 7);
  throw new Error('data ok');
}), { message: 'data ok' });
