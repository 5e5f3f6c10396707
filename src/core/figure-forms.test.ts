import fc from 'fast-check';
import { fullWidth } from '../../test/helpers/text';
import { defaultCatalog, findIndicator, parseFigure, tidyNumber, type RawCell } from '.';

/**
 * spec §4, as properties: whatever form a clerk types a figure in — decimals, thousands
 * separators, full-width digits from a Chinese IME, the measure word, 万, a space or NBSP before
 * the unit, a number cell — the value read is the figure meant. The generator renders a known
 * value into those forms; nothing here holds by construction, the parser must undo each form.
 */

const catalog = defaultCatalog();
const BEDS = findIndicator(catalog, 'YL-02')!; // 张
const RATE = findIndicator(catalog, 'YL-03')!; // %

/** A value with up to two decimals, as a clerk would have one. */
const hundredths = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => tidyNumber(n / 100));

const grouped = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
const gap = fc.constantFrom('', ' ', '\u00a0', '\u3000');

interface Form {
  text: string;
  wide: boolean;
}

const countForms = (x: number): fc.Arbitrary<Form> =>
  fc.tuple(fc.boolean(), gap, fc.constantFrom('', '张'), fc.boolean()).map(([group, space, word, wide]) => {
    const digits = group ? grouped(x) : String(x);
    const text = `${digits}${word ? space + word : ''}`;
    return { text: wide ? fullWidth(text) : text, wide };
  });

describe('a figure typed in any of its forms reads as the figure (spec §4)', () => {
  it('counts: separators, full width, the measure word after a space', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }).chain((x) => countForms(x).map((form) => [x, form] as const)),
        ([x, form]) => {
          const parsed = parseFigure({ type: 'string', value: form.text }, BEDS);
          expect([form.text, parsed.state, parsed.value]).toStrictEqual([form.text, 'value', x]);
        },
      ),
      { numRuns: 1500, seed: 4 },
    );
  });

  it('万 multiplies: 1.2万 is 12000, in full width too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999 }), fc.boolean(), gap, (tenths, wide, space) => {
        const x = tenths * 1000; // 0.1万 steps
        const text = `${tidyNumber(tenths / 10)}万${space}张`;
        const parsed = parseFigure({ type: 'string', value: wide ? fullWidth(text) : text }, BEDS);
        expect([text, parsed.value]).toStrictEqual([text, x]);
      }),
      { numRuns: 800, seed: 5 },
    );
  });

  it('percentages: 85.5%, ８５．５％, 85.5 and a 0.855 cell formatted as percent read as 85.5', () => {
    fc.assert(
      fc.property(hundredths(100), gap, fc.boolean(), (x, space, wide) => {
        const typed = `${x}${space}%`;
        const forms: RawCell[] = [
          { type: 'string', value: typed },
          { type: 'string', value: wide ? fullWidth(typed) : typed },
          { type: 'number', value: x },
          { type: 'number', value: tidyNumber(x / 100), numFmt: '0.00%' },
        ];
        for (const cell of forms) {
          const parsed = parseFigure(cell, RATE);
          expect([cell, parsed.state, parsed.value]).toStrictEqual([cell, 'value', x]);
        }
      }),
      { numRuns: 1000, seed: 6 },
    );
  });

  it('约 and 左右 keep the value and say it is approximate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('约', '大约', '左右'), (x, word) => {
        const text = word === '左右' ? `${x}张左右` : `${word}${x}张`;
        const parsed = parseFigure({ type: 'string', value: text }, BEDS);
        expect([text, parsed.value]).toStrictEqual([text, x]);
        expect(parsed.issues.map((i) => i.kind)).toContain('approximate');
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('a count with a fraction (0.5 张) is refused, never rounded into a value', () => {
    fc.assert(
      fc.property(
        hundredths(9_999).filter((x) => !Number.isInteger(x)),
        fc.boolean(),
        (x, wide) => {
          const text = `${x}张`;
          const parsed = parseFigure({ type: 'string', value: wide ? fullWidth(text) : text }, BEDS);
          expect([text, parsed.value]).toStrictEqual([text, null]);
          expect(parsed.issues.some((i) => i.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it('a negative count is read as typed and refused, never turned positive', () => {
    fc.assert(
      fc.property(
        hundredths(9_999).filter((x) => x > 0),
        (x) => {
          const parsed = parseFigure({ type: 'string', value: `-${x}` }, BEDS);
          expect(parsed.value === x).toBe(false);
          expect(parsed.issues.some((i) => i.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });
});
