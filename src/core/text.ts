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
export function foldWidth(text: string): string {
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

/** Rounds away binary noise such as 0.85 × 100 = 85.00000000000001. */
export function tidyNumber(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Number.parseFloat(value.toPrecision(12));
}
