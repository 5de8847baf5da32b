'use strict';
// node:worker_threads: lode runs one thread, so this is the main thread and there is no
// parent port; creating a Worker throws ERR_METHOD_NOT_IMPLEMENTED.
const { codes } = require('internal/errors');

class Worker {
  constructor() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('worker_threads.Worker');
  }
}

module.exports = {
  isMainThread: true,
  parentPort: null,
  workerData: null,
  threadId: 0,
  resourceLimits: {},
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  Worker,
  markAsUntransferable() {},
  moveMessagePortToContext() {
    throw new codes.ERR_METHOD_NOT_IMPLEMENTED('worker_threads.moveMessagePortToContext');
  },
  getEnvironmentData: () => undefined,
  setEnvironmentData() {},
};
