// fs: synchronous, promise and callback forms, errors with Node's codes.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lode-fs-'));
const file = path.join(dir, 'a.txt');
fs.writeFileSync(file, 'hello');
fs.appendFileSync(file, ' world');
assert.strictEqual(fs.readFileSync(file, 'utf8'), 'hello world');
assert.ok(Buffer.isBuffer(fs.readFileSync(file)));
assert.strictEqual(fs.readFileSync(file, { encoding: 'base64' }), Buffer.from('hello world').toString('base64'));
assert.ok(fs.existsSync(file));
assert.ok(!fs.existsSync(path.join(dir, 'nope')));

const stat = fs.statSync(file);
assert.ok(stat.isFile() && !stat.isDirectory());
assert.strictEqual(stat.size, 11);
assert.ok(stat.mtime instanceof Date);
assert.strictEqual(fs.statSync(path.join(dir, 'nope'), { throwIfNoEntry: false }), undefined);
assert.throws(() => fs.readFileSync(path.join(dir, 'nope')), (err) => {
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.syscall, 'open');
  assert.strictEqual(err.errno, -2);
  assert.strictEqual(err.path, path.join(dir, 'nope'));
  assert.strictEqual(err.message, `ENOENT: no such file or directory, open '${path.join(dir, 'nope')}'`);
  return true;
});

fs.mkdirSync(path.join(dir, 'x/y/z'), { recursive: true });
fs.writeFileSync(path.join(dir, 'x/y/z/f.json'), '{}');
assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['a.txt', 'x']);
const entries = fs.readdirSync(dir, { withFileTypes: true });
assert.ok(entries.find((e) => e.name === 'x').isDirectory());
assert.deepStrictEqual(fs.readdirSync(dir, { recursive: true }).sort(), ['a.txt', 'x', 'x/y', 'x/y/z', 'x/y/z/f.json']);
fs.symlinkSync(file, path.join(dir, 'link'));
assert.ok(fs.lstatSync(path.join(dir, 'link')).isSymbolicLink());
assert.strictEqual(fs.readlinkSync(path.join(dir, 'link')), file);
assert.strictEqual(fs.realpathSync(path.join(dir, 'link')), fs.realpathSync(file));
fs.renameSync(path.join(dir, 'link'), path.join(dir, 'link2'));
fs.copyFileSync(file, path.join(dir, 'copy.txt'));
assert.strictEqual(fs.readFileSync(path.join(dir, 'copy.txt'), 'utf8'), 'hello world');

const fd = fs.openSync(file, 'r');
const buffer = Buffer.alloc(5);
assert.strictEqual(fs.readSync(fd, buffer, 0, 5, 6), 5);
assert.strictEqual(buffer.toString(), 'world');
fs.closeSync(fd);
assert.throws(() => fs.rmdirSync(path.join(dir, 'x')), { code: 'ENOTEMPTY' });

(async () => {
  const p = fs.promises;
  assert.strictEqual(await p.readFile(file, 'utf8'), 'hello world');
  await p.writeFile(path.join(dir, 'b.txt'), Buffer.from('bytes'));
  assert.strictEqual((await p.stat(path.join(dir, 'b.txt'))).size, 5);
  await assert.rejects(p.readFile(path.join(dir, 'nope')), { code: 'ENOENT' });
  const handle = await p.open(file, 'r');
  const { bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
  assert.strictEqual(bytesRead, 5);
  await handle.close();
  assert.deepStrictEqual((await p.readdir(path.join(dir, 'x'))), ['y']);
  const names = [];
  for await (const entry of await p.opendir(path.join(dir, 'x', 'y'))) names.push(entry.name);
  assert.deepStrictEqual(names, ['z']);
  const sync = fs.opendirSync(dir);
  assert.ok(sync.readSync().name.length > 0);
  sync.closeSync();
  await new Promise((resolve, reject) => fs.readFile(file, 'utf8', (err, text) => {
    try {
      assert.ifError(err);
      assert.strictEqual(text, 'hello world');
      resolve();
    } catch (error) {
      reject(error);
    }
  }));
  await new Promise((resolve) => fs.stat(path.join(dir, 'nope'), (err) => {
    assert.strictEqual(err.code, 'ENOENT');
    resolve();
  }));
  const chunks = [];
  await new Promise((resolve, reject) => fs.createReadStream(file, { start: 6 })
    .on('data', (chunk) => chunks.push(chunk)).on('end', resolve).on('error', reject));
  assert.strictEqual(Buffer.concat(chunks).toString(), 'world');
  await new Promise((resolve, reject) => {
    const out = fs.createWriteStream(path.join(dir, 'stream.txt'));
    out.on('finish', resolve).on('error', reject);
    out.write('a');
    out.end('b');
  });
  assert.strictEqual(fs.readFileSync(path.join(dir, 'stream.txt'), 'utf8'), 'ab');
  await p.rm(dir, { recursive: true });
  assert.ok(!fs.existsSync(dir));
})().catch((err) => {
  fs.rmSync(dir, { recursive: true, force: true });
  throw err;
});
