// The process object.
const assert = require('assert');
const path = require('path');
const os = require('os');

assert.strictEqual(process.argv[1], __filename);
assert.strictEqual(process.argv0.length > 0, true);
assert.ok(path.isAbsolute(process.execPath));
assert.deepStrictEqual(process.execArgv, []);
assert.strictEqual(process.platform, 'linux');
assert.match(process.version, /^v\d+\.\d+\.\d+$/);
assert.match(process.versions.v8, /^\d+\.\d+/);
assert.strictEqual(process.release.name, 'node');
assert.strictEqual(typeof process.pid, 'number');
assert.strictEqual(typeof process.ppid, 'number');
assert.strictEqual(process.title.length > 0, true);
assert.strictEqual(Object.prototype.toString.call(process), '[object process]');
assert.strictEqual(typeof process.on, 'function');

// env: strings in, strings out; deletion; enumeration.
process.env.LODE_TEST_VAR = 42;
assert.strictEqual(process.env.LODE_TEST_VAR, '42');
assert.ok(Object.keys(process.env).includes('LODE_TEST_VAR'));
assert.ok('LODE_TEST_VAR' in process.env);
delete process.env.LODE_TEST_VAR;
assert.strictEqual(process.env.LODE_TEST_VAR, undefined);

// cwd and chdir.
const cwd = process.cwd();
process.chdir(os.tmpdir());
assert.strictEqual(process.cwd(), require('fs').realpathSync(os.tmpdir()));
process.chdir(cwd);
assert.throws(() => process.chdir('/no/such/dir'), { code: 'ENOENT', syscall: 'chdir' });

// Clocks and resources.
const [s, ns] = process.hrtime();
assert.ok(Number.isInteger(s) && Number.isInteger(ns));
const diff = process.hrtime([s, ns]);
assert.ok(diff[0] >= 0);
assert.strictEqual(typeof process.hrtime.bigint(), 'bigint');
assert.ok(process.uptime() >= 0);
const usage = process.memoryUsage();
assert.ok(usage.rss > 0 && usage.heapUsed > 0 && usage.heapTotal >= usage.heapUsed);
assert.ok(process.memoryUsage.rss() > 0);
assert.ok(process.cpuUsage().user >= 0);
assert.strictEqual(typeof process.umask(), 'number');
assert.strictEqual(process.kill(process.pid, 0), true);
assert.throws(() => process.kill(process.pid, 'SIGNOPE'), { code: 'ERR_UNKNOWN_SIGNAL' });

// nextTick passes arguments; emitWarning reaches 'warning' listeners.
let tickArgs;
process.nextTick((a, b) => { tickArgs = [a, b]; }, 1, 2);
let warning;
process.on('warning', (w) => { warning = w; });
process.emitWarning('careful', 'CustomWarning', 'W001');

// Streams.
assert.strictEqual(typeof process.stdout.write, 'function');
assert.strictEqual(process.stdout.fd, 1);
assert.strictEqual(process.stderr.fd, 2);
assert.strictEqual(process.stdin.fd, 0);
assert.strictEqual(process.stdout.writable, true);

process.exitCode = 0;
process.on('exit', (code) => {
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(tickArgs, [1, 2]);
  assert.strictEqual(warning.name, 'CustomWarning');
  assert.strictEqual(warning.code, 'W001');
  assert.strictEqual(warning.message, 'careful');
});
