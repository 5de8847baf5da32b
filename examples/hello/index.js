// Uses what `lode install` put in node_modules.
const isNumber = require('is-number');
const leftPad = require('left-pad');

const checks = [42, '42', 'forty-two'].map((value) => `${leftPad(JSON.stringify(value), 12)} ${isNumber(value) ? 'is' : 'is not'} a number`);
console.log(`hello from ${process.release ? process.release.name : 'a JavaScript runtime'} ${process.version}`);
console.log(checks.join('\n'));
