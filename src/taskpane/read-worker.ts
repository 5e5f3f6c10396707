/// <reference lib="webworker" />
import type { Catalog, CheckOptions } from '../core';
import { checkFileBytes } from '../xlsx/submission';

/**
 * Reads and checks dropped files off Excel's main thread: a crafted file that takes the reader
 * long, or a large batch, never freezes the pane or Excel. Same route as the command line.
 */

export type ReadRequest =
  | { type: 'setup'; catalog: Catalog; options: CheckOptions }
  | { type: 'read'; id: number; file: string; bytes: Uint8Array; sha256: string };

let catalog: Catalog | null = null;
let options: CheckOptions = {};

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<ReadRequest>) => {
  const request = event.data;
  if (request.type === 'setup') {
    catalog = request.catalog;
    options = request.options;
    return;
  }
  if (!catalog) return;
  try {
    scope.postMessage({
      id: request.id,
      result: checkFileBytes(request.file, request.bytes, request.sha256, catalog, options),
    });
  } catch (error) {
    scope.postMessage({
      id: request.id,
      result: {
        file: request.file,
        sha256: request.sha256,
        fileErrors: [
          {
            kind: 'unreadable',
            params: { cause: 'other', detail: error instanceof Error ? error.message : 'error' },
          },
        ],
        report: null,
      },
    });
  }
};
