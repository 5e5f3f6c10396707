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
// `yilao … | head`: the reader went away; stop quietly, as other command-line tools do.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// Exit by exitCode, never process.exit(): stdout into a pipe is written asynchronously, and
// exiting at once cut a --json report at 64 KiB for whatever read it (jq, a script).
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`yilao: 内部错误 internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 3;
  },
);
