import ExcelJS from 'exceljs';
import {
  ENTRY_SHEET,
  HEADER_FIELDS,
  HEADER_ROW,
  META_SHEET,
  MILESTONE_HEADERS,
  MILESTONE_PROGRESS,
  MILESTONE_SHEET,
  buildTemplateModel,
  catalogHash,
  type Catalog,
  type TemplateModel,
  type ValidationSpec,
} from '../core';
import {
  BODY_FONT,
  BOX,
  INPUT_FILL,
  SECTION_FILL,
  STATUS_STYLE,
  TITLE_FONT,
  printSetup,
  solid,
  styleHeaderRow,
} from './style';

/**
 * The standard workbook of spec §2 for one bureau and period, written with exceljs from the
 * core's layout model. It carries its own validation and marks, so a clerk on Excel 2016, WPS
 * or LibreOffice without the add-in still gets the basic help.
 */

const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/** A figure cell's validation as exceljs writes it, from the layout's spec. */
function dataValidationOf(spec: ValidationSpec): ExcelJS.DataValidation {
  return {
    type: spec.type,
    operator: spec.max === undefined ? 'greaterThanOrEqual' : 'between',
    formulae: spec.max === undefined ? [spec.min] : [spec.min, spec.max],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: spec.promptTitle,
    prompt: spec.prompt,
    showErrorMessage: true,
    // A warning, not a stop: `不适用` must still be typeable; the checker reads the rest.
    errorStyle: 'warning',
    errorTitle: '请核对',
    error: spec.error,
  };
}

function unlock(cell: ExcelJS.Cell): void {
  cell.protection = { locked: false };
  cell.fill = solid(INPUT_FILL);
}

function writeEntrySheet(workbook: ExcelJS.Workbook, model: TemplateModel): void {
  const sheet = workbook.addWorksheet(ENTRY_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, activeCell: 'G5' }],
    properties: { defaultRowHeight: 20 },
  });
  const columns = model.columns;
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, style: { font: BODY_FONT } }));

  sheet.mergeCells(1, 1, 1, columns.length);
  const title = sheet.getCell('A1');
  title.value = model.title;
  title.font = TITLE_FONT;
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 36;

  for (const field of Object.values(HEADER_FIELDS)) {
    const label = sheet.getCell(field.labelCell);
    label.value = field.label;
    label.font = { ...BODY_FONT, bold: true };
    label.alignment = { horizontal: 'right', vertical: 'middle' };
    const input = sheet.getCell(field.cell);
    unlock(input);
    input.border = BOX;
    input.alignment = { horizontal: 'left', vertical: 'middle' };
  }
  sheet.getCell(HEADER_FIELDS.bureau.cell).value = model.bureau;
  const period = sheet.getCell(HEADER_FIELDS.period.cell);
  period.value = model.period;
  period.numFmt = '0';
  period.dataValidation = {
    type: 'whole',
    operator: 'between',
    formulae: [2000, 2100],
    allowBlank: false,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '报告期',
    error: '请填写四位年份，如 2025。',
  };
  const filledOn = sheet.getCell(HEADER_FIELDS.filledOn.cell);
  filledOn.numFmt = 'yyyy-mm-dd';
  filledOn.dataValidation = {
    type: 'date',
    operator: 'greaterThan',
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '填报日期',
    prompt: '填写报送日期，如 2025-12-20。更正后重新报送时请更新日期。',
    showErrorMessage: true,
    errorStyle: 'stop',
    error: '请填写日期，如 2025-12-20。',
  };
  // A phone number typed into a General cell loses its leading 0: keep it as text.
  sheet.getCell(HEADER_FIELDS.phone.cell).numFmt = '@';
  sheet.getCell(HEADER_FIELDS.filledBy.cell).numFmt = '@';

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  styleHeaderRow(header, columns.length);
  for (const c of columns.filter((c) => c.input)) header.getCell(c.column).fill = solid('FFFFE699');

  const valueColumn = columns.find((c) => c.key === 'value')?.column ?? 7;
  const noteColumn = columns.find((c) => c.key === 'note')?.column ?? 8;
  for (const row of model.rows) {
    const excelRow = sheet.getRow(row.row);
    if (row.kind === 'section') {
      sheet.mergeCells(row.row, 1, row.row, columns.length);
      const cell = excelRow.getCell(1);
      cell.value = row.label;
      cell.font = { ...BODY_FONT, bold: true };
      cell.fill = solid(SECTION_FILL);
      cell.border = BOX;
      excelRow.height = 22;
      continue;
    }
    row.cells.forEach((text, i) => {
      const cell = excelRow.getCell(i + 1);
      cell.value = text;
      cell.border = BOX;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: i === 1 || i === 5 ? 'left' : 'center',
      };
    });
    // Long names wrap; give them room so a printed page stays readable.
    excelRow.height = Math.max(
      22,
      Math.ceil(row.cells[1].length / 22) * 16 + 6,
      Math.ceil(row.cells[5].length / 12) * 16 + 6,
    );
    const value = excelRow.getCell(valueColumn);
    unlock(value);
    value.border = BOX;
    value.numFmt = row.validation.numFmt;
    value.alignment = { vertical: 'middle', horizontal: 'right' };
    value.dataValidation = dataValidationOf(row.validation);
    const note = excelRow.getCell(noteColumn);
    unlock(note);
    note.border = BOX;
    note.numFmt = '@';
    note.alignment = { vertical: 'middle', wrapText: true };

    const ref = value.address;
    if (row.expected !== null) {
      const behind = row.indicator.direction === 'higher' ? 'lessThan' : 'greaterThan';
      sheet.addConditionalFormatting({
        ref,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [`AND(ISNUMBER(${ref}),${ref}${behind === 'lessThan' ? '<' : '>'}${row.expected})`],
            style: {
              fill: solid(STATUS_STYLE['off-track'].fill),
              font: { color: { argb: STATUS_STYLE['off-track'].font } },
            },
          },
        ],
      });
    }
    // Text in the figure column is what the checker rejects most: show it at once.
    sheet.addConditionalFormatting({
      ref,
      rules: [
        {
          type: 'expression',
          priority: 2,
          formulae: [`ISTEXT(${ref})`],
          style: {
            fill: solid(STATUS_STYLE['at-risk'].fill),
            font: { color: { argb: STATUS_STYLE['at-risk'].font } },
          },
        },
      ],
    });
  }

  const last = model.rows.at(-1)?.row ?? HEADER_ROW;
  const sign = sheet.getRow(last + 2);
  sign.getCell(1).value = '单位负责人（签字）：';
  sign.getCell(4).value = '审核人：';
  sign.getCell(6).value = '（单位盖章）';
  sheet.getRow(last + 3).getCell(1).value =
    '填表说明：只在黄色单元格填写。“本期完成值”只填数字（% 指标填 0–100，如 85 表示 85%）；文字、口径和原因写在“说明”栏。';
  sheet.mergeCells(last + 3, 1, last + 3, columns.length);
  sheet.getRow(last + 3).getCell(1).alignment = { wrapText: true };
  sheet.getRow(last + 3).height = 32;

  printSetup(sheet, `${HEADER_ROW}:${HEADER_ROW}`);
  void sheet.protect('', PROTECTION);
}

function writeMilestoneSheet(workbook: ExcelJS.Workbook, model: TemplateModel): void {
  if (model.milestones.length === 0) return;
  const sheet = workbook.addWorksheet(MILESTONE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [14, 48, 28, 16, 12, 12, 30];
  sheet.columns = widths.map((width) => ({ width, style: { font: BODY_FONT } }));
  const header = sheet.getRow(1);
  MILESTONE_HEADERS.forEach((h, i) => (header.getCell(i + 1).value = h));
  styleHeaderRow(header, MILESTONE_HEADERS.length);
  for (const milestone of model.milestones) {
    const row = sheet.getRow(milestone.row);
    milestone.cells.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      cell.value = text;
      cell.border = BOX;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    row.height = Math.max(22, Math.ceil(milestone.cells[1].length / 24) * 16 + 6);
    const progress = row.getCell(5);
    unlock(progress);
    progress.border = BOX;
    progress.dataValidation = {
      type: 'list',
      formulae: [`"${MILESTONE_PROGRESS.join(',')}"`],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: milestone.code,
      prompt: '从下拉列表选择：未启动 / 推进中 / 已完成',
      showErrorMessage: true,
      errorStyle: 'stop',
      error: '请从下拉列表选择：未启动、推进中或已完成。',
    };
    const figure = row.getCell(6);
    figure.border = BOX;
    if (milestone.validation) {
      unlock(figure);
      figure.dataValidation = dataValidationOf(milestone.validation);
    }
    const note = row.getCell(7);
    unlock(note);
    note.border = BOX;
    note.numFmt = '@';
    // A long 说明 wraps inside its column, as 指标填报's does: unwrapped, it ran past the printed
    // page's edge, and fitting the page to its width shrank the whole sheet.
    note.alignment = { vertical: 'middle', wrapText: true };
  }
  printSetup(sheet, '1:1');
  void sheet.protect('', PROTECTION);
}

function writeMetaSheet(workbook: ExcelJS.Workbook, model: TemplateModel): void {
  // Very hidden: not listed under Unhide, so clerks do not edit it by accident.
  const sheet = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  model.meta.forEach(([key, value], i) => {
    sheet.getCell(i + 1, 1).value = key;
    sheet.getCell(i + 1, 2).value = value;
  });
}

export function templateWorkbook(catalog: Catalog, bureau: string, period: number): ExcelJS.Workbook {
  const model = buildTemplateModel(catalog, bureau, period, catalogHash(catalog));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yilao';
  workbook.title = model.title;
  workbook.created = new Date(Date.UTC(period, 0, 1));
  writeEntrySheet(workbook, model);
  writeMilestoneSheet(workbook, model);
  writeMetaSheet(workbook, model);
  return workbook;
}

export async function writeTemplate(catalog: Catalog, bureau: string, period: number): Promise<Buffer> {
  const buffer = await templateWorkbook(catalog, bureau, period).xlsx.writeBuffer();
  return Buffer.from(buffer);
}

export function templateFileName(bureau: string, period: number): string {
  return `${period}年度一老一小指标填报-${bureau}.xlsx`;
}
