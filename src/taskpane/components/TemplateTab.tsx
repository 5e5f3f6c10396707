import { Button, Combobox, Field, Input, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { buildTemplateModel, catalogHash, resolveBureau, responsibleBureaus } from '../../core';
import { HostError } from '../../excel/host';
import { useEnvironment } from '../context';
import { NoticeBar, describeError, type Notice } from './Problem';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function TemplateTab() {
  const { host, catalog, t } = useEnvironment();
  const styles = useStyles();
  const bureaus = useMemo(() => responsibleBureaus(catalog), [catalog]);
  const [typed, setTyped] = useState('');
  // Suggestions open as the clerk types, not only on the arrow key.
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState(String(Math.min(new Date().getFullYear(), catalog.targetYear)));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const bureau = resolveBureau(catalog, typed);
  const year = Number(period);
  const periodOk = /^\d{4}$/.test(period) && year >= 2000 && year <= 2100;
  const matches = bureaus.filter(
    (b) => !typed || [b.name, ...b.aliases].some((n) => n.includes(typed.trim())) || b === bureau,
  );

  async function create(): Promise<void> {
    if (!bureau || !periodOk) return;
    setBusy(true);
    setNotice(null);
    try {
      await host.insertTemplate(buildTemplateModel(catalog, bureau.name, year, catalogHash(catalog)));
      setNotice({ intent: 'success', text: t.templateDone(bureau.name, year) });
    } catch (error) {
      setNotice(
        error instanceof HostError && error.kind === 'template-exists'
          ? { intent: 'warning', text: t.templateExists }
          : error instanceof HostError && error.kind === 'protected'
            ? { intent: 'warning', text: t.structureLocked }
            : { intent: 'error', title: t.failed, text: describeError(error) },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.root}>
      <Text className={styles.hint}>{t.templateHint}</Text>
      <Field
        label={t.bureau}
        required
        validationState={typed && !bureau ? 'error' : 'none'}
        validationMessage={typed && !bureau ? t.bureauUnknown : undefined}
      >
        <Combobox
          freeform
          placeholder={t.bureauPlaceholder}
          value={typed}
          open={open}
          onOpenChange={(_event, data) => setOpen(data.open)}
          onChange={(event) => {
            setTyped(event.target.value);
            setOpen(true);
          }}
          onOptionSelect={(_event, data) => {
            setTyped(data.optionText ?? '');
            setOpen(false);
          }}
        >
          {matches.map((b) => (
            <Option key={b.name} value={b.name} text={b.name}>
              {b.name}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field
        label={t.period}
        required
        validationState={periodOk ? 'none' : 'error'}
        validationMessage={periodOk ? undefined : t.periodInvalid}
      >
        <Input inputMode="numeric" value={period} onChange={(_event, data) => setPeriod(data.value.trim())} />
      </Field>
      <Button appearance="primary" disabled={!bureau || !periodOk || busy} onClick={() => void create()}>
        {t.makeTemplate}
      </Button>
      <NoticeBar notice={notice} />
    </div>
  );
}
