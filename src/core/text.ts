/**
 * Text folding shared by the figure reader, code matching and bureau names.
 *
 * A Chinese IME types full-width forms (`８５％`, `１，４００`); copy-paste from web pages and
 * chat apps brings NBSP, zero-width and bidi marks. NFKC folds the first; the second are removed.
 */

// Zero-width space/joiners, word joiner, BOM, soft hyphen, and the bidi controls (LRM, RLM,
// embeddings, overrides, isolates, Arabic letter mark).
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Full-width letters, digits and punctuation (U+FF01–FF5E) and the small form variants a
 * Chinese IME produces (﹐﹒﹪) to ASCII; NBSP, ideographic and other spaces to a space.
 * Deliberately not NFKC: that would also read circled ①②③ as 123 and ² as 2.
 */
// Every character foldWidth or stripInvisible changes: most cell texts hold none, and are returned as they are.
const FOLDED =
  /[\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u202a-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufe50-\ufe52\ufe6a\ufeff\uff01-\uff5e]/;

export function foldWidth(text: string): string {
  if (!FOLDED.test(text)) return text;
  return stripInvisible(text)
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\ufe50\ufe51]/g, ',')
    .replace(/\ufe52/g, '.')
    .replace(/\ufe6a/g, '%');
}

/** Collapses every run of white space (any Unicode space) to one ASCII space and trims. */
export function squashSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 1-based row and column to an A1 reference. */
export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** Rounds away binary noise such as 0.57 × 100 = 56.99999999999999. */
export function tidyNumber(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Number.parseFloat(value.toPrecision(12));
}

// C0 controls but tab and line feed, DEL, C1 controls, and the bidi controls that reorder what a
// terminal shows (U+061C, U+200E/F, U+202A–202E, U+2066–2069).
// eslint-disable-next-line no-control-regex -- these are exactly the characters to escape
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a file (cell text, a file name, a zip entry name) made safe for a terminal: every
 * control, C1 and bidi character shown as an escape such as `\x1b` or `\u202e`, so that a file
 * named `…\x1b]0;TITLE\x07.xlsx` cannot recolour the terminal, retitle it or hide later lines.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Characters XML 1.0 cannot hold (§2.2): C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The longest text an Excel cell holds (Excel specifications and limits: 32,767 characters). */
export const EXCEL_CELL_MAX_CHARS = 32_767;

/**
 * Text as a cell of a workbook we write can hold it: characters XML cannot carry removed (one
 * `&#xFFFF;` made the master's sharedStrings.xml not well-formed) and the length capped at
 * Excel's limit, with a visible mark where it was cut. `changed` says whether anything was.
 */
export function cellSafeText(text: string): { text: string; changed: boolean } {
  const clean = text.replace(NOT_XML, '');
  if (clean.length <= EXCEL_CELL_MAX_CHARS) return { text: clean, changed: clean !== text };
  const mark = `…（原文 ${clean.length} 字，超出 Excel 单元格上限，已截断）`;
  let cut = EXCEL_CELL_MAX_CHARS - mark.length;
  // Never cut a surrogate pair in half.
  if (/[\ud800-\udbff]/.test(clean.charAt(cut - 1))) cut--;
  return { text: clean.slice(0, cut) + mark, changed: true };
}

/**
 * A moment as the county reads a clock: China Standard Time (UTC+8, no daylight saving), as
 * `2026-11-29 18:46`, whatever zone the machine that writes it is set to. Import times in the
 * master and the reports are written this way, never as UTC `Z` strings.
 */
export function countyTime(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
