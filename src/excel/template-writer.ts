import {
  ENTRY_SHEET,
  HEADER_FIELDS,
  HEADER_ROW,
  META_SHEET,
  MILESTONE_HEADERS,
  MILESTONE_PROGRESS,
  MILESTONE_SHEET,
  cellRef,
  columnLetter,
  type TemplateModel,
  type ValidationSpec,
} from '../core';
import { asText } from './cells';
import { HEADER_FILL, INPUT_FILL, SECTION_FILL, STATUS_FILL, points } from './runtime';

/** The bureau's template written into the open workbook (the command line writes the same with exceljs). */

function validationRule(spec: ValidationSpec): Excel.DataValidationRule {
  const basic: Excel.BasicDataValidation =
    spec.max === undefined
      ? { formula1: spec.min, operator: 'GreaterThanOrEqualTo' }
      : { formula1: spec.min, formula2: spec.max, operator: 'Between' };
  return spec.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
}

/** A figure cell's validation, its prompt and its alert, from the layout's spec. */
function validate(cell: Excel.Range, spec: ValidationSpec): void {
  cell.dataValidation.rule = validationRule(spec);
  cell.dataValidation.prompt = { showPrompt: true, title: spec.promptTitle, message: spec.prompt };
  // A warning, not a stop: 不适用 must still be typeable; the checker reads the rest.
  cell.dataValidation.errorAlert = {
    showAlert: true,
    style: 'Warning',
    title: '请核对',
    message: spec.error,
  };
}

export function writeTemplate(context: Excel.RequestContext, model: TemplateModel): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const sheet = sheets.add(ENTRY_SHEET);
  const columns = model.columns;
  const lastColumn = columnLetter(columns.length);
  columns.forEach((c) => {
    sheet.getRange(`${columnLetter(c.column)}:${columnLetter(c.column)}`).format.columnWidth = points(
      c.width,
    );
  });

  const title = sheet.getRange(`A1:${lastColumn}1`);
  title.merge();
  title.values = [[model.title, ...Array<string>(columns.length - 1).fill('')]];
  title.format.font.size = 16;
  title.format.font.bold = true;
  title.format.horizontalAlignment = 'Center';
  title.format.rowHeight = 34;

  for (const field of Object.values(HEADER_FIELDS)) {
    const label = sheet.getRange(field.labelCell);
    label.values = [[field.label]];
    label.format.font.bold = true;
    label.format.horizontalAlignment = 'Right';
    const input = sheet.getRange(field.cell);
    input.format.fill.color = INPUT_FILL;
    input.format.protection.locked = false;
  }
  sheet.getRange(HEADER_FIELDS.bureau.cell).values = [[asText(model.bureau)]];
  sheet.getRange(HEADER_FIELDS.period.cell).values = [[model.period]];
  sheet.getRange(HEADER_FIELDS.filledOn.cell).numberFormat = [['yyyy-mm-dd']];
  sheet.getRange(HEADER_FIELDS.phone.cell).numberFormat = [['@']];

  const header = sheet.getRange(`A${HEADER_ROW}:${lastColumn}${HEADER_ROW}`);
  header.values = [columns.map((c) => c.header)];
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.wrapText = true;
  header.format.horizontalAlignment = 'Center';
  header.format.rowHeight = 30;

  for (const row of model.rows) {
    const range = sheet.getRange(`A${row.row}:${lastColumn}${row.row}`);
    if (row.kind === 'section') {
      range.merge();
      range.values = [[row.label, ...Array<string>(columns.length - 1).fill('')]];
      range.format.font.bold = true;
      range.format.fill.color = SECTION_FILL;
      continue;
    }
    range.values = [[...row.cells, '', '']];
    range.format.wrapText = true;
    range.format.verticalAlignment = 'Center';
    const figure = sheet.getRange(cellRef(row.row, 7));
    figure.format.fill.color = INPUT_FILL;
    figure.format.protection.locked = false;
    figure.numberFormat = [[row.validation.numFmt]];
    validate(figure, row.validation);
    const note = sheet.getRange(cellRef(row.row, 8));
    note.format.fill.color = INPUT_FILL;
    note.format.protection.locked = false;
    note.numberFormat = [['@']];
    if (row.expected !== null) {
      const ref = cellRef(row.row, 7);
      const behind = row.indicator.direction === 'higher' ? '<' : '>';
      const format = figure.conditionalFormats.add('Custom');
      format.custom.rule.formula = `=AND(ISNUMBER(${ref}),${ref}${behind}${row.expected})`;
      format.custom.format.fill.color = STATUS_FILL['off-track'].fill;
      format.custom.format.font.color = STATUS_FILL['off-track'].font;
    }
  }
  sheet.freezePanes.freezeRows(HEADER_ROW);
  sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' });

  if (model.milestones.length > 0) {
    const milestones = sheets.add(MILESTONE_SHEET);
    const head = milestones.getRange(`A1:G1`);
    head.values = [[...MILESTONE_HEADERS]];
    head.format.font.bold = true;
    head.format.fill.color = HEADER_FILL;
    [14, 48, 28, 16, 12, 12, 30].forEach((w, i) => {
      milestones.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = points(w);
    });
    for (const m of model.milestones) {
      // Long task names and notes wrap in their columns, so the row grows and nothing runs off
      // the printed page.
      const line = milestones.getRange(`A${m.row}:G${m.row}`);
      line.format.wrapText = true;
      line.format.verticalAlignment = 'Center';
      milestones.getRange(`A${m.row}:D${m.row}`).values = [[...m.cells]];
      const progress = milestones.getRange(`E${m.row}`);
      progress.format.fill.color = INPUT_FILL;
      progress.format.protection.locked = false;
      progress.dataValidation.rule = { list: { inCellDropDown: true, source: MILESTONE_PROGRESS.join(',') } };
      const figure = milestones.getRange(`F${m.row}`);
      if (m.validation) {
        figure.format.fill.color = INPUT_FILL;
        figure.format.protection.locked = false;
        validate(figure, m.validation);
      }
      // 说明 as text, as 指标填报's: a note typed as `=…` stays the words it was, not a formula.
      const note = milestones.getRange(`G${m.row}`);
      note.format.fill.color = INPUT_FILL;
      note.format.protection.locked = false;
      note.numberFormat = [['@']];
    }
    milestones.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  }

  const meta = sheets.add(META_SHEET);
  meta.getRange(`A1:B${model.meta.length}`).values = model.meta.map(([k, v]) => [k, asText(v)]);
  meta.visibility = 'VeryHidden';
  sheet.activate();
  return sheet;
}
