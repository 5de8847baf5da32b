/* expect
status: 13
stderr-has: Warning: Detected unsettled top-level await at file://
*/
await new Promise(() => {});
