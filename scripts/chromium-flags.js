// How this project starts Debian's Chromium headless: no sandbox (root in CI), no GPU, and none
// of the background traffic that this machine's closed network would refuse.
'use strict';
module.exports = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
