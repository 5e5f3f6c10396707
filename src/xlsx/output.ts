import {
  notJudgedText,
  printable,
  ISSUE_LABELS,
  SEVERITY_LABELS,
  STATUSES,
  fileErrorMessage,
  issueMessage,
  statusLabel,
  type FileResult,
  type Lang,
  type Master,
  type Status,
} from '../core';

/** Human output of the command line: compact tables that line up with Chinese text. */

export interface Painter {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function painter(enabled: boolean): Painter {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  // eslint-disable-next-line no-control-regex -- ANSI colour codes take no columns
  for (const ch of text.replace(/\u001b\[\d+m/g, '')) {
    const code = ch.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x1f300
        ? 2
        : 1;
  }
  return width;
}

export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function table(rows: string[][], maxWidths: number[]): string {
  const widths = maxWidths.map((max, i) =>
    Math.min(max, Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))),
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) => pad(truncate(cell, widths[i] ?? 20), widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function colourStatus(status: Status, text: string, p: Painter): string {
  switch (status) {
    case 'achieved':
    case 'on-track':
      return p.green(text);
    case 'at-risk':
      return p.yellow(text);
    case 'off-track':
    case 'invalid':
      return p.red(text);
    default:
      return p.dim(text);
  }
}

const T = {
  zh: {
    code: '编号',
    indicator: '指标',
    figure: '填写',
    value: '读作',
    status: '状态',
    expected: '应达',
    issue: '问题',
    bureau: '单位',
    period: '报告期',
    errors: '错误',
    warnings: '提醒',
    explained: '已说明',
    sheetIssues: '表格问题',
  },
  en: {
    code: 'code',
    indicator: 'indicator',
    figure: 'typed',
    value: 'read as',
    status: 'status',
    expected: 'expected',
    issue: 'issue',
    bureau: 'bureau',
    period: 'period',
    errors: 'errors',
    warnings: 'warnings',
    explained: 'explained',
    sheetIssues: 'sheet issues',
  },
} as const;

export function formatFileResult(result: FileResult, lang: Lang, p: Painter): string {
  const t = T[lang];
  const lines: string[] = [];
  const report = result.report;
  const errors = [...result.fileErrors, ...(report?.fileErrors ?? [])];
  const head = report
    ? `${p.bold(printable(result.file))}  ${t.bureau}: ${printable(report.bureau ?? report.bureauText)}  ${t.period}: ${report.period ?? '—'}`
    : p.bold(printable(result.file));
  lines.push(head);
  if (result.convertedFrom)
    lines.push(
      `  ${p.dim(
        lang === 'zh'
          ? `（原文件为 ${result.convertedFrom} 格式，已用 LibreOffice 把副本转换为 .xlsx 后核查；原文件未改动）`
          : `(sent as ${result.convertedFrom}; a copy was converted to .xlsx with LibreOffice and checked; the original is unchanged)`,
      )}`,
    );
  for (const error of errors) {
    lines.push(`  ${p.red('✗')} ${printable(fileErrorMessage(error, lang, result.file))}`);
  }
  if (!report) return lines.join('\n');
  for (const issue of report.sheetIssues) {
    lines.push(
      `  ${issue.severity === 'error' ? p.red('✗') : p.yellow('!')} ${issue.cell ?? ''} ${printable(issueMessage(issue, lang))}`,
    );
  }
  const rows: string[][] = [[t.code, t.indicator, t.figure, t.value, t.status, t.expected, t.issue]];
  for (const entry of report.entries) {
    const first = entry.issues[0];
    const issueText = first
      ? `${first.severity === 'error' ? '✗' : entry.explained ? '✓' : '!'} ${printable(issueMessage(first, lang))}${entry.issues.length > 1 ? ` (+${entry.issues.length - 1})` : ''}`
      : entry.notJudged
        ? `i ${notJudgedText(entry, lang)}`
        : '';
    rows.push([
      entry.code,
      entry.name,
      printable(entry.raw),
      entry.value === null ? '—' : `${entry.value}${entry.unit === '%' ? '%' : ''}`,
      statusLabel(entry.status, lang),
      entry.expected === null ? '' : String(entry.expected),
      issueText,
    ]);
  }
  const rendered = table(rows, [12, 16, 12, 10, 10, 8, 60]).split('\n');
  lines.push(`  ${p.dim(rendered[0] ?? '')}`);
  report.entries.forEach((entry, i) => {
    let line = rendered[i + 1] ?? '';
    const label = statusLabel(entry.status, lang);
    line = line.replace(label, colourStatus(entry.status, label, p));
    if (entry.issues.some((x) => x.severity === 'error')) line = line.replace(/✗ /, p.red('✗ '));
    lines.push(`  ${line}`);
  });
  const c = report.counts;
  const statusCounts = STATUSES.filter((s) => c.byStatus[s] > 0)
    .map((s) => colourStatus(s, `${statusLabel(s, lang)} ${c.byStatus[s]}`, p))
    .join('  ');
  lines.push(
    `  ${c.errors > 0 ? p.red(`${t.errors} ${c.errors}`) : `${t.errors} 0`}  ${t.warnings} ${c.warnings}（${t.explained} ${c.explainedWarnings}）  |  ${statusCounts}`,
  );
  return lines.join('\n');
}

export function formatMaster(master: Master, lang: Lang, p: Painter): string {
  const t = T[lang];
  const rows: string[][] = [
    [t.code, t.indicator, t.value, t.status, t.expected, t.bureau, lang === 'zh' ? '备注' : 'remarks'],
  ];
  for (const row of master.rows) {
    const remarks: string[] = [];
    if (row.fromCoResponsible) remarks.push(lang === 'zh' ? '取自协同单位' : 'from co-responsible');
    if (row.conflicts.length > 0) {
      remarks.push(
        `${lang === 'zh' ? '冲突' : 'conflict'}: ${row.conflicts.map((c) => `${c.bureau} ${c.value}`).join(' / ')}`,
      );
    }
    for (const issue of row.issues)
      remarks.push(`${SEVERITY_LABELS[lang][issue.severity]}: ${ISSUE_LABELS[lang][issue.kind]}`);
    rows.push([
      row.code,
      row.name,
      row.value === null ? '—' : String(row.value),
      statusLabel(row.status, lang),
      row.expected === null ? '' : String(row.expected),
      row.bureau,
      remarks.join('; '),
    ]);
  }
  const rendered = table(rows, [12, 18, 8, 10, 8, 18, 60]).split('\n');
  const out = [p.dim(rendered[0] ?? '')];
  master.rows.forEach((row, i) => {
    const label = statusLabel(row.status, lang);
    out.push((rendered[i + 1] ?? '').replace(label, colourStatus(row.status, label, p)));
  });
  return out.join('\n');
}

/** A one-line progress bar for stderr on a terminal. */
export function progressBar(done: number, total: number, label: string, width = 28): string {
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * width);
  return `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${truncate(printable(label), 40)}`;
}

// The painter's own codes: the only escape sequences human output may carry.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const OWN_CODES = /(\u001b\[(?:1|2|22|31|32|33|39)m)/;

/**
 * The last line of defence, at the writer: text composed above already has file-derived strings
 * made printable. Text for a terminal: the painter's colour codes kept, every other control, C1 and bidi
 * character escaped (a file name holding `\x1b[8m` would otherwise hide every later line). A
 * leading carriage return is the progress bar redrawing its line, and is kept too.
 */
export function terminalSafe(text: string, colour: boolean): string {
  const lead = text.startsWith('\r') ? '\r' : '';
  const body = text.slice(lead.length);
  if (!colour) return lead + printable(body);
  return (
    lead +
    body
      .split(OWN_CODES)
      .map((part, i) => (i % 2 === 1 ? part : printable(part)))
      .join('')
  );
}
