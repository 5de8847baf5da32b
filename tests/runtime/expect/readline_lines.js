/* expect
stdin: a\nb\nc\n
stdout:
a,b,c
*/
const readline = require('readline');
(async () => {
  const lines = [];
  for await (const line of readline.createInterface({ input: process.stdin })) lines.push(line);
  console.log(lines.join(','));
})();
