import {
  Button,
  FluentProvider,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { Catalog } from '../core';
import type { ExcelHost } from '../excel/host';
import { CheckTab } from './components/CheckTab';
import { NoticeBar } from './components/Problem';
import { TemplateTab } from './components/TemplateTab';
import { EnvironmentProvider } from './context';
import type { WorkerFactory } from './read-files';
import { UI, langFor } from './i18n';

// Only the county office combines: its code (the file reader and fflate) loads on demand.
const CombineTab = lazy(() => import(/* webpackChunkName: "combine" */ './components/CombineTab'));
// 诊断 is for the first sideload: loaded when asked for.
const Diagnostics = lazy(() => import(/* webpackChunkName: "diagnostics" */ './components/Diagnostics'));

const useStyles = makeStyles({
  shell: { minHeight: '100vh', display: 'flex', flexDirection: 'column', boxSizing: 'border-box' },
  header: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} 0` },
  tabs: { padding: `0 ${tokens.spacingHorizontalXS}` },
  body: { padding: tokens.spacingHorizontalM, flexGrow: 1 },
  footer: { padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}` },
});

type TabId = 'template' | 'check' | 'combine';

export interface AppProps {
  host: ExcelHost;
  catalog: Catalog;
  /** Overrides Office's display language (the preview's switch). */
  language?: string;
  dark?: boolean;
  /** Where dropped files are read: a Web Worker in the real pane and the preview. */
  readerWorker?: WorkerFactory;
}

export function App({ host, catalog, language, dark, readerWorker }: AppProps) {
  const styles = useStyles();
  const lang = langFor(language ?? host.displayLanguage());
  const t = UI[lang];
  const [tab, setTab] = useState<TabId>('check');
  const [diagnostics, setDiagnostics] = useState(false);
  const minimum = host.capabilities().minimum;
  const theme = (dark ?? host.darkTheme()) ? webDarkTheme : webLightTheme;

  return (
    // The shell's layout is on a div inside the provider, not on the provider itself: Fluent gives
    // a popup's portal layer the provider's classes, and with them minHeight 100vh and a
    // background — an open 填报单位 list painted the whole 350 px pane white.
    <FluentProvider theme={theme} lang={lang === 'zh' ? 'zh-CN' : 'en-US'}>
      <EnvironmentProvider value={{ host, catalog, lang, ...(readerWorker ? { readerWorker } : {}) }}>
        <div className={styles.shell}>
          <header className={styles.header}>
            <Text as="h1" size={500} weight="semibold">
              {t.appTitle}
            </Text>
          </header>
          <TabList
            className={styles.tabs}
            selectedValue={tab}
            onTabSelect={(_event, data) => setTab(data.value as TabId)}
            aria-label={t.appTitle}
          >
            <Tab value="template">{t.tabTemplate}</Tab>
            <Tab value="check">{t.tabCheck}</Tab>
            <Tab value="combine">{t.tabCombine}</Tab>
          </TabList>
          <main className={styles.body}>
            {!minimum ? <NoticeBar notice={{ intent: 'warning', text: t.minimumMissing }} /> : null}
            {tab === 'template' ? <TemplateTab /> : null}
            {tab === 'check' ? <CheckTab /> : null}
            {tab === 'combine' ? (
              <Suspense fallback={<Spinner size="small" label={t.loadingPart} />}>
                <CombineTab />
              </Suspense>
            ) : null}
          </main>
          <footer className={styles.footer}>
            <Button
              appearance="subtle"
              size="small"
              aria-expanded={diagnostics}
              onClick={() => setDiagnostics((v) => !v)}
            >
              {t.diagOpen}
            </Button>
            {diagnostics ? (
              <Suspense fallback={<Spinner size="small" label={t.loadingPart} />}>
                <Diagnostics />
              </Suspense>
            ) : null}
          </footer>
        </div>
      </EnvironmentProvider>
    </FluentProvider>
  );
}
