import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Reading .xls, .ods and .et files by converting a copy to .xlsx with LibreOffice, where the
 * machine has it (spec §7 "Nothing silently skipped"). A bureau on WPS or an old Excel sends
 * these; the office should not have to open each one and save it again by hand.
 *
 * The original is never touched: its bytes are copied into a fresh temporary folder, converted
 * there with a profile of its own (a LibreOffice the IT person has open is neither disturbed nor
 * able to block the conversion), under a time limit, and the folder is removed afterwards.
 */

/** What a conversion can be asked for: the formats the reader refuses but LibreOffice reads. */
export type ConvertibleKind = 'xls' | 'ods' | 'et';

export const CONVERT_TIMEOUT_MS = 60_000;

/** The LibreOffice program on PATH (or YILAO_SOFFICE), or null where there is none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const asked = env.YILAO_SOFFICE;
  if (asked !== undefined) return asked !== '' && existsSync(asked) ? asked : null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export type ConvertResult = { ok: true; bytes: Buffer } | { ok: false; detail: string };

/** Converts one file's bytes to .xlsx; `extension` is the one the file came with (`.xls`, `.ods`, `.et`). */
export async function convertToXlsx(
  soffice: string,
  bytes: Uint8Array,
  extension: string,
  timeoutMs = CONVERT_TIMEOUT_MS,
): Promise<ConvertResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'yilao-convert-'));
  try {
    const input = path.join(
      work,
      `in${/^\.[a-z]{2,4}$/i.test(extension) ? extension.toLowerCase() : '.xls'}`,
    );
    const outDir = path.join(work, 'out');
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      input,
    ];
    const outcome = await new Promise<{ error: Error | null; stderr: string }>((resolve) => {
      execFile(
        soffice,
        args,
        { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true },
        (error, _out, stderr) => resolve({ error, stderr }),
      );
    });
    const produced = existsSync(outDir) ? (await readdir(outDir)).filter((f) => f.endsWith('.xlsx')) : [];
    const first = produced[0];
    if (!first) {
      const killed = outcome.error && 'killed' in outcome.error && outcome.error.killed;
      return {
        ok: false,
        detail: killed
          ? `LibreOffice did not finish within ${Math.round(timeoutMs / 1000)} s`
          : `LibreOffice made no .xlsx${outcome.stderr.trim() ? `: ${outcome.stderr.trim().split('\n').pop() ?? ''}` : ''}`,
      };
    }
    return { ok: true, bytes: await readFile(path.join(outDir, first)) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
