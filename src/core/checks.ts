import { allFigureIndicators, resolveBureau, roleOf, type Role } from './catalog';
import type { Bureau, Catalog, Indicator, Reform } from './catalog/schema';
import {
  HEADER_FIELDS,
  MILESTONE_PROGRESS,
  MILESTONE_SHEET,
  targetText,
  type MilestoneProgress,
} from './layout';
import { displayText, parseFigure, type FigureState } from './parse';
import {
  readSubmission,
  type MilestoneEntry,
  type Submission,
  type SubmissionEntry,
  type WorkbookView,
} from './sheet';
import {
  computeStatus,
  type HistoryPoint,
  type NotJudged,
  type StartingPoint,
  type StatusResult,
} from './status';
import { foldWidth, squashSpace } from './text';
import { STATUSES, makeIssue, type FileError, type Issue, type RawCell, type Status } from './types';

/**
 * One submission checked against the catalog: every figure read (§4), checked across
 * indicators and periods (§6) and given a status (§5). The command line and the task pane both
 * call `checkSubmission`, so a file gets the same report wherever it is checked.
 */

export type EntryKind = 'indicator' | 'project' | 'reform';

export interface EntryReport {
  kind: EntryKind;
  code: string;
  name: string;
  section: string;
  unit: string;
  role: Role;
  /** A1 reference of the figure (or progress) cell; null where the row is missing. */
  cell: string | null;
  /** The sheet the cell is on (指标填报, or 重点任务 for milestones). */
  sheet: string | null;
  row: number | null;
  raw: string;
  value: number | null;
  /** The number read even where an error makes it unusable, for display. */
  reading: number | null;
  state: FigureState;
  status: Status;
  /** Why the figure was not judged, where its status is not-judged. */
  notJudged?: NotJudged;
  expected: number | null;
  progress: number | null;
  gap: number | null;
  toTarget: number | null;
  target: number;
  targetText: string;
  start: StartingPoint | null;
  note: string;
  /** A warning on a row whose 说明 says something counts as explained (spec §4, §5 v2: `explains`). */
  explained: boolean;
  /** Where the status is to-confirm: the status the figure would have if it is right (若属实). */
  wouldBe?: Status;
  issues: Issue[];
  /** The progress chosen in 完成情况: a reform's (judged), a project figure's (kept, not judged). */
  progressText?: MilestoneProgress;
}

export interface ReportCounts {
  errors: number;
  warnings: number;
  explainedWarnings: number;
  unexplainedWarnings: number;
  byStatus: Record<Status, number>;
}

export interface SubmissionReport {
  catalogId: string;
  bureau: string | null;
  bureauText: string;
  period: number | null;
  filledBy: string;
  filledOn: string;
  phone: string;
  sheetName: string;
  fileErrors: FileError[];
  /** Issues of the sheet as a whole (unknown codes, _meta disagreement). */
  sheetIssues: Issue[];
  entries: EntryReport[];
  counts: ReportCounts;
  columns: Submission['columns'];
}

/** A value the same bureau reported for an earlier period, for the suspicious-change check. */
export interface PreviousValue extends HistoryPoint {
  bureau: string;
}

export interface CheckOptions {
  /** The master's history: starting points where the plan has none, and the previous period. */
  history?: readonly PreviousValue[];
  /** Overrides the catalog's county population for the cross-check (§6). */
  population?: number;
  /** Where the reporting period cannot be read, judge as this year (the add-in passes the sheet's). */
  fallbackPeriod?: number;
}

function emptyCounts(): ReportCounts {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  return { errors: 0, warnings: 0, explainedWarnings: 0, unexplainedWarnings: 0, byStatus };
}

export function countReport(entries: readonly EntryReport[], sheetIssues: readonly Issue[]): ReportCounts {
  const counts = emptyCounts();
  for (const entry of entries) {
    counts.byStatus[entry.status]++;
    for (const issue of entry.issues) {
      if (issue.severity === 'error') counts.errors++;
      else {
        counts.warnings++;
        if (entry.explained) counts.explainedWarnings++;
        else counts.unexplainedWarnings++;
      }
    }
  }
  for (const issue of sheetIssues) {
    if (issue.severity === 'error') counts.errors++;
    else {
      counts.warnings++;
      counts.unexplainedWarnings++;
    }
  }
  return counts;
}

function readProgress(text: string): MilestoneProgress | null {
  const folded = squashSpace(foldWidth(text)).replace(/\s/g, '');
  for (const option of MILESTONE_PROGRESS) if (folded === option) return option;
  if (['完成', '已完工', '已建成'].includes(folded)) return '已完成';
  if (['进行中', '在建', '正在推进', '实施中'].includes(folded)) return '推进中';
  if (['未开始', '尚未启动'].includes(folded)) return '未启动';
  return null;
}

/** A figure's cell as found on its sheet. */
interface FoundFigure {
  cell: string;
  row: number;
  raw: RawCell;
  note: string;
  sheet: string;
  /** A project figure's row on 重点任务 has its 完成情况 too. */
  progress?: { cell: string; raw: RawCell };
}

function figureEntry(
  catalog: Catalog,
  indicator: Indicator,
  kind: EntryKind,
  bureau: string | null,
  period: number | null,
  found: FoundFigure | undefined,
  history: readonly HistoryPoint[],
): EntryReport | null {
  const role: Role = bureau ? roleOf(indicator, bureau) : 'none';
  // A bureau does not see rows it is not responsible for unless it typed something there.
  if (!found && role !== 'lead') return null;
  const parsed = found ? parseFigure(found.raw, indicator) : null;
  if (found && role === 'none' && bureau && parsed?.state === 'empty') return null;
  const issues: Issue[] = (parsed?.issues ?? []).map((issue) => ({
    ...issue,
    code: indicator.code,
    cell: found?.cell,
  }));
  const state: FigureState = parsed?.state ?? 'empty';
  const progress = projectProgress(found, indicator.code);
  issues.push(...progress.issues);

  if (role === 'lead' && state === 'empty') {
    issues.push({
      severity: 'error',
      kind: 'missing',
      code: indicator.code,
      cell: found?.cell,
      params: { code: indicator.code, unit: indicator.unit.label, rowMissing: !found, milestone: false },
    });
  }
  // An empty row of another bureau's was passed over above: what is left here was typed.
  if (role === 'none' && bureau && parsed) {
    issues.push({
      severity: 'warning',
      kind: 'not-responsible',
      code: indicator.code,
      cell: found?.cell,
      params: { lead: indicator.lead, raw: parsed.raw },
    });
  }

  const value = parsed?.value ?? null;
  // Without a reporting year there is no trajectory: a figure is shown but not judged.
  const result: StatusResult =
    period === null
      ? {
          status: value === null ? (state === 'invalid' ? 'invalid' : 'no-data') : 'not-judged',
          ...(value === null ? {} : { notJudged: { reason: 'no-period' as const } }),
          expected: null,
          progress: null,
          gap: null,
          toTarget: null,
          start: null,
        }
      : computeStatus(catalog, indicator, value, period, { invalid: state === 'invalid', history });

  return {
    kind,
    code: indicator.code,
    name: indicator.name,
    section: indicator.section,
    unit: indicator.unit.label,
    role,
    cell: found?.cell ?? null,
    sheet: found?.sheet ?? null,
    row: found?.row ?? null,
    raw: parsed?.raw ?? '',
    value,
    reading: parsed?.reading ?? null,
    state,
    status: result.status,
    ...(result.notJudged ? { notJudged: result.notJudged } : {}),
    expected: result.expected,
    progress: result.progress,
    gap: result.gap,
    toTarget: result.toTarget,
    target: indicator.target.value,
    // As printed, and how it is read where they differ (YL-09: 1（按100%）), as the template shows it.
    targetText: targetText(indicator),
    start: result.start,
    note: found?.note ?? '',
    explained: false,
    issues,
    ...(progress.progressText ? { progressText: progress.progressText } : {}),
  };
}

/** §6: TY-04 × population / 1000 should be within the tolerance of TY-03. */
export function perThousandIssues(
  catalog: Catalog,
  valueOf: (code: string) => number | null,
  population: number,
): { code: string; issue: Issue }[] {
  const found: { code: string; issue: Issue }[] = [];
  for (const link of catalog.links.perThousand) {
    const count = valueOf(link.count);
    const rate = valueOf(link.rate);
    if (count === null || rate === null) continue;
    const implied = (rate * population) / 1000;
    const reference = Math.max(Math.abs(count), Math.abs(implied));
    if (reference === 0 || Math.abs(implied - count) / reference <= link.tolerance) continue;
    found.push({
      code: link.rate,
      issue: {
        severity: 'warning',
        kind: 'inconsistent',
        code: link.rate,
        params: {
          other: link.count,
          rate,
          population,
          populationSource: catalog.parameters.populationSource,
          implied: Math.round(implied),
          count,
          tolerance: Math.round(link.tolerance * 100),
        },
      },
    });
  }
  return found;
}

/** §6: a move against the indicator's direction by more than this share of the span |T − B|… */
export const CHANGE_AGAINST_SHARE = 0.3;
/** …or a count that falls below this share of the previous period's. */
export const COUNT_FALL_SHARE = 0.5;

/**
 * §6: a move against the indicator's direction by more than 30 % of the span |T − B| since the
 * same bureau's previous period, or a count that falls by more than half.
 */
export function suspiciousChange(
  indicator: Indicator,
  value: number,
  previous: { period: number; value: number },
  start: StartingPoint | null,
): Issue | null {
  const higher = indicator.direction === 'higher';
  const against = higher ? previous.value - value : value - previous.value;
  const span = start ? Math.abs(indicator.target.value - start.value) : 0;
  const bigMove = span > 0 && against > CHANGE_AGAINST_SHARE * span;
  const halved =
    indicator.unit.kind === 'count' && previous.value > 0 && value < previous.value * COUNT_FALL_SHARE;
  if (!bigMove && !halved) return null;
  const facts = { previousPeriod: previous.period, previous: previous.value, value };
  return makeIssue(
    'warning',
    'suspicious-change',
    bigMove
      ? { ...facts, rule: 'against-direction', threshold: CHANGE_AGAINST_SHARE }
      : { ...facts, rule: 'halved', threshold: COUNT_FALL_SHARE },
    { code: indicator.code },
  );
}

export function latestPrevious(
  history: readonly PreviousValue[],
  bureau: string,
  code: string,
  period: number,
): PreviousValue | null {
  let best: PreviousValue | null = null;
  for (const point of history) {
    if (point.bureau !== bureau || point.code !== code || point.superseded || point.value === null) continue;
    if (point.period >= period) continue;
    if (!best || point.period > best.period) best = point;
  }
  return best;
}

/**
 * The catalog looked up by code, built once per catalog: checking a province's files looked
 * indicators up with `.find` inside loops, once per entry per file.
 */
interface CatalogIndex {
  figures: readonly Indicator[];
  byCode: ReadonlyMap<string, Indicator>;
}
const indexes = new WeakMap<Catalog, CatalogIndex>();
function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    const figures = allFigureIndicators(catalog);
    index = { figures, byCode: new Map(figures.map((i) => [i.code, i])) };
    indexes.set(catalog, index);
  }
  return index;
}

/** §3 header: who reports, for which year, and whether the template's own record agrees. */
function checkHeader(
  catalog: Catalog,
  submission: Submission,
): { bureau: Bureau | undefined; fileErrors: FileError[]; sheetIssues: Issue[] } {
  const fileErrors: FileError[] = [];
  const sheetIssues: Issue[] = [...submission.issues];
  const bureau = resolveBureau(catalog, submission.bureauText);
  if (!bureau) fileErrors.push({ kind: 'bureau-unknown', params: { typed: submission.bureauText } });
  const meta = submission.meta;
  const metaBureau = meta?.bureau ? resolveBureau(catalog, meta.bureau) : undefined;
  // §7: the template was made for another bureau (用错模板) — its rows are that bureau's, so the
  // figures cannot stand for the bureau typed in B2. Without `_meta`, B2 stands.
  if (bureau && meta?.bureau && metaBureau?.name !== bureau.name) {
    fileErrors.push({ kind: 'wrong-template', params: { visible: bureau.name, meta: meta.bureau } });
  }
  const metaPeriod = meta?.period ? Number(meta.period) : null;
  if (submission.period !== null && metaPeriod !== null && metaPeriod !== submission.period) {
    sheetIssues.push(
      makeIssue(
        'warning',
        'meta-mismatch',
        { field: 'period', visible: submission.periodText, meta: meta?.period ?? '' },
        { cell: HEADER_FIELDS.period.cell },
      ),
    );
  }
  if (meta?.catalog && meta.catalog !== catalog.id) {
    sheetIssues.push(
      makeIssue('warning', 'catalog-mismatch', { fileCatalog: meta.catalog, catalog: catalog.id }),
    );
  }
  if (submission.period === null) fileErrors.push({ kind: 'period-missing', params: {} });
  return { bureau, fileErrors, sheetIssues };
}

/** Where a figure was typed: on 指标填报, or (project figures) on 重点任务. */
function figureCell(
  submission: Submission,
  rows: { entries: ReadonlyMap<string, SubmissionEntry>; milestones: ReadonlyMap<string, MilestoneEntry> },
  code: string,
): FoundFigure | undefined {
  const onEntrySheet = rows.entries.get(code);
  if (onEntrySheet) return { ...onEntrySheet, sheet: submission.sheetName };
  const onMilestoneSheet = rows.milestones.get(code);
  if (!onMilestoneSheet) return undefined;
  return {
    cell: onMilestoneSheet.figureCell,
    row: onMilestoneSheet.row,
    raw: onMilestoneSheet.figure,
    note: onMilestoneSheet.note,
    sheet: MILESTONE_SHEET,
    progress: { cell: onMilestoneSheet.progressCell, raw: onMilestoneSheet.progress },
  };
}

/**
 * A project figure's 完成情况 (§2: the same list as a reform's). Not judged — the figure is (§5)
 * — but kept, so that what the clerk chose reaches the master; a word not on the list is told.
 */
function projectProgress(
  found: FoundFigure | undefined,
  code: string,
): { progressText?: MilestoneProgress; issues: Issue[] } {
  if (!found?.progress) return { issues: [] };
  const raw = displayText(found.progress.raw).trim();
  if (raw === '') return { issues: [] };
  const progressText = readProgress(raw);
  if (progressText) return { progressText, issues: [] };
  return { issues: [makeIssue('warning', 'milestone-status', { raw }, { code, cell: found.progress.cell })] };
}

/** A reform's typed progress against its due year (§2): 已完成 is achieved; otherwise late once due. */
export function reformStatus(
  reform: Reform,
  progress: MilestoneProgress,
  period: number | null,
): { status: Status; notJudged?: NotJudged } {
  if (progress === '已完成') return { status: 'achieved' };
  // Not 已完成 in its due year or later is off-track (§2); before that the plan sets no pace.
  if (period !== null && period >= reform.dueYear) return { status: 'off-track' };
  return { status: 'not-judged', notJudged: { reason: 'not-due', dueYear: reform.dueYear } };
}

/** A reform's progress (未启动 / 推进中 / 已完成) against its due year (§2). */
function reformEntry(
  reform: Reform,
  found: MilestoneEntry | undefined,
  bureauName: string | null,
  period: number | null,
): EntryReport | null {
  const role: Role = bureauName === reform.bureau ? 'lead' : 'none';
  if (role === 'none' && (!found || displayText(found.progress).trim() === '')) return null;
  const raw = found ? displayText(found.progress) : '';
  const progressText = readProgress(raw);
  const where = { code: reform.code, cell: found?.progressCell };
  const issues: Issue[] = [];
  let status: Status;
  let notJudged: NotJudged | undefined;
  if (raw.trim() === '') {
    status = 'no-data';
    if (role === 'lead')
      issues.push(
        makeIssue(
          'error',
          'missing',
          { code: reform.code, unit: '完成情况', rowMissing: !found, milestone: true },
          where,
        ),
      );
  } else if (!progressText) {
    status = 'invalid';
    issues.push(makeIssue('error', 'milestone-status', { raw }, where));
  } else {
    ({ status, notJudged } = reformStatus(reform, progressText, period));
  }
  return {
    kind: 'reform',
    code: reform.code,
    name: reform.name,
    section: 'reform',
    unit: '',
    role,
    cell: found?.progressCell ?? null,
    sheet: found ? MILESTONE_SHEET : null,
    row: found?.row ?? null,
    raw,
    value: null,
    reading: null,
    state: progressText ? 'value' : raw.trim() === '' ? 'empty' : 'invalid',
    status,
    ...(notJudged ? { notJudged } : {}),
    expected: null,
    progress: null,
    gap: null,
    toTarget: progressText === '已完成' ? 1 : null,
    target: 1,
    targetText: reform.expected,
    start: null,
    note: found?.note ?? '',
    explained: false,
    issues,
    ...(progressText ? { progressText } : {}),
  };
}

/** §6: TY-03 against TY-04, and each figure against the same bureau's previous period. */
function crossCheck(
  catalog: Catalog,
  index: CatalogIndex,
  entries: readonly EntryReport[],
  bureauName: string | null,
  period: number | null,
  options: CheckOptions,
): void {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const population = options.population ?? catalog.parameters.population;
  for (const { code, issue } of perThousandIssues(catalog, (c) => byCode.get(c)?.value ?? null, population)) {
    const entry = byCode.get(code);
    if (entry) entry.issues.push({ ...issue, cell: entry.cell ?? undefined });
  }
  if (!bureauName || period === null) return;
  for (const entry of entries) {
    // A reform has no value, so this also passes over reforms.
    if (entry.value === null) continue;
    const previous = latestPrevious(options.history ?? [], bureauName, entry.code, period);
    const indicator = index.byCode.get(entry.code);
    if (!previous || previous.value === null || !indicator) continue;
    const issue = suspiciousChange(
      indicator,
      entry.value,
      { period: previous.period, value: previous.value },
      entry.start,
    );
    if (issue) entry.issues.push({ ...issue, cell: entry.cell ?? undefined });
  }
}

/** Warnings that question the figure itself: unexplained, they hold it at to-confirm (§5 v2). */
export const QUESTIONING_KINDS: ReadonlySet<Issue['kind']> = new Set([
  'percent-as-fraction',
  'scale-slip',
  'inconsistent',
  'suspicious-change',
]);

// A note that only points elsewhere says nothing about the figure (§5 v2: `见附件`, `详见说明`, `同上`).
const POINTER =
  /(?:请|详|参|另)?见(?:附件|附表|附页|说明|备注|上表|下表|上文|下文|文件|报告|材料)?[一二三四五六七八九十\d]*|同上|同前|同左|同下|如上|如前|略/g;
const PUNCTUATION = /[\s\p{P}\p{S}]/gu;

/**
 * Whether a 说明 explains (§5 v2): it must say something — four characters or more once what
 * only points elsewhere (`见附件`, `详见说明`, `同上`) and punctuation are taken out.
 */
export function explains(note: string): boolean {
  const said = foldWidth(note).replace(POINTER, '').replace(PUNCTUATION, '');
  // Characters, not UTF-16 units: a rare character outside the BMP counts once.
  return Array.from(said).length >= 4;
}

/**
 * §5 v2, applied after every warning is known: a usable figure with an unexplained warning that
 * questions it is to-confirm, keeping the status it would have (若属实) beside it.
 */
export function holdForConfirmation<T extends Confirmable>(entry: T): T {
  // Judged again (a combine adds a warning): start from the status the figure would have.
  const { wouldBe, ...rest } = entry;
  const status = entry.status === 'to-confirm' ? (wouldBe ?? 'not-judged') : entry.status;
  const explained = explains(entry.note) && entry.issues.some((i) => i.severity === 'warning');
  const questioned = entry.issues.some((i) => i.severity === 'warning' && QUESTIONING_KINDS.has(i.kind));
  const usable = entry.value !== null && status !== 'invalid' && status !== 'no-data';
  if (!usable || !questioned || explained) return { ...rest, status, explained } as T;
  return { ...rest, explained, status: 'to-confirm', wouldBe: status } as T;
}

/** What §5 v2 needs of an entry, in a file's report or in the master. */
export interface Confirmable {
  status: Status;
  wouldBe?: Status;
  value: number | null;
  issues: readonly Issue[];
  note: string;
  explained: boolean;
}

/** Spec §4–§6 over one read submission: every figure and milestone, then the cross-checks. */
export function checkSubmission(
  catalog: Catalog,
  submission: Submission,
  options: CheckOptions = {},
): SubmissionReport {
  const index = catalogIndex(catalog);
  const { bureau, fileErrors, sheetIssues } = checkHeader(catalog, submission);
  const bureauName = bureau?.name ?? null;
  const period = submission.period ?? options.fallbackPeriod ?? null;
  const history = options.history ?? [];

  // The submission's rows by code, once, like the catalog's.
  const rows = {
    entries: new Map(submission.entries.map((e) => [e.code, e])),
    milestones: new Map(submission.milestones.map((m) => [m.code, m])),
  };
  const entries: EntryReport[] = [];
  for (const indicator of index.figures) {
    const kind = indicator.section === 'project' ? 'project' : 'indicator';
    const found = figureCell(submission, rows, indicator.code);
    const entry = figureEntry(catalog, indicator, kind, bureauName, period, found, history);
    if (entry) entries.push(entry);
  }
  for (const reform of catalog.milestones.reforms) {
    const found = rows.milestones.get(reform.code);
    const entry = reformEntry(reform, found, bureauName, period);
    if (entry) entries.push(entry);
  }
  crossCheck(catalog, index, entries, bureauName, period, options);
  const judged = entries.map(holdForConfirmation);

  return {
    catalogId: catalog.id,
    bureau: bureauName,
    bureauText: submission.bureauText,
    period,
    filledBy: submission.filledBy,
    filledOn: submission.filledOn,
    phone: submission.phone,
    sheetName: submission.sheetName,
    fileErrors,
    sheetIssues,
    entries: judged,
    counts: countReport(judged, sheetIssues),
    columns: submission.columns,
  };
}

/** Every issue of a report, sheet-level first, in sheet order. */
export function allIssues(report: SubmissionReport): Issue[] {
  return [...report.sheetIssues, ...report.entries.flatMap((e) => e.issues)];
}

/**
 * The whole of checking one workbook, as both the command line and the add-in do it: the
 * reading rules, then the checks. A workbook that cannot be read comes back as its file error.
 */
export function checkWorkbook(
  catalog: Catalog,
  workbook: WorkbookView,
  options: CheckOptions = {},
): { ok: true; report: SubmissionReport } | { ok: false; error: FileError } {
  const read = readSubmission(workbook, catalog);
  if (!read.ok) return read;
  return { ok: true, report: checkSubmission(catalog, read.submission, options) };
}
