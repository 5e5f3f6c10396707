import type {
  FileError,
  FileErrorKind,
  Issue,
  IssueKind,
  IssueParams,
  Lang,
  Severity,
  Status,
} from './types';

/**
 * Every sentence a user reads, per language, keyed by kind. A message says what is wrong and
 * what to type instead; tests assert on kinds, and these texts can change without breaking them.
 */

type Template = (p: IssueParams) => string;

const s = (p: IssueParams, key: string): string => {
  const value = p[key];
  return value === undefined ? '' : String(value);
};

const ISSUES: Record<Lang, Record<IssueKind, Template>> = {
  zh: {
    'percent-as-fraction': (p) =>
      `填写的是 ${s(p, 'raw')}，本指标单位为“%”，是否应为 ${s(p, 'suggested')}？如是，请改为 ${s(p, 'suggested')}；如确为 ${s(p, 'raw')}%，请在“说明”栏注明。`,
    'unit-mismatch': (p) =>
      `填写的单位“${s(p, 'typedUnit')}”与本指标单位“${s(p, 'unit')}”不符，请只填写以“${s(p, 'unit')}”计的数字${p.value !== undefined ? `，如 ${s(p, 'value')}` : ''}。`,
    approximate: (p) =>
      `“${s(p, 'raw')}”是约数，已按 ${s(p, 'value')} 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。`,
    'not-applicable': (p) =>
      `填写了“${s(p, 'raw')}”（不适用），本期不计入。如有数字请填写数字，并在“说明”栏说明原因。`,
    missing: (p) =>
      p.rowMissing
        ? `表中找不到本指标（${s(p, 'code')}）的行，可能被删除。本单位牵头此指标，请使用标准模板填报。`
        : `本单位牵头此指标，本期完成值为空，请填写以“${s(p, 'unit')}”计的数字；确无数据请填“不适用”并在“说明”栏说明。`,
    'formula-error': (p) =>
      p.error === 'uncalculated'
        ? `单元格是未经计算的公式，没有结果。请在 Excel 中打开并保存，或直接填写数字。`
        : `单元格显示错误值 ${s(p, 'error')}（公式出错），请检查公式或直接填写数字。`,
    'date-typed': (p) =>
      `“${s(p, 'raw')}”被 Excel 当成了日期。请把单元格格式设为“常规”或“数值”后重新填写数字（单位：${s(p, 'unit')}）。`,
    'not-a-number': (p) =>
      p.tooLong
        ? `本期完成值只能填数字，文字说明请写在“说明”栏（H 列）。`
        : `“${s(p, 'raw')}”不是数字。本期完成值只能填数字（单位：${s(p, 'unit')}），文字请写在“说明”栏。`,
    'out-of-range': (p) =>
      p.limit === 'over-100'
        ? `${s(p, 'value')}% 超过 100%，请检查后重新填写 0–100 之间的数字。`
        : `${s(p, 'value')} 是负数，本指标不能为负，请检查后重新填写。`,
    'not-whole': (p) => `本指标以“${s(p, 'unit')}”计，应为整数，填写的是 ${s(p, 'value')}，请填写整数。`,
    'not-responsible': (p) =>
      `本单位不是此指标的责任单位（牵头单位：${s(p, 'lead')}），数值已保留，但汇总以责任单位数据为准。`,
    'scale-slip': (p) =>
      `${s(p, 'value')} 比基期值和目标值中较大者（${s(p, 'reference')}）大 10 倍以上，可能多打了一位数或把“千”“万”弄错，请核对。`,
    inconsistent: (p) =>
      `与 ${s(p, 'other')} 不一致：每千人口托位数 ${s(p, 'rate')} × 人口 ${s(p, 'population')} ÷ 1000 = ${s(p, 'implied')}，而托位数为 ${s(p, 'count')}，相差超过 ${s(p, 'tolerance')}%。请核对两项数字。`,
    'suspicious-change': (p) =>
      `与上期（${s(p, 'previousPeriod')}年：${s(p, 'previous')}）相比变化异常（本期 ${s(p, 'value')}），请核对；如属实请在“说明”栏说明原因。`,
    'unknown-code': (p) =>
      `第 ${s(p, 'row')} 行的编号“${s(p, 'typed')}”不在指标目录中，已忽略。请勿修改编号列。`,
    'duplicate-code': (p) =>
      `编号 ${s(p, 'code')} 出现了不止一次（第 ${s(p, 'rows')} 行），只采用第一行，请删除重复的行。`,
    'merged-cell': (p) => `单元格 ${s(p, 'range')} 被合并，完成值可能无法读取，请取消合并后分别填写。`,
    'meta-mismatch': (p) =>
      `表头填写的${s(p, 'field')}“${s(p, 'visible')}”与模板记录的“${s(p, 'meta')}”不一致，以表头为准，请确认。`,
    'bureau-unknown': (p) => `填报单位“${s(p, 'typed')}”不在目录中，请在 B2 填写本单位全称，如“县民政局”。`,
    'period-missing': () => `报告期（E2）为空或不是年份，请填写四位年份，如 2025。`,
    'catalog-mismatch': (p) =>
      `本文件使用的指标目录（${s(p, 'fileCatalog')}）与当前目录（${s(p, 'catalog')}）不同，请使用最新下发的模板。`,
    'milestone-status': (p) =>
      `完成情况“${s(p, 'raw')}”不是“未启动”“推进中”“已完成”之一，请从下拉列表中选择。`,
  },
  en: {
    'percent-as-fraction': (p) =>
      `You typed ${s(p, 'raw')} but this indicator is in %. Did you mean ${s(p, 'suggested')}? If so, type ${s(p, 'suggested')}; if it really is ${s(p, 'raw')} %, say so in the note column.`,
    'unit-mismatch': (p) =>
      `The unit "${s(p, 'typedUnit')}" does not match this indicator's unit "${s(p, 'unit')}". Type only the number in ${s(p, 'unit')}${p.value !== undefined ? `, e.g. ${s(p, 'value')}` : ''}.`,
    approximate: (p) =>
      `"${s(p, 'raw')}" is an approximate figure, read as ${s(p, 'value')}. Type the exact figure, or explain in the note column.`,
    'not-applicable': (p) =>
      `"${s(p, 'raw')}" means not applicable; nothing is counted this period. If there is a figure, type it and give the reason in the note column.`,
    missing: (p) =>
      p.rowMissing
        ? `The row for this indicator (${s(p, 'code')}) is missing from the sheet. Your bureau leads it: use the standard template.`
        : `Your bureau leads this indicator and the figure is empty. Type the figure in ${s(p, 'unit')}, or "不适用" with a reason in the note column.`,
    'formula-error': (p) =>
      p.error === 'uncalculated'
        ? `The cell holds a formula that was never calculated. Open and save the file in Excel, or type the figure.`
        : `The cell shows the error ${s(p, 'error')}. Fix the formula or type the figure.`,
    'date-typed': (p) =>
      `Excel turned "${s(p, 'raw')}" into a date. Set the cell format to General or Number and type the figure again (unit: ${s(p, 'unit')}).`,
    'not-a-number': (p) =>
      p.tooLong
        ? `The figure column takes numbers only; put text in the note column (H).`
        : `"${s(p, 'raw')}" is not a number. Type only the figure (unit: ${s(p, 'unit')}) and put text in the note column.`,
    'out-of-range': (p) =>
      p.limit === 'over-100'
        ? `${s(p, 'value')} % is above 100 %. Type a number between 0 and 100.`
        : `${s(p, 'value')} is negative; this indicator cannot be negative.`,
    'not-whole': (p) =>
      `This indicator counts whole ${s(p, 'unit')}; ${s(p, 'value')} is not a whole number.`,
    'not-responsible': (p) =>
      `Your bureau is not responsible for this indicator (lead: ${s(p, 'lead')}). The figure is kept, but the master uses the responsible bureau's.`,
    'scale-slip': (p) =>
      `${s(p, 'value')} is 10 times or more the larger of baseline and target (${s(p, 'reference')}): perhaps a digit too many or 千/万 mixed up. Please check.`,
    inconsistent: (p) =>
      `Inconsistent with ${s(p, 'other')}: ${s(p, 'rate')} per thousand × population ${s(p, 'population')} / 1000 = ${s(p, 'implied')}, but the places reported are ${s(p, 'count')} (more than ${s(p, 'tolerance')} % apart). Check both figures.`,
    'suspicious-change': (p) =>
      `Unusual change since the previous period (${s(p, 'previousPeriod')}: ${s(p, 'previous')}; now ${s(p, 'value')}). Check it, and if it is right explain why in the note column.`,
    'unknown-code': (p) =>
      `Row ${s(p, 'row')}: code "${s(p, 'typed')}" is not in the catalog and was ignored. Do not edit the code column.`,
    'duplicate-code': (p) =>
      `Code ${s(p, 'code')} appears more than once (rows ${s(p, 'rows')}); the first row is used. Delete the duplicate rows.`,
    'merged-cell': (p) =>
      `Cells ${s(p, 'range')} are merged; the figure may not read. Unmerge them and type each figure.`,
    'meta-mismatch': (p) =>
      `The ${s(p, 'field')} in the header ("${s(p, 'visible')}") differs from the template's record ("${s(p, 'meta')}"); the header is used. Please confirm.`,
    'bureau-unknown': (p) =>
      `The bureau "${s(p, 'typed')}" is not in the catalog. Type your bureau's full name in B2, e.g. 县民政局.`,
    'period-missing': () =>
      `The reporting year (E2) is empty or not a year. Type a four-digit year, e.g. 2025.`,
    'catalog-mismatch': (p) =>
      `This file was made from another catalog (${s(p, 'fileCatalog')}) than the current one (${s(p, 'catalog')}). Use the latest template.`,
    'milestone-status': (p) =>
      `Progress "${s(p, 'raw')}" is not one of 未启动 / 推进中 / 已完成. Pick one from the list.`,
  },
};

const FILE_ERRORS: Record<Lang, Record<FileErrorKind, Template>> = {
  zh: {
    'not-a-workbook': (p) =>
      `文件“${s(p, 'file')}”不是 Excel 工作簿（.xlsx），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再报送。`,
    damaged: (p) =>
      `文件“${s(p, 'file')}”已损坏或不完整（压缩包结构被破坏，可能下载或传输中断），请让填报单位重新发送。`,
    'part-damaged': (p) =>
      `文件“${s(p, 'file')}”中的工作表数据不完整或格式错误（${s(p, 'part')}），无法可靠读取。请让填报单位用 Excel 或 WPS 打开、另存为 .xlsx 后重新发送。`,
    'unsupported-sheet': (p) =>
      `文件“${s(p, 'file')}”中的“${s(p, 'sheet')}”是图表或对话框工作表，不是可以填写的表格。请使用下发的模板。`,
    encrypted: (p) => `文件“${s(p, 'file')}”设置了打开密码，无法读取。请取消密码后重新报送。`,
    'xls-binary': (p) =>
      /\.xls$/i.test(s(p, 'file'))
        ? `文件“${s(p, 'file')}”是旧版 .xls 格式，本工具只读 .xlsx。请用 Excel 或 WPS 打开，另存为 .xlsx 后重新报送。`
        : `文件“${s(p, 'file')}”实际是旧版 .xls 格式（扩展名被改成了 .xlsx）。请用 Excel 或 WPS 打开，另存为 .xlsx 后重新报送。`,
    ods: (p) =>
      `文件“${s(p, 'file')}”是 OpenDocument 表格（.ods），不是 .xlsx。请在 LibreOffice 中“文件→另存为”，选择“Excel 2007-365 (.xlsx)”；在 WPS 或 Excel 中另存为 .xlsx 后重新报送。`,
    csv: (p) => `文件“${s(p, 'file')}”是 CSV 文本文件，不是工作簿。请使用下发的 .xlsx 模板填报。`,
    'too-large': (p) => {
      const file = `文件“${s(p, 'file')}”`;
      switch (p.limit) {
        case 'file':
          return `${file}有 ${s(p, 'size')} MB，超过 ${s(p, 'max')} MB 的读取上限，已拒收。标准填报表只有几十 KB，请使用下发的模板重新填报。`;
        case 'inflated':
          return `${file}解压后的内容超过 ${s(p, 'max')} MB 的读取上限（可能含大量图片，或被刻意构造），已拒收。请把数据填入下发的模板后重新报送。`;
        case 'rows':
          return `${file}在 ${s(p, 'at')} 仍有数据，超过 ${s(p, 'max')} 行的读取上限，已拒收。请使用标准模板，只在表中的行内填写。`;
        case 'cells':
          return `${file}中有内容的单元格超过 ${s(p, 'max')} 个，远多于填报表所需，已拒收。请使用下发的模板重新填报。`;
        case 'merges':
          return `${file}中的合并单元格超过 ${s(p, 'max')} 处，已拒收。标准模板没有合并单元格，请使用下发的模板重新填报。`;
        default:
          return `${file}包含的部件超过 ${s(p, 'max')} 个，不像是填报表，已拒收。请使用下发的模板重新填报。`;
      }
    },
    'empty-workbook': (p) => `文件“${s(p, 'file')}”中没有任何数据。`,
    'no-sheet': (p) =>
      `文件“${s(p, 'file')}”中找不到“指标填报”工作表，也没有带表头的可见工作表。请使用下发的模板。`,
    'no-header': (p) =>
      `文件“${s(p, 'file')}”的前 10 行中找不到表头（需要“编号”和“本期完成值”两列）。请使用下发的模板，不要删除表头行。`,
    'bureau-unknown': (p) =>
      `文件“${s(p, 'file')}”的填报单位“${s(p, 'typed')}”无法识别，请在 B2 填写单位全称（如“县民政局”）。`,
    'period-missing': (p) => `文件“${s(p, 'file')}”没有填写报告期（E2），请填写四位年份。`,
    'period-mismatch': (p) =>
      `文件“${s(p, 'file')}”的报告期为 ${s(p, 'period')} 年，与本次汇总的 ${s(p, 'expected')} 年不同，未汇总。`,
    'duplicate-file': (p) => `文件“${s(p, 'file')}”与“${s(p, 'other')}”内容完全相同，只汇总一次。`,
    unreadable: (p) => `文件“${s(p, 'file')}”无法读取：${s(p, 'detail')}`,
  },
  en: {
    'not-a-workbook': (p) =>
      `"${s(p, 'file')}" is not an Excel workbook (.xlsx). Open it in Excel or WPS and save it as .xlsx.`,
    damaged: (p) =>
      `"${s(p, 'file')}" is damaged or incomplete (its zip structure is broken, perhaps cut off in transfer). Ask the bureau to send it again.`,
    'part-damaged': (p) =>
      `In "${s(p, 'file')}" the sheet data is incomplete or malformed (${s(p, 'part')}) and cannot be read reliably. Ask the bureau to open it in Excel or WPS, save it as .xlsx and send it again.`,
    'unsupported-sheet': (p) =>
      `In "${s(p, 'file')}", "${s(p, 'sheet')}" is a chart or dialog sheet, not a sheet of cells. Use the template.`,
    encrypted: (p) =>
      `"${s(p, 'file')}" is password-protected and cannot be read. Remove the password and send it again.`,
    'xls-binary': (p) =>
      /\.xls$/i.test(s(p, 'file'))
        ? `"${s(p, 'file')}" is an old .xls file; only .xlsx is read. Open it in Excel or WPS and save it as .xlsx.`
        : `"${s(p, 'file')}" is really an old .xls file renamed to .xlsx. Open it in Excel or WPS and save it as .xlsx.`,
    ods: (p) =>
      `"${s(p, 'file')}" is an OpenDocument spreadsheet (.ods), not .xlsx. In LibreOffice use File → Save As → "Excel 2007-365 (.xlsx)"; in WPS or Excel, Save As .xlsx.`,
    csv: (p) => `"${s(p, 'file')}" is a CSV text file, not a workbook. Use the .xlsx template.`,
    'too-large': (p) => {
      const file = `"${s(p, 'file')}"`;
      switch (p.limit) {
        case 'file':
          return `${file} is ${s(p, 'size')} MB, over the ${s(p, 'max')} MB limit, and was refused. A filled template is tens of KB: use the standard template.`;
        case 'inflated':
          return `${file} unpacks to more than the ${s(p, 'max')} MB limit (many pictures, or a crafted file) and was refused. Copy the figures into the template.`;
        case 'rows':
          return `${file} has data at ${s(p, 'at')}, past the ${s(p, 'max')}-row limit, and was refused. Type only in the template's rows.`;
        case 'cells':
          return `${file} has more than ${s(p, 'max')} cells with content, far more than a template, and was refused.`;
        case 'merges':
          return `${file} has more than ${s(p, 'max')} merged areas and was refused. The template has none: use it.`;
        default:
          return `${file} holds more than ${s(p, 'max')} parts, unlike a workbook, and was refused.`;
      }
    },
    'empty-workbook': (p) => `"${s(p, 'file')}" contains no data.`,
    'no-sheet': (p) =>
      `"${s(p, 'file')}" has no sheet 指标填报 and no visible sheet with the header row. Use the template.`,
    'no-header': (p) =>
      `"${s(p, 'file')}": no header row (编号 and 本期完成值) in the first 10 rows. Use the template and keep its header.`,
    'bureau-unknown': (p) =>
      `"${s(p, 'file')}": the bureau "${s(p, 'typed')}" is not recognised. Type the full name in B2 (e.g. 县民政局).`,
    'period-missing': (p) => `"${s(p, 'file')}" has no reporting year in E2. Type a four-digit year.`,
    'period-mismatch': (p) =>
      `"${s(p, 'file')}" reports ${s(p, 'period')}, not ${s(p, 'expected')} like this combine; not combined.`,
    'duplicate-file': (p) => `"${s(p, 'file')}" is identical to "${s(p, 'other')}"; combined once.`,
    unreadable: (p) => `"${s(p, 'file')}" cannot be read: ${s(p, 'detail')}`,
  },
};

export function issueMessage(issue: Pick<Issue, 'kind' | 'params'>, lang: Lang = 'zh'): string {
  return ISSUES[lang][issue.kind](issue.params);
}

export function fileErrorMessage(error: FileError, lang: Lang = 'zh'): string {
  return FILE_ERRORS[lang][error.kind](error.params);
}

export const STATUS_LABELS: Record<Lang, Record<Status, string>> = {
  zh: {
    achieved: '达标',
    'on-track': '正常推进',
    'at-risk': '存在风险',
    'off-track': '滞后',
    'not-judged': '未评估',
    'no-data': '未填报',
    invalid: '无效',
  },
  en: {
    achieved: 'achieved',
    'on-track': 'on track',
    'at-risk': 'at risk',
    'off-track': 'off track',
    'not-judged': 'not judged',
    'no-data': 'no data',
    invalid: 'invalid',
  },
};

export const SEVERITY_LABELS: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '提醒' },
  en: { error: 'error', warning: 'warning' },
};

export function statusLabel(status: Status, lang: Lang = 'zh'): string {
  return STATUS_LABELS[lang][status];
}

/** Short names of the issue kinds, for tables and badges where a whole sentence does not fit. */
export const ISSUE_LABELS: Record<Lang, Record<IssueKind, string>> = {
  zh: {
    'percent-as-fraction': '疑似小数当百分比',
    'unit-mismatch': '单位不符',
    approximate: '约数',
    'not-applicable': '不适用',
    missing: '未填',
    'formula-error': '公式错误',
    'date-typed': '被改成日期',
    'not-a-number': '不是数字',
    'out-of-range': '超出范围',
    'not-whole': '不是整数',
    'not-responsible': '非责任单位填报',
    'scale-slip': '疑似多打一位',
    inconsistent: '前后矛盾',
    'suspicious-change': '变化异常',
    'unknown-code': '未知编号',
    'duplicate-code': '编号重复',
    'merged-cell': '合并单元格',
    'meta-mismatch': '与模板记录不符',
    'bureau-unknown': '单位无法识别',
    'period-missing': '缺报告期',
    'catalog-mismatch': '目录版本不同',
    'milestone-status': '完成情况无效',
  },
  en: {
    'percent-as-fraction': 'fraction for percent?',
    'unit-mismatch': 'unit mismatch',
    approximate: 'approximate',
    'not-applicable': 'not applicable',
    missing: 'missing',
    'formula-error': 'formula error',
    'date-typed': 'turned into a date',
    'not-a-number': 'not a number',
    'out-of-range': 'out of range',
    'not-whole': 'not whole',
    'not-responsible': 'not responsible',
    'scale-slip': 'scale slip?',
    inconsistent: 'inconsistent',
    'suspicious-change': 'suspicious change',
    'unknown-code': 'unknown code',
    'duplicate-code': 'duplicate code',
    'merged-cell': 'merged cells',
    'meta-mismatch': 'differs from template',
    'bureau-unknown': 'unknown bureau',
    'period-missing': 'no period',
    'catalog-mismatch': 'other catalog',
    'milestone-status': 'invalid progress',
  },
};
