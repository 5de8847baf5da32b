// URL objects and URL parsing results, compared with node.
console.log(new URL('https://user:pass@sub.example.com:8080/p/a/t/h?query=string#hash'));
console.log(new URLSearchParams('a=1&b=2&a=3'));
console.log(new URLSearchParams(''));
const inputs = ['http://EXAMPLE.com/./a/../b/%2e/c', 'http://[2001:db8::0:1]/', 'http://1.2.3/', 'https://x/?q=a b&c=d#f g',
  'file:///tmp/a%20b', 'http://example.com:80/', 'ws://h:80/', 'foo://host/path', 'data:text/plain,hi',
  'http://user@host', 'http://xn--nxasmq6b.com/', 'HTTP://münchen.de/', 'http://a/b?c#d'];
for (const input of inputs) {
  const url = new URL(input);
  console.log(url.href, url.host, url.pathname, url.search, url.hash, url.origin);
}
for (const [input, base] of [['../x', 'http://a/b/c/d'], ['//other/y', 'https://a/b'], ['?q', 'http://a/b?c#d'], ['#f', 'http://a/b'], ['/abs', 'file:///C:/dir/f']]) {
  console.log(new URL(input, base).href);
}
const url = require('url');
console.log(url.fileURLToPath('file:///a/b%20c'), url.pathToFileURL('/tmp/x y#z').href);
console.log(url.parse('http://user:pw@host.com:8080/p/a/t/h?query=string#hash'));
console.log(url.format({ protocol: 'https', hostname: 'example.com', pathname: '/x', query: { a: 1 } }));
console.log(url.resolve('http://example.com/one/two', '../three'), url.resolve('/one/two/three', 'four'));
