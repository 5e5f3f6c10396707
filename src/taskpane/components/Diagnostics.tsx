import {
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { STRUCTURE_LOCKED, type Diagnosis } from '../../excel/host';
import type { UiText } from '../i18n';
import { useEnvironment } from '../context';
import { NoticeBar, describeError } from './Problem';

/**
 * 诊断: what the IT person sends back after the first sideload in a real Excel — host, platform,
 * the Office build and the bundled Office.js, each requirement set the add-in uses as claimed by
 * the host and as present in the runtime, and one round trip on a scratch sheet. As text to copy.
 */

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // On the inner textarea: the wrapper's height does not reach it.
  report: { fontSize: tokens.fontSizeBase200, minHeight: '16em' },
});

export function diagnosisText(d: Diagnosis, t: UiText): string {
  const lines = [
    `${t.diagHost}: ${d.host} · ${d.platform}`,
    `${t.diagOffice}: ${d.officeVersion}`,
    `${t.diagOfficeJs}: ${d.officeJs}`,
    `${t.diagLanguage}: ${d.language}`,
    ...d.sets.map(
      (s) =>
        `${s.set}（${t.diagPurpose[s.purpose]}）：${s.claimed ? t.diagClaimed : t.diagNotClaimed}，${
          s.present ? t.diagPresent : t.diagAbsent
        }${s.claimed && !s.present ? ` — ${t.diagMismatch}` : ''}`,
    ),
    `${t.diagRoundTrip}: ${
      d.roundTrip.ok
        ? t.diagOk
        : `${t.diagFailed}（${d.roundTrip.detail === STRUCTURE_LOCKED ? t.structureLocked : d.roundTrip.detail}）`
    } · ${d.roundTrip.ms} ms`,
  ];
  return lines.join('\n');
}

export function Diagnostics() {
  const { host, t } = useEnvironment();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setText(diagnosisText(await host.diagnose(), t));
    } catch (cause) {
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // The pane's web view may refuse the clipboard: the text is selected for Ctrl+C instead.
      const area = document.getElementById('yilao-diagnosis') as HTMLTextAreaElement | null;
      area?.select();
    }
  }

  return (
    <section className={styles.root} aria-label={t.diagTitle}>
      <Subtitle2 as="h2">{t.diagTitle}</Subtitle2>
      <Caption1>{t.diagHint}</Caption1>
      <div>
        <Button disabled={busy} onClick={() => void run()}>
          {t.diagRun}
        </Button>{' '}
        {busy ? <Spinner size="tiny" /> : null}
      </div>
      {error ? <NoticeBar notice={{ intent: 'error', title: t.failed, text: error }} /> : null}
      {text ? (
        <>
          <Textarea
            id="yilao-diagnosis"
            textarea={{ className: styles.report }}
            rows={10}
            value={text}
            readOnly
            resize="vertical"
            aria-label={t.diagTitle}
          />
          <Button onClick={() => void copy()}>{t.diagCopy}</Button>
        </>
      ) : null}
    </section>
  );
}

export default Diagnostics;
