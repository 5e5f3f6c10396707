import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog, CheckOptions, FileResult } from '../core';
import { checkFile } from './files';

/**
 * Reading and checking many files on every core. Below a few dozen files, or where the compiled
 * worker is not there (tests run the TypeScript sources), files are checked in this thread.
 */

const WORKER = path.join(__dirname, 'check-worker.js');
/** Starting workers costs about as much as checking this many files in one thread. */
const MIN_FILES_FOR_WORKERS = 64;

export function workerCount(files: number): number {
  const forced = Number(process.env.YILAO_WORKERS);
  if (Number.isInteger(forced) && forced >= 0) return forced;
  if (files < MIN_FILES_FOR_WORKERS || !existsSync(WORKER)) return 0;
  return Math.min(os.availableParallelism(), 4);
}

function failed(file: string, detail: string): FileResult {
  // A bug or an I/O failure on one file must not stop the others.
  return {
    file: path.basename(file),
    sha256: '',
    fileErrors: [{ kind: 'unreadable', params: { detail } }],
    report: null,
  };
}

export async function checkFiles(
  files: readonly string[],
  catalog: Catalog,
  options: CheckOptions,
  onProgress: (done: number, file: string) => void = () => undefined,
): Promise<FileResult[]> {
  const workers = workerCount(files.length);
  const results: FileResult[] = new Array<FileResult>(files.length);
  let done = 0;
  if (workers === 0 || !existsSync(WORKER)) {
    for (const [index, file] of files.entries()) {
      try {
        results[index] = checkFile(file, catalog, options);
      } catch (cause) {
        results[index] = failed(file, cause instanceof Error ? cause.message : String(cause));
      }
      onProgress(++done, file);
    }
    return results;
  }
  // Interleaved shares keep the workers even when files differ in size by bureau.
  const shares = Array.from({ length: workers }, (_, w) =>
    files.flatMap((file, index) => (index % workers === w ? [{ index, path: file }] : [])),
  );
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORKER, { workerData: { catalog, options, files: share } });
          worker.on('message', (message: { index: number; result?: FileResult; error?: string }) => {
            const file = files[message.index] ?? '';
            results[message.index] = message.result ?? failed(file, message.error ?? 'unknown error');
            onProgress(++done, file);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            // A worker that died leaves its remaining files marked, not missing.
            for (const { index, path: file } of share)
              results[index] ??= failed(file, `worker exited with ${code}`);
            resolve();
          });
        }),
    ),
  );
  return results;
}
