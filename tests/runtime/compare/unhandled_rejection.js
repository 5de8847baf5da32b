// An unhandled rejection, compared with node.
async function main() {
  await new Promise((resolve) => setTimeout(resolve, 1));
  throw new TypeError('async failure');
}
main();
