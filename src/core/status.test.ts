import { defaultCatalog, findIndicator } from './catalog';
import { computeStatus, expectedValue, startingPoint } from './status';

const catalog = defaultCatalog();
const ind = (code: string) => findIndicator(catalog, code)!;

describe('status against the target (spec §5), worked by hand', () => {
  it('养老床位数 620 in 2023 → expected 740, off-track', () => {
    // E = 650 + (800 − 650) × 3/5 = 740; r = (620 − 650) / (740 − 650) < 0.8
    const result = computeStatus(catalog, ind('YL-02'), 620, 2023);
    expect(result).toMatchObject({ status: 'off-track', expected: 740, gap: 180 });
    expect(result.progress).toBeCloseTo(-0.3333, 3);
  });

  it('护理型床位占比 45 in 2023 → expected 45.8, at-risk', () => {
    // E = 32 + 23 × 3/5 = 45.8; r = 13 / 13.8 = 0.942
    const result = computeStatus(catalog, ind('YL-03'), 45, 2023);
    expect(result).toMatchObject({ status: 'at-risk', expected: 45.8 });
    expect(result.progress).toBeCloseTo(0.942, 3);
  });

  it('on-track at or above the line', () => {
    expect(computeStatus(catalog, ind('YL-03'), 45.8, 2023).status).toBe('on-track');
    expect(computeStatus(catalog, ind('YL-02'), 760, 2023).status).toBe('on-track');
  });

  it('at-risk exactly at r = 0.8, off-track just below', () => {
    // YL-06 55 → 80, 2022: E = 65, r = 0.8 at v = 63
    expect(computeStatus(catalog, ind('YL-06'), 63, 2022)).toMatchObject({
      status: 'at-risk',
      expected: 65,
      progress: 0.8,
    });
    expect(computeStatus(catalog, ind('YL-06'), 62.9, 2022).status).toBe('off-track');
  });

  it('in 2025 a value is only achieved or off-track', () => {
    expect(computeStatus(catalog, ind('YL-02'), 800, 2025).status).toBe('achieved');
    expect(computeStatus(catalog, ind('YL-02'), 799, 2025)).toMatchObject({
      status: 'off-track',
      gap: 1,
      expected: 800,
    });
    expect(computeStatus(catalog, ind('YL-10'), 59, 2025).status).toBe('off-track');
    expect(computeStatus(catalog, ind('YL-10'), 60, 2026).status).toBe('achieved');
  });

  it('achieved before the target year when the target is met', () => {
    expect(computeStatus(catalog, ind('TY-01'), 92, 2022)).toMatchObject({
      status: 'achieved',
      gap: 0,
      toTarget: 1,
    });
  });

  it('a maintain-level target (100 → 100): anything below is off-track', () => {
    expect(computeStatus(catalog, ind('YL-05'), 100, 2023).status).toBe('achieved');
    expect(computeStatus(catalog, ind('YL-05'), 99, 2022).status).toBe('off-track');
  });

  it('without a baseline and without history: not-judged before the target year', () => {
    expect(computeStatus(catalog, ind('YL-10'), 30, 2023)).toMatchObject({
      status: 'not-judged',
      expected: null,
      start: null,
    });
  });

  it('takes the starting point from the earliest earlier history value where the plan has none', () => {
    const history = [
      { period: 2022, code: 'YL-10', value: 30 },
      { period: 2021, code: 'YL-10', value: 20 },
      { period: 2021, code: 'YL-11', value: 99 },
      { period: 2021, code: 'YL-10', value: 5, superseded: true },
      { period: 2024, code: 'YL-10', value: 55 },
    ];
    expect(startingPoint(catalog, ind('YL-10'), 2023, history)).toStrictEqual({
      value: 20,
      year: 2021,
      source: 'history',
    });
    // E = 20 + 40 × 2/4 = 40; 35 → r = 0.75
    expect(computeStatus(catalog, ind('YL-10'), 35, 2023, { history })).toMatchObject({
      status: 'off-track',
      expected: 40,
    });
    expect(computeStatus(catalog, ind('YL-10'), 45, 2023, { history }).status).toBe('on-track');
    expect(startingPoint(catalog, ind('YL-10'), 2021, history)).toBeNull();
  });

  it('judges the cumulative YL-07 on its yearly schedule of 50 households', () => {
    expect(startingPoint(catalog, ind('YL-07'), 2023)).toMatchObject({ value: 0, source: 'schedule' });
    expect(computeStatus(catalog, ind('YL-07'), 150, 2023)).toMatchObject({
      status: 'on-track',
      expected: 150,
    });
    expect(computeStatus(catalog, ind('YL-07'), 100, 2023).status).toBe('off-track');
  });

  it('no value: no-data, or invalid when something unusable was typed', () => {
    expect(computeStatus(catalog, ind('YL-02'), null, 2023)).toMatchObject({
      status: 'no-data',
      expected: 740,
    });
    expect(computeStatus(catalog, ind('YL-02'), null, 2023, { invalid: true }).status).toBe('invalid');
  });

  it('handles lower-is-better indicators', () => {
    const lower = {
      ...ind('YL-02'),
      direction: 'lower' as const,
      baseline: { value: 100, comparator: '=' as const, printed: '100' },
      target: { value: 50, comparator: '=' as const, printed: '50' },
    };
    // E in 2023 = 100 − 50 × 3/5 = 70
    expect(computeStatus(catalog, lower, 70, 2023)).toMatchObject({ status: 'on-track', expected: 70 });
    expect(computeStatus(catalog, lower, 74, 2023).status).toBe('at-risk');
    expect(computeStatus(catalog, lower, 90, 2023).status).toBe('off-track');
    expect(computeStatus(catalog, lower, 45, 2023)).toMatchObject({ status: 'achieved', gap: 0 });
    expect(computeStatus(catalog, lower, 60, 2025)).toMatchObject({ status: 'off-track', gap: 10 });
    const maintain = { ...lower, baseline: { value: 40, comparator: '=' as const, printed: '40' } };
    expect(computeStatus(catalog, maintain, 55, 2023).status).toBe('off-track');
  });

  it('uses the project’s own years for its figures', () => {
    const beds = ind('XM-01-床位');
    // 0 in 2023 → 400 in 2025: E(2024) = 200
    expect(expectedValue(catalog, beds, 2024, startingPoint(catalog, beds, 2024))).toBe(200);
    expect(computeStatus(catalog, beds, 150, 2024).status).toBe('off-track');
    expect(computeStatus(catalog, beds, 180, 2024).status).toBe('at-risk');
    expect(computeStatus(catalog, beds, 0, 2023).status).toBe('not-judged');
  });

  it('does not judge in or before the base year', () => {
    expect(computeStatus(catalog, ind('YL-02'), 640, 2020)).toMatchObject({
      status: 'not-judged',
      expected: null,
    });
  });
});

describe('the rules the last mutation run left unproven (spec §5)', () => {
  const noBaseline = ind('YL-11'); // baseline null, target 100 %
  const maintain = ind('YL-05'); // baseline 100 → target 100: a level to hold

  it('§5 starting point: the earliest earlier value of the same indicator, never another code’s, a superseded or an empty one', () => {
    const history = [
      { period: 2021, code: 'YL-10', value: 5 },
      { period: 2021, code: 'YL-11', value: 7, superseded: true },
      { period: 2021, code: 'YL-11', value: null },
      { period: 2022, code: 'YL-11', value: 40 },
      { period: 2023, code: 'YL-11', value: 60 },
      { period: 2024, code: 'YL-11', value: 99 },
    ];
    expect(startingPoint(catalog, noBaseline, 2024, history)).toStrictEqual({
      value: 40,
      year: 2022,
      source: 'history',
    });
    // In reverse order too: the earliest, not the last seen.
    expect(startingPoint(catalog, noBaseline, 2024, [...history].reverse())).toStrictEqual({
      value: 40,
      year: 2022,
      source: 'history',
    });
  });

  it('§5 a lower-is-better target is achieved exactly at the target', () => {
    const lower = { ...ind('YL-02'), direction: 'lower' as const };
    expect(computeStatus(catalog, lower, 800, 2025).status).toBe('achieved');
    expect(computeStatus(catalog, lower, 800.5, 2025).status).toBe('off-track');
  });

  it('§5 progress to target: (value − start) / (target − start), 0 to 1', () => {
    // YL-02: 650 → 800; 725 is half-way.
    expect(computeStatus(catalog, ind('YL-02'), 725, 2023).toTarget).toBe(0.5);
    expect(computeStatus(catalog, ind('YL-02'), 600, 2023).toTarget).toBe(0);
    expect(computeStatus(catalog, ind('YL-02'), 900, 2023).toTarget).toBe(1);
  });

  it('§5 a level to hold (100 → 100): met is progress 1, short of it no progress figure and behind', () => {
    expect(computeStatus(catalog, maintain, 100, 2023)).toMatchObject({ status: 'achieved', toTarget: 1 });
    expect(computeStatus(catalog, maintain, 90, 2023)).toMatchObject({ status: 'off-track', toTarget: null });
  });

  it('§5 a level to hold where lower is better (a ceiling already reached): above it is behind, at it achieved', () => {
    // Baseline 100 and target 100 with lower better: the plan holds the level, so any rise is behind
    // before the target year too, never left unjudged for want of a slope.
    const ceiling = { ...maintain, direction: 'lower' as const };
    expect(computeStatus(catalog, ceiling, 110, 2023)).toMatchObject({ status: 'off-track', progress: null });
    expect(computeStatus(catalog, ceiling, 100, 2023)).toMatchObject({ status: 'achieved' });
  });

  it('§5 without any starting point the figure is not judged, and nothing divides by it', () => {
    expect(computeStatus(catalog, noBaseline, 60, 2023)).toMatchObject({
      status: 'not-judged',
      toTarget: null,
      expected: null,
    });
    expect(computeStatus(catalog, noBaseline, 100, 2023)).toMatchObject({ status: 'achieved', toTarget: 1 });
  });

  it('§5 expected value: none in the start year or for a start in the target year; the target itself from the target year on', () => {
    const start = { value: 650, year: 2020, source: 'baseline' as const };
    expect(expectedValue(catalog, ind('YL-02'), 2020, start)).toBeNull();
    expect(expectedValue(catalog, ind('YL-02'), 2026, { ...start, year: 2025 })).toBeNull();
    expect(expectedValue(catalog, ind('YL-02'), 2025, start)).toBe(800);
    expect(expectedValue(catalog, ind('YL-02'), 2026, start)).toBe(800);
    expect(expectedValue(catalog, ind('YL-02'), 2021, start)).toBe(680);
  });
});
