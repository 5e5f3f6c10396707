import {
  META_SHEET,
  MILESTONE_SHEET,
  cellRef,
  columnLetter,
  type Lang,
  type SubmissionReport,
  type WorkbookView,
} from '../core';
import { asText, toSheetView, topLeftOf, type RangeSnapshot } from './cells';
import { STRUCTURE_LOCKED, type CheckOutcome } from './host';
import { MARK_COLOURS, markPlan, resultColumnValues } from './marks';
import { counted, notesOf, points, quoteSheet, supported } from './runtime';

/**
 * Checking the active sheet in place and 清除标记: the clerk's own formatting and notes are kept
 * in a very hidden sheet while the marks show, and put back exactly.
 *
 * Excel's rules this follows: a protected sheet's locked cells cannot be formatted, and protecting
 * a protected sheet fails (WorksheetProtection.protect), so protection is lifted and put back per
 * sheet, once each, and put back in a final sync of its own whatever failed before it; a note on a
 * cell with a threaded comment fails, so notes go in a sync of their own and their failure costs
 * only the notes; the runtime may lack `workbook.notes` although the host claims ExcelApi 1.18.
 */

/** Where the clerk's own formatting is kept while marks are shown, so 清除标记 puts it back. */
export const MARKS_SHEET = '_yilao_marks';

function loadSnapshot(range: Excel.Range): Excel.Range {
  return range.load(['address', 'values', 'valueTypes', 'numberFormat', 'text']);
}

function snapshotOf(range: Excel.Range): RangeSnapshot | null {
  if (range.isNullObject) return null;
  const { top, left } = topLeftOf(range.address);
  return {
    top,
    left,
    values: range.values,
    valueTypes: range.valueTypes,
    numberFormat: range.numberFormat,
    text: range.text,
  };
}

/**
 * Protection of the sheets about to be changed, by name: each sheet lifted once and put back once
 * with the options it had, in a sync of its own.
 */
class ProtectionGuard {
  private readonly states: {
    name: () => string;
    sheet: Excel.Worksheet;
    protection: Excel.WorksheetProtection;
    /** Fetched with getItemOrNullObject: may be a null object. */
    nullable: boolean;
  }[] = [];
  private lifted: typeof this.states = [];
  constructor(private readonly context: Excel.RequestContext) {}
  /** Queues loading a sheet's protection: by name (a null object where it does not exist) or by proxy. */
  watch(target: string | { sheet: Excel.Worksheet; name: () => string }): void {
    const load = (sheet: Excel.Worksheet) => sheet.protection.load(['protected', 'options']);
    if (typeof target === 'string') {
      const sheet = this.context.workbook.worksheets.getItemOrNullObject(target);
      this.states.push({ name: () => target, sheet, protection: load(sheet), nullable: true });
    } else {
      this.states.push({ ...target, protection: load(target.sheet), nullable: false });
    }
  }
  /** Names whose protection is loaded or queued. */
  has(name: string): boolean {
    return this.states.some((s) => s.name() === name);
  }
  /** After the sync that loaded them: unprotects each protected sheet once, however often it was watched. */
  lift(): void {
    const seen = new Set<string>();
    this.lifted = this.states.filter((s) => {
      if ((s.nullable && s.sheet.isNullObject) || !s.protection.protected || seen.has(s.name())) return false;
      seen.add(s.name());
      return true;
    });
    for (const s of this.lifted) s.sheet.protection.unprotect();
  }
  /** Queues putting protection back, with the options each sheet had; true if there was any. */
  queueRestore(): boolean {
    for (const s of this.lifted) s.sheet.protection.protect(s.protection.options);
    return this.lifted.length > 0;
  }
  /**
   * After a failed sync, whether our unprotect or protect was applied is unknown: the state is
   * read again, and only the sheets now unprotected are protected, in syncs of their own.
   */
  async recover(sync: () => Promise<void>): Promise<void> {
    if (this.lifted.length === 0) return;
    const now = this.lifted.map((s) => ({ s, p: s.sheet.protection.load('protected') }));
    await sync();
    const targets = now.filter(({ p }) => !p.protected).map(({ s }) => s);
    for (const s of targets) s.sheet.protection.protect(s.protection.options);
    this.lifted = [];
    if (targets.length > 0) await sync();
  }
}

type SavedProperties = {
  values?: unknown[][];
  numberFormat?: unknown[][];
  /** The result column: each cell's wrap and the column's width before the check set them. */
  wrap?: unknown[];
  width?: unknown;
  note?: string;
} & Excel.SettableCellProperties;

/** A saved mark's sheet, address and what it covered. */
interface SavedMark {
  kind: string;
  sheet: string;
  local: string;
  properties: SavedProperties;
}

function savedMarks(saved: unknown[][]): SavedMark[] {
  const marks: SavedMark[] = [];
  for (const [kind, sheet, address, json] of saved.slice(1)) {
    if (
      typeof kind !== 'string' ||
      typeof sheet !== 'string' ||
      typeof address !== 'string' ||
      typeof json !== 'string'
    )
      continue;
    try {
      const properties = JSON.parse(json) as SavedProperties;
      const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
      marks.push({ kind, sheet, local, properties });
    } catch {
      // A row someone edited by hand is skipped; the others are still put back.
    }
  }
  return marks;
}

/** Puts back what the marks covered: the clerk's own fill and font colour, and the result column. */
function restoreFormats(context: Excel.RequestContext, marks: readonly SavedMark[]): void {
  for (const { kind, sheet: sheetName, local, properties } of marks) {
    const range = context.workbook.worksheets.getItemOrNullObject(sheetName).getRange(local);
    if (kind === 'result') {
      // A record edited by hand may hold anything: only arrays are put back as rows.
      if (Array.isArray(properties.numberFormat)) range.numberFormat = properties.numberFormat;
      if (Array.isArray(properties.values))
        range.values = properties.values.map((row) =>
          row.map((v) => (typeof v === 'string' ? asText(v) : v)),
        );
      // Records written before the wrap and width were kept have neither: those stay as they are.
      if (Array.isArray(properties.wrap))
        range.setCellProperties(properties.wrap.map((w) => [{ format: { wrapText: w === true } }]));
      if (typeof properties.width === 'number')
        range.setColumnProperties([{ format: { columnWidth: properties.width } }]);
      continue;
    }
    const fill = properties.format?.fill;
    // A cell without a fill reads back as white with pattern None: clear it rather than paint it white.
    if (!fill || fill.pattern === 'None') range.format.fill.clear();
    range.setCellProperties([[{ ...(properties.format ? { format: properties.format } : {}) }]]);
  }
}

/** Puts back the clerk's own notes (ours removed), where the runtime has notes. */
function restoreNotes(notes: Excel.NoteCollection, marks: readonly SavedMark[]): void {
  for (const { kind, sheet, local, properties } of marks) {
    if (kind === 'result') continue;
    const where = `${quoteSheet(sheet)}!${local}`;
    notes.getItemOrNullObject(where).delete();
    if (properties.note !== undefined) notes.add(where, properties.note);
  }
}

export async function checkActiveIn(
  context: Excel.RequestContext,
  check: (workbook: WorkbookView, activeSheet: string) => SubmissionReport | string,
  lang: Lang,
): Promise<CheckOutcome> {
  const { sync, count } = counted(context);
  const sheets = context.workbook.worksheets;
  let guard = new ProtectionGuard(context);

  // First round trip: the sheet, the template's helper sheets, earlier marks, protection, and the
  // merged areas (ExcelApi 1.13) — which Excel refuses past 512: then the read is made without them.
  const read = async (withMerges: boolean) => {
    const active = sheets.getActiveWorksheet().load(['name', 'visibility']);
    const used = loadSnapshot(active.getUsedRangeOrNullObject());
    const merged = withMerges
      ? active.getUsedRangeOrNullObject().getMergedAreasOrNullObject().load('address')
      : null;
    const helpers = [META_SHEET, MILESTONE_SHEET].map((name) => {
      const sheet = sheets.getItemOrNullObject(name).load(['name', 'visibility']);
      return { sheet, used: loadSnapshot(sheet.getUsedRangeOrNullObject()) };
    });
    const marksSheet = sheets.getItemOrNullObject(MARKS_SHEET).load('visibility');
    const savedRange = marksSheet.getUsedRangeOrNullObject().load('values');
    const structure = context.workbook.protection.load('protected');
    // A fresh guard per attempt: what a failed read queued was never loaded.
    guard = new ProtectionGuard(context);
    guard.watch({ sheet: active, name: () => active.name });
    guard.watch(MILESTONE_SHEET);
    await sync();
    const merges =
      merged === null
        ? null
        : merged.isNullObject
          ? []
          : merged.address.split(',').map((a) => a.slice(a.lastIndexOf('!') + 1).replace(/\$/g, ''));
    return { active, used, helpers, marksSheet, savedRange, merges, structure };
  };
  let first;
  try {
    first = await read(supported('1.13'));
  } catch (cause) {
    if (!supported('1.13')) throw cause;
    first = await read(false);
  }
  const { active, used, helpers, marksSheet, savedRange, merges, structure } = first;

  const activeView = toSheetView(active.name, active.visibility, snapshotOf(used));
  const view: WorkbookView = {
    sheets: [
      // Merged cells are reported as the command line reports them (§3).
      merges ? { ...activeView, merges } : activeView,
      ...helpers
        .filter((h) => !h.sheet.isNullObject && h.sheet.name !== active.name)
        .map((h) => toSheetView(h.sheet.name, h.sheet.visibility, snapshotOf(h.used))),
    ],
  };
  const checked = check(view, active.name);
  if (typeof checked === 'string')
    return { report: null, unreadable: checked, markingFailed: null, syncs: count() };
  const report = checked;
  // With the workbook's structure protected (Review → Protect Workbook) Excel refuses a new sheet,
  // so the originals could not be kept and 清除标记 could not undo the marks: none are made.
  if (structure.protected && marksSheet.isNullObject)
    return { report, unreadable: null, markingFailed: STRUCTURE_LOCKED, syncs: count() };

  const notes = notesOf(context);
  const earlier = savedRange.isNullObject ? [] : savedMarks(savedRange.values);
  const plan = markPlan(
    report,
    lang,
    used.isNullObject ? 8 : topLeftOf(used.address).left - 1 + (used.values[0]?.length ?? 0),
  );
  // Earlier marks on a sheet not yet watched (the clerk checked another sheet before): one more read.
  const others = [...new Set([...plan.cells, ...earlier].map((m) => m.sheet))].filter((n) => !guard.has(n));
  if (others.length > 0) {
    for (const name of others) guard.watch(name);
    await sync();
  }

  let failed = false;
  try {
    // Second: put back any earlier marks, then read the clerk's own formatting and notes of
    // every cell about to be marked.
    guard.lift();
    restoreFormats(context, earlier);
    if (notes) restoreNotes(notes, earlier);
    const result = resultColumnValues(plan);
    const resultRange = active.getRange(result.address).load(['values', 'numberFormat']);
    const resultWrap = resultRange.getCellProperties({ format: { wrapText: true } });
    const resultWidth = resultRange.getColumnProperties({ format: { columnWidth: true } });
    const sheetOf = (name: string) => (name === active.name ? active : sheets.getItem(name));
    const originals = plan.cells.map((mark) =>
      sheetOf(mark.sheet)
        .getRange(mark.address)
        .getCellProperties({ format: { fill: { color: true, pattern: true }, font: { color: true } } }),
    );
    const ownNotes = plan.cells.map((mark) =>
      notes && mark.note
        ? notes.getItemOrNullObject(`${quoteSheet(mark.sheet)}!${mark.address}`).load('content')
        : null,
    );
    const headerCell = active.getRange(cellRef(plan.headerRow, plan.resultColumn));
    const headerOriginal = headerCell.getCellProperties({
      format: { fill: { color: true, pattern: true }, font: { color: true, bold: true } },
    });
    await sync();

    // Third: remember the originals in a very hidden sheet, then mark.
    const saved: string[][] = [['kind', 'sheet', 'address', 'properties']];
    plan.cells.forEach((mark, i) => {
      const own = ownNotes[i];
      const note = own && !own.isNullObject ? { note: own.content } : {};
      saved.push([
        'cell',
        mark.sheet,
        mark.address,
        JSON.stringify({ ...(originals[i]?.value[0]?.[0] ?? {}), ...note }),
      ]);
    });
    saved.push([
      'cell',
      active.name,
      cellRef(plan.headerRow, plan.resultColumn),
      JSON.stringify(headerOriginal.value[0]?.[0] ?? {}),
    ]);
    saved.push([
      'result',
      active.name,
      result.address,
      JSON.stringify({
        values: resultRange.values,
        numberFormat: resultRange.numberFormat,
        wrap: resultWrap.value.map((row) => row[0]?.format?.wrapText ?? false),
        width: resultWidth.value[0]?.format?.columnWidth,
      }),
    ]);
    // Rows an earlier, longer list left are blanked: 清除标记 must not put back stale entries.
    const before = savedRange.isNullObject ? 0 : savedRange.values.length;
    while (saved.length < before) saved.push(['', '', '', '']);
    const marks = marksSheet.isNullObject ? sheets.add(MARKS_SHEET) : marksSheet;
    const store = marks.getRange(`A1:D${saved.length}`);
    store.numberFormat = saved.map((row) => row.map(() => '@'));
    store.values = saved.map((row) => row.map((v) => asText(v)));
    // Hidden again if someone showed it — but not under a protected structure, where Excel refuses
    // any change of a sheet's visibility (the records are kept all the same).
    if (marksSheet.isNullObject || (marksSheet.visibility !== 'VeryHidden' && !structure.protected))
      marks.visibility = 'VeryHidden';
    for (const mark of plan.cells) {
      const range = sheetOf(mark.sheet).getRange(mark.address);
      range.format.fill.color = mark.fill;
      range.format.font.color = mark.font;
    }
    const resultCells = active.getRange(result.address);
    resultCells.numberFormat = result.values.map(() => ['@']);
    resultCells.values = result.values.map(([text]) => [asText(text ?? '')]);
    resultCells.format.wrapText = true;
    headerCell.format.fill.color = MARK_COLOURS.header.fill;
    headerCell.format.font.bold = true;
    active.getRange(
      `${columnLetter(plan.resultColumn)}:${columnLetter(plan.resultColumn)}`,
    ).format.columnWidth = points(40);
    await sync();

    // Last: the notes and protection put back, together. A note Excel refuses (a threaded comment
    // on the cell) fails this sync: protection is then put back on its own, and the marks stand.
    const noted = notes ? plan.cells.filter((mark) => mark.note) : [];
    for (const mark of noted) {
      const where = `${quoteSheet(mark.sheet)}!${mark.address}`;
      notes?.getItemOrNullObject(where).delete();
      notes?.add(where, mark.note ?? '');
    }
    const restoring = guard.queueRestore();
    if (noted.length > 0 || restoring) {
      try {
        await sync();
      } catch (cause) {
        failed = true;
        return {
          report,
          unreadable: null,
          markingFailed: `notes: ${cause instanceof Error ? cause.message : String(cause)}`,
          syncs: count(),
        };
      }
    }
    return { report, unreadable: null, markingFailed: null, syncs: count() };
  } catch (cause) {
    failed = true;
    return {
      report,
      unreadable: null,
      markingFailed: cause instanceof Error ? cause.message : String(cause),
      syncs: count(),
    };
  } finally {
    if (failed) await guard.recover(sync);
  }
}

export async function clearMarksIn(context: Excel.RequestContext): Promise<boolean> {
  const { sync } = counted(context);
  const marksSheet = context.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
  // Values only: records blanked under a protected structure leave formatted, empty cells.
  const savedRange = marksSheet.getUsedRangeOrNullObject(true).load('values');
  const structure = context.workbook.protection.load('protected');
  await sync();
  if (marksSheet.isNullObject) return false;
  // Under a protected structure the sheet cannot be deleted: its records are blanked instead.
  const removeRecords = (): void => {
    if (!structure.protected) {
      // A very hidden sheet must be made merely hidden before Excel lets it be deleted.
      marksSheet.visibility = 'Hidden';
      marksSheet.delete();
    } else if (!savedRange.isNullObject) {
      savedRange.values = savedRange.values.map((row) => row.map(() => ''));
    }
  };
  if (savedRange.isNullObject) {
    // Its records were deleted by hand (or blanked under a protected structure): nothing to put
    // back, but the empty sheet is ours to remove where Excel lets us.
    removeRecords();
    try {
      await sync();
    } catch {
      // Left where Excel will not remove it; it holds nothing.
    }
    return false;
  }
  const marks = savedMarks(savedRange.values);
  // Every sheet the marks are on, wherever the clerk is now: not only the active one.
  const guard = new ProtectionGuard(context);
  for (const name of new Set(marks.map((m) => m.sheet))) guard.watch(name);
  await sync();
  let failed = false;
  try {
    guard.lift();
    restoreFormats(context, marks);
    removeRecords();
    await sync();
    const notes = notesOf(context);
    if (notes) restoreNotes(notes, marks);
    if (guard.queueRestore() || notes) {
      try {
        await sync();
      } catch {
        // A note Excel refuses is left as it is; protection is put back below.
        failed = true;
      }
    }
    return true;
  } catch (cause) {
    failed = true;
    throw cause;
  } finally {
    if (failed) await guard.recover(sync);
  }
}
