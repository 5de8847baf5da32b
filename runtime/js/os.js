'use strict';
// node:os: the machine lode runs on.

const binding = internalBinding('os');
const { signals } = require('internal/process');

const [sysname, release, version, machine] = binding.uname();

function cpus() {
  const flat = binding.cpus();
  const result = [];
  for (let i = 0; i < flat.length; i += 7) {
    result.push({
      model: flat[i],
      speed: flat[i + 1],
      times: { user: flat[i + 2], nice: flat[i + 3], sys: flat[i + 4], idle: flat[i + 5], irq: flat[i + 6] },
    });
  }
  return result;
}

function networkInterfaces() {
  const flat = binding.interfaceAddresses();
  const result = {};
  for (let i = 0; i < flat.length; i += 7) {
    const name = flat[i];
    const entry = { address: flat[i + 1], netmask: flat[i + 2], family: flat[i + 3], mac: flat[i + 4], internal: flat[i + 5] };
    const bits = entry.family === 'IPv4'
      ? entry.netmask.split('.').reduce((n, part) => n + (Number(part) >>> 0).toString(2).replace(/0/g, '').length, 0)
      : entry.netmask.split(':').reduce((n, part) => n + (part ? Number.parseInt(part, 16).toString(2).replace(/0/g, '').length : 0), 0);
    entry.cidr = `${entry.address}/${bits}`;
    if (entry.family === 'IPv6') entry.scopeid = flat[i + 6];
    (result[name] || (result[name] = [])).push(entry);
  }
  return result;
}

function userInfo(options) {
  const [uid, gid, username, homedir, shell] = binding.userInfo();
  const asBuffer = options && options.encoding === 'buffer';
  return {
    uid,
    gid,
    username: asBuffer ? Buffer.from(username) : username,
    homedir: asBuffer ? Buffer.from(homedir) : homedir,
    shell: asBuffer && shell !== null ? Buffer.from(shell) : shell,
  };
}

function homedir() {
  return process.env.HOME || binding.userInfo()[3];
}

function tmpdir() {
  let path = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

const errnos = {
  E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11, EALREADY: 114,
  EBADF: 9, EBUSY: 16, ECANCELED: 125, ECHILD: 10, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104,
  EDEADLK: 35, EDESTADDRREQ: 89, EDOM: 33, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113, EINTR: 4,
  EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21, ELOOP: 40, EMFILE: 24, EMLINK: 31, EMSGSIZE: 90,
  ENAMETOOLONG: 36, ENETDOWN: 100, ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODEV: 19, ENOENT: 2,
  ENOEXEC: 8, ENOMEM: 12, ENOSPC: 28, ENOSYS: 38, ENOTCONN: 107, ENOTDIR: 20, ENOTEMPTY: 39, ENOTSOCK: 88,
  ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95, EPERM: 1, EPIPE: 32, ERANGE: 34, EROFS: 30,
  ESPIPE: 29, ESRCH: 3, ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
};

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => process.arch,
  platform: () => 'linux',
  type: () => sysname,
  release: () => release,
  version: () => version,
  machine: () => machine,
  hostname: () => binding.hostname(),
  homedir,
  tmpdir,
  endianness: () => 'LE',
  cpus,
  availableParallelism: () => binding.availableParallelism(),
  totalmem: () => binding.totalMemory(),
  freemem: () => binding.freeMemory(),
  loadavg: () => binding.loadAverage(),
  uptime: () => binding.uptime(),
  networkInterfaces,
  userInfo,
  getPriority: () => 0,
  setPriority: () => {},
  constants: Object.freeze({
    signals: Object.freeze({ ...signals }),
    errno: Object.freeze(errnos),
    priority: Object.freeze({ PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 }),
    UV_UDP_REUSEADDR: 4,
    dlopen: Object.freeze({ RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 }),
  }),
};
