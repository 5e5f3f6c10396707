import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkWorkbook, type Catalog, type CheckOptions, type FileResult } from '../core';
import { readWorkbook } from './reader';

/** Reading bureau files from disk into the core's reports; one bad file never stops the others. */

export function sha256File(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks one workbook already in memory. */
export function checkBytes(
  file: string,
  bytes: Uint8Array,
  catalog: Catalog,
  options: CheckOptions = {},
): FileResult {
  const sha256 = sha256File(bytes);
  const read = readWorkbook(bytes);
  if (!read.ok) return { file, sha256, fileErrors: [read.error], report: null };
  const checked = checkWorkbook(catalog, read.workbook, options);
  if (!checked.ok) return { file, sha256, fileErrors: [checked.error], report: null };
  return { file, sha256, fileErrors: [], report: checked.report };
}

export function checkFile(filePath: string, catalog: Catalog, options: CheckOptions = {}): FileResult {
  const name = path.basename(filePath);
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: files are read one after another, and the async round trip
    // through the thread pool cost more than the read itself (BENCHMARKS.md).
    bytes = readFileSync(filePath);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? '';
    const detail =
      code === 'ENOENT'
        ? '文件不存在'
        : code === 'EACCES'
          ? '没有读取权限'
          : code === 'EISDIR'
            ? '这是文件夹'
            : String(cause);
    return { file: name, sha256: '', fileErrors: [{ kind: 'unreadable', params: { detail } }], report: null };
  }
  return checkBytes(name, bytes, catalog, options);
}

/** Expands folders into the .xlsx files in them (sorted by name), keeping the order given. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      files.push(input);
      continue;
    }
    if (!info.isDirectory()) {
      files.push(input);
      continue;
    }
    const names = (await readdir(input))
      // Excel's lock files (~$name.xlsx) sit beside open workbooks and are not submissions.
      .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'));
    files.push(...names.map((n) => path.join(input, n)));
  }
  return files;
}
