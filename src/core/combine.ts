import { allFigureIndicators } from './catalog';
import type { Catalog } from './catalog/schema';
import { perThousandIssues, type EntryReport, type SubmissionReport } from './checks';
import { computeStatus, type HistoryPoint } from './status';
import { STATUSES, type FileError, type Issue, type Status } from './types';

/**
 * Combining the bureaus' submissions into the county master (spec §7). Pure: the adapters read
 * the files and an existing master's history, this decides what the master says, and the
 * adapters write it.
 */

/** One file handed to the combine, in the order given (or added). */
export interface CombineInput {
  file: string;
  sha256: string;
  /** Position among the inputs; a later file wins where 填报日期 does not decide. */
  order: number;
  /** Null where the file could not be read at all. */
  report: SubmissionReport | null;
  /** Errors of reading the file (not a workbook, damaged, …). */
  fileErrors: FileError[];
}

/** A row of 历史: append-only; rows are never removed, only marked superseded. */
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
}

export interface RegisterRow {
  file: string;
  bureau: string;
  period: number | null;
  filledBy: string;
  filledOn: string;
  phone: string;
  sha256: string;
  errors: number;
  warnings: number;
  accepted: boolean;
  /** Why the file was not used; null when accepted. */
  reason: FileError | null;
  supersededBy: string;
  /** Imported in an earlier combine (carried from the existing master's history). */
  earlier: boolean;
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

export interface Master {
  catalogId: string;
  period: number;
  rows: MasterRow[];
  register: RegisterRow[];
  completion: CompletionCell[];
  history: HistoryRow[];
  overview: { bySection: OverviewCounts[]; byBureau: OverviewCounts[] };
}

export interface CombineOptions {
  /** The reporting year; by default the one most files report (the latest on a tie). */
  period?: number;
  /** 历史 and 报送登记 of the master being combined into. */
  existing?: { history: HistoryRow[]; register: RegisterRow[] };
  /** ISO timestamp stamped on new history rows; injectable so that runs can be compared. */
  importedAt: string;
}

/** A bureau's submission for one period, from a file of this run or rebuilt from the history. */
interface Source {
  bureau: string;
  period: number;
  file: string;
  fileHash: string;
  filledOn: string;
  order: number;
  fromHistory: boolean;
  entries: Map<string, SourceEntry>;
}

interface SourceEntry {
  value: number | null;
  raw: string;
  status: Status;
  expected: number | null;
  gap: number | null;
  toTarget: number | null;
  progress: number | null;
  issues: Issue[];
  note: string;
  role: EntryReport['role'];
}

function choosePeriod(inputs: readonly CombineInput[]): number | null {
  const tally = new Map<number, number>();
  for (const input of inputs) {
    const period = input.report?.period;
    if (period !== null && period !== undefined) tally.set(period, (tally.get(period) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [period, count] of tally) {
    const bestCount = best === null ? -1 : (tally.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && period > best)) best = period;
  }
  return best;
}

/** The later of two submissions: the later 填报日期 where both have one and they differ, else the later given. */
function later(a: Source, b: Source): Source {
  if (a.filledOn && b.filledOn && a.filledOn !== b.filledOn) return a.filledOn > b.filledOn ? a : b;
  return a.order > b.order ? a : b;
}

function sourceFromReport(input: CombineInput, report: SubmissionReport, period: number): Source {
  const entries = new Map<string, SourceEntry>();
  for (const entry of report.entries) {
    entries.set(entry.code, {
      value: entry.value,
      raw: entry.raw,
      status: entry.status,
      expected: entry.expected,
      gap: entry.gap,
      toTarget: entry.toTarget,
      progress: entry.progress,
      issues: entry.issues,
      note: entry.note,
      role: entry.role,
    });
  }
  return {
    bureau: report.bureau ?? '',
    period,
    file: input.file,
    fileHash: input.sha256,
    filledOn: report.filledOn,
    order: input.order,
    fromHistory: false,
    entries,
  };
}

function sourcesFromHistory(
  catalog: Catalog,
  history: readonly HistoryRow[],
  period: number,
  skip: ReadonlySet<string>,
  points: readonly HistoryPoint[],
): Source[] {
  const byFile = new Map<string, Source>();
  const indicators = new Map(allFigureIndicators(catalog).map((i) => [i.code, i]));
  let order = -history.length;
  for (const row of history) {
    if (row.period !== period || skip.has(row.fileHash)) continue;
    let source = byFile.get(row.fileHash);
    if (!source) {
      source = {
        bureau: row.bureau,
        period,
        file: row.file,
        fileHash: row.fileHash,
        filledOn: row.filledOn,
        // Earlier imports count as given before any file of this run.
        order: order++,
        fromHistory: true,
        entries: new Map(),
      };
      byFile.set(row.fileHash, source);
    }
    const indicator = indicators.get(row.code);
    const judged = indicator
      ? computeStatus(catalog, indicator, row.value, period, {
          invalid: row.status === 'invalid',
          history: points,
        })
      : null;
    const role = indicator
      ? indicator.lead === row.bureau
        ? 'lead'
        : indicator.coResponsible.includes(row.bureau)
          ? 'co'
          : 'none'
      : 'lead';
    source.entries.set(row.code, {
      value: row.value,
      raw: row.raw,
      status: judged?.status ?? row.status,
      expected: judged?.expected ?? null,
      gap: judged?.gap ?? null,
      toTarget: judged?.toTarget ?? (row.status === 'achieved' ? 1 : null),
      progress: judged?.progress ?? null,
      issues: [],
      note: row.note,
      role,
    });
  }
  return [...byFile.values()];
}

function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/** History as points for starting values (§5), from rows that were not superseded. */
export function historyPoints(history: readonly HistoryRow[]): (HistoryPoint & { bureau: string })[] {
  return history.map((row) => ({
    period: row.period,
    code: row.code,
    value: row.value,
    superseded: row.superseded,
    bureau: row.bureau,
  }));
}

export function combine(catalog: Catalog, inputs: readonly CombineInput[], options: CombineOptions): Master {
  const existingHistory = options.existing?.history ?? [];
  const period = options.period ?? choosePeriod(inputs) ?? catalog.targetYear;
  const points = historyPoints(existingHistory);

  const register: RegisterRow[] = [];
  const accepted: Source[] = [];
  const firstByHash = new Map<string, string>();
  for (const input of [...inputs].sort((a, b) => a.order - b.order)) {
    const report = input.report;
    const errors = [...input.fileErrors, ...(report?.fileErrors ?? [])];
    const duplicateOf = firstByHash.get(input.sha256);
    if (duplicateOf !== undefined) errors.push({ kind: 'duplicate-file', params: { other: duplicateOf } });
    else firstByHash.set(input.sha256, input.file);
    if (report && report.period !== null && report.period !== period && errors.length === 0) {
      errors.push({ kind: 'period-mismatch', params: { period: report.period, expected: period } });
    }
    const reason: FileError | null = errors[0] ? { ...errors[0], file: input.file } : null;
    register.push({
      file: input.file,
      bureau: report?.bureau ?? report?.bureauText ?? '',
      period: report?.period ?? null,
      filledBy: report?.filledBy ?? '',
      filledOn: report?.filledOn ?? '',
      phone: report?.phone ?? '',
      sha256: input.sha256,
      errors: report?.counts.errors ?? 0,
      warnings: report?.counts.warnings ?? 0,
      accepted: reason === null,
      reason,
      supersededBy: '',
      earlier: false,
    });
    if (reason === null && report) accepted.push(sourceFromReport(input, report, period));
  }

  const inRun = new Set(accepted.map((s) => s.fileHash));
  const sources = [...sourcesFromHistory(catalog, existingHistory, period, inRun, points), ...accepted];

  // One current submission per bureau; the others are superseded by it (spec §7).
  const current = new Map<string, Source>();
  for (const source of sources) {
    const held = current.get(source.bureau);
    current.set(source.bureau, held ? later(held, source) : source);
  }
  const supersededBy = new Map<string, string>();
  for (const source of sources) {
    const winner = current.get(source.bureau);
    if (winner && winner !== source) supersededBy.set(source.fileHash, winner.file);
  }
  for (const row of register) {
    row.supersededBy = row.accepted ? (supersededBy.get(row.sha256) ?? '') : '';
  }
  for (const previous of options.existing?.register ?? []) {
    if (inRun.has(previous.sha256) || register.some((r) => r.sha256 === previous.sha256)) continue;
    register.push({
      ...previous,
      earlier: true,
      supersededBy: previous.accepted
        ? (supersededBy.get(previous.sha256) ?? previous.supersededBy)
        : previous.supersededBy,
    });
  }

  const rows: MasterRow[] = [];
  const currentSources = [...current.values()];
  for (const indicator of allFigureIndicators(catalog)) {
    rows.push(
      masterRow(
        catalog,
        indicator.code,
        indicator.name,
        indicator.lead,
        indicator.coResponsible,
        currentSources,
        period,
      ),
    );
  }
  for (const reform of catalog.milestones.reforms) {
    rows.push(masterRow(catalog, reform.code, reform.name, reform.bureau, [], currentSources, period));
  }
  const valueOf = (code: string): number | null => rows.find((r) => r.code === code)?.value ?? null;
  for (const { code, issue } of perThousandIssues(catalog, valueOf, catalog.parameters.population)) {
    const row = rows.find((r) => r.code === code);
    // Where one bureau sent both figures, its own check already found this.
    if (row && !row.issues.some((i) => i.kind === 'inconsistent')) {
      row.issues.push(issue);
      row.issueCount++;
    }
  }

  const history: HistoryRow[] = existingHistory.map((row) => {
    const by = supersededBy.get(row.fileHash);
    return by !== undefined ? { ...row, superseded: true, supersededBy: by } : { ...row };
  });
  const known = new Set(existingHistory.map((row) => `${row.fileHash}\u0000${row.code}`));
  for (const source of accepted) {
    for (const [code, entry] of source.entries) {
      if (known.has(`${source.fileHash}\u0000${code}`)) continue;
      if (entry.value === null && entry.raw === '' && entry.status === 'no-data') continue;
      history.push({
        period,
        code,
        value: entry.value,
        raw: entry.raw,
        status: entry.status,
        bureau: source.bureau,
        file: source.file,
        fileHash: source.fileHash,
        filledOn: source.filledOn,
        importedAt: options.importedAt,
        superseded: supersededBy.has(source.fileHash),
        supersededBy: supersededBy.get(source.fileHash) ?? '',
        note: entry.note,
      });
    }
  }

  return {
    catalogId: catalog.id,
    period,
    rows,
    register,
    completion: completionOf(catalog, currentSources),
    history,
    overview: overviewOf(catalog, rows),
  };
}

function masterRow(
  catalog: Catalog,
  code: string,
  name: string,
  lead: string,
  coResponsible: readonly string[],
  sources: readonly Source[],
  period: number,
): MasterRow {
  const indicator = allFigureIndicators(catalog).find((i) => i.code === code);
  const reform = catalog.milestones.reforms.find((r) => r.code === code);
  const bySource = (bureau: string): { source: Source; entry: SourceEntry } | null => {
    const source = sources.find((s) => s.bureau === bureau);
    const entry = source?.entries.get(code);
    return source && entry ? { source, entry } : null;
  };
  const usable = (pick: { entry: SourceEntry } | null): boolean =>
    !!pick &&
    (pick.entry.value !== null ||
      (!!reform && pick.entry.status !== 'no-data' && pick.entry.status !== 'invalid'));

  const leadPick = bySource(lead);
  let chosen = leadPick;
  let fromCoResponsible = false;
  if (!usable(leadPick)) {
    for (const bureau of coResponsible) {
      const pick = bySource(bureau);
      if (usable(pick)) {
        chosen = pick;
        fromCoResponsible = true;
        break;
      }
    }
  }

  const reported: Conflict[] = [];
  for (const source of sources) {
    const value = source.entries.get(code)?.value;
    if (value !== null && value !== undefined)
      reported.push({ bureau: source.bureau, value, file: source.file });
  }
  const distinct = new Set(reported.map((r) => r.value));
  const conflicts = distinct.size > 1 ? reported : [];

  const entry = chosen?.entry;
  const fallback = indicator ? computeStatus(catalog, indicator, null, period) : null;
  const issues = entry?.issues ?? [];
  return {
    code,
    name,
    kind: reform ? 'reform' : indicator?.section === 'project' ? 'project' : 'indicator',
    section: reform ? 'reform' : (indicator?.section ?? ''),
    unit: indicator?.unit.label ?? '',
    value: entry?.value ?? null,
    raw: entry?.raw ?? '',
    status: entry?.status ?? 'no-data',
    expected: entry?.expected ?? fallback?.expected ?? null,
    target: indicator?.target.value ?? 1,
    targetText: indicator?.target.printed ?? reform?.expected ?? '',
    gap: entry?.gap ?? null,
    toTarget: entry?.toTarget ?? null,
    progress: entry?.progress ?? null,
    bureau: chosen?.source.bureau ?? '',
    file: chosen?.source.file ?? '',
    fromCoResponsible,
    conflicts,
    issueCount: issues.length,
    issues: [...issues],
    note: entry?.note ?? '',
  };
}

function completionOf(catalog: Catalog, sources: readonly Source[]): CompletionCell[] {
  const cells: CompletionCell[] = [];
  for (const indicator of allFigureIndicators(catalog)) {
    for (const bureau of [indicator.lead, ...indicator.coResponsible]) {
      const source = sources.find((s) => s.bureau === bureau);
      const entry = source?.entries.get(indicator.code);
      const role = bureau === indicator.lead ? 'lead' : 'co';
      let state: CompletionCell['state'];
      if (!source) state = 'no-file';
      else if (!entry || (entry.value === null && entry.status === 'no-data' && entry.raw === ''))
        state = 'missing';
      else if (entry.value !== null) state = 'filled';
      else if (entry.status === 'invalid') state = 'invalid';
      else state = 'not-applicable';
      cells.push({ bureau, code: indicator.code, role, state });
    }
  }
  return cells;
}

function overviewOf(catalog: Catalog, rows: readonly MasterRow[]): Master['overview'] {
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
    const lead =
      allFigureIndicators(catalog).find((i) => i.code === row.code)?.lead ??
      catalog.milestones.reforms.find((r) => r.code === row.code)?.bureau ??
      '';
    let group = byBureau.get(lead);
    if (!group) {
      group = { key: lead, label: lead, counts: emptyCounts() };
      byBureau.set(lead, group);
    }
    group.counts[row.status]++;
  }
  return { bySection, byBureau: [...byBureau.values()] };
}
