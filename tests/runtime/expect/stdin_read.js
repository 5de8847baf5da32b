/* expect
stdin: line one\nline two\n
stdout:
got 2 lines: line one|line two
*/
// process.stdin is a readable stream fed from the loop.
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', () => {
  const lines = text.trim().split('\n');
  console.log(`got ${lines.length} lines: ${lines.join('|')}`);
});
