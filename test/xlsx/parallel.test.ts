import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Worker threads only exist in the compiled command line (the tests run TypeScript): build it,
 * then check the same files with and without workers. The reports must be the same.
 */
jest.setTimeout(120_000);
const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: ROOT, stdio: 'pipe' },
  );
});

function combine(workers: string): { code: number | null; json: unknown } {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'yilao-par-')), '县汇总.xlsx');
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => path.join(FIXTURES, f));
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'yilao.js'), 'combine', ...files, '--out', out, '--json', '--no-convert'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        YILAO_WORKERS: workers,
        YILAO_WORKERS_ALWAYS: '1',
        YILAO_NOW: '2024-01-10T00:00:00Z',
      },
    },
  );
  if (run.stderr) throw new Error(run.stderr);
  return { code: run.status, json: JSON.parse(run.stdout) };
}

it('gives the same report with two worker threads as in one thread', () => {
  const one = combine('0');
  const two = combine('2');
  expect(two).toEqual(one);
  expect((one.json as { files: unknown[] }).files.length).toBeGreaterThan(10);
});
