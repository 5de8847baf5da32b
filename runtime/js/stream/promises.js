'use strict';
// node:stream/promises: pipeline and finished returning promises.
const { pipeline, finished } = require('stream');

module.exports = {
  pipeline(...streams) {
    return new Promise((resolve, reject) => {
      pipeline(...streams, (err, value) => (err ? reject(err) : resolve(value)));
    });
  },
  finished(stream, options) {
    return new Promise((resolve, reject) => {
      finished(stream, options, (err) => (err ? reject(err) : resolve()));
    });
  },
};
