import {
  Button,
  Caption1,
  Divider,
  ProgressBar,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  STATUSES,
  checkWorkbook,
  fileErrorMessage,
  issueMessage,
  sheetErrorMessage,
  statusText,
  type EntryReport,
  type Issue,
  type SubmissionReport,
} from '../../core';
import { STRUCTURE_LOCKED } from '../../excel/host';
import { useEnvironment } from '../context';
import { plainList } from './listStyle';
import { NoticeBar, describeError, type Notice } from './Problem';
import { StatusBadge } from './StatusBadge';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  counts: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  list: plainList,
  item: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'start',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  explained: { borderLeftColor: tokens.colorNeutralStroke2 },
  muted: { color: tokens.colorNeutralForeground3 },
  message: { overflowWrap: 'anywhere' },
  goTo: { alignSelf: 'start', whiteSpace: 'nowrap' },
  indicator: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  indicatorHead: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
  },
});

interface ListedIssue {
  issue: Issue;
  entry: EntryReport | null;
  sheet: string;
}

function listIssues(report: SubmissionReport): {
  errors: ListedIssue[];
  open: ListedIssue[];
  explained: ListedIssue[];
} {
  const all: ListedIssue[] = [
    ...report.sheetIssues.map((issue) => ({ issue, entry: null, sheet: report.sheetName })),
    ...report.entries.flatMap((entry) =>
      entry.issues.map((issue) => ({ issue, entry, sheet: entry.sheet ?? report.sheetName })),
    ),
  ];
  return {
    errors: all.filter((x) => x.issue.severity === 'error'),
    open: all.filter((x) => x.issue.severity === 'warning' && !x.entry?.explained),
    explained: all.filter((x) => x.issue.severity === 'warning' && !!x.entry?.explained),
  };
}

const DEBOUNCE_MS = 800;

export function CheckTab() {
  const { host, catalog, lang, t } = useEnvironment();
  const styles = useStyles();
  const [report, setReport] = useState<SubmissionReport | null>(null);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [auto, setAuto] = useState(true);
  const [notice, setNotice] = useState<Notice | null>(null);
  const running = useRef(false);
  const capabilities = host.capabilities();

  const check = useCallback(async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      const outcome = await host.checkActive((workbook, active) => {
        const result = checkWorkbook(catalog, workbook);
        if (result.ok) return result.report;
        // A sheet, not a file: the pane checks the sheet the clerk has open.
        return sheetErrorMessage(result.error, lang, active) ?? fileErrorMessage(result.error, lang, active);
      }, lang);
      setReport(outcome.report);
      setCheckedAt(new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-US'));
      if (outcome.unreadable) setNotice({ intent: 'error', title: t.unreadable, text: outcome.unreadable });
      else if (outcome.markingFailed)
        setNotice({
          intent: 'warning',
          text: outcome.markingFailed.startsWith('notes:')
            ? t.notesFailed
            : outcome.markingFailed === STRUCTURE_LOCKED
              ? t.markingStructureLocked
              : t.markingFailed,
        });
      else if (!capabilities.notes) setNotice({ intent: 'info', text: t.noNotes });
      else setNotice(null);
    } catch (error) {
      setNotice({ intent: 'error', title: t.failed, text: describeError(error) });
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, [host, catalog, lang, t, capabilities.notes]);

  // Data validation does not fire on paste: re-check whenever a figure changes.
  useEffect(() => {
    if (!auto || report === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => Promise<void>) | undefined;
    let cancelled = false;
    const columns = report
      ? [report.columns.value, ...(report.columns.note ? [report.columns.note] : [])]
      : undefined;
    host
      .watchFigures(
        () => {
          clearTimeout(timer);
          timer = setTimeout(() => void check(), DEBOUNCE_MS);
        },
        columns,
        report?.sheetName,
      )
      .then((remove) => {
        if (cancelled) void remove();
        else stop = remove;
      })
      .catch((error: unknown) =>
        setNotice({ intent: 'warning', title: t.failed, text: describeError(error) }),
      );
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (stop) void stop();
    };
    // Subscribe once per sheet checked, not on every report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto, report === null, report?.sheetName, host, check]);

  async function clear(): Promise<void> {
    try {
      const cleared = await host.clearMarks();
      setReport(null);
      setNotice({ intent: 'info', text: cleared ? t.marksCleared : t.nothingToClear });
    } catch (error) {
      setNotice({ intent: 'error', title: t.failed, text: describeError(error) });
    }
  }

  const go = (sheet: string, cell: string) => {
    host
      .select(sheet, cell)
      .catch((error: unknown) => setNotice({ intent: 'error', title: t.failed, text: describeError(error) }));
  };

  const grouped = report ? listIssues(report) : null;
  const renderIssues = (items: ListedIssue[], tone: 'error' | 'warning' | 'explained') => (
    <ul className={styles.list}>
      {items.map(({ issue, entry, sheet }, i) => (
        <li key={`${issue.cell ?? ''}-${issue.kind}-${i}`} className={`${styles.item} ${styles[tone]}`}>
          <div>
            <Text weight="semibold">{entry ? `${entry.code} ${entry.name}` : (issue.cell ?? '')}</Text>
            {entry && entry.raw ? (
              <Caption1 block className={styles.muted}>
                {lang === 'zh' ? '填写：' : 'typed: '}
                {entry.raw}
              </Caption1>
            ) : null}
            <Text block className={styles.message}>
              {issueMessage(issue, lang)}
            </Text>
          </div>
          {issue.cell ? (
            <Button size="small" className={styles.goTo} onClick={() => go(sheet, issue.cell ?? '')}>
              {t.goToCell(issue.cell)}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void check()}>
          {busy ? t.checking : t.check}
        </Button>
        <Button disabled={busy} onClick={() => void clear()}>
          {t.clearMarks}
        </Button>
      </div>
      <Switch checked={auto} onChange={(_event, data) => setAuto(data.checked)} label={t.autoCheck} />
      <NoticeBar notice={notice} />
      {report && grouped ? (
        <>
          <div className={styles.counts} aria-live="polite">
            <Text weight="semibold">{t.counts(report.counts.errors, report.counts.warnings)}</Text>
            <Caption1 className={styles.muted}>
              {t.paren(
                `${t.explained} ${report.counts.explainedWarnings} · ${t.unexplained} ${report.counts.unexplainedWarnings}`,
              )}
            </Caption1>
            {checkedAt ? <Caption1 className={styles.muted}>{t.checkedAt(checkedAt)}</Caption1> : null}
          </div>
          <div className={styles.counts}>
            {STATUSES.filter((s) => report.counts.byStatus[s] > 0).map((s) => (
              <span key={s}>
                <StatusBadge status={s} lang={lang} /> {report.counts.byStatus[s]}
              </span>
            ))}
          </div>
          <Divider />
          <Subtitle2 as="h2">{t.issues}</Subtitle2>
          {grouped.errors.length + grouped.open.length + grouped.explained.length === 0 ? (
            <Text>{t.noIssues}</Text>
          ) : null}
          {grouped.errors.length > 0 ? (
            <section aria-label={`${t.errors} ${grouped.errors.length}`}>
              <Text weight="semibold">
                {t.errors}
                {t.paren(String(grouped.errors.length))}
              </Text>
              {renderIssues(grouped.errors, 'error')}
            </section>
          ) : null}
          {grouped.open.length > 0 ? (
            <section aria-label={`${t.warnings} ${grouped.open.length}`}>
              <Text weight="semibold">
                {t.warnings}
                {t.paren(`${t.unexplained} ${grouped.open.length}`)}
              </Text>
              {renderIssues(grouped.open, 'warning')}
            </section>
          ) : null}
          {grouped.explained.length > 0 ? (
            <section aria-label={`${t.warnings} ${t.explained} ${grouped.explained.length}`}>
              <Text weight="semibold">
                {t.warnings}
                {t.paren(`${t.explained} ${grouped.explained.length}`)}
              </Text>
              {renderIssues(grouped.explained, 'explained')}
            </section>
          ) : null}
          <Divider />
          <Subtitle2 as="h2">{t.indicators}</Subtitle2>
          <ul className={styles.list} aria-label={t.indicators}>
            {report.entries.map((entry) => (
              <li key={entry.code} className={styles.indicator}>
                <div className={styles.indicatorHead}>
                  <Text>
                    {entry.code} {entry.name}
                  </Text>
                  <StatusBadge status={entry.status} lang={lang} />
                </div>
                <Caption1 className={styles.muted}>
                  {entry.value === null ? '—' : `${entry.value}${entry.unit === '%' ? '%' : entry.unit}`}
                  {entry.expected !== null ? ` · ${t.expected} ${entry.expected}` : ''} · {t.target}{' '}
                  {entry.targetText}
                </Caption1>
                {entry.status === 'to-confirm' ? (
                  <Caption1 className={styles.muted}>{statusText(entry, lang)}</Caption1>
                ) : null}
                {entry.toTarget !== null ? (
                  <ProgressBar
                    value={entry.toTarget}
                    max={1}
                    thickness="large"
                    color={
                      entry.status === 'off-track'
                        ? 'error'
                        : entry.status === 'at-risk' || entry.status === 'to-confirm'
                          ? 'warning'
                          : 'success'
                    }
                    aria-label={`${entry.code} ${Math.round(entry.toTarget * 100)}%`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
