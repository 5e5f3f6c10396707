import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog, CheckOptions, FileResult } from '../core';
import { checkFile } from './files';

/**
 * Reading and checking files on worker threads. Measured on the 2-core machine this project is
 * built on, it did not pay (BENCHMARKS.md): one Node process already keeps the second core busy
 * with garbage collection and compilation. So it is off unless YILAO_WORKERS=N asks for it, for
 * a server with more cores. Where the compiled worker is missing (tests run the TypeScript
 * sources), files are always checked in this thread.
 */

const WORKER = path.join(__dirname, 'check-worker.js');
/** Starting workers costs about as much as checking this many files in one thread. */
const MIN_FILES_FOR_WORKERS = 64;

export function workerCount(files: number): number {
  const asked = process.env.YILAO_WORKERS;
  if (asked === undefined || asked === '' || files < 2 || !existsSync(WORKER)) return 0;
  const count = Number(asked);
  if (!Number.isInteger(count) || count < 0) return 0;
  // Starting workers costs about as much as checking a few dozen files in one thread.
  if (files < MIN_FILES_FOR_WORKERS && process.env.YILAO_WORKERS_ALWAYS !== '1') return 0;
  return Math.min(count, os.availableParallelism() * 2);
}

function failed(file: string, detail: string): FileResult {
  // A bug or an I/O failure on one file must not stop the others.
  return {
    file: path.basename(file),
    sha256: '',
    fileErrors: [{ kind: 'unreadable', params: { cause: 'other', detail } }],
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
