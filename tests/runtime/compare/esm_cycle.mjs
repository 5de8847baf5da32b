// ES module cycles (live bindings, TDZ) and top-level await ordering, compared with node.
console.log('tla start');
await import('./helpers/a.mjs');
const m = await import('./helpers/slow.mjs');
console.log('after', m.value);
const [x, y] = await Promise.all([import('./helpers/slow.mjs'), import('./helpers/a.mjs')]);
console.log(x === m, typeof y.fromA);
