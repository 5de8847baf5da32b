/* expect
status: 0
stdout:
unhandledRejection late
rejectionHandled true
done
*/
// 'unhandledRejection' takes the error; a handler added later emits 'rejectionHandled'.
let rejected;
process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandledRejection', reason.message);
  rejected = promise;
});
process.on('rejectionHandled', (promise) => console.log('rejectionHandled', promise === rejected));
const p = Promise.reject(new Error('late'));
setTimeout(() => {
  p.catch(() => {});
  setTimeout(() => console.log('done'), 1);
}, 1);
