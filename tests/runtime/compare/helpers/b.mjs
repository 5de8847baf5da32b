import { a, fromA } from './a.mjs';
export const b = 'B';
console.log('b runs first; a is', typeof fromA, (() => { try { return a; } catch (e) { return e.name; } })());
