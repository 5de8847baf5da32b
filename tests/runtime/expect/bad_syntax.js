// Not a test: required by syntax_error.js.
let x = ;
