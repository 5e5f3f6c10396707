import type { Catalog, Indicator } from './catalog/schema';
import { tidyNumber } from './text';
import type { Status } from './types';

/**
 * Status against the target (spec §5). The rules apply in the order written there:
 * no-data/invalid, achieved, off-track at or after the target year, the trajectory, not-judged.
 */

export interface StartingPoint {
  value: number;
  year: number;
  /** Where it came from: the plan's baseline, the history, or the yearly schedule of a cumulative target. */
  source: 'baseline' | 'history' | 'schedule';
}

/** Why a figure was not judged (未评估), so the clerk is told rather than left guessing. */
export type NotJudged =
  /** No baseline in the plan and no earlier period: no line to measure the figure against. */
  | { reason: 'no-baseline'; targetYear: number }
  /** The period is not after the starting point (a project before its start year). */
  | { reason: 'before-start'; startYear: number; targetYear: number }
  /** The file gives no reporting year. */
  | { reason: 'no-period' }
  /** A reform before its due year: the plan sets no pace for it. */
  | { reason: 'not-due'; dueYear: number };

export interface StatusResult {
  status: Status;
  /** Set where the status is not-judged. */
  notJudged?: NotJudged;
  /** Expected value for the reporting year on the straight line from the starting point to the target. */
  expected: number | null;
  /** r = (v − B) / (E − B); 1 means exactly on the line. */
  progress: number | null;
  /** What is still missing to the target in the indicator's unit (0 once achieved). */
  gap: number | null;
  /** Share of the way from the starting point to the target, 0–1 (for progress bars). */
  toTarget: number | null;
  start: StartingPoint | null;
}

/** A value that earlier periods reported, from the master's history. */
export interface HistoryPoint {
  period: number;
  code: string;
  value: number | null;
  superseded?: boolean;
}

export function yearsOf(catalog: Catalog, indicator: Indicator): { baseYear: number; targetYear: number } {
  return {
    baseYear: indicator.baseYear ?? catalog.baseYear,
    targetYear: indicator.targetYear ?? catalog.targetYear,
  };
}

/**
 * The baseline in the base year; where the plan prints none, the earliest earlier value of the
 * same indicator in the history; for a cumulative target with a yearly schedule, 0 in the base year.
 */
export function startingPoint(
  catalog: Catalog,
  indicator: Indicator,
  period: number,
  history: readonly HistoryPoint[] = [],
): StartingPoint | null {
  const { baseYear } = yearsOf(catalog, indicator);
  if (indicator.baseline) return { value: indicator.baseline.value, year: baseYear, source: 'baseline' };
  let earliest: HistoryPoint | undefined;
  for (const point of history) {
    if (point.code !== indicator.code || point.superseded || point.value === null) continue;
    if (point.period >= period) continue;
    if (!earliest || point.period < earliest.period) earliest = point;
  }
  if (earliest && earliest.value !== null)
    return { value: earliest.value, year: earliest.period, source: 'history' };
  if (indicator.perYear !== undefined) return { value: 0, year: baseYear, source: 'schedule' };
  return null;
}

function meets(value: number, target: number, higherIsBetter: boolean): boolean {
  return higherIsBetter ? value >= target : value <= target;
}

export function computeStatus(
  catalog: Catalog,
  indicator: Indicator,
  value: number | null,
  period: number,
  options: { invalid?: boolean; history?: readonly HistoryPoint[] } = {},
): StatusResult {
  const start = startingPoint(catalog, indicator, period, options.history);
  const { targetYear } = yearsOf(catalog, indicator);
  const target = indicator.target.value;
  const higher = indicator.direction === 'higher';
  const expected = expectedValue(catalog, indicator, period, start);
  const empty: StatusResult = {
    status: 'no-data',
    expected,
    progress: null,
    gap: null,
    toTarget: null,
    start,
  };

  if (value === null) return { ...empty, status: options.invalid ? 'invalid' : 'no-data' };

  const gap = tidyNumber(Math.max(0, higher ? target - value : value - target));
  const toTarget =
    start && start.value !== target
      ? clamp01((value - start.value) / (target - start.value))
      : meets(value, target, higher)
        ? 1
        : null;
  const base = { expected, gap, toTarget, start };

  if (meets(value, target, higher)) return { ...base, status: 'achieved', progress: null };
  if (period >= targetYear) return { ...base, status: 'off-track', progress: null };
  if (!start)
    return {
      ...base,
      status: 'not-judged',
      progress: null,
      notJudged: { reason: 'no-baseline', targetYear },
    };
  if (expected === null)
    return {
      ...base,
      status: 'not-judged',
      progress: null,
      notJudged: { reason: 'before-start', startYear: start.year, targetYear },
    };
  // A maintain-level target (100 → 100): anything short of it is behind (spec §5).
  if (higher ? start.value >= target : start.value <= target)
    return { ...base, status: 'off-track', progress: null };
  if (expected === start.value)
    return {
      ...base,
      status: 'not-judged',
      progress: null,
      notJudged: { reason: 'before-start', startYear: start.year, targetYear },
    };

  const progress = tidyNumber((value - start.value) / (expected - start.value));
  const status: Status = progress >= 1 ? 'on-track' : progress >= 0.8 ? 'at-risk' : 'off-track';
  return { ...base, status, progress };
}

/** E = B + (T − B) × (Y − BY) / (TY − BY); null without a starting point or outside the plan years. */
export function expectedValue(
  catalog: Catalog,
  indicator: Indicator,
  period: number,
  start: StartingPoint | null,
): number | null {
  if (!start) return null;
  const { targetYear } = yearsOf(catalog, indicator);
  if (targetYear <= start.year || period <= start.year) return null;
  const target = indicator.target.value;
  if (period >= targetYear) return target;
  return tidyNumber(
    start.value + ((target - start.value) * (period - start.year)) / (targetYear - start.year),
  );
}

function clamp01(x: number): number {
  return tidyNumber(Math.min(1, Math.max(0, x)));
}
