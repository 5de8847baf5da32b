/* expect
status: 1
stderr-has: throw_primitive.js:7
stderr-has: throw 'a string';
stderr-has: a string
*/
throw 'a string';
