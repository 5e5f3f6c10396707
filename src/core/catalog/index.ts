import type { z } from 'zod';
import gengma2023 from './gengma-2023.json';
import { catalogSchema, type Bureau, type Catalog, type Indicator, type Project } from './schema';
import { foldWidth } from '../text';
import { bureauKey } from './bureau-key';
import { sha256Text } from '../sha256';

export * from './schema';

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; errors: string[] };

/** Reads a catalog (parsed JSON). Never throws: a bad catalog comes back as messages naming the field. */
export function loadCatalog(data: unknown): CatalogResult {
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: formatCatalogErrors(parsed.error) };
  return { ok: true, catalog: parsed.data };
}

function formatCatalogErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '（根）';
    return `目录字段 ${where}：${issue.message}`;
  });
}

let defaultCatalogCache: Catalog | undefined;

/** The Gengma 2023 catalog (耿政办发〔2023〕37号), checked by the schema once. */
export function defaultCatalog(): Catalog {
  if (!defaultCatalogCache) {
    const result = loadCatalog(gengma2023);
    if (!result.ok) throw new Error(`内置目录无效（bug）：${result.errors.join('; ')}`);
    defaultCatalogCache = result.catalog;
  }
  return defaultCatalogCache;
}

/** Each catalog's bureaus by key, the first bureau in catalog order winning a shared key. */
const bureausByKey = new WeakMap<Catalog, Map<string, Bureau>>();

export function resolveBureau(catalog: Catalog, typed: string | null | undefined): Bureau | undefined {
  if (!typed) return undefined;
  const key = bureauKey(typed, catalog.county, catalog.countyShort);
  if (!key) return undefined;
  let byKey = bureausByKey.get(catalog);
  if (!byKey) {
    // Computed once per catalog: resolving was a key per bureau and alias for every name read.
    byKey = new Map();
    for (const bureau of catalog.bureaus)
      for (const name of [bureau.name, ...bureau.aliases]) {
        const k = bureauKey(name, catalog.county, catalog.countyShort);
        if (!byKey.has(k)) byKey.set(k, bureau);
      }
    bureausByKey.set(catalog, byKey);
  }
  return byKey.get(key);
}

export type Role = 'lead' | 'co' | 'none';

export function roleOf(indicator: Indicator, bureauName: string): Role {
  if (indicator.lead === bureauName) return 'lead';
  if (indicator.coResponsible.includes(bureauName)) return 'co';
  return 'none';
}

/** Every indicator the bureau leads or shares, in catalog order. */
export function indicatorsFor(catalog: Catalog, bureauName: string): Indicator[] {
  return catalog.indicators.filter((indicator) => roleOf(indicator, bureauName) !== 'none');
}

/** Bureaus that have at least one indicator or milestone, in catalog order. */
export function responsibleBureaus(catalog: Catalog): Bureau[] {
  return catalog.bureaus.filter(
    (bureau) =>
      indicatorsFor(catalog, bureau.name).length > 0 ||
      catalog.milestones.reforms.some((r) => r.bureau === bureau.name) ||
      catalog.milestones.projects.some((p) => p.bureau === bureau.name),
  );
}

/**
 * A project's tracked figures (beds built, investment, percent complete) behave like indicators
 * whose base is 0 in the project's start year and whose target is the plan's total (spec §2).
 */
export function projectIndicators(project: Project): Indicator[] {
  return project.figures.map((figure) => ({
    code: `${project.code}-${figure.suffix}`,
    section: 'project',
    name: `${project.name}：${figure.name}`,
    unit: figure.unit,
    baseline: { value: 0, comparator: '=', printed: '0' },
    target: { value: figure.target, comparator: '=', printed: String(figure.target) },
    direction: 'higher',
    lead: project.bureau,
    coResponsible: [],
    notes: [],
    printed: '',
    planConflicts: [],
    baseYear: project.startYear,
    targetYear: project.endYear,
  }));
}

/** Indicators plus the project figures: everything that carries a number and a status. */
export function allFigureIndicators(catalog: Catalog): Indicator[] {
  return [...catalog.indicators, ...catalog.milestones.projects.flatMap(projectIndicators)];
}

/** Codes are compared trimmed, case-insensitively, with full-width letters and digits folded (spec §3). */
export function normalizeCode(text: string): string {
  return foldWidth(text)
    .replace(/[\s\u200b-\u200d\ufeff]/g, '')
    .replace(/[‐‑‒–—―−]/g, '-')
    .toUpperCase();
}

export function findIndicator(catalog: Catalog, code: string): Indicator | undefined {
  const key = normalizeCode(code);
  return allFigureIndicators(catalog).find((indicator) => indicator.code === key);
}

/** SHA-256 of the catalog JSON, written to `_meta` so a file says which catalog it was made from. */
export function catalogHash(catalog: Catalog): string {
  return sha256Text(JSON.stringify(catalog));
}
