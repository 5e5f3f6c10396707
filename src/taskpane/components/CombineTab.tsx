import {
  Button,
  Caption1,
  ProgressBar,
  Text,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type DragEvent } from 'react';
import {
  combine,
  countyTime,
  fileErrorMessage,
  historyPoints,
  type CombineInput,
  type Master,
} from '../../core';
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
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: 'none' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function CombineTab() {
  const { host, catalog, lang, t, readerWorker } = useEnvironment();
  const styles = useStyles();
  const [inputs, setInputs] = useState<CombineInput[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [preview, setPreview] = useState<Master | null>(null);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  async function add(files: File[]): Promise<void> {
    if (files.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const state = await host.readMasterState();
      const points = historyPoints(state?.history ?? []);
      setProgress({ done: 0, total: files.length });
      const results = await readDroppedFiles(
        files,
        catalog,
        { history: points },
        (done) => setProgress({ done, total: files.length }),
        readerWorker,
      );
      const added: CombineInput[] = results.map((result, i) => ({ ...result, order: inputs.length + i }));
      const next = [...inputs, ...added];
      setInputs(next);
      setPreview(
        combine(catalog, next, {
          importedAt: countyTime(new Date()),
          ...(state ? { existing: state } : {}),
        }),
      );
    } catch (error) {
      setNotice({ intent: 'error', title: t.failed, text: describeError(error) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function write(): Promise<void> {
    setBusy(true);
    try {
      const state = await host.readMasterState();
      const master = combine(catalog, inputs, {
        importedAt: countyTime(new Date()),
        ...(state ? { existing: state } : {}),
      });
      const written = await host.writeMaster(catalog, master, lang);
      setPreview(master);
      const used = master.register.filter((r) => !r.earlier && r.accepted && !r.supersededBy).length;
      const done = t.masterDone(inputs.length, used, master.history.length);
      setNotice(
        written.textRepaired > 0
          ? { intent: 'warning', text: `${done} ${t.textRepaired(written.textRepaired)}` }
          : { intent: 'success', text: done },
      );
    } catch (error) {
      setNotice({ intent: 'error', title: t.failed, text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    void add(Array.from(event.dataTransfer.files));
  }

  const registerOf = (file: string, sha256: string) =>
    preview?.register.find((r) => r.file === file && r.sha256 === sha256);

  return (
    <div className={styles.root}>
      <Text className={styles.muted}>{t.combineHint}</Text>
      <div
        className={`${styles.drop} ${dragging ? styles.dropActive : ''}`}
        role="button"
        tabIndex={0}
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
      {inputs.length > 0 ? (
        <ul className={styles.list} aria-label={t.addFiles}>
          {inputs.map((input) => {
            const reg = registerOf(input.file, input.sha256);
            const accepted = reg?.accepted ?? false;
            const superseded = !!reg?.supersededBy;
            return (
              <li
                key={`${input.order}-${input.file}`}
                className={`${styles.item} ${!accepted ? styles.rejected : superseded ? styles.supersededFile : styles.usedFile}`}
              >
                <Text weight="semibold" block>
                  {input.file}
                </Text>
                <Caption1 block>
                  {input.report
                    ? `${input.report.bureau ?? input.report.bureauText} · ${input.report.period ?? '—'} · ${t.counts(input.report.counts.errors, input.report.counts.warnings)}`
                    : ''}
                </Caption1>
                <Caption1 block className={styles.muted}>
                  {accepted
                    ? superseded
                      ? `${t.superseded}：${reg?.supersededBy ?? ''}`
                      : t.accepted
                    : `${t.rejected}：${reg?.reason ? fileErrorMessage(reg.reason, lang) : ''}`}
                </Caption1>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || inputs.length === 0} onClick={() => void write()}>
          {t.writeMaster}
        </Button>
        <Button
          disabled={busy || inputs.length === 0}
          onClick={() => {
            setInputs([]);
            setPreview(null);
            setNotice(null);
          }}
        >
          {t.removeAll}
        </Button>
      </div>
    </div>
  );
}

export default CombineTab;
