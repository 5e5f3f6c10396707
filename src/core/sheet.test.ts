import { readDate, readPeriod, serialToIsoDate } from './sheet';

/**
 * The header's period (E2) and date of filling (H2) as clerks and Excel leave them (spec §2, §3):
 * a year typed as a number or as text with 年/年度 in either width; a date as a date cell, as a
 * serial number under a date format, or as text. Expected dates are counted by hand from Excel's
 * epochs: serial 1 is 1900-01-01 (1900 system), 0 is 1904-01-01 (1904 system).
 */

describe('readPeriod: E2 holds a year', () => {
  it.each([
    [{ type: 'number', value: 2023 }, 2023],
    [{ type: 'number', value: 1900 }, 1900],
    [{ type: 'number', value: 2200 }, 2200],
    [{ type: 'number', value: 1899 }, null],
    [{ type: 'number', value: 2201 }, null],
    [{ type: 'number', value: 2023.5 }, null],
    [{ type: 'string', value: '2023' }, 2023],
    [{ type: 'string', value: ' 2023 年 ' }, 2023],
    [{ type: 'string', value: '2023年度' }, 2023],
    [{ type: 'string', value: '２０２３年度' }, 2023],
    [{ type: 'string', value: '2023年底' }, null],
    [{ type: 'string', value: '23年' }, null],
    [{ type: 'string', value: '报告期2023' }, null],
    [{ type: 'boolean', value: true }, null],
    [{ type: 'empty' }, null],
  ] as const)('%j → %j', (cell, year) => {
    expect(readPeriod(cell)).toBe(year);
  });
});

describe('serialToIsoDate: Excel serial day numbers, both date systems', () => {
  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    // Excel's 29 February 1900 never was: serials from 61 count the real days again.
    [61, false, '1900-03-01'],
    [45280, false, '2023-12-20'],
    [45280.99, false, '2023-12-20'],
    [0, true, '1904-01-01'],
    [45280 - 1462, true, '2023-12-20'],
    [2_958_465, false, '9999-12-31'],
  ])('%d (1904: %s) → %s', (serial, date1904, iso) => {
    expect(serialToIsoDate(serial, date1904)).toBe(iso);
  });

  it('a number no date is (negative, past 9999-12-31, not finite) is null', () => {
    expect(serialToIsoDate(-1)).toBeNull();
    expect(serialToIsoDate(2_958_466)).toBeNull();
    expect(serialToIsoDate(Number.NaN)).toBeNull();
    expect(serialToIsoDate(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('readDate: H2, the date of filling', () => {
  it('a date cell is its day; a serial under a date format is converted, in the workbook’s date system', () => {
    expect(readDate({ type: 'date', value: '2023-12-20T07:30:00.000Z' })).toBe('2023-12-20');
    expect(readDate({ type: 'number', value: 45280, numFmt: 'yyyy-mm-dd' })).toBe('2023-12-20');
    expect(readDate({ type: 'number', value: 45280 - 1462, numFmt: 'yyyy"年"m"月"d"日"' }, true)).toBe(
      '2023-12-20',
    );
  });

  it('a number that is not a date is kept as its digits, for the clerk to see what was typed', () => {
    expect(readDate({ type: 'number', value: 45280 })).toBe('45280');
    expect(readDate({ type: 'number', value: 20231220, numFmt: '0' })).toBe('20231220');
    expect(readDate({ type: 'number', value: 3_000_000, numFmt: 'yyyy-mm-dd' })).toBe('3000000');
  });

  it.each([
    ['2023年6月25日', '2023-06-25'],
    ['2023/6/5', '2023-06-05'],
    ['2023.12.20', '2023-12-20'],
    ['2023 - 12 - 20', '2023-12-20'],
    ['２０２３年１２月２０日', '2023-12-20'],
    ['2023-12', '2023-12'],
    ['  去年 年底 ', '去年 年底'],
  ])('text %j → %j (a form not recognised is kept, spaces squashed)', (text, date) => {
    expect(readDate({ type: 'string', value: text })).toBe(date);
  });

  it('a cell holding neither a date, a number nor text gives nothing', () => {
    expect(readDate({ type: 'boolean', value: true })).toBe('');
    expect(readDate({ type: 'empty' })).toBe('');
    expect(readDate({ type: 'error', value: '#VALUE!' })).toBe('');
  });
});
