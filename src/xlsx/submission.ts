import { checkWorkbook, type Catalog, type CheckOptions, type FileResult } from '../core';
import { readWorkbook } from './reader';

/**
 * One file's bytes to its checked result: read by the fast reader, checked by the core. The one
 * route from bytes to a result, shared by the command line (files.ts), the pane's reading
 * worker and the pane's in-thread fallback, so the two hosts cannot read a file differently.
 * Browser-safe: the caller hashes the bytes with what its platform has (node:crypto, WebCrypto).
 */
export function checkFileBytes(
  file: string,
  bytes: Uint8Array,
  sha256: string,
  catalog: Catalog,
  options: CheckOptions = {},
): FileResult {
  const read = readWorkbook(bytes);
  if (!read.ok) return { file, sha256, fileErrors: [read.error], report: null };
  const checked = checkWorkbook(catalog, read.workbook, options);
  if (!checked.ok) return { file, sha256, fileErrors: [checked.error], report: null };
  return { file, sha256, fileErrors: [], report: checked.report };
}
