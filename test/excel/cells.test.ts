import { asText, toRawCell, toSheetView, topLeftOf } from '../../src/excel/cells';

/**
 * What the add-in makes of the parallel arrays Office.js returns for a range (Range.values,
 * valueTypes, numberFormat, text, formulas; Excel JavaScript API reference, Excel.Range), and
 * how it writes text so that Excel keeps it as text. Pure functions: tested without the double.
 */

describe('toRawCell: one cell from Office.js arrays', () => {
  it('Empty is no cell, whatever else came with it', () => {
    expect(toRawCell('', 'Empty', 'General', '')).toBeUndefined();
    expect(toRawCell('', 'Empty', '0.00%', '', '=A1')).toBeUndefined();
    // Not even when Excel shows something for it: only the value type says a cell holds a figure.
    expect(toRawCell('', 'Empty', 'General', '—')).toBeUndefined();
  });

  it('numbers: Integer and Double alike; the format kept unless it is General or empty', () => {
    expect(toRawCell(80, 'Integer', 'General')).toStrictEqual({ type: 'number', value: 80 });
    expect(toRawCell(0.8, 'Double', '0%', '80%')).toStrictEqual({
      type: 'number',
      value: 0.8,
      numFmt: '0%',
      text: '80%',
    });
    expect(toRawCell(3, 'Double', '')).toStrictEqual({ type: 'number', value: 3 });
    expect(toRawCell(3, 'Double', undefined)).toStrictEqual({ type: 'number', value: 3 });
    // An empty or absent shown text says nothing: no `text` key is carried at all (strict, as
    // `toEqual` would let `text: undefined` through).
    expect(toRawCell(3, 'Double', 'General', '')).toStrictEqual({ type: 'number', value: 3 });
    expect(toRawCell(3, 'Double', 'General', undefined)).toStrictEqual({ type: 'number', value: 3 });
  });

  it('a date-formatted number is a date in the 1900 system, as the file reader makes it', () => {
    // 3-5 typed in 2026: Excel stores 46086 with a date format (spec §3, dates Excel "helped").
    expect(toRawCell(46086, 'Double', 'm/d/yyyy', '3/5/2026')).toStrictEqual({
      type: 'date',
      value: '2026-03-05T00:00:00.000Z',
      numFmt: 'm/d/yyyy',
      text: '3/5/2026',
    });
    // Out of Excel's date range: kept as the number it is.
    expect(toRawCell(-1, 'Double', 'yyyy-mm-dd')).toStrictEqual({
      type: 'number',
      value: -1,
      numFmt: 'yyyy-mm-dd',
    });
  });

  it('a number type carrying something that is not a number is read as its text', () => {
    expect(toRawCell('12', 'Double', 'General')).toStrictEqual({ type: 'string', value: '12' });
  });

  it('strings: the text as typed; an empty string is no cell', () => {
    expect(toRawCell('620张', 'String', '@', '620张')).toStrictEqual({
      type: 'string',
      value: '620张',
      numFmt: '@',
      text: '620张',
    });
    expect(toRawCell('', 'String', 'General')).toBeUndefined();
  });

  it('errors and booleans keep their kind: #DIV/0! is an error, not text that looks like one', () => {
    expect(toRawCell('#DIV/0!', 'Error', 'General', '#DIV/0!')).toStrictEqual({
      type: 'error',
      value: '#DIV/0!',
      text: '#DIV/0!',
    });
    expect(toRawCell(true, 'Boolean', 'General')).toStrictEqual({ type: 'boolean', value: true });
    expect(toRawCell('TRUE', 'Boolean', 'General')).toStrictEqual({ type: 'boolean', value: false });
  });

  it('a formula is marked only where its text starts with =', () => {
    expect(toRawCell(5, 'Double', 'General', '5', '=2+3')).toStrictEqual({
      type: 'number',
      value: 5,
      text: '5',
      formula: true,
    });
    expect(toRawCell(5, 'Double', 'General', '5', 5)).toStrictEqual({ type: 'number', value: 5, text: '5' });
    expect(toRawCell('x', 'String', 'General', 'x', 'x')).toStrictEqual({
      type: 'string',
      value: 'x',
      text: 'x',
    });
  });

  it('rich values (images, linked data types) are read as what Excel shows, or not at all', () => {
    expect(toRawCell({}, 'RichValue', 'General', 'Beijing')).toStrictEqual({
      type: 'string',
      value: 'Beijing',
      text: 'Beijing',
    });
    expect(toRawCell({}, 'RichValue', 'General', '')).toBeUndefined();
    expect(toRawCell({}, 'RichValue', 'General')).toBeUndefined();
  });
});

describe('toSheetView: a used range placed where it sits on the sheet', () => {
  it('cells land at their sheet positions, rows above the range are empty, empty cells left out', () => {
    const view = toSheetView('指标填报', 'Visible', {
      top: 2,
      left: 3,
      values: [
        ['a', ''],
        [1, 2],
      ],
      valueTypes: [
        ['String', 'Empty'],
        ['Double', 'Double'],
      ],
      numberFormat: [
        ['General', 'General'],
        ['General', '0%'],
      ],
    });
    expect(view.name).toBe('指标填报');
    expect(view.visibility).toBe('visible');
    expect(view.merges).toStrictEqual([]);
    expect(view.rows.length).toBe(3);
    expect(view.rows[0]).toStrictEqual([]);
    expect(view.rows[1]?.[2]).toStrictEqual({ type: 'string', value: 'a' });
    expect(view.rows[1]?.[3]).toBeUndefined();
    expect(view.rows[2]?.[2]).toStrictEqual({ type: 'number', value: 1 });
    expect(view.rows[2]?.[3]).toStrictEqual({ type: 'number', value: 2, numFmt: '0%' });
    expect(view.rows[2]?.slice(0, 2)).toStrictEqual(new Array(2));
    // Holes, not cells set to undefined: a row's length and its keys are what the reader walks.
    const holes: unknown[] = [];
    holes[2] = { type: 'string', value: 'a' };
    expect(view.rows[1]).toStrictEqual(holes);
    expect(Object.keys(view.rows[1] ?? {})).toStrictEqual(['2']);
  });

  it('texts and formulas are taken from their own arrays, cell by cell', () => {
    const view = toSheetView('s', 'Visible', {
      top: 1,
      left: 1,
      values: [[0.5, 7]],
      valueTypes: [['Double', 'Double']],
      numberFormat: [['0%', 'General']],
      text: [['50%', '7']],
      formulas: [[0.5, '=3+4']],
    });
    expect(view.rows[0]).toStrictEqual([
      { type: 'number', value: 0.5, numFmt: '0%', text: '50%' },
      { type: 'number', value: 7, text: '7', formula: true },
    ]);
  });

  it('missing type arrays read as empty; no range is a sheet with no rows', () => {
    const view = toSheetView('s', 'Visible', {
      top: 1,
      left: 1,
      values: [['x']],
      valueTypes: [],
      numberFormat: [],
    });
    expect(view.rows).toStrictEqual([[]]);
    expect(toSheetView('s', 'Visible', null).rows).toStrictEqual([]);
  });

  it('a cell with no value type is empty even where Excel shows text for it', () => {
    // Without its type a value is not a figure; the text alone would otherwise be read as one
    // through the rich-value branch.
    const view = toSheetView('s', 'Visible', {
      top: 1,
      left: 1,
      values: [['x', 'y']],
      valueTypes: [['String']],
      numberFormat: [],
      text: [['x', 'y']],
    });
    expect(view.rows).toStrictEqual([[{ type: 'string', value: 'x', text: 'x' }]]);
  });

  it('a row missing from the values is an empty row, whatever its types say', () => {
    // eslint-disable-next-line no-sparse-arrays
    const values = [, ['x']] as unknown[][];
    const view = toSheetView('s', 'Visible', {
      top: 1,
      left: 1,
      values,
      valueTypes: [['String'], ['String']],
      numberFormat: [],
    });
    expect(view.rows).toStrictEqual([[], [{ type: 'string', value: 'x' }]]);
  });

  it.each([
    ['Visible', 'visible'],
    ['Hidden', 'hidden'],
    ['VeryHidden', 'veryHidden'],
  ])('visibility %s is %s', (given, read) => {
    expect(toSheetView('s', given, null).visibility).toBe(read);
  });
});

describe('topLeftOf: the first cell of an address Office.js gives', () => {
  it.each([
    ['Sheet1!C3:H40', 3, 3],
    ["'指标 填报'!G5", 5, 7],
    ['A1', 1, 1],
    ['$AA$10:$AB$12', 10, 27],
    ['xfd1048576', 1048576, 16384],
    ["'a!b'!B2", 2, 2],
  ])('%s → row %i, column %i', (address, top, left) => {
    expect(topLeftOf(address)).toStrictEqual({ top, left });
  });

  it('an address it cannot read is A1', () => {
    expect(topLeftOf('Sheet1!#REF!')).toStrictEqual({ top: 1, left: 1 });
  });
});

describe('asText: text that Range.values would turn into a formula is written with an apostrophe', () => {
  it.each(['=1+1', '+86 0883', '-5', '@SUM(A1)', '\tx', '\rx', '\nx', "'quoted"])('%j gets one', (value) => {
    expect(asText(value)).toBe(`'${value}`);
  });

  it.each(['耿马县民政局', '620张', ' =not first', '', '5-3'])('%j is left alone', (value) => {
    expect(asText(value)).toBe(value);
  });
});
