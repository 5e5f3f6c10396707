#!/usr/bin/env node
// A tiny static server for the preview build (dist-preview/) on localhost only: the preview and
// the browser tests need nothing more, and nothing here reaches the network.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

function serve(root, port = 0) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      const url = new URL(req.url || '/', 'http://localhost');
      rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      // A malformed escape such as /%E0%A4%A is the client's mistake, not a reason to stop serving.
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request');
      return;
    }
    const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
    if (rel.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res
        .writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' })
        .end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

module.exports = { serve };

if (require.main === module) {
  const root = path.resolve(process.argv[2] || 'dist-preview');
  const port = Number(process.argv[3] || 3001);
  serve(root, port).then(() => {
    console.log(`预览 Preview: http://localhost:${port}/  （Ctrl+C 结束 / to stop）`);
  });
}
