/* expect
args: one --two 3
stdout:
["one","--two","3"]
*/
console.log(JSON.stringify(process.argv.slice(2)));
