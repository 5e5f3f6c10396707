import fc from 'fast-check';
import {
  EXCEL_CELL_MAX_CHARS,
  cellRef,
  cellSafeText,
  columnLetter,
  countyTime,
  defaultCatalog,
  foldWidth,
  printable,
  resolveBureau,
  squashSpace,
  stripInvisible,
  tidyNumber,
} from '.';

/** foldWidth returns most texts untouched without looking twice; it must fold exactly as the full rules do. */
function foldWidthSlow(text: string): string {
  return text
    .replace(/[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g, '')
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\ufe50\ufe51]/g, ',')
    .replace(/\ufe52/g, '.')
    .replace(/\ufe6a/g, '%');
}

describe('foldWidth (spec §4: full-width forms and invisible marks)', () => {
  it('folds every string as the full rules do, over the characters a clerk and a paste bring', () => {
    // Each boundary of each range, and plain text around them.
    const special = [
      0x00a0, 0x00ad, 0x061c, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b, 0x200f, 0x2010, 0x2029, 0x202a, 0x202e,
      0x202f, 0x205e, 0x205f, 0x2060, 0x2064, 0x2065, 0x2066, 0x206f, 0x3000, 0xfe4f, 0xfe50, 0xfe51, 0xfe52,
      0xfe53, 0xfe6a, 0xfeff, 0xff00, 0xff01, 0xff10, 0xff5e, 0xff5f,
    ].map((c) => String.fromCharCode(c));
    const char = fc.oneof(
      fc.constantFrom(...special, '8', '5', '%', '张', ' ', '.'),
      fc.string({ maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(foldWidth(text)).toBe(foldWidthSlow(text));
      }),
      { numRuns: 2000, seed: 29 },
    );
    expect(foldWidth('８５．５％')).toBe('85.5%');
    expect(foldWidth('620张')).toBe('620张');
  });

  it('resolves a bureau by any of its written forms, the same answer every time', () => {
    const catalog = defaultCatalog();
    for (const typed of ['民政局', '县民政局', '耿马县民政局', '耿马自治县 民政局', '县民政局'])
      expect(resolveBureau(catalog, typed)?.name).toBe('县民政局');
    expect(resolveBureau(catalog, '县不存在局')).toBeUndefined();
    expect(resolveBureau(catalog, '')).toBeUndefined();
  });
});

describe('text helpers the core shares with both adapters', () => {
  it('stripInvisible removes zero-width, bidi and soft-hyphen marks and nothing else', () => {
    expect(stripInvisible('6\u200b2\u200d0\ufeff张\u00ad\u202e\u2066')).toBe('620张');
    expect(stripInvisible('６２０ 张\u00a0')).toBe('６２０ 张\u00a0');
  });

  it('squashSpace makes every run of spaces, Unicode ones too, one ASCII space, and trims', () => {
    expect(squashSpace('\u3000 县\u00a0\u00a0民政局\t\n')).toBe('县 民政局');
    expect(squashSpace('a  b')).toBe('a b');
    expect(squashSpace('')).toBe('');
  });

  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
  ])('columnLetter(%i) is %s, as Excel names columns', (column, letters) => {
    expect(columnLetter(column)).toBe(letters);
  });

  it('cellRef puts the column letters before the row', () => {
    expect(cellRef(3, 28)).toBe('AB3');
    expect(columnLetter(0)).toBe('');
  });

  it('tidyNumber rounds away binary noise at twelve significant digits and leaves non-finite values', () => {
    expect(0.57 * 100).toBe(56.99999999999999);
    expect(tidyNumber(0.57 * 100)).toBe(57);
    expect(tidyNumber(0.07 * 100)).toBe(7);
    expect(tidyNumber(1 / 3)).toBe(0.333333333333);
    expect(tidyNumber(123456789012345)).toBe(123456789012000);
    expect(tidyNumber(Infinity)).toBe(Infinity);
    expect(tidyNumber(NaN)).toBeNaN();
  });

  it('printable shows terminal controls and bidi marks as escapes, and keeps tab, line feed and text', () => {
    expect(printable('\x1b]0;TITLE\x07.xlsx')).toBe('\\x1b]0;TITLE\\x07.xlsx');
    expect(printable('a\u202eb\u200ec\u2069')).toBe('a\\u202eb\\u200ec\\u2069');
    expect(printable('\x00\x7f\x9f\u061c')).toBe('\\x00\\x7f\\x9f\\u061c');
    expect(printable('民政局\t2023\n')).toBe('民政局\t2023\n');
    // Characters outside the escaped ranges are kept: a space, ‰, an em dash, U+2070.
    expect(printable(' ‰—\u2070\u00a0')).toBe(' ‰—\u2070\u00a0');
  });

  it('cellSafeText removes what XML 1.0 cannot hold and keeps pairs, tabs and line ends', () => {
    expect(cellSafeText('a\u0000b\u0008c\u000bd\u001fe\uffffz\ufffe')).toStrictEqual({
      text: 'abcdez',
      changed: true,
    });
    expect(cellSafeText('x\ud800y\udc00z')).toStrictEqual({ text: 'xyz', changed: true });
    expect(cellSafeText('😀\t\n\r')).toStrictEqual({ text: '😀\t\n\r', changed: false });
    expect(cellSafeText('620张')).toStrictEqual({ text: '620张', changed: false });
  });

  it('cellSafeText cuts text past Excel’s 32,767 characters with a visible mark, never inside a pair', () => {
    const exact = 'a'.repeat(EXCEL_CELL_MAX_CHARS);
    expect(cellSafeText(exact)).toStrictEqual({ text: exact, changed: false });
    const long = cellSafeText('a'.repeat(EXCEL_CELL_MAX_CHARS + 1));
    expect(long.changed).toBe(true);
    expect(long.text.length).toBe(EXCEL_CELL_MAX_CHARS);
    expect(
      long.text.endsWith(`…（原文 ${EXCEL_CELL_MAX_CHARS + 1} 字，超出 Excel 单元格上限，已截断）`),
    ).toBe(true);
    // A pair that would straddle the cut is left out whole.
    const mark = `…（原文 ${EXCEL_CELL_MAX_CHARS + 1} 字，超出 Excel 单元格上限，已截断）`;
    const cut = EXCEL_CELL_MAX_CHARS - mark.length;
    const straddling = 'a'.repeat(cut - 1) + '😀' + 'b'.repeat(EXCEL_CELL_MAX_CHARS + 1 - cut - 1);
    expect(straddling.length).toBe(EXCEL_CELL_MAX_CHARS + 1);
    const safe = cellSafeText(straddling);
    expect(safe.text).toBe('a'.repeat(cut - 1) + mark);
    // A pair elsewhere in the text does not shorten a cut that splits none.
    const pairFirst = cellSafeText('😀' + 'a'.repeat(EXCEL_CELL_MAX_CHARS));
    expect(pairFirst.text.length).toBe(EXCEL_CELL_MAX_CHARS);
    expect(pairFirst.text.startsWith('😀a')).toBe(true);
  });

  it('countyTime writes the moment in China Standard Time, whatever the machine’s zone', () => {
    expect(countyTime(new Date('2026-11-29T10:46:00Z'))).toBe('2026-11-29 18:46');
    expect(countyTime(new Date('2026-11-29T16:30:59Z'))).toBe('2026-11-30 00:30');
  });
});
