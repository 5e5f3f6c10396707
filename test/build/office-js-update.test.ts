import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `npm run office-js:update`: the local Office.js refreshed from a source, never silently partial. */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { update, wanted } = require('../../scripts/office-js-update.js') as {
  wanted: () => string[];
  update: (
    args: { from: string; to: string },
    log?: (line: string) => void,
  ) => Promise<{ fetched: string[]; missing: string[] }>;
};
const PACKAGE = path.join(__dirname, '..', '..', 'node_modules', '@microsoft', 'office-js', 'dist');

let source = '';
let server: http.Server;
let base = '';

beforeAll(async () => {
  // A "CDN" of newer files: the package's own, office.js marked, one host file gone.
  source = mkdtempSync(path.join(tmpdir(), 'yilao-cdn-'));
  for (const name of wanted()) cpSync(path.join(PACKAGE, name), path.join(source, name));
  writeFileSync(
    path.join(source, 'office.js'),
    `${readFileSync(path.join(PACKAGE, 'office.js'), 'utf8')}\n/* 16.0.99999 */\n`,
  );
  rmSync(path.join(source, 'excel-15.js'));
  server = http.createServer((request, response) => {
    const file = path.join(source, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(source) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('mirrors office.js, the Excel host files and the locale strings from a server', async () => {
  const to = path.join(mkdtempSync(path.join(tmpdir(), 'yilao-vendor-')), 'office-js');
  const lines: string[] = [];
  const result = await update({ from: base, to }, (line) => lines.push(line));
  expect(wanted()).toEqual(
    expect.arrayContaining(['office.js', 'excel-web-16.00.js', 'zh-cn/office_strings.js']),
  );
  expect(result.missing).toEqual(['excel-15.js']);
  expect(readFileSync(path.join(to, 'office.js'), 'utf8')).toContain('16.0.99999');
  // What the source lacked is kept from the npm package, and the record says so.
  expect(readFileSync(path.join(to, 'excel-15.js'))).toEqual(readFileSync(path.join(PACKAGE, 'excel-15.js')));
  expect(readFileSync(path.join(to, 'SOURCE.txt'), 'utf8')).toContain('kept: excel-15.js');
  expect(lines.join('\n')).toMatch(/1 not there/);
});

it('mirrors from a folder too, and a source without office.js leaves the old copy whole', async () => {
  const to = path.join(mkdtempSync(path.join(tmpdir(), 'yilao-vendor-')), 'office-js');
  await update({ from: source, to }, () => undefined);
  const before = readFileSync(path.join(to, 'office.js'));
  const empty = mkdtempSync(path.join(tmpdir(), 'yilao-empty-'));
  await expect(update({ from: empty, to }, () => undefined)).rejects.toThrow(/没有 office\.js/);
  expect(readFileSync(path.join(to, 'office.js'))).toEqual(before);
  await expect(update({ from: `${base}nowhere/`, to }, () => undefined)).rejects.toThrow(/没有 office\.js/);
  expect(readFileSync(path.join(to, 'office.js'))).toEqual(before);
});
