/* expect
status: 1
stderr-has: Error [ERR_REQUIRE_ESM]: require() of ES Module
stderr-has: bad_module.mjs
*/
require('./bad_module.mjs');
