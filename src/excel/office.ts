import {
  ENTRY_SHEET,
  META_SHEET,
  MILESTONE_SHEET,
  type Catalog,
  type Lang,
  type Master,
  type MasterRead,
  type TemplateModel,
} from '../core';
import { topLeftOf } from './cells';
import {
  HostError,
  STRUCTURE_LOCKED,
  structureLockedError,
  type Capabilities,
  type CheckOutcome,
  type Diagnosis,
  type ExcelHost,
} from './host';
import { checkActiveIn, clearMarksIn } from './marking';
import { readMasterStateIn, writeMasterIn } from './master-writer';
import { supported } from './runtime';
import { writeTemplate } from './template-writer';

export { MARKS_SHEET } from './marking';

/** The scratch sheet of 诊断, removed as soon as it has been read back. */
const DIAGNOSIS_SHEET = '_yilao_诊断';

/** The Office.js bundled with the add-in; the build writes its version here (webpack DefinePlugin). */
declare const __OFFICE_JS_VERSION__: string | undefined;
const OFFICE_JS_VERSION =
  typeof __OFFICE_JS_VERSION__ === 'string' ? `@microsoft/office-js ${__OFFICE_JS_VERSION__}` : 'unknown';

/**
 * The Office.js adapter as the pane sees it: one `Excel.run` per user action, each job in a module
 * of its own — the template (template-writer.ts), checking and its marks (marking.ts), the county
 * master (master-writer.ts) — over what the runtime can do (runtime.ts). Only these modules say
 * `Excel.` or `Office.`.
 */

export function officeHost(): ExcelHost {
  return {
    capabilities(): Capabilities {
      return { minimum: supported('1.9'), notes: supported('1.18'), mergedAreas: supported('1.13') };
    },

    displayLanguage(): string {
      return Office.context.displayLanguage || 'zh-CN';
    },

    darkTheme(): boolean {
      const background = (Office.context as { officeTheme?: { bodyBackgroundColor?: string } }).officeTheme
        ?.bodyBackgroundColor;
      if (!background || !/^#?[0-9a-f]{6}$/i.test(background)) return false;
      const hex = background.replace('#', '');
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * (r ?? 255) + 0.7152 * (g ?? 255) + 0.0722 * (b ?? 255) < 128;
    },

    async insertTemplate(model: TemplateModel): Promise<void> {
      await Excel.run(async (context) => {
        const existing = [ENTRY_SHEET, META_SHEET, MILESTONE_SHEET].map((name) =>
          context.workbook.worksheets.getItemOrNullObject(name),
        );
        const structure = context.workbook.protection.load('protected');
        await context.sync();
        if (existing.some((sheet) => !sheet.isNullObject)) {
          throw new HostError('template-exists', `当前工作簿已有“${ENTRY_SHEET}”表`);
        }
        if (structure.protected) throw structureLockedError('生成填报表');
        writeTemplate(context, model);
        await context.sync();
      });
    },

    async checkActive(check, lang): Promise<CheckOutcome> {
      return Excel.run((context) => checkActiveIn(context, check, lang));
    },

    async clearMarks(): Promise<boolean> {
      return Excel.run((context) => clearMarksIn(context));
    },

    async select(sheet: string, address: string): Promise<void> {
      await Excel.run(async (context) => {
        const target = context.workbook.worksheets.getItem(sheet);
        target.activate();
        target.getRange(address).select();
        await context.sync();
      });
    },

    async watchFigures(
      onChange: () => void,
      columns: readonly number[] = [7, 8],
      sheetName?: string,
    ): Promise<() => Promise<void>> {
      return Excel.run(async (context) => {
        // The sheet that was checked, by name: the active one only when none is named, so that
        // after checking another sheet re-checking follows the sheet checked, not the old one.
        const sheet = sheetName
          ? context.workbook.worksheets.getItem(sheetName)
          : context.workbook.worksheets.getActiveWorksheet();
        const handler = sheet.onChanged.add(async (event) => {
          // Our own writes go to the result column; only the figure and note columns matter,
          // wherever the clerk's sheet has them.
          const { left } = topLeftOf(event.address);
          const right = topLeftOf(event.address.split(':')[1] ?? event.address).left;
          if (columns.some((column) => column >= left && column <= right)) onChange();
          await Promise.resolve();
        });
        await context.sync();
        return async () => {
          await Excel.run(handler.context, async (ctx) => {
            handler.remove();
            await ctx.sync();
          });
        };
      });
    },

    async diagnose(): Promise<Diagnosis> {
      // Office.context.diagnostics (common API): what the host says it is. Absent in some hosts.
      const info = Office.context.diagnostics as Office.ContextInformation | undefined;
      const present = { minimum: true, mergedAreas: false, notes: false };
      const started = performance.now();
      let roundTrip: Diagnosis['roundTrip'];
      try {
        await Excel.run(async (context) => {
          present.notes = (context.workbook as Partial<Pick<Excel.Workbook, 'notes'>>).notes !== undefined;
          const probe = context.workbook.worksheets.getActiveWorksheet().getRange('A1');
          present.mergedAreas = typeof probe.getMergedAreasOrNullObject === 'function';
          // A protected structure refuses the scratch sheet: said as such, not in Excel's words.
          const structure = context.workbook.protection.load('protected');
          await context.sync();
          if (structure.protected) {
            roundTrip = { ok: false, ms: 0, detail: STRUCTURE_LOCKED };
            return;
          }
          // A scratch sheet: written, read back and removed, to prove a round trip works here.
          const scratch = context.workbook.worksheets.add(DIAGNOSIS_SHEET);
          const cell = scratch.getRange('A1');
          cell.values = [['yilao']];
          scratch.visibility = 'VeryHidden';
          const back = cell.load('values');
          await context.sync();
          const ok = back.values[0]?.[0] === 'yilao';
          // Worksheet.delete fails on a very hidden sheet: hidden first.
          scratch.visibility = 'Hidden';
          scratch.delete();
          await context.sync();
          roundTrip = { ok, ms: 0, detail: ok ? '' : 'read back differs' };
        });
      } catch (cause) {
        roundTrip = { ok: false, ms: 0, detail: cause instanceof Error ? cause.message : String(cause) };
      }
      roundTrip ??= { ok: false, ms: 0, detail: 'no result' };
      roundTrip.ms = Math.round(performance.now() - started);
      return {
        host: info?.host ? String(info.host) : 'Excel',
        platform: info?.platform ? String(info.platform) : 'unknown',
        officeVersion: info?.version ?? 'unknown',
        officeJs: OFFICE_JS_VERSION,
        language: Office.context.displayLanguage || 'unknown',
        sets: [
          { set: 'ExcelApi 1.9', purpose: 'minimum', claimed: supported('1.9'), present: present.minimum },
          {
            set: 'ExcelApi 1.13',
            purpose: 'mergedAreas',
            claimed: supported('1.13'),
            present: present.mergedAreas,
          },
          { set: 'ExcelApi 1.18', purpose: 'notes', claimed: supported('1.18'), present: present.notes },
        ],
        roundTrip,
      };
    },

    async readMasterState(catalog: Catalog): Promise<MasterRead> {
      return Excel.run((context) => readMasterStateIn(context, catalog));
    },

    async writeMaster(
      catalog: Catalog,
      master: Master,
      lang: Lang,
    ): Promise<{ syncs: number; chart: boolean; textRepaired: number }> {
      return Excel.run((context) => writeMasterIn(context, catalog, master, lang));
    },
  };
}
