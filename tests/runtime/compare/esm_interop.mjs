// compare: stdout (node 20 also warns that `assert` is deprecated in favour of `with`)
// ES modules importing CommonJS (named exports by static analysis), JSON and built-ins,
// compared with node.
import * as assign from '../../fixtures/modules/cjs-exports/assign.js';
import * as define from '../../fixtures/modules/cjs-exports/define.js';
import * as object from '../../fixtures/modules/cjs-exports/object.js';
import * as reexport from '../../fixtures/modules/cjs-exports/reexport.js';
import * as star from '../../fixtures/modules/cjs-exports/ts_star.js';
import * as built from '../../fixtures/modules/cjs-exports/esbuild.js';
import * as circular from '../../fixtures/modules/circular/a.js';
import * as typemod from '../../fixtures/modules/app/node_modules/typemod/index.js';
import * as events from 'node:events';
import json from '../../fixtures/modules/esm/d.json' assert { type: 'json' };

for (const [name, ns] of Object.entries({ assign, define, object, reexport, star, built, circular, typemod })) {
  console.log(name, Object.keys(ns), typeof ns.default);
}
console.log(Object.keys(events).includes('once'), events.default === events.EventEmitter, json);
const dynamic = await import('../../fixtures/modules/esm/b.mjs');
console.log(dynamic);
try {
  await import('../../fixtures/modules/esm/missing.js');
} catch (error) {
  console.log(error.code, error.message.includes('missing.js'));
}
