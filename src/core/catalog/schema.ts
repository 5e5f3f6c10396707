import { z } from 'zod';
import { bureauKey } from './bureau-key';

/**
 * The catalog is data, not code: another county, or the 2026–2030 plan, brings its own JSON
 * and it goes through this schema. Messages are in Chinese because the person who edits a
 * catalog is the county's IT staff; `formatCatalogError` names the field that is wrong.
 */

/** `≥` in the plan means "at least": a comparator, not part of the number. */
export const comparatorSchema = z.enum(['=', '>=', '<=']);

export const figureSchema = z.object({
  value: z.number({ error: '必须是数字' }),
  comparator: comparatorSchema.default('='),
  /** The figure exactly as the plan prints it (e.g. `≥90`, `1`), kept for the lint and for display. */
  printed: z.string().min(1, '不能为空'),
});

export const unitKindSchema = z.enum(['percent', 'count', 'per-thousand', 'amount']);

export const unitSchema = z.object({
  /** What the header shows: `%`, `张`, `个/千人`, `亿元`. */
  label: z.string().min(1),
  kind: unitKindSchema,
  /** For counts: the measure word clerks type after the number (张/个/人/户/所). */
  measureWord: z.string().min(1).optional(),
});

export const directionSchema = z.enum(['higher', 'lower']);

const codeSchema = z
  .string()
  .regex(/^[A-Z]{2}-\d{2}(-[\u4e00-\u9fff]+)?$/, '编号格式应为两个大写字母、短横线和两位数字，如 YL-01');

export const indicatorSchema = z.object({
  code: codeSchema,
  section: z.string().min(1),
  name: z.string().min(1),
  unit: unitSchema,
  /** null where the plan prints `—` for the base year. */
  baseline: figureSchema.nullable(),
  target: figureSchema,
  direction: directionSchema.default('higher'),
  /** Canonical bureau names; the first listed in the plan leads (牵头). */
  lead: z.string().min(1),
  coResponsible: z.array(z.string().min(1)).default([]),
  /**
   * A cumulative target built up by a fixed amount each year (YL-07: 每年支持 50户、共改造 250户).
   * Its trajectory starts from 0 in the base year even though the plan prints no baseline.
   */
  perYear: z.number().positive().optional(),
  notes: z.array(z.string()).default([]),
  /** The plan's own line for this indicator, as printed in 二（二）具体指标. */
  printed: z.string().default(''),
  /** Years of this indicator when they differ from the catalog's (the project's figures). */
  baseYear: z.number().int().optional(),
  targetYear: z.number().int().optional(),
  /**
   * Where the plan's own text says otherwise than its indicator table (spec: the plan is the
   * source, and disagreements are reported by the lint, never fixed silently).
   */
  planConflicts: z
    .array(z.object({ section: z.string().min(1), text: z.string().min(1), why: z.string().min(1) }))
    .default([]),
});

export const bureauSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /** Member of the leading group in annex 1. */
  leadingGroup: z.boolean().default(false),
});

export const sectionSchema = z.object({
  id: z.string().min(1),
  /** Printed as the section row of the workbook: `一、养老方面`. */
  label: z.string().min(1),
  codePrefix: z.string().min(1),
});

export const reformSchema = z.object({
  code: z.string().regex(/^GG-\d{2}$/, '改革任务编号应为 GG-01 这样的格式'),
  name: z.string().min(1),
  measure: z.string().min(1),
  expected: z.string().min(1),
  bureau: z.string().min(1),
  dueYear: z.number().int(),
});

export const projectFigureSchema = z.object({
  /** Appended to the project's code: `XM-01-床位`. */
  suffix: z.string().min(1),
  name: z.string().min(1),
  unit: unitSchema,
  target: z.number().positive(),
});

export const projectSchema = z.object({
  code: z.string().regex(/^XM-\d{2}$/, '项目编号应为 XM-01 这样的格式'),
  name: z.string().min(1),
  content: z.string().min(1),
  beds: z.number().int().nonnegative(),
  floorArea: z.number().nonnegative(),
  /** 亿元 */
  investment: z.number().nonnegative(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  bureau: z.string().min(1),
  /** True where the plan names no bureau and the catalog chose one (the lint says so). */
  bureauAssumed: z.boolean().default(false),
  figures: z.array(projectFigureSchema).min(1),
});

/** Two indicators tied by population: places = rate × population / 1000 (TY-03, TY-04). */
export const perThousandLinkSchema = z.object({
  count: codeSchema,
  rate: codeSchema,
  /** Relative tolerance of the cross-check, 0.1 = 10 %. */
  tolerance: z.number().positive().default(0.1),
});

/** The office that runs the plan and combines the reports (the leading group's office). */
export const coordinatingOfficeSchema = z.object({
  name: z.string().min(1),
  /** The bureau it sits in; must be in `bureaus`. */
  bureau: z.string().min(1),
  /** Where the plan says so. */
  source: z.string().default(''),
});

const catalogObject = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, '只能包含小写字母、数字和短横线'),
  title: z.string().min(1),
  documentNumber: z.string().min(1),
  county: z.string().min(1),
  /** How the workbook's title names the county. */
  countyShort: z.string().min(1),
  baseYear: z.number().int(),
  targetYear: z.number().int(),
  coordinatingOffice: coordinatingOfficeSchema.optional(),
  parameters: z.object({
    population: z.number().positive(),
    /** Where the population figure comes from, said wherever it is used (issue messages, lint). */
    populationSource: z.string().default('目录参数'),
  }),
  /** The plan's own context figures (一（一）), used by the lint to cross-check the parameters. */
  context: z
    .object({
      elderly60Plus: z.number().positive().optional(),
      elderly60PlusShare: z.number().positive().max(100).optional(),
      bedsInUse: z.number().nonnegative().optional(),
      childcarePlaces: z.number().nonnegative().optional(),
      childcarePlacesUsed: z.number().nonnegative().optional(),
      under3: z.number().nonnegative().optional(),
      year: z.number().int().optional(),
    })
    .default({}),
  bureaus: z.array(bureauSchema).min(1),
  sections: z.array(sectionSchema).min(1),
  indicators: z.array(indicatorSchema).min(1),
  links: z.object({ perThousand: z.array(perThousandLinkSchema).default([]) }).default({ perThousand: [] }),
  milestones: z
    .object({
      reforms: z.array(reformSchema).default([]),
      projects: z.array(projectSchema).default([]),
    })
    .default({ reforms: [], projects: [] }),
});

/**
 * The cross-references of a catalog, checked with paths (zod's superRefine): a misspelled lead
 * bureau used to pass the schema, and `template` then wrote templates in which the indicator
 * was nowhere.
 */
/** What to do about a name two bureaus share; the lint's finding gives the same advice. */
export const BUREAU_CLASH_ADVICE = '请只留在其中一个单位下，或改写成能区分的名称';

export const catalogSchema = catalogObject.superRefine((catalog, ctx) => {
  const bureaus = new Set(catalog.bureaus.map((b) => b.name));
  const sections = new Set(catalog.sections.map((s) => s.id));
  const bureau = (name: string, path: (string | number)[]): void => {
    if (!bureaus.has(name))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `单位“${name}”不在 bureaus 中（请检查拼写，或把它加入 bureaus）`,
      });
  };
  const codes = new Map<string, number>();
  catalog.indicators.forEach((indicator, i) => {
    const first = codes.get(indicator.code);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['indicators', i, 'code'],
        message: `编号 ${indicator.code} 与第 ${first + 1} 项重复`,
      });
    codes.set(indicator.code, i);
    if (!sections.has(indicator.section))
      ctx.addIssue({
        code: 'custom',
        path: ['indicators', i, 'section'],
        message: `方面“${indicator.section}”不在 sections 中`,
      });
    bureau(indicator.lead, ['indicators', i, 'lead']);
    indicator.coResponsible.forEach((name, j) => bureau(name, ['indicators', i, 'coResponsible', j]));
  });
  catalog.links.perThousand.forEach((link, i) => {
    for (const key of ['count', 'rate'] as const)
      if (!codes.has(link[key]))
        ctx.addIssue({
          code: 'custom',
          path: ['links', 'perThousand', i, key],
          message: `编号 ${link[key]} 不在 indicators 中`,
        });
  });
  catalog.milestones.reforms.forEach((reform, i) =>
    bureau(reform.bureau, ['milestones', 'reforms', i, 'bureau']),
  );
  catalog.milestones.projects.forEach((project, i) =>
    bureau(project.bureau, ['milestones', 'projects', i, 'bureau']),
  );
  if (catalog.coordinatingOffice) bureau(catalog.coordinatingOffice.bureau, ['coordinatingOffice', 'bureau']);
  // Names are compared as resolveBureau reads them (county prefix and spaces dropped), so two
  // bureaus a typed name could not tell apart are refused here rather than one silently winning.
  const owners = new Map<string, { bureau: string; written: string[] }>();
  catalog.bureaus.forEach((b, i) => {
    [b.name, ...b.aliases].forEach((name, j) => {
      const key = bureauKey(name, catalog.county, catalog.countyShort);
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, { bureau: b.name, written: [name] });
      else if (owner.bureau === b.name) owner.written.push(name);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['bureaus', i, j === 0 ? 'name' : 'aliases'],
          message: `名称“${name}”${
            owner.written.includes(name) ? '' : `与“${owner.written[0]}”去掉县名后相同（都读作“${key}”），`
          }同时属于“${owner.bureau}”和“${b.name}”，无法区分；${BUREAU_CLASH_ADVICE}`,
        });
    });
  });
});

export type Comparator = z.infer<typeof comparatorSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type UnitKind = z.infer<typeof unitKindSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type Direction = z.infer<typeof directionSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Bureau = z.infer<typeof bureauSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Reform = z.infer<typeof reformSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
