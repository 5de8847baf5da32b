// compare: stdout
// How errors print inside other values: messages, causes, extra properties.
const { inspect } = require('util');
// Frame counts depend on the runtime's internal frames: only their presence is compared.
const strip = (text) => text.split('\n').filter((line) => !line.trim().startsWith('at ')).join('\n').replace(/\.\.\. \d+ lines/, '... N lines');
console.log(strip(inspect(new Error('plain'))));
console.log(strip(inspect(Object.assign(new TypeError('with code'), { code: 'E_X' }))));
console.log(strip(inspect(new Error('outer', { cause: new Error('inner') }))));
console.log(strip(inspect({ error: new SyntaxError('nested') })));
class MyError extends Error {}
console.log(strip(inspect(new MyError('subclass'))));
class NamedError extends Error { constructor(m) { super(m); this.name = 'NamedError'; } }
console.log(strip(inspect(new NamedError('named'))));
const noStack = new Error('no stack');
noStack.stack = undefined;
console.log(inspect(noStack));
console.log(strip(inspect(new AggregateError([new Error('a')], 'many'))));
