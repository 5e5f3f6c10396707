import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expandInputs } from '../../src/xlsx/files';

/**
 * A folder given to `check` or `combine` is read in the order a Chinese file manager lists it
 * (by pinyin, as zh-CN collation orders names), so the progress and the report follow the list
 * the office sees; Excel's lock files (`~$…`), hidden files and subfolders are left out.
 */
it('lists a folder in Chinese order, without lock files, hidden files or subfolders', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yilao-files-'));
  for (const name of [
    '卫健局.xlsx',
    '民政局.xlsx',
    '教体局.xlsx',
    '~$民政局.xlsx',
    '.DS_Store',
    'a-医保局.xlsx',
  ])
    writeFileSync(path.join(dir, name), '');
  mkdirSync(path.join(dir, '旧文件'));
  const listed = (await expandInputs([dir])).map((f) => path.basename(f));
  // jiao < min < wei by pinyin, and Chinese collation puts Han characters before Latin letters.
  // Code-point order would put a- first and 卫 (U+536B) before 教 (U+6559) and 民 (U+6C11).
  expect(listed).toEqual(['教体局.xlsx', '民政局.xlsx', '卫健局.xlsx', 'a-医保局.xlsx']);
});

it('keeps a file given by name, and a name that does not exist, for the check to report', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yilao-files-'));
  const file = path.join(dir, '民政局.xlsx');
  writeFileSync(file, '');
  const missing = path.join(dir, '没有这个文件.xlsx');
  expect(await expandInputs([missing, file])).toEqual([missing, file]);
});
