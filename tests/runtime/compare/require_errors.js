// Resolution failures as node reports them (messages and codes), through the fixtures.
const path = require('path');
const { createRequire } = require('module');
const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'modules');
const fromApp = createRequire(path.join(fixtures, 'app', 'main.js'));
const tries = ['./nope', 'nope-package', 'exp/features/private/secret.js', 'sugar/hidden.js', 'exp/missing',
  './dir-broken-main', '#nope', '#missing', 'mixed', 'exp/bad-target', 'app/nope', 'node:nope', '@scope/pkg/nope'];
for (const request of tries) {
  try {
    fromApp(request);
    console.log(request, 'resolved?!');
  } catch (error) {
    console.log(request, '->', error.code, '|', error.message.replaceAll(fixtures, '<fixtures>'), '|', error.name);
  }
}
for (const request of ['plain', 'exp/feature', 'conds', '@scope/pkg', '#internal', 'app', 'outer']) {
  console.log(request, '->', path.relative(fixtures, fromApp.resolve(request)));
}
console.log(fromApp.resolve.paths('plain').slice(0, 3).map((p) => path.relative(fixtures, p)));
