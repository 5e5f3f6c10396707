import { isDateFormat, serialToIsoDate, type RawCell, type SheetView } from '../core';

/**
 * Office.js hands a range back as parallel 2-D arrays (values, valueTypes, numberFormat, text);
 * this turns them into the core's raw cells. Pure, so it is tested without Excel.
 */

export interface RangeSnapshot {
  /** Top-left cell of the used range, 1-based. */
  top: number;
  left: number;
  values: unknown[][];
  valueTypes: string[][];
  numberFormat: unknown[][];
  text?: string[][];
  /** Formulas, where loaded: a cell whose formula starts with `=` holds a formula. */
  formulas?: unknown[][];
}

/**
 * One cell. `valueTypes` tells an error cell (`#DIV/0!`) from a text that looks like one; a
 * percent typed as `80%` arrives as 0.8 with a percent number format, which the core reads.
 */
export function toRawCell(
  value: unknown,
  valueType: string,
  numberFormat: unknown,
  text?: string,
  formula?: unknown,
): RawCell | undefined {
  const numFmt =
    typeof numberFormat === 'string' && numberFormat !== 'General' && numberFormat !== ''
      ? { numFmt: numberFormat }
      : {};
  const shown = text !== undefined && text !== '' ? { text } : {};
  const isFormula = typeof formula === 'string' && formula.startsWith('=') ? { formula: true } : {};
  const base = { ...numFmt, ...shown, ...isFormula };
  switch (valueType) {
    case 'Empty':
      return undefined;
    case 'Error':
      return { type: 'error', value: String(value), ...base };
    case 'Boolean':
      return { type: 'boolean', value: value === true, ...base };
    case 'Integer':
    case 'Double': {
      if (typeof value !== 'number') return { type: 'string', value: String(value), ...base };
      // Excel stores dates as serial numbers: a date-formatted one is a date, as the command
      // line's reader makes it (3-5 typed, Excel's date, is quoted 2023-03-05, not 46086). The
      // 1900 system: the bundled Office.js gives no way to ask a workbook for its date system.
      if (typeof numberFormat === 'string' && isDateFormat(numberFormat)) {
        const iso = serialToIsoDate(value);
        if (iso) return { type: 'date', value: `${iso}T00:00:00.000Z`, ...base };
      }
      return { type: 'number', value, ...base };
    }
    case 'String':
      return typeof value === 'string' && value !== '' ? { type: 'string', value, ...base } : undefined;
    default:
      // Rich values (images, linked data types) are not figures; show what Excel shows.
      return text ? { type: 'string', value: text, ...base } : undefined;
  }
}

export function toSheetView(name: string, visibility: string, snapshot: RangeSnapshot | null): SheetView {
  const rows: (RawCell | undefined)[][] = [];
  if (snapshot) {
    for (let r = 0; r < snapshot.values.length; r++) {
      const row: (RawCell | undefined)[] = [];
      const values = snapshot.values[r] ?? [];
      for (let c = 0; c < values.length; c++) {
        const cell = toRawCell(
          values[c],
          snapshot.valueTypes[r]?.[c] ?? 'Empty',
          snapshot.numberFormat[r]?.[c],
          snapshot.text?.[r]?.[c],
          snapshot.formulas?.[r]?.[c],
        );
        if (cell) row[snapshot.left - 1 + c] = cell;
      }
      rows[snapshot.top - 1 + r] = row;
    }
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return {
    name,
    visibility: visibility === 'VeryHidden' ? 'veryHidden' : visibility === 'Hidden' ? 'hidden' : 'visible',
    rows,
    merges: [],
  };
}

/** `Sheet1!C3:H40` or `'指标 填报'!C3` → the top-left cell, 1-based. */
export function topLeftOf(address: string): { top: number; left: number } {
  const ref = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const match = /^\$?([A-Z]+)\$?(\d+)/i.exec(ref);
  if (!match) return { top: 1, left: 1 };
  const left = (match[1] ?? 'A')
    .toUpperCase()
    .split('')
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(match[2]), left };
}

/**
 * Text written into a cell that is not text-formatted: `Range.values` turns a string that starts
 * with `=`, `+` or `-` into a formula (Office.js reference, Range.values), and `@` is a formula
 * prefix in older Excel. A leading apostrophe makes Excel store the rest as text, as when typed.
 * Tables of bureau text are written into text-formatted (`@`) cells instead.
 */
export function asText(value: string): string {
  return /^[=+\-@\t\r\n']/.test(value) ? `'${value}` : value;
}
