import {
  Button,
  Caption1,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import {
  combine,
  countyTime,
  notReportedText,
  registerText,
  statePoints,
  type CombineInput,
  type Master,
  type MasterState,
  type PendingChoice,
} from '../../core';
import { HostError } from '../../excel/host';
import { readDroppedFiles } from '../read-files';
import { useEnvironment } from '../context';
import { plainList } from './listStyle';
import { NoticeBar, describeError, type Notice } from './Problem';

/**
 * 汇总 in the county office's master workbook. Files are read in the browser by the same fast
 * reader the command line uses, checked by the same core and combined by the same rules; only
 * the writing differs (Office.js instead of exceljs). Loaded on demand: clerks never need it.
 */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingVerticalL,
    textAlign: 'center',
    cursor: 'pointer',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
  },
  list: plainList,
  item: {
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  rejected: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  usedFile: { borderLeft: `4px solid ${tokens.colorPaletteGreenBorder2}` },
  supersededFile: { borderLeft: `4px solid ${tokens.colorNeutralStroke2}` },
  pendingFile: { borderLeft: `4px solid ${tokens.colorPaletteBerryBorder2}` },
  choice: {
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorPaletteBerryBorder2}`,
  },
  dropBusy: { opacity: 0.5, cursor: 'progress' },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: 'none' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Files listed before 显示其余: enough for a county's drop, few enough to render at once. */
const LISTED = 200;

const groupOf = (choice: PendingChoice): string => `${choice.bureau}\u0000${choice.period}`;

export function CombineTab() {
  const { host, catalog, lang, t, readerWorker } = useEnvironment();
  const styles = useStyles();
  const [inputs, setInputs] = useState<CombineInput[]>([]);
  const [showAll, setShowAll] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [preview, setPreview] = useState<Master | null>(null);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  /** The office's choices between duplicates, by bureau and period: the SHA-256 kept. */
  const [keep, setKeep] = useState<Map<string, string>>(new Map());
  // Every choice shown stays on screen once made, so that it can be changed before writing.
  const [choices, setChoices] = useState<Map<string, PendingChoice>>(new Map());
  const picker = useRef<HTMLInputElement>(null);
  // The list as it is now, for work that outlives a render (a read in progress).
  const current = useRef<CombineInput[]>([]);

  /** The master's state, or null for a new master; throws the master's own refusal. */
  async function masterState(): Promise<MasterState | null> {
    const read = await host.readMasterState(catalog);
    if (read.kind === 'refused') throw new Error(read[lang]);
    if (read.kind === 'legacy') setNotice({ intent: 'warning', text: read.notes[lang] });
    return read.kind === 'not-master' ? null : read.state;
  }

  function combined(
    list: readonly CombineInput[],
    state: MasterState | null,
    kept: Map<string, string>,
  ): Master {
    const master = combine(catalog, list, {
      importedAt: countyTime(new Date()),
      ...(state ? { existing: state } : {}),
      ...(kept.size > 0 ? { keep: [...kept.values()] } : {}),
    });
    if (master.pending.length > 0)
      setChoices((shown) => {
        const next = new Map(shown);
        for (const choice of master.pending) next.set(groupOf(choice), choice);
        return next;
      });
    return master;
  }

  // Files dropped while others are being read wait their turn: none is lost, none read twice.
  const queued = useRef<File[]>([]);
  const reading = useRef(false);

  async function add(files: File[]): Promise<void> {
    queued.current.push(...files);
    if (reading.current) return;
    reading.current = true;
    setBusy(true);
    setNotice(null);
    try {
      while (queued.current.length > 0) {
        const batch = queued.current.splice(0);
        const state = await masterState();
        setProgress({ done: 0, total: batch.length });
        const results = await readDroppedFiles(
          batch,
          catalog,
          { history: statePoints(state ?? undefined) },
          (done) => setProgress({ done, total: batch.length }),
          readerWorker,
        );
        const next = [...current.current, ...results];
        current.current = next;
        setInputs(next);
        setPreview(combined(next, state, keep));
      }
    } catch (error) {
      queued.current = [];
      setNotice({ intent: 'error', title: t.failed, text: describeError(error) });
    } finally {
      reading.current = false;
      setBusy(false);
      setProgress(null);
    }
  }

  async function choose(group: string, sha256: string): Promise<void> {
    const kept = new Map(keep).set(group, sha256);
    setKeep(kept);
    try {
      setPreview(combined(current.current, await masterState(), kept));
    } catch (error) {
      setNotice({ intent: 'error', title: t.failed, text: describeError(error) });
    }
  }

  async function write(): Promise<void> {
    setBusy(true);
    try {
      const master = combined(current.current, await masterState(), keep);
      const written = await host.writeMaster(catalog, master, lang);
      setPreview(master);
      const used = master.register.filter((r) => r.outcome === 'used').length;
      const done = t.masterDone(current.current.length, used, master.history.length);
      const pending = master.pending.length > 0 ? ` ${t.stillPending(master.pending.length)}` : '';
      setNotice(
        written.textRepaired > 0
          ? { intent: 'warning', text: `${done}${pending} ${t.textRepaired(written.textRepaired)}` }
          : { intent: pending ? 'warning' : 'success', text: `${done}${pending}` },
      );
    } catch (error) {
      setNotice(
        error instanceof HostError && error.kind === 'protected'
          ? { intent: 'warning', text: t.structureLocked }
          : { intent: 'error', title: t.failed, text: describeError(error) },
      );
    } finally {
      setBusy(false);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    void add(Array.from(event.dataTransfer.files));
  }

  // By file and content, built once per preview: a lookup per listed file was quadratic in the drop.
  const register = useMemo(
    () => new Map((preview?.register ?? []).map((r) => [`${r.sha256}/${r.file}`, r])),
    [preview],
  );
  const registerOf = (file: string, sha256: string) => register.get(`${sha256}/${file}`);
  // Problems first would reorder what the clerk dropped; instead a long drop is listed in part.
  const listed = showAll ? inputs : inputs.slice(0, LISTED);

  return (
    <div className={styles.root}>
      <Text className={styles.muted}>{t.combineHint}</Text>
      <div
        className={`${styles.drop} ${dragging ? styles.dropActive : ''} ${busy ? styles.dropBusy : ''}`}
        role="button"
        tabIndex={0}
        aria-busy={busy}
        onClick={() => picker.current?.click()}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            picker.current?.click();
          }
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Text weight="semibold">{t.addFiles}</Text>
        <Caption1 block className={styles.muted}>
          {t.dropHere}
        </Caption1>
      </div>
      <input
        ref={picker}
        className={styles.hidden}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="file-input"
        aria-label={t.addFiles}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          void add(files);
        }}
      />
      {progress ? (
        <div>
          <Caption1>{t.reading(progress.done, progress.total)}</Caption1>
          <ProgressBar
            value={progress.done}
            max={progress.total}
            aria-label={t.reading(progress.done, progress.total)}
          />
        </div>
      ) : null}
      <NoticeBar notice={notice} />
      {choices.size > 0 ? (
        <section aria-label={t.pendingTitle}>
          <Subtitle2 as="h2">{t.pendingTitle}</Subtitle2>
          <Caption1 block className={styles.muted}>
            {t.pendingHint}
          </Caption1>
          {[...choices.values()].map((choice) => {
            const group = groupOf(choice);
            const decided = keep.has(group);
            return (
              <div key={group} className={styles.choice}>
                <Text weight="semibold" block>
                  {choice.bureau}
                </Text>
                <RadioGroup
                  aria-label={`${t.pendingTitle}：${choice.bureau}`}
                  value={keep.get(group) ?? ''}
                  onChange={(_event, data) => void choose(group, data.value)}
                >
                  {choice.candidates.map((c) => (
                    <Radio
                      key={c.sha256}
                      value={c.sha256}
                      label={`${c.file}（${t.candidate(c.filledOn, c.errors, c.figures)}）${!decided && c.file === choice.kept ? ` ← ${t.usedForNow}` : ''}`}
                    />
                  ))}
                </RadioGroup>
              </div>
            );
          })}
        </section>
      ) : null}
      {preview && preview.notReported.length > 0 ? (
        <section aria-label={t.notReportedTitle(preview.period, preview.notReported.length)}>
          <Subtitle2 as="h2">{t.notReportedTitle(preview.period, preview.notReported.length)}</Subtitle2>
          <ul className={styles.list}>
            {preview.notReported.map((item) => (
              <li key={item.bureau} className={`${styles.item} ${styles.rejected}`}>
                <Text weight="semibold" block>
                  {item.bureau}
                </Text>
                <Caption1 block className={styles.muted}>
                  {t.leads(item.leads.length, item.shares.length)} · {notReportedText(item, lang)}
                </Caption1>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {inputs.length > 0 ? (
        <ul className={styles.list} aria-label={t.addFiles}>
          {listed.map((input, i) => {
            const reg = registerOf(input.file, input.sha256);
            const outcome = reg?.outcome ?? 'rejected';
            const tone =
              outcome === 'rejected'
                ? styles.rejected
                : outcome === 'superseded'
                  ? styles.supersededFile
                  : outcome === 'to-confirm'
                    ? styles.pendingFile
                    : styles.usedFile;
            return (
              <li key={`${i}-${input.file}`} className={`${styles.item} ${tone}`}>
                <Text weight="semibold" block>
                  {input.file}
                </Text>
                <Caption1 block>
                  {input.report
                    ? `${input.report.bureau ?? input.report.bureauText} · ${input.report.period ?? '—'} · ${t.counts(input.report.counts.errors, input.report.counts.warnings)}`
                    : ''}
                </Caption1>
                <Caption1 block className={styles.muted}>
                  {reg
                    ? `${t.outcome[outcome]}${registerText(reg, lang) ? `：${registerText(reg, lang)}` : ''}`
                    : ''}
                </Caption1>
              </li>
            );
          })}
        </ul>
      ) : null}
      {listed.length < inputs.length ? (
        <Button appearance="subtle" onClick={() => setShowAll(true)}>
          {t.showAllFiles(inputs.length - listed.length)}
        </Button>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || inputs.length === 0} onClick={() => void write()}>
          {t.writeMaster}
        </Button>
        <Button
          disabled={busy || inputs.length === 0}
          onClick={() => {
            current.current = [];
            setInputs([]);
            setShowAll(false);
            setPreview(null);
            setNotice(null);
            setKeep(new Map());
            setChoices(new Map());
          }}
        >
          {t.removeAll}
        </Button>
      </div>
    </div>
  );
}

export default CombineTab;
