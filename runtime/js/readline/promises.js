'use strict';
// node:readline/promises: question() as a promise.
const readline = require('readline');

class Interface extends readline.Interface {
  question(query, options) {
    return new Promise((resolve) => super.question(query, options, resolve));
  }
}

module.exports = {
  Interface,
  createInterface: (input, output, completer, terminal) => new Interface(input, output, completer, terminal),
};
