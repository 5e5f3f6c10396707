import type {
  Catalog,
  Lang,
  Master,
  MasterRead,
  SubmissionReport,
  TemplateModel,
  WorkbookView,
} from '../core';

/**
 * What the task pane asks of Excel. The pane receives an `ExcelHost` through React context and
 * never touches Office.js itself; the real one is `officeHost()`, tests give it a double.
 */

export interface Capabilities {
  /** ExcelApi 1.9, the minimum the manifest asks for: ranges, validation, protection, cell properties. */
  minimum: boolean;
  /** ExcelApi 1.18: cell notes with each issue. Without it the result column carries the words. */
  notes: boolean;
  /** ExcelApi 1.13: merged areas over the figure column are detected. */
  mergedAreas: boolean;
}

export interface CheckOutcome {
  report: SubmissionReport | null;
  /** Why the sheet could not be checked (no header found, …), as a file error kind. */
  unreadable: string | null;
  /** Marks could not be applied (for example the sheet is protected with a password). */
  markingFailed: string | null;
  syncs: number;
}

/** One requirement set the add-in uses: what the host claims, and whether the runtime has it. */
export interface RequirementCheck {
  set: string;
  /** What the add-in uses it for, in the pane's words (a key of the UI text). */
  purpose: 'minimum' | 'mergedAreas' | 'notes';
  claimed: boolean;
  /** Whether the runtime's Office.js actually has what the set brings. */
  present: boolean;
}

/** What the IT person sends back after a first sideload (诊断). */
export interface Diagnosis {
  host: string;
  platform: string;
  /** The Office build the host reports (Office.context.diagnostics.version). */
  officeVersion: string;
  /** The Office.js the add-in ships (bundled, never from a CDN). */
  officeJs: string;
  language: string;
  sets: RequirementCheck[];
  /** One write and read on a scratch very hidden sheet, removed afterwards. */
  roundTrip: { ok: boolean; ms: number; detail: string };
}

/** `markingFailed` when the workbook's structure is protected and no marks sheet exists yet. */
export const STRUCTURE_LOCKED = 'structure: the workbook structure is protected';

/**
 * The workbook's structure is protected (Review → Protect Workbook): Excel refuses to add sheets,
 * so a job that needs them is refused before it starts. The pane words it in its own language.
 */
export function structureLockedError(job: string): HostError {
  return new HostError(
    'protected',
    `工作簿结构受保护，无法${job}：请在“审阅”选项卡中撤销“保护工作簿”后再试。`,
  );
}

export class HostError extends Error {
  constructor(
    readonly kind: 'template-exists' | 'protected' | 'not-supported' | 'office',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ExcelHost {
  capabilities(): Capabilities;
  /** `zh-CN`, `en-US`, … as Office reports it. */
  displayLanguage(): string;
  /** True where Office's theme is dark. */
  darkTheme(): boolean;
  /** Writes the standard sheet into the current workbook; throws HostError('template-exists') if it is there. */
  insertTemplate(model: TemplateModel): Promise<void>;
  /** Reads the active sheet (and _meta, 重点任务), runs `check` on it and marks the sheet: one Excel.run. */
  checkActive(
    check: (workbook: WorkbookView, activeSheet: string) => SubmissionReport | string,
    lang: Lang,
  ): Promise<CheckOutcome>;
  /** Puts the clerk's own formatting back and removes the result column. False if there was nothing to clear. */
  clearMarks(): Promise<boolean>;
  select(sheet: string, address: string): Promise<void>;
  /**
   * Calls back when a figure changes (typing or pasting into the given columns, by default the
   * template's G and H); returns the remover.
   */
  watchFigures(
    onChange: () => void,
    columns?: readonly number[],
    sheet?: string,
  ): Promise<() => Promise<void>>;
  /** Facts of this Excel for the first sideload: host, platform, builds, requirement sets, one round trip. */
  diagnose(): Promise<Diagnosis>;
  /** The state of the master in this workbook (its `_state`, or an earlier format), or why it cannot be read. */
  readMasterState(catalog: Catalog): Promise<MasterRead>;
  /** `textRepaired`: bureau texts that had not stayed text and were written again as literal text. */
  writeMaster(
    catalog: Catalog,
    master: Master,
    lang: Lang,
  ): Promise<{ syncs: number; chart: boolean; textRepaired: number }>;
}
