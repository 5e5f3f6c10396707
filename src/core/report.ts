import type { EntryReport, SubmissionReport } from './checks';
import type { Master, MasterRow } from './combine';
import { registerText } from './master-layout';
import { SEVERITY_LABELS, fileErrorDetail, fileErrorMessage, issueMessage, statusLabel } from './messages';
import type { FileError, Issue, Lang } from './types';

/**
 * The machine-readable report of spec §8. Extra fields are allowed there; the ones added here
 * (name, unit, progress, a project figure's progressText, explained, counts) are what a script downstream most often wants.
 */

export interface JsonIssue {
  severity: Issue['severity'];
  kind: Issue['kind'];
  message: string;
  cell?: string;
  code?: string;
}

export interface JsonFileError {
  kind: FileError['kind'];
  message: string;
  /** The internal cause (a part name, a zip fault), for the support person; never shown to a clerk. */
  detail?: string;
}

export interface FileResult {
  file: string;
  sha256: string;
  /** Errors of reading the file; a report exists where the file could be read. */
  fileErrors: FileError[];
  report: SubmissionReport | null;
  /** Read after LibreOffice converted a copy to .xlsx: the extension the file came with (`.xls`). */
  convertedFrom?: string;
}

function jsonIssue(issue: Issue, lang: Lang): JsonIssue {
  return {
    severity: issue.severity,
    kind: issue.kind,
    message: issueMessage(issue, lang),
    ...(issue.cell ? { cell: issue.cell } : {}),
    ...(issue.code ? { code: issue.code } : {}),
  };
}

function jsonEntry(entry: EntryReport, lang: Lang) {
  return {
    code: entry.code,
    name: entry.name,
    cell: entry.cell,
    raw: entry.raw,
    value: entry.value,
    unit: entry.unit,
    status: entry.status,
    ...(entry.wouldBe ? { wouldBe: entry.wouldBe } : {}),
    ...(entry.notJudged ? { notJudged: notJudgedText(entry, lang) } : {}),
    expected: entry.expected,
    target: entry.target,
    gap: entry.gap,
    progress: entry.progress,
    role: entry.role,
    note: entry.note,
    // A project figure's 完成情况 as its bureau chose it (a reform's is its `raw`).
    ...(entry.progressText && entry.kind !== 'reform' ? { progressText: entry.progressText } : {}),
    explained: entry.explained,
    issues: entry.issues.map((issue) => jsonIssue(issue, lang)),
  };
}

export function jsonFile(result: FileResult, lang: Lang) {
  const report = result.report;
  const errors = [...result.fileErrors, ...(report?.fileErrors ?? [])];
  return {
    file: result.file,
    sha256: result.sha256,
    ...(result.convertedFrom ? { convertedFrom: result.convertedFrom } : {}),
    bureau: report?.bureau ?? null,
    period: report?.period ?? null,
    filledBy: report?.filledBy ?? '',
    filledOn: report?.filledOn ?? '',
    fileErrors: errors.map((error): JsonFileError => ({
      kind: error.kind,
      message: fileErrorMessage(error, lang, result.file),
      ...(fileErrorDetail(error) !== undefined ? { detail: fileErrorDetail(error) } : {}),
    })),
    sheetIssues: (report?.sheetIssues ?? []).map((issue) => jsonIssue(issue, lang)),
    counts: report?.counts ?? null,
    entries: (report?.entries ?? []).map((entry) => jsonEntry(entry, lang)),
  };
}

function jsonMasterRow(row: MasterRow, lang: Lang) {
  return {
    code: row.code,
    name: row.name,
    value: row.value,
    unit: row.unit,
    status: row.status,
    ...(row.wouldBe ? { wouldBe: row.wouldBe } : {}),
    expected: row.expected,
    target: row.target,
    gap: row.gap,
    bureau: row.bureau || null,
    file: row.file || null,
    fromCoResponsible: row.fromCoResponsible,
    ...(row.progressText ? { progressText: row.progressText } : {}),
    conflicts: row.conflicts,
    issues: row.issues.map((issue) => jsonIssue(issue, lang)),
  };
}

export function jsonReport(files: readonly FileResult[], lang: Lang, master?: Master) {
  return {
    files: files.map((file) => jsonFile(file, lang)),
    ...(master
      ? {
          period: master.period,
          master: master.rows.map((row) => jsonMasterRow(row, lang)),
          register: master.register.map((row) => ({
            file: row.file,
            bureau: row.bureau,
            period: row.period,
            sha256: row.sha256,
            importedAt: row.importedAt,
            outcome: row.outcome,
            accepted: row.outcome === 'used',
            reasonKind: row.reason?.kind ?? null,
            reason: row.reason ? fileErrorMessage(row.reason, lang) : null,
            text: registerText(row, lang),
            supersededBy: row.supersededBy || null,
          })),
          pending: master.pending,
          notReported: master.notReported.map((item) => ({
            bureau: item.bureau,
            leads: item.leads,
            shares: item.shares,
            files: item.files.map((f) => ({
              file: f.file,
              outcome: f.outcome,
              reason: f.reason ? fileErrorMessage(f.reason, lang, f.file) : null,
            })),
          })),
        }
      : {}),
  };
}

export type JsonReport = ReturnType<typeof jsonReport>;

/** Why a figure was not judged, with the target it will be judged against. */
export function notJudgedText(entry: EntryReport, lang: Lang): string {
  const why = entry.notJudged;
  if (!why) return '';
  const target = entry.targetText;
  switch (why.reason) {
    case 'no-baseline':
      return lang === 'zh'
        ? `方案未给基期值，算不出本期应达值，到目标年才评估；目标：${why.targetYear} 年达到 ${target}${entry.unit}`
        : `the plan gives no baseline, so there is no expected value for this period; judged in the target year against ${target} ${entry.unit} by ${why.targetYear}`;
    case 'before-start':
      return lang === 'zh'
        ? `本期不晚于起算年 ${why.startYear} 年，尚无应达值；目标：${why.targetYear} 年达到 ${target}${entry.unit}`
        : `this period is not after the starting year ${why.startYear}; target ${target} ${entry.unit} by ${why.targetYear}`;
    case 'no-period':
      return lang === 'zh'
        ? '表头没有报告期（E2），无法对照进度'
        : 'no reporting year (E2), so there is no schedule to compare with';
    case 'not-due':
      return lang === 'zh'
        ? `方案要求 ${why.dueYear} 年完成，此前不评估进度`
        : `due in ${why.dueYear}; the plan sets no pace before then`;
  }
}

/**
 * A status in words. To-confirm says what the figure would be if it is right, and — where the
 * clerk wrote a note that does not count — why it does not (§5 v2).
 */
export function statusText(
  entry: { status: EntryReport['status']; wouldBe?: EntryReport['status']; note: string },
  lang: Lang,
): string {
  if (entry.status !== 'to-confirm') return statusLabel(entry.status, lang);
  const would = statusLabel(entry.wouldBe ?? 'not-judged', lang);
  const note = entry.note.trim();
  if (lang === 'zh')
    return `待核实（若属实：${would}${note ? `；说明“${note.length > 12 ? `${note.slice(0, 12)}…` : note}”没有写明原因` : ''}）`;
  return `to confirm (if right: ${would}${note ? `; the note "${note.length > 12 ? `${note.slice(0, 12)}…` : note}" gives no reason` : ''})`;
}

/** An entry's result in words: status, then each issue; what the 核查结果 column and notes say. */
export function entrySummary(entry: EntryReport, lang: Lang, separator?: string): string {
  const why = notJudgedText(entry, lang);
  const parts = [
    why
      ? `${statusLabel(entry.status, lang)}${lang === 'zh' ? `（${why}）` : ` (${why})`}`
      : statusText(entry, lang),
  ];
  for (const issue of entry.issues) {
    const message = issueMessage(issue, lang);
    if (issue.severity === 'warning' && entry.explained) {
      // The clerk already explained it: say what they wrote, and drop the advice to write it.
      const note = entry.note.length > 40 ? `${entry.note.slice(0, 40)}…` : entry.note;
      const label = lang === 'zh' ? `提醒（已说明：${note}）` : `warning (explained: ${note})`;
      parts.push(`${label}${lang === 'zh' ? '：' : ': '}${withoutNoteAdvice(message, lang)}`);
    } else {
      parts.push(`${SEVERITY_LABELS[lang][issue.severity]}${lang === 'zh' ? '：' : ': '}${message}`);
    }
  }
  return separator === undefined ? joinSentences(parts, lang) : parts.join(separator);
}

/** The sentences of a message that do not ask for a note (the note is already there). */
function withoutNoteAdvice(message: string, lang: Lang): string {
  // A question is a sentence too: `是否应为 70？如是，请改为 70；…请在“说明”栏注明。` keeps its question
  // and drops only the part asking for a note.
  const sentences = lang === 'zh' ? message.split(/(?<=[。？！])/) : message.split(/(?<=[.?!]) /);
  const kept = sentences.filter((s) => !(lang === 'zh' ? /“说明”栏/ : /note column/).test(s));
  // The English split takes the space after each sentence with it, and Chinese has none: nothing to trim.
  return (kept.length > 0 ? kept : sentences).join(lang === 'zh' ? '' : ' ');
}

/** Parts joined as sentences: a part that ends a sentence is not followed by another mark (no "。；"). */
function joinSentences(parts: readonly string[], lang: Lang): string {
  let out = '';
  for (const part of parts) {
    if (out === '') out = part;
    else if (lang === 'zh') out += /[。！？]$/.test(out) ? part : `；${part}`;
    else out += /[.!?]$/.test(out) ? ` ${part}` : `; ${part}`;
  }
  return out;
}
