import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writing files where other people's files live. Masters sit in shared folders and annotated
 * copies beside the bureaus' originals, so every output is created under a name nobody can
 * predict, opened exclusively (O_EXCL: a planted symlink is refused, never followed), and then
 * renamed into place; and no output ever lands on an input (README: 输入文件只读不写).
 */

/** Characters Windows, macOS or Linux refuse in a file name, and every control character. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A name from a catalog or a file made into one path segment: separators and reserved
 * characters replaced, leading dots removed (a bureau named `../../x` stays inside --out).
 */
export function safeFileName(name: string): string {
  let safe = name
    .replace(UNSAFE, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (safe === '' || RESERVED.test(safe)) safe = `_${safe}`;
  // Most file systems take 255 bytes; Chinese takes three a character in UTF-8.
  while (Buffer.byteLength(safe) > 200) safe = safe.slice(0, -1);
  return safe;
}

/** `dir/name` for a name made safe, checked to stay inside `dir`. */
export function pathInside(dir: string, name: string): string {
  const target = path.resolve(dir, safeFileName(name));
  const root = path.resolve(dir);
  if (path.dirname(target) !== root) throw new Error(`${name} would be written outside ${dir}`);
  return target;
}

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
}

export class OutputExists extends Error {
  constructor(readonly file: string) {
    super(`${file} exists`);
  }
}

/**
 * Writes next to the target under an unpredictable name opened with O_EXCL, then renames: a
 * failure midway leaves the previous file as it was, and a symlink planted at a guessable
 * temporary name is never followed. With `replace: false` an existing target is refused.
 */
export async function writeFileSafely(
  file: string,
  data: Uint8Array | string,
  options: { replace: boolean } = { replace: true },
): Promise<void> {
  if (!options.replace) {
    // Exclusive create of the target itself: no window between a check and the write.
    let handle;
    try {
      handle = await open(file, 'wx');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputExists(file);
      throw cause;
    }
    try {
      await handle.writeFile(data);
    } catch (cause) {
      await handle.close();
      await rm(file, { force: true });
      throw cause;
    }
    await handle.close();
    return;
  }
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cause;
  }
}

/** Device and inode of a file, to tell whether two paths are one file (links, `..`, case). */
export async function fileIdentity(file: string): Promise<string | null> {
  try {
    const info = await stat(file);
    return `${info.dev}:${info.ino}`;
  } catch {
    return null;
  }
}

/**
 * Output paths for a batch: where the wanted name is an input, or already given to another
 * output of this batch, ` (2)`, ` (3)`… is added before the extension.
 */
export async function outputPaths(wanted: readonly string[], inputs: readonly string[]): Promise<string[]> {
  const inputIds = new Set((await Promise.all(inputs.map(fileIdentity))).filter((id) => id !== null));
  const inputPaths = new Set(inputs.map((f) => path.resolve(f)));
  const taken = new Set<string>();
  const result: string[] = [];
  for (const file of wanted) {
    const ext = path.extname(file);
    const stem = file.slice(0, file.length - ext.length);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? file : `${stem} (${n})${ext}`;
      const resolved = path.resolve(candidate);
      if (taken.has(resolved) || inputPaths.has(resolved)) continue;
      const id = await fileIdentity(candidate);
      if (id !== null && inputIds.has(id)) continue;
      taken.add(resolved);
      result.push(candidate);
      break;
    }
  }
  return result;
}
