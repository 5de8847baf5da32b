/* expect
status: 1
stderr-has: bad_syntax.js:2
stderr-has: let x = ;
stderr-has: SyntaxError: Unexpected token ';'
*/
require('./bad_syntax.js');
