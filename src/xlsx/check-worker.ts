import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog, type CheckOptions } from '../core';
import { checkFile } from './files';

/**
 * A worker of `checkFiles`: checks the files it is given, one message per file, so the main
 * thread can show progress and keep the order. The catalog arrives as data and is checked again.
 */
interface Job {
  catalog: unknown;
  options: CheckOptions;
  files: { index: number; path: string }[];
}

function run(): void {
  const job = workerData as Job;
  const loaded = loadCatalog(job.catalog);
  if (!loaded.ok) throw new Error(`bad catalog in worker: ${loaded.errors.join('; ')}`);
  for (const { index, path } of job.files) {
    try {
      parentPort?.postMessage({ index, result: checkFile(path, loaded.catalog, job.options) });
    } catch (cause) {
      parentPort?.postMessage({ index, error: cause instanceof Error ? cause.message : String(cause) });
    }
  }
}

run();
