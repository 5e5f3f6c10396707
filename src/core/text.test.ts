import fc from 'fast-check';
import { foldWidth, resolveBureau, defaultCatalog } from '.';

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
