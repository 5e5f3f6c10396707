import {
  HEADER_COLOUR,
  INPUT_COLOUR,
  NOT_RESPONSIBLE_COLOUR,
  SECTION_COLOUR,
  STATUS_COLOURS,
  type Status,
} from '../core';

/**
 * What every part of the Office.js adapter shares: the palette as Excel wants it, sync counting,
 * and what this runtime can do — asked of the runtime itself as well as of the host.
 */

export const STATUS_FILL = Object.fromEntries(
  Object.entries(STATUS_COLOURS).map(([status, colour]) => [
    status,
    { fill: `#${colour.fill}`, font: `#${colour.font}` },
  ]),
) as Record<Status, { fill: string; font: string }>;
export const INPUT_FILL = `#${INPUT_COLOUR}`;
export const HEADER_FILL = `#${HEADER_COLOUR}`;
export const SECTION_FILL = `#${SECTION_COLOUR}`;
export const NOT_RESPONSIBLE_FILL = `#${NOT_RESPONSIBLE_COLOUR}`;

/** Character widths of the layout to Excel's points (about 7 points a character at 11 pt). */
export const points = (chars: number): number => Math.round(chars * 7 + 5);

export function counted(context: Excel.RequestContext): { sync: () => Promise<void>; count: () => number } {
  let syncs = 0;
  return {
    sync: async () => {
      syncs++;
      await context.sync();
    },
    count: () => syncs,
  };
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function supported(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}

/**
 * The workbook's notes, where this runtime has them. The host may claim ExcelApi 1.18 while the
 * Office.js the add-in ships (16.0.15407, 2022) defines no `workbook.notes`: calling it then is a
 * TypeError on the first check, every re-check and 清除标记. Null means: no notes, words only.
 */
export function notesOf(context: Excel.RequestContext): Excel.NoteCollection | null {
  if (!supported('1.18')) return null;
  const notes = (context.workbook as Partial<Pick<Excel.Workbook, 'notes'>>).notes;
  return notes ?? null;
}

/**
 * A running estimate of what one batch sends, so that a large write is split over several syncs
 * and no request comes near Excel on the web's 5 MB limit (Resource limits and performance
 * optimization for Office Add-ins). Counted as JSON, the way Office.js serialises a batch.
 */
export const SYNC_BUDGET = 3 * 1024 * 1024;

export class PayloadBudget {
  private pending = 0;
  constructor(
    private readonly sync: () => Promise<void>,
    private readonly limit = SYNC_BUDGET,
  ) {}
  /** Counts data about to be queued; syncs first where it would take the batch past the budget. */
  async spend(data: unknown): Promise<void> {
    const size = JSON.stringify(data).length + 64;
    if (this.pending > 0 && this.pending + size > this.limit) await this.flush();
    this.pending += size;
  }
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    this.pending = 0;
    await this.sync();
  }
}
