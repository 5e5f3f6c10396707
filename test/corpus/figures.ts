import type { RawCell } from '../../src/core';

/**
 * The bad-input corpus: raw cells as Excel, WPS or a Chinese IME deliver them, each with what
 * the reader must make of it. Expectations are written by rule here, never produced by the
 * parser under test. `unit` picks the indicator: `count` = YL-02 养老床位数 (张, 650 → 800),
 * `percent` = YL-03 (%, 32 → 55).
 */
export interface CorpusCase {
  label: string;
  unit: 'count' | 'percent';
  cell: RawCell;
  /** The number read, or null where nothing usable comes out. */
  value: number | null;
  kinds: string[];
}

const s = (value: string): RawCell => ({ type: 'string', value });
const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const toFullWidth = (text: string) =>
  text
    .replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)] ?? d)
    .replace(/,/g, '，')
    .replace(/\./g, '．')
    .replace(/%/g, '％');

const cases: CorpusCase[] = [];
const add = (c: CorpusCase) => cases.push(c);

// Plain counts in every form a figure arrives in.
for (const n of [0, 1, 7, 42, 620, 655, 799, 800, 1400, 2300]) {
  const text = n >= 1000 ? `${Math.floor(n / 1000)},${String(n % 1000).padStart(3, '0')}` : String(n);
  const slip = n >= 7.5 * 800;
  add({
    label: `number ${n}`,
    unit: 'count',
    cell: { type: 'number', value: n },
    value: n,
    kinds: slip ? ['scale-slip'] : [],
  });
  add({ label: `text ${text}`, unit: 'count', cell: s(text), value: n, kinds: [] });
  add({ label: `full width ${text}`, unit: 'count', cell: s(toFullWidth(text)), value: n, kinds: [] });
  add({ label: `${text}张`, unit: 'count', cell: s(`${text}张`), value: n, kinds: [] });
  add({ label: `${text} 张 (NBSP)`, unit: 'count', cell: s(`${text}\u00a0张`), value: n, kinds: [] });
  add({
    label: `${text}个 (other measure word)`,
    unit: 'count',
    cell: s(`${text}个`),
    value: n,
    kinds: ['unit-mismatch'],
  });
  add({ label: `约${text}`, unit: 'count', cell: s(`约${text}`), value: n, kinds: ['approximate'] });
  add({ label: `${text}左右`, unit: 'count', cell: s(`${text}左右`), value: n, kinds: ['approximate'] });
  add({ label: `${text}余张`, unit: 'count', cell: s(`${text}余张`), value: n, kinds: ['approximate'] });
  add({
    label: `zero-width inside ${text}`,
    unit: 'count',
    cell: s(`\u200b${text}\u200d`),
    value: n,
    kinds: [],
  });
  add({
    label: `RTL marks around ${text}`,
    unit: 'count',
    cell: s(`\u200f${text}\u200e`),
    value: n,
    kinds: [],
  });
  add({
    label: `ideographic spaces around ${text}`,
    unit: 'count',
    cell: s(`\u3000${text}\u3000`),
    value: n,
    kinds: [],
  });
  add({
    label: `${text}% in a count`,
    unit: 'count',
    cell: s(`${text}%`),
    value: null,
    kinds: ['unit-mismatch'],
  });
}

// Thousands separators and magnitudes.
for (const [text, value] of [
  ['1,400', 1400],
  ['1，400', 1400],
  ["1'400", 1400],
  ['1’400', 1400],
  ['0.14万', 1400],
  ['0.065万', 650],
  ['1.4千', 1400],
  ['6.5百', 650],
  ['０．１４万', 1400],
  ['１，４００', 1400],
  ['1.4e3', 1400],
  ['1.4E3', 1400],
  ['+620', 620],
] as const) {
  add({ label: text, unit: 'count', cell: s(text), value, kinds: [] });
}

// Percentages.
for (const n of [0, 5, 32, 45, 55, 80, 99.5, 100]) {
  add({
    label: `${n}`,
    unit: 'percent',
    cell: { type: 'number', value: n },
    value: n,
    kinds: n > 0 && n <= 1 ? ['percent-as-fraction'] : [],
  });
  add({ label: `${n}%`, unit: 'percent', cell: s(`${n}%`), value: n, kinds: [] });
  add({ label: `${n} %`, unit: 'percent', cell: s(`${n} %`), value: n, kinds: [] });
  add({ label: `full width ${n}％`, unit: 'percent', cell: s(toFullWidth(`${n}%`)), value: n, kinds: [] });
  add({
    label: `${n / 100} formatted 0%`,
    unit: 'percent',
    cell: { type: 'number', value: n / 100, numFmt: '0%' },
    value: n,
    kinds: [],
  });
  add({
    label: `${n / 100} formatted 0.0%`,
    unit: 'percent',
    cell: { type: 'number', value: n / 100, numFmt: '0.0%' },
    value: n,
    kinds: [],
  });
  add({
    label: `${n}人 in a percent`,
    unit: 'percent',
    cell: s(`${n}人`),
    value: null,
    kinds: ['unit-mismatch'],
  });
}
for (const f of [0.05, 0.32, 0.45, 0.55, 0.8, 0.999, 1]) {
  add({
    label: `fraction ${f}`,
    unit: 'percent',
    cell: { type: 'number', value: f },
    value: f,
    kinds: ['percent-as-fraction'],
  });
  add({
    label: `fraction text ${f}`,
    unit: 'percent',
    cell: s(String(f)),
    value: f,
    kinds: ['percent-as-fraction'],
  });
}
for (const over of [100.5, 120, 1000]) {
  add({
    label: `${over}% is over 100`,
    unit: 'percent',
    cell: s(`${over}%`),
    value: null,
    kinds: ['out-of-range'],
  });
}

// Not applicable.
for (const text of [
  '不适用',
  '无',
  '/',
  '／',
  '—',
  '——',
  '-',
  '－',
  '–',
  'N/A',
  'n/a',
  'NA',
  '不涉及',
  '暂无',
  '无此项',
  ' 不适用 ',
]) {
  add({ label: `n/a ${text}`, unit: 'count', cell: s(text), value: null, kinds: ['not-applicable'] });
}

// Excel error values, typed or calculated.
for (const error of [
  '#DIV/0!',
  '#N/A',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#REF!',
  '#VALUE!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]) {
  add({
    label: `error ${error}`,
    unit: 'count',
    cell: { type: 'error', value: error },
    value: null,
    kinds: ['formula-error'],
  });
  add({
    label: `error ${error} from a formula`,
    unit: 'percent',
    cell: { type: 'error', value: error, formula: true },
    value: null,
    kinds: ['formula-error'],
  });
}
add({
  label: 'formula with no cached result',
  unit: 'count',
  cell: { type: 'empty', formula: true },
  value: null,
  kinds: ['formula-error'],
});
add({
  label: 'formula with cached number',
  unit: 'count',
  cell: { type: 'number', value: 640, formula: true },
  value: 640,
  kinds: [],
});
add({
  label: 'formula with cached text',
  unit: 'count',
  cell: { type: 'string', value: '640张', formula: true },
  value: 640,
  kinds: [],
});

// Dates where Excel "helped".
for (const [label, cell] of [
  ['date cell', { type: 'date', value: '2023-03-05T00:00:00.000Z' }],
  ['serial m-d', { type: 'number', value: 45000, numFmt: 'm-d' }],
  ['serial d-mmm', { type: 'number', value: 45000, numFmt: 'd-mmm' }],
  ['serial yyyy/m/d', { type: 'number', value: 45000, numFmt: 'yyyy/m/d' }],
  ['serial Chinese', { type: 'number', value: 45000, numFmt: 'yyyy"年"m"月"d"日"' }],
  ['serial time', { type: 'number', value: 0.5, numFmt: 'h:mm' }],
  ['text 3-5', s('3-5')],
  ['text 1/2', s('1/2')],
  ['text 12/31/2023', s('12/31/2023')],
  ['text 2023-03-05', s('2023-03-05')],
  ['text 2023.3.5', s('2023.3.5')],
  ['text 2023年3月', s('2023年3月')],
  ['text 3月5日', s('3月5日')],
] as [string, RawCell][]) {
  add({ label, unit: 'count', cell, value: null, kinds: ['date-typed'] });
}

// Not numbers at all.
for (const text of [
  '见附件',
  '待统计',
  '六百二十',
  '陆佰贰拾',
  '①②③',
  'abc',
  '620 650',
  '1,4',
  '62O',
  '张620',
  '620张床',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x26C',
  '🛏️620',
  '620🛏️',
  '👍',
  '=1+1',
  '@SUM(A1)',
  '\t620\tx',
  '<b>620</b>',
  "620'",
  '..5',
  '6..2',
  '--620',
]) {
  add({
    label: `not a number ${JSON.stringify(text)}`,
    unit: 'count',
    cell: s(text),
    value: null,
    kinds: ['not-a-number'],
  });
}
add({
  label: '100,000 characters',
  unit: 'count',
  cell: s('6'.repeat(100_000)),
  value: null,
  kinds: ['not-a-number'],
});
add({
  label: '100,000 characters of text',
  unit: 'percent',
  cell: s('说明'.repeat(50_000)),
  value: null,
  kinds: ['not-a-number'],
});
add({
  label: 'boolean TRUE',
  unit: 'count',
  cell: { type: 'boolean', value: true },
  value: null,
  kinds: ['not-a-number'],
});
add({
  label: 'boolean FALSE',
  unit: 'percent',
  cell: { type: 'boolean', value: false },
  value: null,
  kinds: ['not-a-number'],
});
add({
  label: 'NaN number',
  unit: 'count',
  cell: { type: 'number', value: Number.NaN },
  value: null,
  kinds: ['not-a-number'],
});
add({
  label: 'Infinity number',
  unit: 'count',
  cell: { type: 'number', value: Number.POSITIVE_INFINITY },
  value: null,
  kinds: ['not-a-number'],
});

// Range and whole numbers.
for (const n of [-1, -620, -0.5]) {
  add({
    label: `negative ${n}`,
    unit: 'count',
    cell: { type: 'number', value: n },
    value: null,
    kinds: ['out-of-range'],
  });
  add({
    label: `negative text ${n}`,
    unit: 'percent',
    cell: s(String(n)),
    value: null,
    kinds: ['out-of-range'],
  });
}
for (const n of [620.5, 0.5, 799.99]) {
  add({
    label: `fraction of a count ${n}`,
    unit: 'count',
    cell: { type: 'number', value: n },
    value: null,
    kinds: ['not-whole'],
  });
}
for (const n of [6000, 6200, 14000, 100000]) {
  add({
    label: `scale slip ${n}`,
    unit: 'count',
    cell: { type: 'number', value: n },
    value: n,
    kinds: ['scale-slip'],
  });
}

// Empty.
for (const text of ['', ' ', '\u00a0', '\u3000', '\u200b', '\t', '\r\n']) {
  add({ label: `empty ${JSON.stringify(text)}`, unit: 'count', cell: s(text), value: null, kinds: [] });
}
add({ label: 'empty cell', unit: 'percent', cell: { type: 'empty' }, value: null, kinds: [] });

export const CORPUS: readonly CorpusCase[] = cases;
