/* expect
status: 1
stderr-has: [UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "42".] {
stderr-has:   code: 'ERR_UNHANDLED_REJECTION'
*/
Promise.reject(42);
