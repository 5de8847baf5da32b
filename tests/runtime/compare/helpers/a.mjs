import { b } from './b.mjs';
export const a = 'A';
console.log('a sees', b);
export function fromA() { return 'fromA'; }
