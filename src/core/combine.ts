import { allFigureIndicators } from './catalog';
import type { Catalog, Indicator, Reform } from './catalog/schema';
import {
  holdForConfirmation,
  latestPrevious,
  perThousandIssues,
  reformStatus,
  suspiciousChange,
  type EntryReport,
  type PreviousValue,
  type SubmissionReport,
} from './checks';
import { targetText, type MilestoneProgress } from './layout';
import type { Decision, FileRecord, MasterState, RecordEntry } from './master-state';
import { computeStatus, type NotJudged } from './status';
import { STATUSES, type FileError, type Issue, type Status } from './types';

/**
 * Combining the bureaus' submissions into the county master (spec §7). Pure: the adapters read
 * the files and an existing master's state, this decides what the master says, and the adapters
 * write it.
 *
 * The master is rebuilt at every combine from its state — every file it has ever been given, and
 * the office's decisions — plus this run's files. Nothing depends on file names, on the order
 * files were given, or on how many runs built it: files are chosen by 填报日期 and by explicit
 * decision, and every list is sorted by what the files say.
 */

/** One file handed to the combine. */
export interface CombineInput {
  file: string;
  sha256: string;
  /** Null where the file could not be read at all. */
  report: SubmissionReport | null;
  /** Errors of reading the file (not a workbook, damaged, …). */
  fileErrors: FileError[];
  /** Read after LibreOffice converted a copy to .xlsx: the extension it came with. */
  convertedFrom?: string;
}

/** A row of 历史: every figure of every usable file, superseded ones marked. */
export interface HistoryRow {
  period: number;
  code: string;
  value: number | null;
  raw: string;
  status: Status;
  bureau: string;
  file: string;
  fileHash: string;
  filledOn: string;
  importedAt: string;
  superseded: boolean;
  supersededBy: string;
  note: string;
  /** A project figure's 完成情况 as its bureau chose it: typed, so kept, even with no figure beside it. */
  progressText?: MilestoneProgress;
}

/**
 * What became of a file: its figures are the bureau's (used), a strictly later file replaced it
 * (superseded) or the office chose another, it waits for a decision (to-confirm), or it was
 * rejected with a reason.
 */
export type Outcome = 'used' | 'superseded' | 'to-confirm' | 'rejected';

/** Why one of several files of a bureau was taken (§7's default rule, or the office's decision). */
export type ChoiceRule =
  'decided' | 'kept-earlier' | 'fewer-errors' | 'more-figures' | 'earlier-received' | 'content';

/** Files of one bureau and period that only a decision can tell apart (same or missing 填报日期). */
export interface PendingChoice {
  bureau: string;
  period: number;
  candidates: {
    file: string;
    sha256: string;
    filledOn: string;
    errors: number;
    figures: number;
    importedAt: string;
  }[];
  /** The file the master uses until someone decides, and by which rule. */
  kept: string;
  rule: Exclude<ChoiceRule, 'decided'>;
}

export interface RegisterRow {
  file: string;
  bureau: string;
  period: number | null;
  filledBy: string;
  filledOn: string;
  phone: string;
  sha256: string;
  importedAt: string;
  errors: number;
  warnings: number;
  outcome: Outcome;
  /** Why the file was rejected; null otherwise. */
  reason: FileError | null;
  /** The file used instead (superseded), or the file used for now (to-confirm, where not this one). */
  supersededBy: string;
  /** Superseded by the office's decision rather than by a later 填报日期. */
  byDecision: boolean;
  /**
   * To-confirm: whether this is the file used for now, the rule that chose it, and the other files
   * of the tie — the first three by name and how many in all (a province's tie holds thousands,
   * and a full list on every row of it was quadratic in time and memory).
   */
  pending: {
    keptHere: boolean;
    rule: Exclude<ChoiceRule, 'decided'>;
    others: string[];
    otherCount: number;
  } | null;
  /** Used because the office decided so (a `--keep` or the pane's choice). */
  decided: boolean;
  /** Carried from a master written before the state was kept: its issues were not stored. */
  legacy: boolean;
  /** Read after LibreOffice converted it to .xlsx: the extension it came with. */
  convertedFrom: string;
}

export interface Conflict {
  bureau: string;
  value: number;
  file: string;
}

export interface MasterRow {
  code: string;
  name: string;
  kind: EntryReport['kind'];
  section: string;
  unit: string;
  value: number | null;
  raw: string;
  status: Status;
  /** To-confirm: the status the figure would have if it is right (§5 v2). */
  wouldBe?: Status;
  notJudged?: NotJudged;
  expected: number | null;
  target: number;
  targetText: string;
  gap: number | null;
  toTarget: number | null;
  progress: number | null;
  /** The bureau whose figure the master shows ('' where no bureau reported). */
  bureau: string;
  file: string;
  /** The lead sent no usable figure; this one is a co-responsible bureau's (spec §7). */
  fromCoResponsible: boolean;
  conflicts: Conflict[];
  issueCount: number;
  issues: Issue[];
  note: string;
  explained: boolean;
  /** The figure comes from a master written before issues were stored. */
  legacy: boolean;
  /** The latest earlier period with a value for this indicator, where there is one (§7 "Periods"). */
  previous?: { period: number; value: number };
  /** A project figure's 完成情况 as its bureau chose it (not judged: the figure is). */
  progressText?: MilestoneProgress;
}

/** One indicator across the periods the master holds (趋势). */
export interface TrendRow {
  code: string;
  name: string;
  unit: string;
  kind: EntryReport['kind'];
  cells: { period: number; value: number | null; raw: string; expected: number | null; status: Status }[];
}

export interface CompletionCell {
  bureau: string;
  code: string;
  role: 'lead' | 'co';
  state: 'filled' | 'missing' | 'not-applicable' | 'invalid' | 'no-file';
}

export interface OverviewCounts {
  key: string;
  label: string;
  counts: Record<Status, number>;
}

/** A bureau with duties in the plan and no file in use for the period (§7 未报送). */
export interface NotReported {
  bureau: string;
  /** Indicators and tasks it leads. */
  leads: string[];
  /** Indicators it shares. */
  shares: string[];
  /** Its files of the period that were rejected, with why; or waiting for a decision. */
  files: { file: string; reason: FileError | null; outcome: Outcome }[];
}

export interface Master {
  catalogId: string;
  period: number;
  rows: MasterRow[];
  register: RegisterRow[];
  completion: CompletionCell[];
  history: HistoryRow[];
  /** Each indicator per period held, oldest first. */
  trend: TrendRow[];
  overview: { bySection: OverviewCounts[]; byBureau: OverviewCounts[] };
  notReported: NotReported[];
  pending: PendingChoice[];
  /** What the writers store so that the next combine starts from here. */
  state: MasterState;
}

export interface CombineOptions {
  /** The reporting year; by default the latest of the existing master's and the one most of this run's files report. */
  period?: number;
  /** The state of the master being combined into. */
  existing?: MasterState;
  /** SHA-256 of files the office chose to keep where a bureau sent several (`--keep`, the pane's choice). */
  keep?: readonly string[];
  /** County time stamped on newly received files; injectable so that runs can be compared. */
  importedAt: string;
}

/** A file's record as judged for one combine: entries with statuses, against the history before it. */
interface Judged {
  record: FileRecord;
  entries: Map<string, JudgedEntry>;
}

interface JudgedEntry extends RecordEntry {
  status: Status;
  wouldBe?: Status;
  notJudged?: NotJudged;
  expected: number | null;
  gap: number | null;
  toTarget: number | null;
  progress: number | null;
  explained: boolean;
}

/** Catalog lookups built once per combine. */
interface Index {
  figures: readonly Indicator[];
  indicator: ReadonlyMap<string, Indicator>;
  reform: ReadonlyMap<string, Reform>;
  bureauOrder: ReadonlyMap<string, number>;
  codeOrder: ReadonlyMap<string, number>;
}

function indexOf(catalog: Catalog): Index {
  const figures = allFigureIndicators(catalog);
  const codes = [...figures.map((i) => i.code), ...catalog.milestones.reforms.map((r) => r.code)];
  return {
    figures,
    indicator: new Map(figures.map((i) => [i.code, i])),
    reform: new Map(catalog.milestones.reforms.map((r) => [r.code, r])),
    bureauOrder: new Map(catalog.bureaus.map((b, i) => [b.name, i])),
    codeOrder: new Map(codes.map((c, i) => [c, i])),
  };
}

/** Code-point order, the same on every machine (localeCompare is not). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Warnings that depend on other files (the previous period) are found again at each combine. */
const FOUND_AGAIN: ReadonlySet<Issue['kind']> = new Set(['suspicious-change']);

/** A checked file as the master keeps it. */
export function recordOf(input: CombineInput, importedAt: string): FileRecord {
  const report = input.report;
  const fileErrors = [...input.fileErrors, ...(report?.fileErrors ?? [])];
  const entries: RecordEntry[] = (report?.entries ?? []).map((entry) => ({
    code: entry.code,
    role: entry.role,
    cell: entry.cell,
    raw: entry.raw,
    value: entry.value,
    state: entry.state,
    note: entry.note,
    issues: entry.issues.filter((issue) => !FOUND_AGAIN.has(issue.kind)),
    ...(entry.progressText ? { progressText: entry.progressText } : {}),
  }));
  // §7: a file with not one usable figure (a blank or untouched template) is 空表.
  if (report && fileErrors.length === 0 && !entries.some(usableEntry))
    fileErrors.push({ kind: 'blank', params: { typed: entries.filter((e) => e.raw.trim() !== '').length } });
  return {
    file: input.file,
    sha256: input.sha256,
    importedAt,
    bureau: report?.bureau ?? null,
    bureauText: report?.bureauText ?? '',
    period: report?.period ?? null,
    filledBy: report?.filledBy ?? '',
    filledOn: report?.filledOn ?? '',
    phone: report?.phone ?? '',
    fileErrors,
    sheetIssues: report?.sheetIssues ?? [],
    errors: report?.counts.errors ?? 0,
    warnings: report?.counts.warnings ?? 0,
    entries,
    ...(input.convertedFrom ? { convertedFrom: input.convertedFrom } : {}),
  };
}

function usableEntry(entry: RecordEntry): boolean {
  return entry.value !== null || entry.progressText !== undefined;
}

function figureCount(record: FileRecord): number {
  return record.entries.filter(usableEntry).length;
}

/** The period a run combines: as asked, else the latest of the master's and what most new files report. */
function choosePeriod(
  records: readonly FileRecord[],
  existing: MasterState | undefined,
  fallback: number,
): number {
  const tally = new Map<number, number>();
  for (const record of records)
    if (record.period !== null) tally.set(record.period, (tally.get(record.period) ?? 0) + 1);
  let best: number | null = null;
  for (const [period, count] of tally) {
    const bestCount = best === null ? -1 : (tally.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && period > best)) best = period;
  }
  if (existing) return best === null ? existing.period : Math.max(best, existing.period);
  return best ?? fallback;
}

/**
 * A file refused only because it gave another period than the one combined then — most often next
 * period's report sent early — is a file of this period once this period is combined: refusing it
 * again would make the master depend on when the file came (combined in steps or at once), and
 * list a bureau as 未报送 whose file the office holds. Only the period's refusal is lifted: a blank
 * file of that period (told its year first, combine) is still 空表, and any other refusal stands.
 */
function periodNowCombined(record: FileRecord, period: number): boolean {
  const [first, ...more] = record.fileErrors;
  return (
    first?.kind === 'period-mismatch' && more.every((e) => e.kind === 'blank') && record.period === period
  );
}

const recordKey = (record: { sha256: string; file: string }): string =>
  `${record.sha256}\u0000${record.file}`;

/** The selection of §7 for one bureau and period: one file used, the others superseded or pending. */
interface Selection {
  used: FileRecord;
  superseded: Map<string, { by: FileRecord; byDecision: boolean }>;
  pending: PendingChoice | null;
  decided: boolean;
}

function select(
  group: readonly FileRecord[],
  decision: Decision | undefined,
  wasCurrent: ReadonlySet<string>,
): Selection {
  // The latest 填报日期 ('' when none is dated: an undated file never counts as later).
  const latest = group.reduce((max, r) => (r.filledOn > max ? r.filledOn : max), '');
  // Only a strictly later 填报日期 supersedes; the latest-dated files and the undated ones are candidates.
  const candidates = group.filter((r) => r.filledOn === '' || r.filledOn === latest);
  const superseded = new Map<string, { by: FileRecord; byDecision: boolean }>();
  const settle = (used: FileRecord, pending: PendingChoice | null, decided: boolean): Selection => {
    for (const record of group)
      if (record !== used && (decided || !candidates.includes(record)))
        superseded.set(recordKey(record), { by: used, byDecision: decided && candidates.includes(record) });
    return { used, superseded, pending, decided };
  };
  const only = candidates[0];
  if (candidates.length === 1 && only) return settle(only, null, false);
  const kept = decision ? candidates.find((r) => r.sha256 === decision.keep) : undefined;
  if (kept) return settle(kept, null, true);

  // Until someone decides (§7): the file already in use, else fewer errors, then more usable
  // figures, then the earlier received; then content, never the name.
  const ranked = [...candidates].sort(
    (a, b) =>
      Number(wasCurrent.has(b.sha256)) - Number(wasCurrent.has(a.sha256)) ||
      a.errors - b.errors ||
      figureCount(b) - figureCount(a) ||
      byText(a.importedAt, b.importedAt) ||
      byText(a.sha256, b.sha256),
  );
  const [first, second] = ranked as [FileRecord, FileRecord];
  const rule: PendingChoice['rule'] =
    wasCurrent.has(first.sha256) && !wasCurrent.has(second.sha256)
      ? 'kept-earlier'
      : first.errors !== second.errors
        ? 'fewer-errors'
        : figureCount(first) !== figureCount(second)
          ? 'more-figures'
          : first.importedAt !== second.importedAt
            ? 'earlier-received'
            : 'content';
  const pending: PendingChoice = {
    bureau: first.bureau ?? '',
    period: first.period ?? 0,
    candidates: ranked.map((r) => ({
      file: r.file,
      sha256: r.sha256,
      filledOn: r.filledOn,
      errors: r.errors,
      figures: figureCount(r),
      importedAt: r.importedAt,
    })),
    kept: first.file,
    rule,
  };
  return settle(first, pending, false);
}

/** Statuses and history-dependent warnings of one file, against the history before its period. */
function judge(
  catalog: Catalog,
  index: Index,
  record: FileRecord,
  history: readonly PreviousValue[],
): Judged {
  const period = record.period;
  const entries = new Map<string, JudgedEntry>();
  for (const entry of record.entries) {
    const indicator = index.indicator.get(entry.code);
    const reform = index.reform.get(entry.code);
    let judged: JudgedEntry;
    if (reform) {
      const result = entry.progressText
        ? reformStatus(reform, entry.progressText, period)
        : { status: (entry.raw.trim() === '' ? 'no-data' : 'invalid') as Status };
      judged = {
        ...entry,
        status: result.status,
        ...('notJudged' in result && result.notJudged ? { notJudged: result.notJudged } : {}),
        expected: null,
        gap: null,
        toTarget: entry.progressText === '已完成' ? 1 : null,
        progress: null,
        explained: false,
      };
    } else if (indicator && period !== null) {
      const result = computeStatus(catalog, indicator, entry.value, period, {
        invalid: entry.state === 'invalid',
        history,
      });
      const issues = [...entry.issues];
      const previous =
        entry.value !== null && record.bureau
          ? latestPrevious(history, record.bureau, entry.code, period)
          : null;
      if (previous && previous.value !== null && entry.value !== null) {
        const change = suspiciousChange(
          indicator,
          entry.value,
          { period: previous.period, value: previous.value },
          result.start,
        );
        if (change) issues.push({ ...change, ...(entry.cell ? { cell: entry.cell } : {}) });
      }
      judged = {
        ...entry,
        issues,
        status: result.status,
        ...(result.notJudged ? { notJudged: result.notJudged } : {}),
        expected: result.expected,
        gap: result.gap,
        toTarget: result.toTarget,
        progress: result.progress,
        explained: false,
      };
    } else {
      // A code the catalog no longer has, or a file without a period: kept as written, not judged.
      judged = {
        ...entry,
        status: entry.value === null ? (entry.state === 'invalid' ? 'invalid' : 'no-data') : 'not-judged',
        expected: null,
        gap: null,
        toTarget: null,
        progress: null,
        explained: false,
      };
    }
    entries.set(entry.code, holdForConfirmation(judged));
  }
  return { record, entries };
}

function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/** Points of the used files of a state, for checking new files against what the master holds. */
export function statePoints(state: MasterState | undefined): PreviousValue[] {
  if (!state) return [];
  const used = new Set(state.current);
  return (
    state.files
      // A file in use always has its bureau and period (files without are never used).
      .filter((r) => used.has(r.sha256))
      .flatMap((r) =>
        r.entries.map((e) => ({
          period: r.period ?? 0,
          code: e.code,
          value: e.value,
          superseded: false,
          bureau: r.bureau ?? '',
        })),
      )
  );
}

export function combine(catalog: Catalog, inputs: readonly CombineInput[], options: CombineOptions): Master {
  const index = indexOf(catalog);
  const existing = options.existing;

  // Every file the master knows, with this run's: a file given again (same name and content)
  // keeps the time it was first received.
  const records = new Map<string, FileRecord>();
  const fresh = inputs.map((input) => recordOf(input, options.importedAt));
  const period = options.period ?? choosePeriod(fresh, existing, catalog.targetYear);
  for (const record of existing?.files ?? [])
    records.set(
      recordKey(record),
      periodNowCombined(record, period) ? { ...record, fileErrors: record.fileErrors.slice(1) } : record,
    );
  for (const record of fresh) {
    const earlier = records.get(recordKey(record));
    // §7: a file of another period is rejected with both years, unless that period is combined on
    // purpose. A blank template of another year is told its year first: filling in that template
    // would not do, the clerk needs this period's.
    if (
      !record.fileErrors.some((e) => e.kind !== 'blank') &&
      record.period !== null &&
      record.period !== period
    )
      record.fileErrors.unshift({
        kind: 'period-mismatch',
        // Blank too: the advice is this period's template, not the other period's combine.
        params: {
          period: record.period,
          expected: period,
          ...(record.fileErrors.some((e) => e.kind === 'blank') ? { blank: true as const } : {}),
        },
      });
    records.set(recordKey(record), earlier ? { ...record, importedAt: earlier.importedAt } : record);
  }
  const all = [...records.values()].sort((a, b) => byText(a.sha256, b.sha256) || byText(a.file, b.file));

  // Identical files count once (§7): the first name in code-point order stands for the content.
  const firstOfContent = new Map<string, FileRecord>();
  for (const record of all) if (!firstOfContent.has(record.sha256)) firstOfContent.set(record.sha256, record);
  const rejection = new Map<FileRecord, FileError>();
  for (const record of all) {
    const first = firstOfContent.get(record.sha256);
    const own = record.fileErrors[0];
    if (own) rejection.set(record, own);
    else if (first && first !== record)
      rejection.set(record, { kind: 'duplicate-file', params: { other: first.file } });
  }

  // Decisions: this run's `keep` replaces an earlier decision for the same bureau and period.
  const decisions = new Map<string, Decision>();
  const groupKey = (bureau: string, p: number) => `${bureau}\u0000${p}`;
  for (const d of existing?.decisions ?? []) decisions.set(groupKey(d.bureau, d.period), d);
  for (const sha of options.keep ?? []) {
    const kept = all.find((r) => r.sha256 === sha && !rejection.has(r));
    if (kept?.bureau && kept.period !== null)
      decisions.set(groupKey(kept.bureau, kept.period), {
        bureau: kept.bureau,
        period: kept.period,
        keep: sha,
      });
  }

  // One file used per bureau and period (§7).
  const groups = new Map<string, FileRecord[]>();
  for (const record of all) {
    if (rejection.has(record) || !record.bureau || record.period === null) continue;
    const key = groupKey(record.bureau, record.period);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const wasCurrent = new Set(existing?.current ?? []);
  const selections = new Map<string, Selection>();
  for (const [key, group] of groups) selections.set(key, select(group, decisions.get(key), wasCurrent));
  const used = new Set([...selections.values()].map((s) => s.used));

  // Judge period by period, each against the used files of the periods before it.
  const judged = new Map<FileRecord, Judged>();
  const periods = [...new Set([...groups.values()].flat().map((r) => r.period ?? 0))].sort((a, b) => a - b);
  const points: PreviousValue[] = [];
  for (const p of periods) {
    const ofPeriod = [...groups.values()].flat().filter((r) => r.period === p);
    for (const record of ofPeriod) judged.set(record, judge(catalog, index, record, points));
    for (const record of ofPeriod) {
      if (!used.has(record)) continue;
      for (const entry of record.entries)
        points.push({
          period: p,
          code: entry.code,
          value: entry.value,
          superseded: false,
          bureau: record.bureau ?? '',
        });
    }
  }

  // The master's rows for every period with a file in use: this period's are 县汇总, all are 趋势.
  const byPeriod = new Map<number, { rows: MasterRow[]; sourceOf: Map<string, Judged> }>();
  for (const p of new Set([...periods, period]))
    byPeriod.set(p, rowsOf(catalog, index, selections, judged, p));
  const { rows, sourceOf } = byPeriod.get(period) ?? rowsOf(catalog, index, selections, judged, period);
  const earlier = [...byPeriod.keys()].filter((p) => p < period).sort((a, b) => b - a);
  for (const row of rows) {
    // 县汇总 carries last period's value and the change (§7 "Periods").
    for (const p of earlier) {
      const before = byPeriod.get(p)?.rows.find((r) => r.code === row.code);
      if (before && before.value !== null) {
        row.previous = { period: p, value: before.value };
        break;
      }
    }
  }
  const trend: TrendRow[] = rows.map((row) => ({
    code: row.code,
    name: row.name,
    unit: row.unit,
    kind: row.kind,
    cells: [...byPeriod.keys()]
      .sort((a, b) => a - b)
      .map((p) => {
        const r = byPeriod.get(p)?.rows.find((x) => x.code === row.code);
        return {
          period: p,
          value: r?.value ?? null,
          raw: r?.raw ?? '',
          expected: r?.expected ?? null,
          status: r?.status ?? 'no-data',
        };
      }),
  }));

  const register = registerOf(all, rejection, selections, used, index);
  const history = historyOf(judged, selections, used, index);
  const state: MasterState = {
    catalogId: catalog.id,
    period,
    files: all,
    decisions: [...decisions.values()].sort((a, b) => a.period - b.period || byText(a.bureau, b.bureau)),
    current: [...used].map((r) => r.sha256).sort(byText),
  };

  return {
    catalogId: catalog.id,
    period,
    rows,
    register,
    completion: completionOf(index, sourceOf),
    history,
    trend,
    overview: overviewOf(catalog, index, rows),
    notReported: notReportedOf(catalog, index, period, sourceOf, register),
    pending: [...selections.values()]
      .filter((s) => s.pending && s.used.period === period)
      .map((s) => s.pending as PendingChoice)
      .sort((a, b) => bureauCompare(index, a.bureau, b.bureau)),
    state,
  };
}

/** The master's rows for one period: each indicator from its lead (or a co-responsible) bureau's file in use. */
function rowsOf(
  catalog: Catalog,
  index: Index,
  selections: ReadonlyMap<string, Selection>,
  judged: ReadonlyMap<FileRecord, Judged>,
  period: number,
): { rows: MasterRow[]; sourceOf: Map<string, Judged> } {
  const sources = [...selections.values()]
    .filter((s) => s.used.period === period)
    .map((s) => judged.get(s.used))
    .filter((j): j is Judged => j !== undefined);
  const sourceOf = new Map(sources.map((s) => [s.record.bureau ?? '', s]));
  const rows: MasterRow[] = [];
  for (const indicator of index.figures)
    rows.push(
      masterRow(
        catalog,
        index,
        indicator.code,
        indicator.lead,
        indicator.coResponsible,
        sourceOf,
        sources,
        period,
      ),
    );
  for (const reform of catalog.milestones.reforms)
    rows.push(masterRow(catalog, index, reform.code, reform.bureau, [], sourceOf, sources, period));
  const rowOf = new Map(rows.map((r) => [r.code, r]));
  for (const { code, issue } of perThousandIssues(
    catalog,
    (c) => rowOf.get(c)?.value ?? null,
    catalog.parameters.population,
  )) {
    const row = rowOf.get(code);
    // Where one bureau sent both figures, its own check already found this.
    if (row && !row.issues.some((i) => i.kind === 'inconsistent')) {
      row.issues.push(issue);
      row.issueCount++;
      Object.assign(row, holdForConfirmation(row));
    }
  }
  return { rows, sourceOf };
}

function bureauCompare(index: Index, a: string, b: string): number {
  const big = Number.MAX_SAFE_INTEGER;
  return (index.bureauOrder.get(a) ?? big) - (index.bureauOrder.get(b) ?? big) || byText(a, b);
}

const OUTCOME_ORDER: Record<Outcome, number> = { used: 0, 'to-confirm': 1, superseded: 2, rejected: 3 };

/** The first three other files of a tie, in its order, and how many there are. */
function othersOf(choice: PendingChoice, sha256: string): { others: string[]; otherCount: number } {
  // Identical files count once, so the file itself is one candidate: four are enough to name three.
  const others = choice.candidates
    .slice(0, 4)
    .filter((c) => c.sha256 !== sha256)
    .slice(0, 3)
    .map((c) => c.file);
  return { others, otherCount: choice.candidates.length - 1 };
}

function registerOf(
  all: readonly FileRecord[],
  rejection: ReadonlyMap<FileRecord, FileError>,
  selections: ReadonlyMap<string, Selection>,
  used: ReadonlySet<FileRecord>,
  index: Index,
): RegisterRow[] {
  // Each tie's candidates by file and content, once per tie rather than once per file.
  const tied = new Map<PendingChoice, Set<string>>();
  const candidatesOf = (choice: PendingChoice): Set<string> => {
    let keys = tied.get(choice);
    if (!keys) {
      keys = new Set(choice.candidates.map((c) => `${c.sha256}/${c.file}`));
      tied.set(choice, keys);
    }
    return keys;
  };
  const rows: RegisterRow[] = all.map((record) => {
    const reason = rejection.get(record) ?? null;
    // A file without a bureau or period is in no selection: findSelection finds none for it.
    const selection = findSelection(selections, record);
    const gone = selection?.superseded.get(recordKey(record));
    const pending =
      selection?.pending && candidatesOf(selection.pending).has(`${record.sha256}/${record.file}`)
        ? selection.pending
        : null;
    const outcome: Outcome = reason
      ? 'rejected'
      : pending
        ? 'to-confirm'
        : used.has(record)
          ? 'used'
          : 'superseded';
    return {
      file: record.file,
      bureau: record.bureau ?? record.bureauText,
      period: record.period,
      filledBy: record.filledBy,
      filledOn: record.filledOn,
      phone: record.phone,
      sha256: record.sha256,
      importedAt: record.importedAt,
      errors: record.errors,
      warnings: record.warnings,
      outcome,
      reason: reason ? { ...reason, file: record.file } : null,
      supersededBy:
        outcome === 'superseded' ? (gone?.by.file ?? '') : pending && !used.has(record) ? pending.kept : '',
      byDecision: gone?.byDecision ?? false,
      pending: pending
        ? {
            keptHere: used.has(record),
            rule: pending.rule,
            ...othersOf(pending, record.sha256),
          }
        : null,
      decided: outcome === 'used' && (selection?.decided ?? false),
      legacy: record.legacy ?? false,
      convertedFrom: record.convertedFrom ?? '',
    };
  });
  return rows.sort(
    (a, b) =>
      (b.period ?? 0) - (a.period ?? 0) ||
      bureauCompare(index, a.bureau, b.bureau) ||
      OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome] ||
      Number(b.pending?.keptHere ?? false) - Number(a.pending?.keptHere ?? false) ||
      byText(b.filledOn, a.filledOn) ||
      byText(a.file, b.file) ||
      byText(a.sha256, b.sha256),
  );
}

function findSelection(
  selections: ReadonlyMap<string, Selection>,
  record: FileRecord,
): Selection | undefined {
  return selections.get(`${record.bureau ?? ''}\u0000${record.period ?? 0}`);
}

function historyOf(
  judged: ReadonlyMap<FileRecord, Judged>,
  selections: ReadonlyMap<string, Selection>,
  used: ReadonlySet<FileRecord>,
  index: Index,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const ordered = [...judged.keys()].sort(
    (a, b) =>
      byText(a.importedAt, b.importedAt) ||
      (a.period ?? 0) - (b.period ?? 0) ||
      bureauCompare(index, a.bureau ?? '', b.bureau ?? '') ||
      byText(a.file, b.file) ||
      byText(a.sha256, b.sha256),
  );
  for (const record of ordered) {
    const selection = findSelection(selections, record);
    const by =
      selection?.superseded.get(recordKey(record))?.by ?? (used.has(record) ? undefined : selection?.used);
    const entries = [...(judged.get(record)?.entries.values() ?? [])].sort(
      (a, b) =>
        (index.codeOrder.get(a.code) ?? 1e9) - (index.codeOrder.get(b.code) ?? 1e9) || byText(a.code, b.code),
    );
    for (const entry of entries) {
      // Rows a bureau left empty (blank, or spaces only: the reader's own rule, §4) say nothing;
      // 历史 keeps what was typed — a project's 完成情况 chosen with its figure left empty among it.
      if (entry.state === 'empty' && !entry.progressText) continue;
      rows.push({
        period: record.period ?? 0,
        code: entry.code,
        value: entry.value,
        raw: entry.raw,
        status: entry.status,
        bureau: record.bureau ?? '',
        file: record.file,
        fileHash: record.sha256,
        filledOn: record.filledOn,
        importedAt: record.importedAt,
        superseded: !used.has(record),
        supersededBy: by?.file ?? '',
        note: entry.note,
        ...(entry.progressText ? { progressText: entry.progressText } : {}),
      });
    }
  }
  return rows;
}

function masterRow(
  catalog: Catalog,
  index: Index,
  code: string,
  lead: string,
  coResponsible: readonly string[],
  sourceOf: ReadonlyMap<string, Judged>,
  sources: readonly Judged[],
  period: number,
): MasterRow {
  const indicator = index.indicator.get(code);
  const reform = index.reform.get(code);
  const pick = (bureau: string) => {
    const source = sourceOf.get(bureau);
    const entry = source?.entries.get(code);
    return source && entry ? { source, entry } : null;
  };
  // Only a figure makes a co-responsible bureau's entry worth falling back to; a reform has no
  // co-responsible bureaus, so its lead's progress always stands, whatever it says.
  const usable = (p: ReturnType<typeof pick>): boolean => !!p && p.entry.value !== null;

  let chosen = pick(lead);
  let fromCoResponsible = false;
  if (!usable(chosen)) {
    for (const bureau of coResponsible) {
      const p = pick(bureau);
      if (usable(p)) {
        chosen = p;
        fromCoResponsible = true;
        break;
      }
    }
  }

  const reported: Conflict[] = [];
  for (const source of sources) {
    const value = source.entries.get(code)?.value;
    if (value !== null && value !== undefined)
      reported.push({ bureau: source.record.bureau ?? '', value, file: source.record.file });
  }
  reported.sort((a, b) => bureauCompare(index, a.bureau, b.bureau));
  const conflicts = new Set(reported.map((r) => r.value)).size > 1 ? reported : [];

  const entry = chosen?.entry;
  const fallback = indicator ? computeStatus(catalog, indicator, null, period) : null;
  const issues = [...(entry?.issues ?? [])];
  return {
    code,
    name: indicator?.name ?? reform?.name ?? code,
    kind: reform ? 'reform' : indicator?.section === 'project' ? 'project' : 'indicator',
    section: reform ? 'reform' : (indicator?.section ?? ''),
    unit: indicator?.unit.label ?? '',
    value: entry?.value ?? null,
    raw: entry?.raw ?? '',
    status: entry?.status ?? 'no-data',
    ...(entry?.wouldBe ? { wouldBe: entry.wouldBe } : {}),
    ...(entry?.notJudged ? { notJudged: entry.notJudged } : {}),
    expected: entry?.expected ?? fallback?.expected ?? null,
    target: indicator?.target.value ?? 1,
    // 目标值 1 never stands next to 完成值 100 unexplained: YL-09 reads 1（按100%）.
    targetText: indicator ? targetText(indicator) : (reform?.expected ?? ''),
    gap: entry?.gap ?? null,
    toTarget: entry?.toTarget ?? null,
    progress: entry?.progress ?? null,
    bureau: chosen?.source.record.bureau ?? '',
    file: chosen?.source.record.file ?? '',
    fromCoResponsible,
    conflicts,
    issueCount: issues.length,
    issues,
    note: entry?.note ?? '',
    explained: entry?.explained ?? false,
    legacy: chosen?.source.record.legacy ?? false,
    ...(!reform && entry?.progressText ? { progressText: entry.progressText } : {}),
  };
}

function completionOf(index: Index, sourceOf: ReadonlyMap<string, Judged>): CompletionCell[] {
  const cells: CompletionCell[] = [];
  for (const indicator of index.figures) {
    for (const bureau of [indicator.lead, ...indicator.coResponsible]) {
      const source = sourceOf.get(bureau);
      const entry = source?.entries.get(indicator.code);
      const role = bureau === indicator.lead ? 'lead' : 'co';
      let state: CompletionCell['state'];
      if (!source) state = 'no-file';
      // A cell cleared with the space bar is as missing as a blank one, not 不适用.
      else if (!entry || entry.state === 'empty') state = 'missing';
      else if (entry.value !== null) state = 'filled';
      else if (entry.status === 'invalid') state = 'invalid';
      else state = 'not-applicable';
      cells.push({ bureau, code: indicator.code, role, state });
    }
  }
  return cells;
}

function overviewOf(catalog: Catalog, index: Index, rows: readonly MasterRow[]): Master['overview'] {
  const bySection: OverviewCounts[] = [
    ...catalog.sections.map((s) => ({ key: s.id, label: s.label })),
    { key: 'project', label: '重大项目' },
    { key: 'reform', label: '重大改革' },
  ]
    .map(({ key, label }) => {
      const counts = emptyCounts();
      for (const row of rows) if (row.section === key) counts[row.status]++;
      return { key, label, counts };
    })
    .filter((group) => Object.values(group.counts).some((n) => n > 0));

  const byBureau = new Map<string, OverviewCounts>();
  for (const row of rows) {
    const lead = index.indicator.get(row.code)?.lead ?? index.reform.get(row.code)?.bureau ?? '';
    let group = byBureau.get(lead);
    if (!group) {
      group = { key: lead, label: lead, counts: emptyCounts() };
      byBureau.set(lead, group);
    }
    group.counts[row.status]++;
  }
  return { bySection, byBureau: [...byBureau.values()] };
}

/** §7 未报送: every bureau with duties and no file in use for the period — the list the office phones round. */
/**
 * A file counts as sent for a period (§7 未报送: "where a file was rejected, why") when it is of
 * that period, of none that could be read, or was refused for giving another year in this
 * period's combine — most often the period's report with a wrong year in E2: the office must be
 * told it came, and why it was not used, not that nothing came.
 */
function sentFor(row: RegisterRow, period: number): boolean {
  if (row.period === period || row.period === null) return true;
  return row.reason?.kind === 'period-mismatch' && row.reason.params.expected === period;
}

function notReportedOf(
  catalog: Catalog,
  index: Index,
  period: number,
  sourceOf: ReadonlyMap<string, Judged>,
  register: readonly RegisterRow[],
): NotReported[] {
  const duties = new Map<string, { leads: string[]; shares: string[] }>();
  const duty = (bureau: string) => {
    let d = duties.get(bureau);
    if (!d) duties.set(bureau, (d = { leads: [], shares: [] }));
    return d;
  };
  for (const indicator of index.figures) {
    duty(indicator.lead).leads.push(indicator.code);
    for (const co of indicator.coResponsible) duty(co).shares.push(indicator.code);
  }
  for (const reform of catalog.milestones.reforms) duty(reform.bureau).leads.push(reform.code);
  return [...duties.entries()]
    .filter(([bureau]) => !sourceOf.has(bureau))
    .sort(([a], [b]) => bureauCompare(index, a, b))
    .map(([bureau, d]) => ({
      bureau,
      leads: d.leads,
      shares: d.shares,
      files: register
        .filter((r) => r.bureau === bureau && r.outcome !== 'used' && sentFor(r, period))
        .map((r) => ({ file: r.file, reason: r.reason, outcome: r.outcome })),
    }));
}
