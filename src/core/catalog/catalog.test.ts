import {
  defaultCatalog,
  findIndicator,
  indicatorsFor,
  loadCatalog,
  resolveBureau,
  responsibleBureaus,
  catalogHash,
} from '.';
import { findingMessage, lintCatalog, type Finding } from './lint';
import gengma from './gengma-2023.json';

const catalog = defaultCatalog();

// Written from section 1 of the spec, independently of the JSON: a transcription slip fails here.
// baseline/target: printed text as in the plan; '—' where it gives none.
const SPEC: [string, string, string, string, string, string][] = [
  ['YL-01', '基本养老保险参保率', '%', '—', '≥90', '县人力资源和社会保障局'],
  ['YL-02', '养老床位数', '张', '650', '800', '县民政局'],
  ['YL-03', '护理型床位占养老机构床位总数比', '%', '32', '55', '县民政局'],
  ['YL-04', '医养结合优质服务单位', '个', '—', '1', '县民政局、县卫生健康局'],
  ['YL-05', '有集中供养意愿的特困人员集中供养率', '%', '100', '100', '县民政局'],
  ['YL-06', '社区日间照料机构覆盖率', '%', '55', '80', '县民政局'],
  ['YL-07', '居家适老化改造户数（特殊困难老年人家庭）', '户', '—', '250', '县民政局'],
  [
    'YL-08',
    '新建城区、居住小区养老服务设施配套率',
    '%',
    '—',
    '100',
    '县自然资源局、县住房城乡建设局、县民政局',
  ],
  ['YL-09', '县级失能照护服务机构覆盖率', '%', '—', '1', '县民政局'],
  ['YL-10', '乡镇范围具备综合功能的养老服务机构覆盖率', '%', '—', '60', '县民政局'],
  ['YL-11', '老年人大学覆盖县级以上比例', '%', '—', '100', '县委老干局'],
  ['YL-12', '老年学校覆盖乡镇比例', '%', '—', '100', '县委老干局'],
  ['YL-13', '老年学校覆盖行政村（社区）比例', '%', '—', '80', '县委老干局'],
  ['YL-14', '养老机构护理人员持证上岗率', '%', '70', '100', '县民政局、县人力资源和社会保障局'],
  ['YL-15', '特殊困难老年人月探访率', '%', '80', '100', '县民政局'],
  ['YL-16', '经常性参加教育活动老年人占比', '%', '0', '≥20', '县委老干局、县教育体育局'],
  ['YL-17', '政府用于社会福利事业的彩票公益金用于养老服务体系建设比例', '%', '≥50', '≥55', '县民政局'],
  [
    'TY-01',
    '新生儿访视、膳食营养、生长发育、预防接种、安全防护、疾病防控等基本公共服务覆盖率',
    '%',
    '20',
    '90',
    '县卫生健康局',
  ],
  ['TY-02', '示范性婴幼儿照护服务机构数', '个', '—', '2', '县卫生健康局'],
  ['TY-03', '3岁以下婴幼儿托位数', '个', '20', '1400', '县卫生健康局'],
  ['TY-04', '每千人口托位数', '个/千人', '0.2', '5', '县卫生健康局、县教育体育局'],
  ['TY-05', '普惠性托位占比', '%', '—', '60', '县卫生健康局'],
  ['TY-06', '托育服务专业人才数', '人', '—', '60', '县卫生健康局、县人力资源和社会保障局、县教育体育局'],
  ['TY-07', '从业人员持证上岗率', '%', '—', '50', '县卫生健康局、县人力资源和社会保障局'],
  ['TY-08', '婴幼儿早期发展知识普及率', '%', '—', '50', '县卫生健康局、县教育体育局'],
  ['TY-09', '家长及婴幼儿照护者接受科学育儿指导率', '%', '—', '50', '县卫生健康局、县教育体育局'],
];

/** The findings of one kind for one code, each as its severity and its words in both languages. */
function findingsSaid(findings: readonly Finding[], kind: string, code: string): string[][] {
  return findings
    .filter((f) => f.kind === kind && f.code === code)
    .map((f) => [f.severity, findingMessage(f, 'zh'), findingMessage(f, 'en')]);
}
describe('the default catalog (Gengma 2023)', () => {
  it('has the plan identity', () => {
    expect(catalog.documentNumber).toBe('耿政办发〔2023〕37号');
    expect(catalog.baseYear).toBe(2020);
    expect(catalog.targetYear).toBe(2025);
    expect(catalog.parameters.population).toBe(282_500);
  });

  it('has exactly the 26 indicators of the spec, in order', () => {
    expect(catalog.indicators.map((i) => i.code)).toStrictEqual(SPEC.map((row) => row[0]));
  });

  it.each(SPEC)('%s %s: unit %s, 2020 %s, 2025 %s, bureaus %s', (code, name, unit, base, target, bureaus) => {
    const indicator = findIndicator(catalog, code)!;
    expect(indicator.name).toBe(name);
    expect(indicator.unit.label).toBe(unit);
    expect(indicator.baseline ? indicator.baseline.printed : '—').toBe(base);
    expect(indicator.target.printed).toBe(target);
    expect([indicator.lead, ...indicator.coResponsible].join('、')).toBe(bureaus);
    // The number behind the printed text: the comparator is not part of it.
    if (indicator.baseline) expect(indicator.baseline.value).toBe(Number(base.replace('≥', '')));
    if (code !== 'YL-09') expect(indicator.target.value).toBe(Number(target.replace('≥', '')));
    expect(indicator.target.comparator).toBe(target.startsWith('≥') ? '>=' : '=');
    expect(indicator.unit.kind).toBe(
      unit === '%' ? 'percent' : unit === '个/千人' ? 'per-thousand' : 'count',
    );
    if (indicator.unit.kind === 'count') expect(indicator.unit.measureWord).toBe(unit);
  });

  it('reads YL-09’s printed target 1 as 100 % and carries a note', () => {
    const yl09 = findIndicator(catalog, 'YL-09')!;
    expect(yl09.target).toMatchObject({ printed: '1', value: 100 });
    expect(yl09.notes.join()).toContain('1所失能照护服务机构');
  });

  it('holds every member bureau of annex 1 plus 县委老干局', () => {
    const annex1 = [
      '县人民政府办公室',
      '县发展改革局',
      '县工业和科技信息化局',
      '县教育体育局',
      '县民政局',
      '县公安局',
      '县财政局',
      '县人力资源社会保障局',
      '县自然资源局',
      '县住房城乡建设局',
      '县商务局',
      '县文化旅游局',
      '县应急管理局',
      '县卫生健康局',
      '县市场监管局',
      '县统计局',
      '团县委',
      '县税务局',
      '县残联',
      '中国人民银行耿马县支行',
      '县消防救援大队',
    ];
    for (const name of annex1) expect(resolveBureau(catalog, name)).toBeDefined();
    expect(catalog.bureaus.filter((b) => b.leadingGroup)).toHaveLength(annex1.length);
    expect(resolveBureau(catalog, '县委老干局')?.name).toBe('县委老干局');
  });

  it.each([
    '民政局',
    '县民政局',
    '耿马县民政局',
    '耿马自治县民政局',
    '耿马傣族佤族自治县民政局',
    ' 县民政局 ',
    '县民政局　',
  ])('resolves %j to 县民政局', (typed) => {
    expect(resolveBureau(catalog, typed)?.name).toBe('县民政局');
  });

  it.each([
    ['耿马自治县卫健局', '县卫生健康局'],
    ['耿马傣族佤族自治县卫健委', '县卫生健康局'],
    ['耿马县人社局', '县人力资源和社会保障局'],
    ['耿马人社局', '县人力资源和社会保障局'],
    ['耿马自治县 县住建局', '县住房城乡建设局'],
  ])('a county prefix before a short form the aliases do not list: %j resolves to %s', (typed, name) => {
    expect(resolveBureau(catalog, typed)?.name).toBe(name);
  });

  it('codes are read as a clerk might type them: full-width, lower case, a zero-width space, any dash', () => {
    for (const typed of ['yl-01', 'ＹＬ－０１', 'YL\u200b-01', 'YL–01', 'YL—01', 'YL−01', ' YL-01 '])
      expect(findIndicator(catalog, typed)?.code).toBe('YL-01');
    expect(findIndicator(catalog, 'YL01')).toBeUndefined();
  });

  it('a project figure is an indicator from 0 in the start year to the plan’s total, led by the project’s bureau', () => {
    const beds = findIndicator(catalog, 'XM-01-床位');
    expect(beds).toStrictEqual({
      code: 'XM-01-床位',
      section: 'project',
      name: '耿马自治县健康养老综合服务中心及服务质量提升改造建设项目：建成床位',
      unit: { label: '张', kind: 'count', measureWord: '张' },
      baseline: { value: 0, comparator: '=', printed: '0' },
      target: { value: 400, comparator: '=', printed: '400' },
      direction: 'higher',
      lead: '县民政局',
      coResponsible: [],
      notes: [],
      printed: '',
      planConflicts: [],
      baseYear: 2023,
      targetYear: 2025,
    });
  });

  it('resolves the plan’s own variants of a name', () => {
    expect(resolveBureau(catalog, '县人力资源社会保障局')?.name).toBe('县人力资源和社会保障局');
    expect(resolveBureau(catalog, '人社局')?.name).toBe('县人力资源和社会保障局');
    expect(resolveBureau(catalog, '县卫健局')?.name).toBe('县卫生健康局');
    expect(resolveBureau(catalog, '县市场监督管理局')?.name).toBe('县市场监管局');
    expect(resolveBureau(catalog, '农业局')).toBeUndefined();
    expect(resolveBureau(catalog, '')).toBeUndefined();
    expect(resolveBureau(catalog, '耿马县')).toBeUndefined();
  });

  it('lists the indicators of a bureau, lead and shared', () => {
    expect(indicatorsFor(catalog, '县委老干局').map((i) => i.code)).toStrictEqual([
      'YL-11',
      'YL-12',
      'YL-13',
      'YL-16',
    ]);
    expect(indicatorsFor(catalog, '县教育体育局').map((i) => i.code)).toStrictEqual([
      'YL-16',
      'TY-04',
      'TY-06',
      'TY-08',
      'TY-09',
    ]);
    expect(responsibleBureaus(catalog).map((b) => b.name)).toStrictEqual([
      '县发展改革局',
      '县教育体育局',
      '县民政局',
      '县人力资源和社会保障局',
      '县自然资源局',
      '县住房城乡建设局',
      '县卫生健康局',
      '县委老干局',
    ]);
  });

  it('has the 4 reforms of annex 2 and the project of annex 3', () => {
    expect(catalog.milestones.reforms.map((r) => [r.code, r.bureau])).toStrictEqual([
      ['GG-01', '县发展改革局'],
      ['GG-02', '县民政局'],
      ['GG-03', '县卫生健康局'],
      ['GG-04', '县卫生健康局'],
    ]);
    const [project] = catalog.milestones.projects;
    expect(project).toMatchObject({
      beds: 400,
      floorArea: 15400,
      investment: 1.5,
      startYear: 2023,
      endYear: 2025,
      bureau: '县民政局',
      bureauAssumed: true,
    });
    expect(findIndicator(catalog, 'xm-01-床位')?.target.value).toBe(400);
  });

  it('hashes the catalog stably', () => {
    expect(catalogHash(catalog)).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogHash(catalog)).toBe(catalogHash(loadCatalogOk(structuredClone(gengma))));
  });
});

function loadCatalogOk(data: unknown) {
  const result = loadCatalog(data);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.catalog;
}

describe('lintCatalog', () => {
  // Linted in each test (beforeEach), not while jest collects them: see combine.test.ts.
  let findings: ReturnType<typeof lintCatalog>;
  beforeEach(() => {
    findings = lintCatalog(catalog);
  });

  it('prints the YL-09 percent-target note', () => {
    const f = findings.find((x) => x.kind === 'percent-target-printed');
    expect(f).toMatchObject({ code: 'YL-09', severity: 'note', params: { printed: '1', value: 100 } });
    expect(findingMessage(f!)).toContain('YL-09');
  });

  it('derives the TY-03/TY-04 baseline inconsistency from the figures', () => {
    const perThousand = findings.filter((x) => x.kind === 'per-thousand-population');
    // 20 places at 0.2 per thousand imply 100,000 people; the targets (1400 at 5) imply 280,000, which fits.
    expect(perThousand).toHaveLength(1);
    expect(perThousand[0]!.params).toMatchObject({
      which: 'baseline',
      implied: 100_000,
      population: 282_500,
    });
    expect(findingMessage(perThousand[0]!)).toContain('100000');
  });

  it('finds no inconsistency between the population parameter and the plan’s context', () => {
    expect(findings.filter((x) => x.kind === 'population-parameter')).toStrictEqual([]);
    const other = structuredClone(catalog);
    other.parameters.population = 150_000;
    expect(lintCatalog(other).some((x) => x.kind === 'population-parameter')).toBe(true);
  });

  it('notes the project bureau the plan does not name', () => {
    expect(findings.some((x) => x.kind === 'project-bureau-assumed' && x.code === 'XM-01')).toBe(true);
  });

  it('has no errors for the default catalog', () => {
    expect(findings.filter((x) => x.severity === 'error')).toStrictEqual([]);
  });

  it('finds unknown bureaus, duplicate codes, percent over 100 and a target behind its baseline', () => {
    const bad = structuredClone(catalog);
    bad.indicators[1]!.lead = '县农业局';
    bad.indicators.push({ ...bad.indicators[0]! });
    bad.indicators[2]!.target.value = 120;
    bad.indicators[5]!.target.value = 40; // YL-06 55 → 40, higher is better
    bad.milestones.reforms[0]!.bureau = '县不存在局';
    const kinds = lintCatalog(bad).map((f) => `${f.kind}:${f.code ?? ''}`);
    expect(kinds).toStrictEqual(
      expect.arrayContaining([
        'unknown-bureau:YL-02',
        'duplicate-code:YL-01',
        'percent-over-100:YL-03',
        'target-behind-baseline:YL-06',
        'unknown-bureau:GG-01',
      ]),
    );
    const said = (code: string, kind: string) => findingsSaid(lintCatalog(bad), kind, code);
    expect(said('YL-02', 'unknown-bureau')).toStrictEqual([
      [
        'error',
        'YL-02：责任单位“县农业局”不在单位列表中。',
        'YL-02: bureau "县农业局" is not in the bureau list.',
      ],
    ]);
    expect(said('YL-01', 'duplicate-code')).toStrictEqual([
      ['error', '编号 YL-01 重复。', 'Code YL-01 appears twice.'],
    ]);
    expect(said('YL-03', 'percent-over-100')).toStrictEqual([
      ['error', 'YL-03：百分比目标值 120 超出 0–100。', 'YL-03: percentage target 120 is outside 0–100.'],
    ]);
    expect(said('YL-06', 'target-behind-baseline')).toStrictEqual([
      [
        'warning',
        'YL-06：目标值 40 低于基期值 55，与指标方向不符。',
        'YL-06: the target 40 is behind the baseline 55 for a higher-is-better indicator.',
      ],
    ]);
    expect(said('GG-01', 'unknown-bureau')).toStrictEqual([
      [
        'error',
        'GG-01：责任单位“县不存在局”不在单位列表中。',
        'GG-01: bureau "县不存在局" is not in the bureau list.',
      ],
    ]);
  });

  it('says what is wrong, naming the indicator or project: sections, project bureaus and years, clashing names', () => {
    const bad = structuredClone(catalog);
    bad.indicators[0]!.section = 'elderly-care';
    bad.milestones.projects[0]!.bureau = '县不存在局';
    bad.milestones.projects[0]!.endYear = 2022;
    bad.bureaus[1]!.aliases.push('政府办');
    bad.targetYear = 2020;
    const wanted = new Set(['unknown-section', 'unknown-bureau', 'years', 'duplicate-bureau-name']);
    const said = lintCatalog(bad)
      .filter((f) => wanted.has(f.kind))
      .map((f) => [f.severity, f.code ?? '', findingMessage(f, 'zh'), findingMessage(f, 'en')]);
    expect(said).toStrictEqual([
      ['error', '', '年份不合理：基期 2020，目标年 2020。', 'Years do not fit: base 2020, target 2020.'],
      [
        'error',
        'YL-01',
        'YL-01：所属方面“elderly-care”不存在。',
        'YL-01: section "elderly-care" does not exist.',
      ],
      [
        'error',
        '',
        '名称“政府办”同时属于“县人民政府办公室”和“县发展改革局”，无法区分。请只留在其中一个单位下，或改写成能区分的名称。',
        'The name "政府办" belongs to both "县人民政府办公室" and "县发展改革局". Keep it under one of them, or write a name that tells them apart.',
      ],
      [
        'error',
        'XM-01',
        'XM-01：责任单位“县不存在局”不在单位列表中。',
        'XM-01: bureau "县不存在局" is not in the bureau list.',
      ],
      [
        'error',
        'XM-01',
        'XM-01：项目结束年 2022 早于开始年 2023。',
        'XM-01: the project ends in 2022, before it starts in 2023.',
      ],
    ]);
  });

  it('a project that starts and ends in the same year is fine', () => {
    const oneYear = structuredClone(catalog);
    oneYear.milestones.projects[0]!.startYear = 2024;
    oneYear.milestones.projects[0]!.endYear = 2024;
    expect(lintCatalog(oneYear).filter((f) => f.kind === 'years')).toStrictEqual([]);
  });

  it('finds a lower-is-better target above its baseline, clashing aliases and bad years', () => {
    const bad = structuredClone(catalog);
    bad.indicators[1]!.direction = 'lower';
    bad.bureaus[1]!.aliases.push('民政局');
    bad.targetYear = 2019;
    bad.links.perThousand.push({ count: 'TY-99', rate: 'TY-04', tolerance: 0.1 });
    const kinds = lintCatalog(bad).map((f) => f.kind);
    expect(kinds).toStrictEqual(
      expect.arrayContaining([
        'target-behind-baseline',
        'duplicate-bureau-name',
        'years',
        'unknown-link-code',
      ]),
    );
    const said = (kind: string) =>
      lintCatalog(bad)
        .filter((f) => f.kind === kind)
        .map((f) => [findingMessage(f, 'zh'), findingMessage(f, 'en')]);
    // YL-02 made lower-is-better, 650 → 800: its target is above the baseline.
    expect(said('target-behind-baseline')).toStrictEqual([
      [
        'YL-02：目标值 800 高于基期值 650，与指标方向不符。',
        'YL-02: the target 800 is behind the baseline 650 for a lower-is-better indicator.',
      ],
    ]);
    expect(said('unknown-link-code')).toStrictEqual([
      ['交叉核对引用的编号 TY-99 / TY-04 不存在。', 'The cross-check names unknown codes TY-99 / TY-04.'],
    ]);
  });

  it('a percentage baseline over 100 is named as the baseline', () => {
    const bad = structuredClone(catalog);
    const yl03 = bad.indicators.find((i) => i.code === 'YL-03')!;
    yl03.baseline = { ...yl03.baseline!, value: 130 };
    const over = lintCatalog(bad).filter((f) => f.kind === 'percent-over-100');
    expect(over.map((f) => [f.code, findingMessage(f, 'zh'), findingMessage(f, 'en')])).toStrictEqual([
      ['YL-03', 'YL-03：百分比基期值 130 超出 0–100。', 'YL-03: percentage baseline 130 is outside 0–100.'],
    ]);
  });
});

describe('loadCatalog', () => {
  it('loads a custom catalog through the same schema', () => {
    const custom = structuredClone(gengma) as Record<string, unknown>;
    custom.id = 'cangyuan-2026';
    custom.baseYear = 2025;
    custom.targetYear = 2030;
    const result = loadCatalog(custom);
    expect(result.ok).toBe(true);
  });

  it('names the field that is wrong, in Chinese', () => {
    const bad = structuredClone(gengma) as { indicators: { code: string; target: { value: unknown } }[] };
    bad.indicators[3]!.code = 'yl4';
    bad.indicators[4]!.target.value = '八十';
    const result = loadCatalog(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toContain('indicators.3.code');
    expect(result.errors.join('\n')).toContain('编号格式');
    expect(result.errors.join('\n')).toContain('indicators.4.target.value');
  });

  it('rejects something that is not a catalog at all', () => {
    expect(loadCatalog(null).ok).toBe(false);
    expect(loadCatalog([]).ok).toBe(false);
    // No field to name: the message says it is the whole catalog (its root).
    const root = loadCatalog('目录');
    expect(!root.ok && root.errors[0]).toMatch(/^目录字段 （根）：/);
  });
});

describe('the catalog refuses its own mistakes (issue 11)', () => {
  const copy = () => JSON.parse(JSON.stringify(gengma)) as typeof gengma;

  it('a misspelled lead bureau is refused with its path', () => {
    const data = copy();
    data.indicators[1]!.lead = '县民证局';
    const result = loadCatalog(data);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toStrictEqual([
      '目录字段 indicators.1.lead：单位“县民证局”不在 bureaus 中（请检查拼写，或把它加入 bureaus）',
    ]);
  });

  it.each([
    [['indicators', 0, 'section'], 'nowhere', /方面“nowhere”不在 sections 中/],
    [['indicators', 3, 'coResponsible', 0], '县卫健', /单位“县卫健”不在 bureaus 中/],
    [['links', 'perThousand', 0, 'rate'], 'TY-99', /编号 TY-99 不在 indicators 中/],
    [['milestones', 'reforms', 0, 'bureau'], '县农业局', /单位“县农业局”不在 bureaus 中/],
    [['milestones', 'projects', 0, 'bureau'], '县养老局', /单位“县养老局”不在 bureaus 中/],
    [['coordinatingOffice', 'bureau'], '县发改委', /单位“县发改委”不在 bureaus 中/],
  ] as const)('%j = %j is refused at that path', (path, value, message) => {
    const data = copy() as unknown as Record<string, unknown>;
    let target = data as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    target[path[path.length - 1]!] = value;
    const result = loadCatalog(data);
    expect(!result.ok && result.errors.find((e) => e.includes(path.join('.')))).toMatch(message);
  });

  it('a name two bureaus answer to is refused where it is written: as a name, or as an alias', () => {
    const asName = copy();
    // 县发展改革局 renamed to an alias of 县人民政府办公室.
    asName.bureaus[1]!.name = '县政府办';
    const named = loadCatalog(asName);
    expect(!named.ok && named.errors.filter((e) => e.includes('bureaus.1'))).toStrictEqual([
      '目录字段 bureaus.1.name：名称“县政府办”同时属于“县人民政府办公室”和“县政府办”，无法区分；请只留在其中一个单位下，或改写成能区分的名称',
    ]);
    // A bureau that lists its own name, or one alias twice, clashes with nobody.
    const repeated = copy();
    repeated.bureaus[2]!.aliases.push(repeated.bureaus[2]!.name, '工信局');
    expect(loadCatalog(repeated).ok).toBe(true);
    const asAlias = copy();
    asAlias.bureaus[2]!.aliases.push('发改局');
    const aliased = loadCatalog(asAlias);
    expect(!aliased.ok && aliased.errors).toStrictEqual([
      '目录字段 bureaus.2.aliases：名称“发改局”同时属于“县发展改革局”和“县工业和科技信息化局”，无法区分；请只留在其中一个单位下，或改写成能区分的名称',
    ]);
  });

  it('a duplicate code is refused', () => {
    const data = copy();
    data.indicators[2]!.code = data.indicators[1]!.code;
    const result = loadCatalog(data);
    expect(!result.ok && result.errors.join('\n')).toMatch(/indicators\.2\.code：编号 YL-02 与第 2 项重复/);
  });

  it.each([
    ['老干局', '县委老干局'],
    ['县老干局', '县委老干局'],
    ['老干部局', '县委老干局'],
    ['民政局', '县民政局'],
    ['人社局', '县人力资源和社会保障局'],
    ['卫健局', '县卫生健康局'],
    ['卫健委', '县卫生健康局'],
    ['教体局', '县教育体育局'],
    ['教育局', '县教育体育局'],
    ['住建局', '县住房城乡建设局'],
    ['自然资源局', '县自然资源局'],
    ['发改局', '县发展改革局'],
    ['财政局', '县财政局'],
    ['政府办', '县人民政府办公室'],
    ['市监局', '县市场监管局'],
    ['文旅局', '县文化旅游局'],
    ['应急局', '县应急管理局'],
    ['工信局', '县工业和科技信息化局'],
    ['统计局', '县统计局'],
    ['残联', '县残联'],
    ['消防大队', '县消防救援大队'],
    ['人行', '中国人民银行耿马县支行'],
  ])('the short form %s resolves to %s', (typed, name) => {
    expect(resolveBureau(catalog, typed)?.name).toBe(name);
  });

  it('every responsible bureau resolves from the short form without 县', () => {
    for (const bureau of responsibleBureaus(catalog))
      expect(resolveBureau(catalog, bureau.name.replace(/^县/, ''))?.name).toBe(bureau.name);
  });

  it('the lint reports the three contradictions of the plan, each once, and whom to ask', () => {
    const conflicts = lintCatalog(catalog).filter((f) => f.kind === 'plan-conflict');
    expect(conflicts.map((f) => f.code)).toStrictEqual(['YL-02', 'YL-10', 'YL-17']);
    for (const f of conflicts) expect(findingMessage(f)).toContain('请县发展改革局确认');
    expect(findingMessage(conflicts[1]!)).toContain('原则上所有乡镇至少建有 1个');
  });

  it('says where the population parameter comes from, and the coordinating office', () => {
    const findings = lintCatalog(catalog);
    const population = findings.find((f) => f.kind === 'population-source')!;
    expect(findingMessage(population)).toContain('3.67万人占 12.99%');
    expect(findingMessage(findings.find((f) => f.kind === 'coordinating-office')!)).toContain(
      '县推进“一老一小”发展工作领导小组办公室',
    );
    expect(catalog.coordinatingOffice?.bureau).toBe('县发展改革局');
  });

  it('the notes on the plan said word for word, in English too (the plan’s own words stay Chinese)', () => {
    const findings = lintCatalog(catalog);
    const said = (kind: string) => {
      const f = findings.find((x) => x.kind === kind);
      if (!f) throw new Error(`no ${kind}`);
      return [findingMessage(f, 'zh'), findingMessage(f, 'en')];
    };
    expect(said('coordinating-office')).toStrictEqual([
      '组织实施和考核评价由县推进“一老一小”发展工作领导小组办公室负责（设在县发展改革局；附件1：领导小组下设办公室在县发展改革局），汇总表以其名义编制。',
      'The plan is run and assessed by 县推进“一老一小”发展工作领导小组办公室 (in 县发展改革局); the master is compiled in its name.',
    ]);
    expect(said('population-source')).toStrictEqual([
      '人口参数 282500 人（按方案一（一）60岁以上 3.67万人占 12.99% 推算），用于 TY-03/TY-04 的交叉核对；每个报告期可按统计数据修改。',
      'The population parameter 282500 (按方案一（一）60岁以上 3.67万人占 12.99% 推算) is used to cross-check TY-03/TY-04; it can be changed per reporting period.',
    ]);
    // 20 places at 0.2 per thousand people is 100,000 people, not the county's 282,500.
    expect(said('per-thousand-population')).toStrictEqual([
      'TY-03 与 TY-04 的基期值不一致：20 个托位 ÷ 每千人 0.2 个 = 100000 人，而目录人口参数为 282500 人。',
      'TY-03 and TY-04 baseline figures disagree: 20 places at 0.2 per thousand imply 100000 people, but the population parameter is 282500.',
    ]);
    expect(said('project-bureau-assumed')).toStrictEqual([
      'XM-01：方案附件 3 未写明责任单位，目录默认由“县民政局”填报，请县发展改革局确认。',
      'XM-01: annex 3 names no bureau; the catalog assigns it to 县民政局. The office (县发展改革局) should confirm.',
    ]);
    expect(said('percent-target-printed')[1]).toMatch(
      /^YL-09: the plan prints the target as "1" for a percentage; the catalog reads it as 100 %\. 方案表中/,
    );
    expect(said('plan-conflict')[1]).toBe(
      "YL-02: the plan's text (section 一（一）2、3) disagrees with its indicator table: 基期值 650 张多于方案所写现有床位 620 张. The office (县发展改革局) should confirm which holds.",
    );
    expect(said('indicator-note')[1]).toMatch(/^YL-07: 累计目标：每年支持 50户/);
  });

  it('without a coordinating office in the catalog, the county government office is asked, in either language: a plan conflict word for word, and a project’s assumed bureau', () => {
    const plain = structuredClone(catalog);
    delete plain.coordinatingOffice;
    const findings = lintCatalog(plain);
    expect(findings.some((f) => f.kind === 'coordinating-office')).toBe(false);
    const said = (kind: string, code: string) => findingsSaid(findings, kind, code);
    expect(said('plan-conflict', 'YL-02')).toStrictEqual([
      [
        'warning',
        'YL-02：基期值 650 张多于方案所写现有床位 620 张。方案一（一）2、3写道：“共有养老床位 620张”；“投入使用的养老床位 620张”。请县政府办确认以哪个为准。',
        "YL-02: the plan's text (section 一（一）2、3) disagrees with its indicator table: 基期值 650 张多于方案所写现有床位 620 张. The county government office (县政府办) should confirm which holds.",
      ],
    ]);
    expect(said('project-bureau-assumed', 'XM-01')).toStrictEqual([
      [
        'note',
        'XM-01：方案附件 3 未写明责任单位，目录默认由“县民政局”填报，请县政府办确认。',
        'XM-01: annex 3 names no bureau; the catalog assigns it to 县民政局. The county government office (县政府办) should confirm.',
      ],
    ]);
    const note =
      '累计目标：每年支持 50户、共改造 250户（方案三（三））；按年度进度 50户/年评估，基期值视为 0。';
    expect(said('indicator-note', 'YL-07')).toStrictEqual([['note', `YL-07：${note}`, `YL-07: ${note}`]]);
  });

  it('places per thousand people: each pair of figures checked against the population, a rate of 0 skipped', () => {
    const other = structuredClone(catalog);
    // 1000 places at 5 per thousand is 200,000 people, a tenth and more under 282,500.
    other.indicators.find((i) => i.code === 'TY-03')!.target.value = 1000;
    other.indicators.find((i) => i.code === 'TY-04')!.baseline!.value = 0;
    const clash = lintCatalog(other).filter((f) => f.kind === 'per-thousand-population');
    expect(
      clash.map((f) => [f.params.which, findingMessage(f, 'zh'), findingMessage(f, 'en')]),
    ).toStrictEqual([
      [
        'target',
        'TY-03 与 TY-04 的目标值不一致：1000 个托位 ÷ 每千人 5 个 = 200000 人，而目录人口参数为 282500 人。',
        'TY-03 and TY-04 target figures disagree: 1000 places at 5 per thousand imply 200000 people, but the population parameter is 282500.',
      ],
    ]);
  });

  it('a percentage whose printed target is in words is not compared; one in full-width digits is', () => {
    const printedAs = (printed: string) => {
      const other = structuredClone(catalog);
      other.indicators.find((i) => i.code === 'YL-09')!.target.printed = printed;
      return lintCatalog(other)
        .filter((f) => f.kind === 'percent-target-printed')
        .map((f) => [f.code, f.params.printed]);
    };
    expect(printedAs('全覆盖')).toStrictEqual([]);
    expect(printedAs('１')).toStrictEqual([['YL-09', '１']]);
    expect(printedAs('100')).toStrictEqual([]);
  });

  it('prints YL-09 once', () => {
    const yl09 = lintCatalog(catalog).filter((f) => f.code === 'YL-09');
    expect(yl09).toHaveLength(1);
  });
});

describe('the schema, field by field (a catalog another county writes)', () => {
  /** The smallest catalog the schema takes: every optional field left out. */
  const minimal = () => ({
    id: 'demo-2026',
    title: '示例方案',
    documentNumber: '示政发〔2026〕1号',
    county: '示例县',
    countyShort: '示例县',
    baseYear: 2025,
    targetYear: 2030,
    parameters: { population: 100000 },
    bureaus: [{ name: '县民政局' }],
    sections: [{ id: 'elderly', label: '一、养老方面', codePrefix: 'YL' }],
    indicators: [
      {
        code: 'YL-01',
        section: 'elderly',
        name: '养老床位数',
        unit: { label: '张', kind: 'count' },
        baseline: null,
        target: { value: 800, printed: '800' },
        lead: '县民政局',
      },
    ],
  });

  const PROJECT = {
    code: 'XM-01',
    name: '示例项目',
    content: '新建',
    beds: 100,
    floorArea: 5000,
    investment: 0.5,
    startYear: 2026,
    endYear: 2027,
    bureau: '县民政局',
    figures: [{ suffix: '床位', name: '床位', unit: { label: '张', kind: 'count' }, target: 100 }],
  };
  const REFORM = {
    code: 'GG-01',
    name: '改革',
    measure: '措施',
    expected: '成效',
    bureau: '县民政局',
    dueYear: 2027,
  };
  /** A catalog's milestones with one project or reform changed as the case says. */
  const withProject = (change: Record<string, unknown>) => ({ projects: [{ ...PROJECT, ...change }] });
  const withReform = (change: Record<string, unknown>) => ({ reforms: [{ ...REFORM, ...change }] });

  it('fills what a catalog leaves out with the documented defaults', () => {
    const result = loadCatalog(minimal());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalog).toStrictEqual({
      ...minimal(),
      parameters: { population: 100000, populationSource: '目录参数' },
      context: {},
      bureaus: [{ name: '县民政局', aliases: [], leadingGroup: false }],
      indicators: [
        {
          ...minimal().indicators[0],
          target: { value: 800, comparator: '=', printed: '800' },
          direction: 'higher',
          coResponsible: [],
          notes: [],
          printed: '',
          planConflicts: [],
        },
      ],
      links: { perThousand: [] },
      milestones: { reforms: [], projects: [] },
    });
  });

  it('a bureau that only builds a project is responsible; one with nothing is not', () => {
    const catalog = loadCatalogOk({
      ...minimal(),
      bureaus: [{ name: '县民政局' }, { name: '县住建局' }, { name: '县统计局' }, { name: '县卫健局' }],
      milestones: {
        projects: [
          { ...PROJECT, bureau: '县住建局' },
          { ...PROJECT, code: 'XM-02', bureau: '县卫健局' },
        ],
      },
    });
    expect(responsibleBureaus(catalog).map((b) => b.name)).toStrictEqual([
      '县民政局',
      '县住建局',
      '县卫健局',
    ]);
  });

  it('two bureaus a typed name cannot tell apart (they differ only by the county prefix or a space) are refused', () => {
    const result = loadCatalog({
      ...minimal(),
      bureaus: [
        { name: '县民政局', aliases: ['民政'] },
        { name: '示例县民政局' },
        { name: '县统计局', aliases: ['民 政'] },
      ],
    });
    expect(!result.ok && result.errors).toStrictEqual([
      '目录字段 bureaus.1.name：名称“示例县民政局”与“县民政局”去掉县名后相同（都读作“民政局”），同时属于“县民政局”和“示例县民政局”，无法区分；请只留在其中一个单位下，或改写成能区分的名称',
      '目录字段 bureaus.2.aliases：名称“民 政”与“民政”去掉县名后相同（都读作“民政”），同时属于“县民政局”和“县统计局”，无法区分；请只留在其中一个单位下，或改写成能区分的名称',
    ]);
  });

  it('fills the defaults inside links, projects and the coordinating office too', () => {
    const data = {
      ...minimal(),
      indicators: [
        ...minimal().indicators,
        { ...minimal().indicators[0], code: 'YL-02', unit: { label: '个/千人', kind: 'per-thousand' } },
      ],
      links: { perThousand: [{ count: 'YL-01', rate: 'YL-02' }] },
      coordinatingOffice: { name: '县老龄办', bureau: '县民政局' },
      milestones: { projects: [PROJECT] },
    };
    const result = loadCatalog(data);
    expect(result.ok && result.catalog.links.perThousand).toStrictEqual([
      { count: 'YL-01', rate: 'YL-02', tolerance: 0.1 },
    ]);
    expect(result.ok && result.catalog.coordinatingOffice).toStrictEqual({
      name: '县老龄办',
      bureau: '县民政局',
      source: '',
    });
    expect(result.ok && result.catalog.milestones.projects[0]!.bureauAssumed).toBe(false);
    expect(result.ok && result.catalog.milestones.reforms).toStrictEqual([]);
  });

  type Edit = (data: ReturnType<typeof minimal> & Record<string, unknown>) => void;
  const indicator = (data: ReturnType<typeof minimal>) => data.indicators[0] as Record<string, unknown>;
  it.each<[string, Edit, string]>([
    ['id', (d) => void (d.id = 'Demo_2026'), 'id：只能包含小写字母、数字和短横线'],
    ['title', (d) => void (d.title = ''), 'title：'],
    ['documentNumber', (d) => void (d.documentNumber = ''), 'documentNumber：'],
    ['county', (d) => void (d.county = ''), 'county：'],
    ['countyShort', (d) => void (d.countyShort = ''), 'countyShort：'],
    ['baseYear', (d) => void (d.baseYear = 2025.5), 'baseYear：'],
    ['targetYear', (d) => void (d.targetYear = 2030.5), 'targetYear：'],
    ['population', (d) => void (d.parameters.population = 0), 'parameters.population：'],
    ['bureaus', (d) => void (d.bureaus = []), 'bureaus：'],
    ['bureau name', (d) => void (d.bureaus[0]!.name = ''), 'bureaus.0.name：'],
    ['sections', (d) => void (d.sections = []), 'sections：'],
    ['section id', (d) => void (d.sections[0]!.id = ''), 'sections.0.id：'],
    ['section label', (d) => void (d.sections[0]!.label = ''), 'sections.0.label：'],
    ['section prefix', (d) => void (d.sections[0]!.codePrefix = ''), 'sections.0.codePrefix：'],
    ['indicators', (d) => void (d.indicators = []), 'indicators：'],
    [
      'code in lower case',
      (d) => void (indicator(d).code = 'yl-01'),
      'indicators.0.code：编号格式应为两个大写字母、短横线和两位数字，如 YL-01',
    ],
    ['code with one digit', (d) => void (indicator(d).code = 'YL-1'), 'indicators.0.code：编号格式'],
    ['code with a tail', (d) => void (indicator(d).code = 'YL-01x'), 'indicators.0.code：编号格式'],
    ['code with a lead', (d) => void (indicator(d).code = 'xYL-01'), 'indicators.0.code：编号格式'],
    ['name', (d) => void (indicator(d).name = ''), 'indicators.0.name：'],
    [
      'unit label',
      (d) => void (indicator(d).unit = { label: '', kind: 'count' }),
      'indicators.0.unit.label：',
    ],
    [
      'unit kind',
      (d) => void (indicator(d).unit = { label: '张', kind: 'beds' }),
      'indicators.0.unit.kind：',
    ],
    [
      'measure word',
      (d) => void (indicator(d).unit = { label: '张', kind: 'count', measureWord: '' }),
      'indicators.0.unit.measureWord：',
    ],
    [
      'target value',
      (d) => void (indicator(d).target = { value: '八百', printed: '800' }),
      'indicators.0.target.value：必须是数字',
    ],
    [
      'target printed',
      (d) => void (indicator(d).target = { value: 800, printed: '' }),
      'indicators.0.target.printed：不能为空',
    ],
    [
      'comparator',
      (d) => void (indicator(d).target = { value: 800, printed: '800', comparator: '≥' }),
      'indicators.0.target.comparator：',
    ],
    ['direction', (d) => void (indicator(d).direction = 'up'), 'indicators.0.direction：'],
    ['lead', (d) => void (indicator(d).lead = ''), 'indicators.0.lead：'],
    ['perYear', (d) => void (indicator(d).perYear = 0), 'indicators.0.perYear：'],
    [
      'plan conflict',
      (d) => void (indicator(d).planConflicts = [{ section: '', text: 'x', why: 'y' }]),
      'indicators.0.planConflicts.0.section：',
    ],
    ['share over 100', (d) => void (d.context = { elderly60PlusShare: 101 }), 'context.elderly60PlusShare：'],
    ['negative beds in use', (d) => void (d.context = { bedsInUse: -1 }), 'context.bedsInUse：'],
    [
      'tolerance',
      (d) => void (d.links = { perThousand: [{ count: 'YL-01', rate: 'YL-01', tolerance: 0 }] }),
      'links.perThousand.0.tolerance：',
    ],
    [
      'reform code',
      (d) => void (d.milestones = withReform({ code: 'GG-1' })),
      'milestones.reforms.0.code：改革任务编号应为 GG-01 这样的格式',
    ],
    [
      'reform code of another kind',
      (d) => void (d.milestones = withReform({ code: 'XM-01' })),
      'milestones.reforms.0.code：改革任务编号',
    ],
    [
      'reform year',
      (d) => void (d.milestones = withReform({ dueYear: 2027.5 })),
      'milestones.reforms.0.dueYear：',
    ],
    [
      'project code',
      (d) => void (d.milestones = withProject({ code: 'XM-1' })),
      'milestones.projects.0.code：项目编号应为 XM-01 这样的格式',
    ],
    ['project beds', (d) => void (d.milestones = withProject({ beds: 1.5 })), 'milestones.projects.0.beds：'],
    [
      'project investment',
      (d) => void (d.milestones = withProject({ investment: -1 })),
      'milestones.projects.0.investment：',
    ],
    [
      'project without figures',
      (d) => void (d.milestones = withProject({ figures: [] })),
      'milestones.projects.0.figures：',
    ],
    [
      'project figure target',
      (d) => void (d.milestones = withProject({ figures: [{ ...PROJECT.figures[0], target: 0 }] })),
      'milestones.projects.0.figures.0.target：',
    ],
  ])('refuses a wrong %s, naming the field', (_what, edit, expected) => {
    const data = minimal() as ReturnType<typeof minimal> & Record<string, unknown>;
    edit(data);
    const result = loadCatalog(data);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual(expect.stringContaining(`目录字段 ${expected}`));
  });

  it('a code may carry a Chinese tail (a project figure), and the lowest catalog id is letters and digits', () => {
    const data = minimal();
    indicator(data).code = 'XM-01-床位';
    (data as Record<string, unknown>).id = 'a-1';
    expect(loadCatalog(data).ok).toBe(true);
  });
});

describe('lintCatalog at its edges: each rule’s line, and its words', () => {
  const copy = () => structuredClone(catalog);
  const kinds = (c: ReturnType<typeof copy>, kind: string) => lintCatalog(c).filter((f) => f.kind === kind);

  it('the population against the plan’s context: more than 5 % off is said, in both languages; exactly 5 % is not', () => {
    const c = copy();
    c.parameters.population = 100_000;
    c.context = { elderly60Plus: 10_500, elderly60PlusShare: 10 };
    expect(kinds(c, 'population-parameter')).toStrictEqual([]);
    c.context = { elderly60Plus: 10_501, elderly60PlusShare: 10 };
    const [finding, ...more] = kinds(c, 'population-parameter');
    expect(more).toStrictEqual([]);
    expect(findingMessage(finding!, 'zh')).toBe(
      '人口参数 100000 与方案背景数据不符：60岁以上 10501 人占 10%，推算总人口约 105010 人。',
    );
    expect(findingMessage(finding!, 'en')).toBe(
      "The population parameter 100000 disagrees with the plan's context: 10501 people aged 60+ at 10 % imply about 105010.",
    );
  });

  it('places per thousand: a pair exactly at the tolerance passes, one place more is said', () => {
    const c = copy();
    c.parameters.population = 100_000;
    const count = c.indicators.find((i) => i.code === 'TY-03')!;
    const rate = c.indicators.find((i) => i.code === 'TY-04')!;
    count.baseline = null;
    rate.target = { ...rate.target, value: 5 };
    // 550 places at 5 per thousand: 110,000 people, 10 % over 100,000.
    count.target = { ...count.target, value: 550 };
    expect(kinds(c, 'per-thousand-population')).toStrictEqual([]);
    count.target = { ...count.target, value: 551 };
    expect(kinds(c, 'per-thousand-population').map((f) => f.params)).toStrictEqual([
      {
        count: 'TY-03',
        rate: 'TY-04',
        which: 'target',
        countValue: 551,
        rateValue: 5,
        implied: 110200,
        population: 100000,
      },
    ]);
  });

  it('a lower-is-better target equal to its baseline is not behind it; one above is', () => {
    const c = copy();
    const yl = c.indicators[1]!;
    yl.direction = 'lower';
    yl.baseline = { value: 800, comparator: '=', printed: '800' };
    yl.target = { value: 800, comparator: '=', printed: '800' };
    expect(kinds(c, 'target-behind-baseline')).toStrictEqual([]);
    yl.target = { value: 801, comparator: '=', printed: '801' };
    const [finding] = kinds(c, 'target-behind-baseline');
    expect(findingMessage(finding!)).toBe('YL-02：目标值 801 高于基期值 800，与指标方向不符。');
    expect(findingMessage(finding!, 'en')).toBe(
      'YL-02: the target 801 is behind the baseline 800 for a lower-is-better indicator.',
    );
  });

  it('a negative percentage is outside 0–100 as much as one over 100', () => {
    const c = copy();
    const percent = c.indicators.find((i) => i.unit.kind === 'percent' && i.baseline)!;
    percent.baseline = { ...percent.baseline!, value: -1 };
    const [finding] = kinds(c, 'percent-over-100');
    expect(findingMessage(finding!)).toBe(`${percent.code}：百分比基期值 -1 超出 0–100。`);
  });

  it('a printed percentage with two decimals is read whole; the notes of one indicator are said together', () => {
    const c = copy();
    const percent = c.indicators.find((i) => i.unit.kind === 'percent' && i.code !== 'YL-09')!;
    percent.target = { value: 12.25, comparator: '=', printed: '12.25' };
    expect(kinds(c, 'percent-target-printed').map((f) => f.code)).toStrictEqual(['YL-09']);
    const yl09 = c.indicators.find((i) => i.code === 'YL-09')!;
    yl09.notes = ['第一条。', '第二条。'];
    const [finding] = kinds(c, 'percent-target-printed');
    expect(finding!.params.note).toBe('第一条。 第二条。');
    expect(findingMessage(finding!)).toBe(
      'YL-09：方案印的目标值为“1”，单位却是“%”；目录按 100% 解释。第一条。 第二条。',
    );
  });

  it('the population note names every cross-checked pair; a bureau naming itself twice clashes with nobody; a named project bureau is not noted', () => {
    const c = copy();
    c.links.perThousand.push({ count: 'YL-02', rate: 'YL-03', tolerance: 100 });
    const [source] = kinds(c, 'population-source');
    expect(source!.params.links).toBe('TY-03/TY-04、YL-02/YL-03');
    c.bureaus[0]!.aliases.push(c.bureaus[0]!.name);
    expect(kinds(c, 'duplicate-bureau-name')).toStrictEqual([]);
    for (const project of c.milestones.projects) project.bureauAssumed = false;
    expect(kinds(c, 'project-bureau-assumed')).toStrictEqual([]);
  });
});
