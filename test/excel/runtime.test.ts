import {
  HEADER_FILL,
  INPUT_FILL,
  PayloadBudget,
  STATUS_FILL,
  SYNC_BUDGET,
  points,
  quoteSheet,
} from '../../src/excel/runtime';

/**
 * The adapter's shared helpers that need no Excel: how a large write is split over syncs so no
 * request nears Excel on the web's 5 MB limit ("Resource limits and performance optimization
 * for Office Add-ins"), how a sheet name is quoted in an address, widths in points.
 */

describe('PayloadBudget: a large write split over syncs', () => {
  const recorder = (limit: number) => {
    const syncs: number[] = [];
    let queued = 0;
    const budget = new PayloadBudget(() => {
      syncs.push(queued);
      queued = 0;
      return Promise.resolve();
    }, limit);
    return {
      budget,
      syncs,
      queue: async (data: unknown) => {
        await budget.spend(data);
        queued += JSON.stringify(data).length + 64;
      },
    };
  };

  it('syncs before the batch would pass the budget, never with nothing queued', async () => {
    const r = recorder(200);
    const item = 'x'.repeat(34); // 36 characters as JSON, 100 counted with its overhead
    await r.queue(item);
    await r.queue(item);
    expect(r.syncs).toStrictEqual([]); // exactly at the budget: still one batch
    await r.queue(item);
    expect(r.syncs).toStrictEqual([200]);
    await r.budget.flush();
    expect(r.syncs).toStrictEqual([200, 100]);
    await r.budget.flush();
    expect(r.syncs).toStrictEqual([200, 100]);
  });

  it('one item larger than the budget is sent alone, not held back forever', async () => {
    const r = recorder(100);
    await r.queue('y'.repeat(500));
    expect(r.syncs).toStrictEqual([]);
    await r.queue('z');
    expect(r.syncs).toStrictEqual([566]);
  });

  it('the default budget keeps each request well under 5 MB', () => {
    expect(SYNC_BUDGET).toBe(3 * 1024 * 1024);
  });
});

describe('addresses and widths', () => {
  it.each([
    ['指标填报', "'指标填报'"],
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
  ])('the sheet %s is written %s in an address', (name, quoted) => {
    expect(quoteSheet(name)).toBe(quoted);
  });

  it('a width in characters is about 7 points each, plus the cell margin', () => {
    expect(points(0)).toBe(5);
    expect(points(10)).toBe(75);
    expect(points(2.5)).toBe(23);
  });
});

describe('the palette as Office.js takes it', () => {
  it('every colour is #RRGGBB, the same values the command line writes without the #', () => {
    // Literal values, not the core's constants: a colour lost in the prefixing (an empty string,
    // which Excel rejects) would otherwise compare equal to itself.
    expect(HEADER_FILL).toBe('#DDEBF7');
    expect(INPUT_FILL).toBe('#FFF8E1');
    expect(STATUS_FILL['off-track']).toStrictEqual({ fill: '#FFC7CE', font: '#9C0006' });
    expect(STATUS_FILL['to-confirm']).toStrictEqual({ fill: '#E4DFEC', font: '#5B3C88' });
    for (const colour of Object.values(STATUS_FILL)) {
      expect(colour.fill).toMatch(/^#[0-9A-F]{6}$/);
      expect(colour.font).toMatch(/^#[0-9A-F]{6}$/);
    }
  });
});
