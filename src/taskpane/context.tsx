import { createContext, useContext, type ReactNode } from 'react';
import type { Catalog, Lang } from '../core';
import type { ExcelHost } from '../excel/host';
import type { WorkerFactory } from './read-files';
import { UI, type UiText } from './i18n';

/**
 * What every part of the pane needs: the Excel adapter (the pane reaches Excel only through it),
 * the catalog and the language. Tests and the preview give their own host.
 */
export interface PaneEnvironment {
  host: ExcelHost;
  catalog: Catalog;
  lang: Lang;
  /** Starts the worker that reads dropped files off the main thread; absent under jsdom. */
  readerWorker?: WorkerFactory;
}

const Environment = createContext<PaneEnvironment | null>(null);

export function EnvironmentProvider({ value, children }: { value: PaneEnvironment; children: ReactNode }) {
  return <Environment.Provider value={value}>{children}</Environment.Provider>;
}

export function useEnvironment(): PaneEnvironment & { t: UiText } {
  const environment = useContext(Environment);
  if (!environment) throw new Error('useEnvironment outside EnvironmentProvider');
  return { ...environment, t: UI[environment.lang] };
}
