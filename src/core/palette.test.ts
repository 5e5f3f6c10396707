import { HEADER_COLOUR, INPUT_COLOUR, SECTION_COLOUR, SEVERITY_COLOURS, STATUS_COLOURS } from './palette';
import { STATUSES } from './types';

/**
 * The colours every writer paints with: readable (WCAG 2.1 §1.4.3, contrast of at least 4.5 : 1
 * for text of normal size, with relative luminance as WCAG defines it) and telling each status
 * apart. Colours are RRGGBB without a prefix; each writer adds its own.
 */

function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('the palette', () => {
  it('the contrast formula itself: black on white is 21 : 1, a colour on itself 1 : 1', () => {
    expect(contrast('FFFFFF', '000000')).toBeCloseTo(21, 5);
    expect(contrast('767676', 'FFFFFF')).toBeCloseTo(4.54, 2);
    expect(contrast('808080', 'FFFFFF')).toBeCloseTo(3.95, 2);
    expect(contrast('C6EFCE', 'C6EFCE')).toBe(1);
  });

  it('every status and severity has six hex digits of fill and of text, the text readable on its fill', () => {
    const pairs = { ...STATUS_COLOURS, ...SEVERITY_COLOURS };
    expect(Object.keys(STATUS_COLOURS).sort()).toStrictEqual([...STATUSES].sort());
    for (const [name, { fill, font }] of Object.entries(pairs)) {
      expect({ name, fill, font }).toStrictEqual({
        name,
        fill: expect.stringMatching(/^[0-9A-F]{6}$/),
        font: expect.stringMatching(/^[0-9A-F]{6}$/),
      });
      expect({ name, readable: contrast(fill, font) >= 4.5 }).toStrictEqual({ name, readable: true });
    }
  });

  it('no two statuses share a fill: the colour alone tells them apart on a sheet', () => {
    const fills = Object.values(STATUS_COLOURS).map((c) => c.fill);
    expect(new Set(fills).size).toBe(fills.length);
    // A wrong figure is stronger news than a late one.
    expect(SEVERITY_COLOURS.error.fill).not.toBe(STATUS_COLOURS['off-track'].fill);
  });

  it('black text reads on the input, header and section fills', () => {
    for (const fill of [INPUT_COLOUR, HEADER_COLOUR, SECTION_COLOUR]) {
      expect(fill).toMatch(/^[0-9A-F]{6}$/);
      expect(contrast(fill, '000000')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
