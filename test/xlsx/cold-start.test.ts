import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli';

/**
 * Commands that only read start without the writers: exceljs (about 0.3 s to load) is loaded by
 * `template`, `combine`, `check --annotate` and `demo` only. Here loading it at all fails the test.
 */
jest.mock('exceljs', () => {
  throw new Error('exceljs was loaded by a command that only reads');
});

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

it('check and lint-catalog run without loading exceljs', async () => {
  const check = await runCli(['check', fixture('openpyxl-民政局.xlsx'), '--json']);
  expect(check.stderr).toBe('');
  expect(JSON.parse(check.stdout)).toHaveProperty('files');
  const lint = await runCli(['lint-catalog', '--json']);
  expect(lint.code).toBe(0);
});

it('and a command that writes does load it (so the test above can fail)', async () => {
  const result = await runCli([
    'template',
    '--period',
    '2023',
    '--bureau',
    '民政局',
    '--out',
    mkdtempSync(path.join(tmpdir(), 'yilao-cold-')),
  ]);
  expect(`${result.stderr}${result.stdout}`).toMatch(/exceljs was loaded/);
});

it('combine writes the master with exceljs’s streaming writer alone, never loading the package’s entry (half its load time)', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'yilao-cold-'));
  const master = path.join(out, 'master.xlsx');
  const result = await runCli(['combine', fixture('openpyxl-民政局.xlsx'), '--out', master, '--json']);
  expect(result.stderr).not.toMatch(/exceljs was loaded/);
  expect(JSON.parse(result.stdout)).toHaveProperty('files');
  expect(existsSync(master)).toBe(true);
});
