import fc from 'fast-check';
import { fullWidth } from '../helpers/text';
import { defaultCatalog, findIndicator, parseFigure, type RawCell } from '../../src/core';
import { CORPUS } from './figures';

const catalog = defaultCatalog();
const INDICATOR = { count: findIndicator(catalog, 'YL-02')!, percent: findIndicator(catalog, 'YL-03')! };

describe('the bad-input corpus', () => {
  it('has at least 300 inputs', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
  });

  it.each(CORPUS.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const parsed = parseFigure(c.cell, INDICATOR[c.unit]);
    expect({ value: parsed.value, kinds: parsed.issues.map((i) => i.kind) }).toStrictEqual({
      value: c.value,
      kinds: c.kinds,
    });
  });
});

const anyCell: fc.Arbitrary<RawCell> = fc.oneof(
  fc.string({ maxLength: 200 }).map((value) => ({ type: 'string' as const, value })),
  fc.string({ unit: 'grapheme', maxLength: 80 }).map((value) => ({ type: 'string' as const, value })),
  fc.double().map((value) => ({ type: 'number' as const, value })),
  fc
    .tuple(fc.double(), fc.constantFrom('0%', 'yyyy-mm-dd', '0.00', '"张"0', 'General', '[Red]0;-0'))
    .map(([value, numFmt]) => ({ type: 'number' as const, value, numFmt })),
  fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
  fc.string().map((value) => ({ type: 'error' as const, value })),
  fc.date({ noInvalidDate: true }).map((d) => ({ type: 'date' as const, value: d.toISOString() })),
  fc.constant({ type: 'empty' as const, formula: true }),
);

describe('properties of reading a figure', () => {
  it('never throws, and a value comes with no error', () => {
    fc.assert(
      fc.property(anyCell, fc.constantFrom<'count' | 'percent'>('count', 'percent'), (cell, unit) => {
        const parsed = parseFigure(cell, INDICATOR[unit]);
        const hasError = parsed.issues.some((i) => i.severity === 'error');
        return (parsed.value === null) === (parsed.state !== 'value') && !(hasError && parsed.value !== null);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a figure and its full-width form the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000 }),
        fc.boolean(),
        fc.constantFrom('', '%', '张'),
        (n, grouped, suffix) => {
          const text = `${grouped && n >= 1000 ? n.toLocaleString('en-US') : String(n)}${suffix}`;
          const unit = suffix === '%' ? INDICATOR.percent : INDICATOR.count;
          const a = parseFigure({ type: 'string', value: text }, unit);
          const b = parseFigure({ type: 'string', value: fullWidth(text) }, unit);
          return (
            a.value === b.value && a.issues.map((i) => i.kind).join() === b.issues.map((i) => i.kind).join()
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never changes the value when the matching measure word is added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_999 }),
        fc.constantFrom('', ' ', '\u00a0', '\u3000'),
        (n, gap) => {
          const bare = parseFigure({ type: 'string', value: String(n) }, INDICATOR.count);
          const worded = parseFigure({ type: 'string', value: `${n}${gap}张` }, INDICATOR.count);
          const percent = parseFigure(
            { type: 'string', value: `${Math.min(n, 100)}${gap}%` },
            INDICATOR.percent,
          );
          return bare.value === worded.value && percent.value === Math.min(n, 100);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
