// The same documents through node's JSON.parse (what npm does with every document), median
// of several runs, in milliseconds. Usage: node node_parse.js <document.json>...
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const runs = text.length > 4e6 ? 9 : 31;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    JSON.parse(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ file, node_parse_ms: times[Math.floor(runs / 2)] }));
}
