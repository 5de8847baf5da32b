/* expect
status: 1
stderr-has: unhandled_rejection.js:8
stderr-has: Promise.reject(new Error('rejected'));
stderr-has: Error: rejected
*/
// An unhandled rejection is fatal at the end of the microtask drain (Node 15+).
Promise.reject(new Error('rejected'));
setTimeout(() => console.log('never'), 100);
