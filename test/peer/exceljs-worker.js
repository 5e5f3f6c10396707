// Reads one workbook with exceljs in a worker thread, so that a file exceljs takes minutes
// over (57893-many-merges) or runs out of memory on can be stopped without stopping the harness.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const ExcelJS = require('exceljs');

/** Characters of cell text the worker sends back at most. */
const MAX_RESULT_CHARS = 64 * 1024 * 1024;

function toRaw(cell) {
  const numFmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  let value = cell.value;
  let formula = false;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    formula = true;
    value = value.result ?? null;
    if (value === null || value === undefined) return { type: 'empty', formula, numFmt };
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return { type: 'number', value, formula, numFmt };
  if (typeof value === 'string') return { type: 'string', value, formula, numFmt };
  if (typeof value === 'boolean') return { type: 'boolean', value, formula, numFmt };
  if (value instanceof Date)
    return {
      type: 'date',
      value: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString(),
      formula,
      numFmt,
    };
  if (typeof value === 'object' && 'error' in value)
    return { type: 'error', value: value.error, formula, numFmt };
  if (typeof value === 'object' && 'richText' in value)
    return { type: 'string', value: value.richText.map((r) => r.text).join(''), formula, numFmt };
  // A hyperlink: exceljs gives { text, hyperlink }, where text is the cell's own value.
  if (typeof value === 'object' && 'text' in value) {
    const text = value.text;
    if (typeof text === 'number') return { type: 'number', value: text, formula, numFmt };
    if (text && typeof text === 'object' && 'richText' in text)
      return { type: 'string', value: text.richText.map((r) => r.text).join(''), formula, numFmt };
    return { type: 'string', value: String(text), formula, numFmt };
  }
  return { type: 'other', value: JSON.stringify(value), formula, numFmt };
}

(async () => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(readFileSync(workerData.file));
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error && error.message ? error.message : error) });
    return;
  }
  const sheets = [];
  // What is sent back is copied into the harness's heap: a shared-strings bomb that exceljs
  // expands in time on a fast machine (poc-shared-strings) would run the harness out of memory.
  // Past this much text the result is refused, as a timeout would be.
  let chars = 0;
  workbook.eachSheet((sheet) => {
    const cells = [];
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs repeats a merge's value in every cell it covers; the file holds it once.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const raw = toRaw(cell);
        if (!raw) return;
        chars += typeof raw.value === 'string' ? raw.value.length : 8;
        cells.push([r, c, raw]);
      });
    });
    sheets.push({ name: sheet.name, state: sheet.state, cells });
  });
  if (chars > MAX_RESULT_CHARS) {
    parentPort.postMessage({ ok: false, error: `result of ${chars} characters, over ${MAX_RESULT_CHARS}` });
    return;
  }
  parentPort.postMessage({
    ok: true,
    sheets,
    date1904: !!(workbook.properties && workbook.properties.date1904),
  });
})();
