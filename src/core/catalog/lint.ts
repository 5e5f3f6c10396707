import { BUREAU_CLASH_ADVICE, type Catalog } from './schema';
import type { Lang } from '../types';

/** A finding's facts, rendered by its kind's template. */
export type FindingParams = Record<string, string | number>;
import { tidyNumber } from '../text';

/**
 * The catalog lint (spec §1, §8): where the plan contradicts itself or a catalog contradicts
 * itself, say so — never fix a figure silently. Findings are data; the command line prints them.
 */

export type FindingSeverity = 'error' | 'warning' | 'note';

export type FindingKind =
  | 'percent-target-printed'
  | 'indicator-note'
  | 'per-thousand-population'
  | 'population-parameter'
  | 'unknown-bureau'
  | 'duplicate-code'
  | 'duplicate-bureau-name'
  | 'percent-over-100'
  | 'target-behind-baseline'
  | 'unknown-section'
  | 'unknown-link-code'
  | 'project-bureau-assumed'
  | 'plan-conflict'
  | 'population-source'
  | 'coordinating-office'
  | 'years';

export interface Finding {
  severity: FindingSeverity;
  kind: FindingKind;
  code?: string;
  params: FindingParams;
}

const printedNumber = (printed: string): number | null => {
  const match = /-?\d+(?:\.\d+)?/.exec(printed.normalize('NFKC'));
  return match ? Number(match[0]) : null;
};

export function lintCatalog(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  const add = (finding: Finding): void => {
    findings.push(finding);
  };
  const bureauNames = new Set(catalog.bureaus.map((b) => b.name));
  // Whom plan conflicts and assumed bureaus are asked of (the messages fall back to 县政府办).
  const office = catalog.coordinatingOffice?.bureau ?? '';
  const sectionIds = new Set(catalog.sections.map((s) => s.id));

  if (catalog.targetYear <= catalog.baseYear) {
    add({
      severity: 'error',
      kind: 'years',
      params: { baseYear: catalog.baseYear, targetYear: catalog.targetYear },
    });
  }

  const seenCodes = new Set<string>();
  for (const indicator of catalog.indicators) {
    const code = indicator.code;
    if (seenCodes.has(code)) add({ severity: 'error', kind: 'duplicate-code', code, params: { code } });
    seenCodes.add(code);
    if (!sectionIds.has(indicator.section)) {
      add({ severity: 'error', kind: 'unknown-section', code, params: { code, section: indicator.section } });
    }
    for (const name of [indicator.lead, ...indicator.coResponsible]) {
      if (!bureauNames.has(name))
        add({ severity: 'error', kind: 'unknown-bureau', code, params: { code, bureau: name } });
    }
    const isPercent = indicator.unit.kind === 'percent';
    // Each indicator's notes are said once: with the printed-target finding where there is one.
    let notesSaid = false;
    if (isPercent) {
      const printed = printedNumber(indicator.target.printed);
      if (printed !== null && printed !== indicator.target.value) {
        add({
          severity: 'note',
          kind: 'percent-target-printed',
          code,
          params: {
            code,
            printed: indicator.target.printed,
            value: indicator.target.value,
            note: indicator.notes.join(' '),
          },
        });
        notesSaid = true;
      }
      for (const [which, figure] of [
        ['baseline', indicator.baseline],
        ['target', indicator.target],
      ] as const) {
        if (figure && (figure.value > 100 || figure.value < 0)) {
          add({
            severity: 'error',
            kind: 'percent-over-100',
            code,
            params: { code, which, value: figure.value },
          });
        }
      }
    }
    if (indicator.baseline) {
      const behind =
        indicator.direction === 'higher'
          ? indicator.target.value < indicator.baseline.value
          : indicator.target.value > indicator.baseline.value;
      if (behind) {
        add({
          severity: 'warning',
          kind: 'target-behind-baseline',
          code,
          params: {
            code,
            baseline: indicator.baseline.value,
            target: indicator.target.value,
            direction: indicator.direction,
          },
        });
      }
    }
    if (!notesSaid)
      for (const note of indicator.notes)
        add({ severity: 'note', kind: 'indicator-note', code, params: { code, note } });
    for (const conflict of indicator.planConflicts) {
      add({
        severity: 'warning',
        kind: 'plan-conflict',
        code,
        params: {
          code,
          why: conflict.why,
          section: conflict.section,
          text: conflict.text,
          office,
        },
      });
    }
  }
  if (catalog.coordinatingOffice) {
    add({
      severity: 'note',
      kind: 'coordinating-office',
      params: {
        name: catalog.coordinatingOffice.name,
        bureau: catalog.coordinatingOffice.bureau,
        source: catalog.coordinatingOffice.source,
      },
    });
  }

  const population = catalog.parameters.population;
  for (const link of catalog.links.perThousand) {
    const count = catalog.indicators.find((i) => i.code === link.count);
    const rate = catalog.indicators.find((i) => i.code === link.rate);
    if (!count || !rate) {
      add({ severity: 'error', kind: 'unknown-link-code', params: { count: link.count, rate: link.rate } });
      continue;
    }
    // Places = rate × population / 1000, so each pair of figures implies a population.
    for (const [which, c, r] of [
      ['baseline', count.baseline?.value, rate.baseline?.value],
      ['target', count.target.value, rate.target.value],
    ] as const) {
      if (c === undefined || r === undefined || r === 0) continue;
      const implied = tidyNumber((c / r) * 1000);
      if (Math.abs(implied - population) / population > link.tolerance) {
        add({
          severity: 'warning',
          kind: 'per-thousand-population',
          code: link.rate,
          params: {
            count: link.count,
            rate: link.rate,
            which,
            countValue: c,
            rateValue: r,
            implied: Math.round(implied),
            population,
          },
        });
      }
    }
  }

  add({
    severity: 'note',
    kind: 'population-source',
    params: {
      population,
      source: catalog.parameters.populationSource,
      links: catalog.links.perThousand.map((l) => `${l.count}/${l.rate}`).join('、'),
    },
  });

  const { elderly60Plus, elderly60PlusShare } = catalog.context;
  if (elderly60Plus !== undefined && elderly60PlusShare !== undefined) {
    const implied = Math.round(elderly60Plus / (elderly60PlusShare / 100));
    if (Math.abs(implied - population) / population > 0.05) {
      add({
        severity: 'warning',
        kind: 'population-parameter',
        params: { implied, population, elderly60Plus, elderly60PlusShare },
      });
    }
  }

  const seenNames = new Map<string, string>();
  for (const bureau of catalog.bureaus) {
    for (const name of [bureau.name, ...bureau.aliases]) {
      const owner = seenNames.get(name);
      if (owner !== undefined && owner !== bureau.name) {
        add({
          severity: 'error',
          kind: 'duplicate-bureau-name',
          params: { name, first: owner, second: bureau.name },
        });
      }
      seenNames.set(name, bureau.name);
    }
  }

  for (const reform of catalog.milestones.reforms) {
    if (!bureauNames.has(reform.bureau)) {
      add({
        severity: 'error',
        kind: 'unknown-bureau',
        code: reform.code,
        params: { code: reform.code, bureau: reform.bureau },
      });
    }
  }
  for (const project of catalog.milestones.projects) {
    if (!bureauNames.has(project.bureau)) {
      add({
        severity: 'error',
        kind: 'unknown-bureau',
        code: project.code,
        params: { code: project.code, bureau: project.bureau },
      });
    }
    if (project.bureauAssumed) {
      add({
        severity: 'note',
        kind: 'project-bureau-assumed',
        code: project.code,
        params: {
          code: project.code,
          bureau: project.bureau,
          office,
        },
      });
    }
    if (project.endYear < project.startYear) {
      add({
        severity: 'error',
        kind: 'years',
        code: project.code,
        params: { code: project.code, startYear: project.startYear, endYear: project.endYear },
      });
    }
  }
  return findings;
}

type Template = (p: FindingParams) => string;
const v = (p: FindingParams, k: string): string => String(p[k] ?? '');
/** Whom a finding asks to confirm: the plan's coordinating office, or 县政府办 when the catalog names none. */
const askZh = (p: FindingParams): string => v(p, 'office') || '县政府办';
const askEn = (p: FindingParams): string =>
  v(p, 'office') ? `The office (${v(p, 'office')})` : 'The county government office (县政府办)';

const FINDINGS: Record<Lang, Record<FindingKind, Template>> = {
  zh: {
    'percent-target-printed': (p) =>
      `${v(p, 'code')}：方案印的目标值为“${v(p, 'printed')}”，单位却是“%”；目录按 ${v(p, 'value')}% 解释。${v(p, 'note')}`,
    'plan-conflict': (p) =>
      `${v(p, 'code')}：${v(p, 'why')}。方案${v(p, 'section')}写道：${v(p, 'text')}。请${askZh(p)}确认以哪个为准。`,
    'population-source': (p) =>
      `人口参数 ${v(p, 'population')} 人（${v(p, 'source')}），用于 ${v(p, 'links')} 的交叉核对；每个报告期可按统计数据修改。`,
    'coordinating-office': (p) =>
      `组织实施和考核评价由${v(p, 'name')}负责（设在${v(p, 'bureau')}；${v(p, 'source')}），汇总表以其名义编制。`,
    'indicator-note': (p) => `${v(p, 'code')}：${v(p, 'note')}`,
    'per-thousand-population': (p) =>
      `${v(p, 'count')} 与 ${v(p, 'rate')} 的${p.which === 'baseline' ? '基期值' : '目标值'}不一致：${v(p, 'countValue')} 个托位 ÷ 每千人 ${v(p, 'rateValue')} 个 = ${v(p, 'implied')} 人，而目录人口参数为 ${v(p, 'population')} 人。`,
    'population-parameter': (p) =>
      `人口参数 ${v(p, 'population')} 与方案背景数据不符：60岁以上 ${v(p, 'elderly60Plus')} 人占 ${v(p, 'elderly60PlusShare')}%，推算总人口约 ${v(p, 'implied')} 人。`,
    'unknown-bureau': (p) => `${v(p, 'code')}：责任单位“${v(p, 'bureau')}”不在单位列表中。`,
    'duplicate-code': (p) => `编号 ${v(p, 'code')} 重复。`,
    'duplicate-bureau-name': (p) =>
      `名称“${v(p, 'name')}”同时属于“${v(p, 'first')}”和“${v(p, 'second')}”，无法区分。${BUREAU_CLASH_ADVICE}。`,
    'percent-over-100': (p) =>
      `${v(p, 'code')}：百分比${p.which === 'baseline' ? '基期值' : '目标值'} ${v(p, 'value')} 超出 0–100。`,
    'target-behind-baseline': (p) =>
      `${v(p, 'code')}：目标值 ${v(p, 'target')} ${p.direction === 'higher' ? '低于' : '高于'}基期值 ${v(p, 'baseline')}，与指标方向不符。`,
    'unknown-section': (p) => `${v(p, 'code')}：所属方面“${v(p, 'section')}”不存在。`,
    'unknown-link-code': (p) => `交叉核对引用的编号 ${v(p, 'count')} / ${v(p, 'rate')} 不存在。`,
    'project-bureau-assumed': (p) =>
      `${v(p, 'code')}：方案附件 3 未写明责任单位，目录默认由“${v(p, 'bureau')}”填报，请${askZh(p)}确认。`,
    // A project's own years (its start and end) name the project; the catalog's are the plan's.
    years: (p) =>
      p.code !== undefined
        ? `${v(p, 'code')}：项目结束年 ${v(p, 'endYear')} 早于开始年 ${v(p, 'startYear')}。`
        : `年份不合理：基期 ${v(p, 'baseYear')}，目标年 ${v(p, 'targetYear')}。`,
  },
  en: {
    'percent-target-printed': (p) =>
      `${v(p, 'code')}: the plan prints the target as "${v(p, 'printed')}" for a percentage; the catalog reads it as ${v(p, 'value')} %. ${v(p, 'note')}`,
    'plan-conflict': (p) =>
      `${v(p, 'code')}: the plan's text (section ${v(p, 'section')}) disagrees with its indicator table: ${v(p, 'why')}. ${askEn(p)} should confirm which holds.`,
    'population-source': (p) =>
      `The population parameter ${v(p, 'population')} (${v(p, 'source')}) is used to cross-check ${v(p, 'links')}; it can be changed per reporting period.`,
    'coordinating-office': (p) =>
      `The plan is run and assessed by ${v(p, 'name')} (in ${v(p, 'bureau')}); the master is compiled in its name.`,
    'indicator-note': (p) => `${v(p, 'code')}: ${v(p, 'note')}`,
    'per-thousand-population': (p) =>
      `${v(p, 'count')} and ${v(p, 'rate')} ${v(p, 'which')} figures disagree: ${v(p, 'countValue')} places at ${v(p, 'rateValue')} per thousand imply ${v(p, 'implied')} people, but the population parameter is ${v(p, 'population')}.`,
    'population-parameter': (p) =>
      `The population parameter ${v(p, 'population')} disagrees with the plan's context: ${v(p, 'elderly60Plus')} people aged 60+ at ${v(p, 'elderly60PlusShare')} % imply about ${v(p, 'implied')}.`,
    'unknown-bureau': (p) => `${v(p, 'code')}: bureau "${v(p, 'bureau')}" is not in the bureau list.`,
    'duplicate-code': (p) => `Code ${v(p, 'code')} appears twice.`,
    'duplicate-bureau-name': (p) =>
      `The name "${v(p, 'name')}" belongs to both "${v(p, 'first')}" and "${v(p, 'second')}". Keep it under one of them, or write a name that tells them apart.`,
    'percent-over-100': (p) =>
      `${v(p, 'code')}: percentage ${v(p, 'which')} ${v(p, 'value')} is outside 0–100.`,
    'target-behind-baseline': (p) =>
      `${v(p, 'code')}: the target ${v(p, 'target')} is behind the baseline ${v(p, 'baseline')} for a ${v(p, 'direction')}-is-better indicator.`,
    'unknown-section': (p) => `${v(p, 'code')}: section "${v(p, 'section')}" does not exist.`,
    'unknown-link-code': (p) => `The cross-check names unknown codes ${v(p, 'count')} / ${v(p, 'rate')}.`,
    'project-bureau-assumed': (p) =>
      `${v(p, 'code')}: annex 3 names no bureau; the catalog assigns it to ${v(p, 'bureau')}. ${askEn(p)} should confirm.`,
    years: (p) =>
      p.code !== undefined
        ? `${v(p, 'code')}: the project ends in ${v(p, 'endYear')}, before it starts in ${v(p, 'startYear')}.`
        : `Years do not fit: base ${v(p, 'baseYear')}, target ${v(p, 'targetYear')}.`,
  },
};

export function findingMessage(finding: Finding, lang: Lang = 'zh'): string {
  return FINDINGS[lang][finding.kind](finding.params);
}
