/* expect
status: 1
stderr-has: Error [ERR_MODULE_NOT_FOUND]: Cannot find module
stderr-has: expect/no-such-module.mjs' imported from
stderr-has:   code: 'ERR_MODULE_NOT_FOUND'
*/
import './no-such-module.mjs';
