import { sha256Bytes, type Catalog, type CheckOptions, type FileResult } from '../core';
import { READ_LIMITS, fileTooLarge } from '../xlsx/reader';
import { checkFileBytes } from '../xlsx/submission';
import type { ReadRequest } from './read-worker';

/**
 * Dropped files to checked results for 汇总: a file larger than a bureau file can be is refused
 * from its size before it is read; the rest are read in a Web Worker where the pane has one
 * (the real pane and the preview), else in this thread one file per task so the pane can paint
 * between files (unit tests under jsdom).
 */

async function digest(bytes: Uint8Array): Promise<string> {
  // WebCrypto where the page is a secure context (the add-in is served over HTTPS).
  if (globalThis.crypto?.subtle) {
    const hash = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256Bytes(bytes);
}

/** Blob.arrayBuffer is missing from older web views (Safari before 14, Excel on older Macs). */
function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function')
    return file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsArrayBuffer(file);
  });
}

export type WorkerFactory = () => Worker;

/** Files handed to the reading worker ahead of its results. */
const IN_FLIGHT = 8;

export async function readDroppedFiles(
  files: readonly File[],
  catalog: Catalog,
  options: CheckOptions,
  onProgress: (done: number) => void,
  makeWorker?: WorkerFactory,
): Promise<FileResult[]> {
  let worker: Worker | null = null;
  try {
    worker = makeWorker ? makeWorker() : null;
  } catch {
    // A web view without workers: read in this thread.
  }
  const pending = new Map<number, (result: FileResult) => void>();
  if (worker) {
    worker.onmessage = (event: MessageEvent<{ id: number; result: FileResult }>) => {
      pending.get(event.data.id)?.(event.data.result);
      pending.delete(event.data.id);
    };
    // A worker that dies (out of memory on a crafted file) fails the files it held, and the rest
    // are read in this thread: no file is lost and the drop never hangs.
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      for (const [id, resolve] of pending)
        resolve({
          file: files[id]?.name ?? '',
          sha256: '',
          fileErrors: [
            { kind: 'unreadable', params: { cause: 'other', detail: event.message || 'reader stopped' } },
          ],
          report: null,
        });
      pending.clear();
    };
    worker.postMessage({ type: 'setup', catalog, options } satisfies ReadRequest);
  }
  const results: FileResult[] = new Array<FileResult>(files.length);
  // Progress at most ten times a second: a state update per file re-rendered the pane 2,600 times.
  let done = 0;
  let shown = 0;
  const progressed = () => {
    done++;
    const now = Date.now();
    if (now - shown >= 100 || done === files.length) {
      shown = now;
      onProgress(done);
    }
  };
  // A few files in the worker's queue at once, so it never waits for the next file to be read and
  // hashed; few enough that the bytes held at once stay a few bureau files, whatever the drop.
  const inFlight: Promise<void>[] = [];
  try {
    for (const [id, file] of files.entries()) {
      if (file.size > READ_LIMITS.maxFileBytes) {
        results[id] = { file: file.name, sha256: '', fileErrors: [fileTooLarge(file.size)], report: null };
        progressed();
        continue;
      }
      const bytes = await readBytes(file);
      const sha256 = await digest(bytes);
      if (worker) {
        const active = worker;
        inFlight.push(
          new Promise<void>((resolve) => {
            pending.set(id, (result) => {
              results[id] = result;
              progressed();
              resolve();
            });
            active.postMessage({ type: 'read', id, file: file.name, bytes, sha256 } satisfies ReadRequest, [
              bytes.buffer,
            ]);
          }),
        );
        if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      } else {
        results[id] = checkFileBytes(file.name, bytes, sha256, catalog, options);
        progressed();
        // Let the progress bar paint between files.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    await Promise.all(inFlight);
  } finally {
    worker?.terminate();
  }
  return results;
}
