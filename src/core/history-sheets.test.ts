import {
  HISTORY_PART,
  MASTER_SHEETS,
  SHEET_MAX_ROWS,
  historySheets,
  statusColumnsOf,
  type MasterTable,
  type Status,
} from '.';

/**
 * 历史 never runs past Excel's rows (1,048,576 a sheet, "Excel specifications and limits"): past
 * it, one sheet per period, and a period past it in numbered parts, each with the header.
 */

function table(periods: number[]): MasterTable {
  const statuses: Status[] = ['achieved', 'off-track', 'no-data'];
  return {
    sheet: MASTER_SHEETS.history,
    headers: ['报告期', '编号'],
    widths: [8, 10],
    rows: periods.map((p, i) => [p, `R${i}`]),
    textColumns: [1],
    statusColumn: 1,
    rowStatus: periods.map((_p, i) => statuses[i % 3] ?? 'no-data'),
  };
}

describe('historySheets (Excel: 1,048,576 rows a sheet)', () => {
  it('keeps one 历史 while the header and every row fit', () => {
    const t = table([2023, 2024, 2023]);
    expect(historySheets(t, [2023, 2024, 2023], 4)).toStrictEqual([t]);
    expect(SHEET_MAX_ROWS).toBe(1_048_576);
  });

  it('splits by period the moment one row more than fits, rows of a period together and in order', () => {
    const periods = [2024, 2023, 2024, 2023];
    const sheets = historySheets(table(periods), periods, 4);
    expect(sheets.map((s) => s.sheet)).toStrictEqual(['历史2023', '历史2024']);
    expect(sheets.map((s) => s.rows.map((r) => r[1]))).toStrictEqual([
      ['R1', 'R3'],
      ['R0', 'R2'],
    ]);
    // Each row keeps its own status colour.
    expect(sheets.map((s) => s.rowStatus)).toStrictEqual([
      ['off-track', 'achieved'],
      ['achieved', 'no-data'],
    ]);
    expect(sheets.every((s) => s.headers.length === 2)).toBe(true);
  });

  it('continues a period that alone outgrows a sheet on numbered parts, none past the limit', () => {
    const periods = [2023, 2023, 2023, 2023, 2023, 2024];
    const sheets = historySheets(table(periods), periods, 3);
    expect(sheets.map((s) => [s.sheet, s.rows.length])).toStrictEqual([
      ['历史2023', 2],
      ['历史2023-2', 2],
      ['历史2023-3', 1],
      ['历史2024', 1],
    ]);
    expect(sheets.flatMap((s) => s.rows.map((r) => r[1]))).toStrictEqual([
      'R0',
      'R1',
      'R2',
      'R3',
      'R4',
      'R5',
    ]);
    for (const s of sheets) expect(s.sheet).toMatch(HISTORY_PART);
    expect('历史').not.toMatch(HISTORY_PART);
    expect('历史2023-备份').not.toMatch(HISTORY_PART);
  });
});

/** A copy of the table without one of its optional parts. */
function without(t: MasterTable, key: 'rowStatus' | 'statusColumn'): MasterTable {
  return Object.fromEntries(Object.entries(t).filter(([k]) => k !== key)) as unknown as MasterTable;
}

describe('statusColumnsOf: every column a writer colours by status', () => {
  it('the row’s own status column first, then the further ones (趋势: one a period)', () => {
    const t = table([2023, 2024]);
    expect(statusColumnsOf(t)).toStrictEqual([{ column: 1, statuses: ['achieved', 'off-track'] }]);
    const more = { column: 0, statuses: ['no-data', 'achieved'] as Status[] };
    expect(statusColumnsOf({ ...t, moreStatusColumns: [more] })).toStrictEqual([
      { column: 1, statuses: ['achieved', 'off-track'] },
      more,
    ]);
    // A status column without statuses, or statuses without a column, colours nothing.
    expect(statusColumnsOf(without(t, 'rowStatus'))).toStrictEqual([]);
    expect(statusColumnsOf({ ...without(t, 'statusColumn'), moreStatusColumns: [more] })).toStrictEqual([
      more,
    ]);
  });

  it('a split 历史 carries each further status column with its own rows', () => {
    const periods = [2024, 2023, 2024];
    const t: MasterTable = {
      ...table(periods),
      moreStatusColumns: [{ column: 0, statuses: ['at-risk', 'invalid', 'to-confirm'] }],
    };
    const sheets = historySheets(without(t, 'rowStatus'), periods, 3);
    expect(sheets.map((s) => [s.sheet, s.moreStatusColumns, 'rowStatus' in s])).toStrictEqual([
      ['历史2023', [{ column: 0, statuses: ['invalid'] }], false],
      ['历史2024', [{ column: 0, statuses: ['at-risk', 'to-confirm'] }], false],
    ]);
    expect('moreStatusColumns' in historySheets(table(periods), periods, 3)[0]!).toBe(false);
  });
});
