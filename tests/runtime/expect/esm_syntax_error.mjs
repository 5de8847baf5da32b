/* expect
status: 1
stderr-has: bad_module.mjs:2
stderr-has: export const = 1;
stderr-has: SyntaxError: Unexpected token '='
*/
import './bad_module.mjs';
