// Uses what `lode install` put in node_modules.
const isNumber = require('is-number');
const leftPad = require('left-pad');

const checks = [42, '42', 'forty-two'].map((value) => `${leftPad(JSON.stringify(value), 12)} ${isNumber(value) ? 'is' : 'is not'} a number`);
const runtime = process.versions.lode ? `lode ${process.versions.lode} (V8 ${process.versions.v8})` : `node ${process.version}`;
console.log(`hello from ${runtime}`);
console.log(checks.join('\n'));
