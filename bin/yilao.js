#!/usr/bin/env node
// Thin launcher: the command line is compiled to build/ by `npm run build:cli`
// (run automatically by `npm ci` through the prepare script).
'use strict';
let main;
try {
  ({ main } = require('../build/xlsx/cli.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write(
      'yilao 尚未编译，请先运行 npm run build:cli（The CLI is not built yet: run npm run build:cli）\n',
    );
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`yilao: 内部错误 internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exit(3);
  },
);
