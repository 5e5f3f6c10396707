import type {
  FileError,
  FileErrorKind,
  FileErrorParamsOf,
  Issue,
  IssueKind,
  IssueParamsOf,
  Lang,
  Severity,
  Status,
} from './types';

/**
 * Every sentence a user reads, per language, one template per kind taking that kind's own
 * parameters: a message can only say what its rule recorded, and the numbers in it (the scale
 * factor, the 30 % of the change rule, the tolerance) are the ones the rule used. A message says
 * what is wrong and what to do next; tests assert on kinds, and the texts may change.
 */

type IssueTemplates = { [K in IssueKind]: (p: IssueParamsOf[K]) => string };
type FileTemplates = { [K in FileErrorKind]: (p: FileErrorParamsOf[K], file: string) => string };

/** A share as a percentage without noise: 0.3 → "30". */
const pct = (share: number): string => String(Math.round(share * 1000) / 10);

/** The kinds of sheet that hold no cells, as the reader names them in an unsupported-sheet's detail. */
const SHEET_KIND_WORDS: Record<Lang, Partial<Record<string, string>>> = {
  zh: { chartsheet: '图表工作表', dialogsheet: '对话框工作表', macrosheet: '宏表（Excel 4.0 宏工作表）' },
  en: { chartsheet: 'a chart sheet', dialogsheet: 'a dialog sheet', macrosheet: 'an Excel 4.0 macro sheet' },
};

/** `rows` of a duplicate code, joined as the language joins a list. */
const rowList = (rows: number[], lang: Lang): string => rows.join(lang === 'zh' ? '、' : ', ');

const ISSUES: Record<Lang, IssueTemplates> = {
  zh: {
    'percent-as-fraction': (p) =>
      `填写的是 ${p.raw}，本指标单位为“%”，是否应为 ${p.suggested}？如是，请改为 ${p.suggested}；如确为 ${p.raw}%，请在“说明”栏注明。`,
    'unit-mismatch': (p) =>
      `填写的单位“${p.typedUnit}”与本指标单位“${p.unit}”不符。请只填写以“${p.unit}”计的数字，不要带单位。`,
    approximate: (p) =>
      p.bound === 'at-least'
        ? `“${p.raw}”是一个下限，已按 ${p.value} 读取。请填写实际数字；确实只能给出下限的，请在“说明”栏说明。`
        : `“${p.raw}”是约数，已按 ${p.value} 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。`,
    'not-applicable': (p) =>
      `填写的是“${p.raw}”，按“不适用”处理，本期不计入汇总。如有数字请改填数字；确实不适用的，请在“说明”栏写明原因。`,
    missing: (p) =>
      p.rowMissing
        ? `表中找不到本单位牵头的 ${p.code} 这一行，可能被删除了。请使用下发的标准模板重新填报。`
        : p.milestone
          ? `本单位牵头此任务，“完成情况”为空。请从下拉列表中选择“未启动”“推进中”或“已完成”。`
          : `本单位牵头此指标，本期完成值为空。请填写以“${p.unit}”计的数字；确无数据请填“不适用”并在“说明”栏说明原因。`,
    'formula-error': (p) =>
      p.uncalculated
        ? `单元格是未经计算的公式，没有结果。请在 Excel 中打开并保存，或直接填写数字。`
        : `单元格显示错误值 ${p.error}（公式出错）。请检查公式，或直接填写数字。`,
    'date-typed': (p) =>
      `“${p.raw}”在输入时被表格软件当成了日期（Excel、WPS、LibreOffice 都会这样）。请把单元格格式改回“常规”，重新填写数字（单位：${p.unit}）。`,
    'not-a-number': (p) =>
      p.tooLong
        ? `本期完成值只能填数字（单位：${p.unit}），文字说明请写在“说明”栏。`
        : `“${p.raw}”不是数字。本期完成值只能填数字（单位：${p.unit}），文字请写在“说明”栏。`,
    'out-of-range': (p) =>
      p.limit === 'over-100'
        ? `${p.value}% 超过 100%。请检查后重新填写 0 到 100 之间的数字。`
        : `${p.value} 是负数，本指标不能为负。请检查后重新填写。`,
    'not-whole': (p) => `本指标以“${p.unit}”计，应为整数，填写的是 ${p.value}。请填写整数。`,
    'not-responsible': (p) =>
      `本单位不是此指标的责任单位（牵头单位：${p.lead}）。填写的“${p.raw}”已保留，但汇总以责任单位的数字为准。`,
    'scale-slip': (p) =>
      `${p.value} 达到基期值和目标值中较大者（${p.reference}）的 ${p.factor} 倍以上，可能多打了一位数，或把“千”“万”弄错了。请核对；如属实，请在“说明”栏说明。`,
    inconsistent: (p) =>
      `与 ${p.other} 不一致：每千人口托位数 ${p.rate} × 人口 ${p.population}（${p.populationSource}）÷ 1000 = ${p.implied}，而托位数为 ${p.count}，相差超过 ${p.tolerance}%。请核对这两项数字。`,
    'suspicious-change': (p) =>
      p.rule === 'halved'
        ? `比上期（${p.previousPeriod}年：${p.previous}）减少了一半以上（本期 ${p.value}）。请核对；如属实，请在“说明”栏说明原因。`
        : `与上期（${p.previousPeriod}年：${p.previous}）相比朝不利方向变化，幅度超过基期到目标差距的 ${pct(p.threshold)}%（本期 ${p.value}）。请核对；如属实，请在“说明”栏说明原因。`,
    'unknown-code': (p) =>
      `第 ${p.row} 行${p.rowText ? `“${p.rowText}”` : ''}的编号“${p.typed}”不在指标目录中，这一行的数字不会汇总。请不要修改编号列；如确需新增指标，请联系县发展改革局。`,
    'duplicate-code': (p) =>
      `编号 ${p.code} 出现了不止一次（第 ${rowList(p.rows, 'zh')} 行），只采用第一行。请删除重复的行。`,
    'merged-cell': (p) => `单元格 ${p.range} 被合并，完成值可能无法读取。请取消合并后分别填写。`,
    'meta-mismatch': (p) =>
      `表头填写的${p.field === 'bureau' ? '填报单位' : '报告期'}“${p.visible}”与模板记录的“${p.meta}”不一致，以表头为准。请确认没有用错模板。`,
    'catalog-mismatch': (p) =>
      `本文件使用的指标目录（${p.fileCatalog}）与当前目录（${p.catalog}）不同。请使用最新下发的模板。`,
    'milestone-status': (p) => `完成情况“${p.raw}”不是“未启动”“推进中”“已完成”之一。请从下拉列表中选择。`,
  },
  en: {
    'percent-as-fraction': (p) =>
      `You typed ${p.raw} but this indicator is in %. Did you mean ${p.suggested}? If so, type ${p.suggested}; if it really is ${p.raw} %, say so in the note column.`,
    'unit-mismatch': (p) =>
      `The unit "${p.typedUnit}" does not match this indicator's unit "${p.unit}". Type only the number in ${p.unit}, without a unit.`,
    approximate: (p) =>
      p.bound === 'at-least'
        ? `"${p.raw}" is a lower bound, read as ${p.value}. Type the actual figure, or explain in the note column why only a bound is known.`
        : `"${p.raw}" is an approximate figure, read as ${p.value}. Type the exact figure, or explain in the note column.`,
    'not-applicable': (p) =>
      `You typed "${p.raw}", treated as not applicable: nothing is combined this period. If there is a figure, type it; otherwise give the reason in the note column.`,
    missing: (p) =>
      p.rowMissing
        ? `The row of ${p.code}, which your bureau leads, is missing from the sheet; it may have been deleted. Use the standard template.`
        : p.milestone
          ? `Your bureau leads this task and its progress is empty. Pick 未启动, 推进中 or 已完成 from the list.`
          : `Your bureau leads this indicator and the figure is empty. Type the figure in ${p.unit}, or "不适用" with the reason in the note column.`,
    'formula-error': (p) =>
      p.uncalculated
        ? `The cell holds a formula that was never calculated. Open and save the file in Excel, or type the figure.`
        : `The cell shows the error ${p.error}. Fix the formula or type the figure.`,
    'date-typed': (p) =>
      `The spreadsheet program turned "${p.raw}" into a date as it was typed (Excel, WPS and LibreOffice all do). Set the cell format back to General and type the figure again (unit: ${p.unit}).`,
    'not-a-number': (p) =>
      p.tooLong
        ? `The figure column takes numbers only (unit: ${p.unit}); put text in the note column.`
        : `"${p.raw}" is not a number. Type only the figure (unit: ${p.unit}) and put text in the note column.`,
    'out-of-range': (p) =>
      p.limit === 'over-100'
        ? `${p.value} % is above 100 %. Type a number between 0 and 100.`
        : `${p.value} is negative; this indicator cannot be negative.`,
    'not-whole': (p) => `This indicator counts whole ${p.unit}; ${p.value} is not a whole number.`,
    'not-responsible': (p) =>
      `Your bureau is not responsible for this indicator (lead: ${p.lead}). "${p.raw}" is kept, but the master uses the responsible bureau's figure.`,
    'scale-slip': (p) =>
      `${p.value} is ${p.factor} times or more the larger of baseline and target (${p.reference}): perhaps a digit too many, or thousands and ten-thousands mixed up. Please check, and explain in the note column if it is right.`,
    inconsistent: (p) =>
      `Inconsistent with ${p.other}: ${p.rate} per thousand × population ${p.population} (${p.populationSource}) / 1000 = ${p.implied}, but the places reported are ${p.count} (more than ${p.tolerance} % apart). Check both figures.`,
    'suspicious-change': (p) =>
      p.rule === 'halved'
        ? `Less than half of the previous period (${p.previousPeriod}: ${p.previous}; now ${p.value}). Check it, and explain in the note column if it is right.`
        : `Moved the wrong way since the previous period (${p.previousPeriod}: ${p.previous}; now ${p.value}) by more than ${pct(p.threshold)} % of the distance from baseline to target. Check it, and explain in the note column if it is right.`,
    'unknown-code': (p) =>
      `Row ${p.row}${p.rowText ? ` ("${p.rowText}")` : ''}: the code "${p.typed}" is not in the catalog, so this row's figure will not be combined. Do not edit the code column.`,
    'duplicate-code': (p) =>
      `Code ${p.code} appears more than once (rows ${rowList(p.rows, 'en')}); the first row is used. Delete the duplicate rows.`,
    'merged-cell': (p) =>
      `Cells ${p.range} are merged; the figure may not read. Unmerge them and type each figure.`,
    'meta-mismatch': (p) =>
      `The ${p.field === 'bureau' ? 'bureau' : 'reporting year'} in the header ("${p.visible}") differs from the template's record ("${p.meta}"); the header is used. Check that the right template was used.`,
    'catalog-mismatch': (p) =>
      `This file was made from another catalog (${p.fileCatalog}) than the current one (${p.catalog}). Use the latest template.`,
    'milestone-status': (p) =>
      `Progress "${p.raw}" is not one of 未启动 / 推进中 / 已完成. Pick one from the list.`,
  },
};

const FILE_ERRORS: Record<Lang, FileTemplates> = {
  zh: {
    'not-a-workbook': (_p, f) =>
      `文件“${f}”不是 Excel 工作簿（.xlsx），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再报送。`,
    damaged: (_p, f) =>
      `文件“${f}”已损坏或不完整（压缩包结构被破坏，可能下载或传输中断），请让填报单位重新发送。`,
    'part-damaged': (p, f) =>
      `文件“${f}”中的工作表数据不完整或格式错误（${p.part}），无法可靠读取。请让填报单位用 Excel 或 WPS 打开、另存为 .xlsx 后重新发送。`,
    'unsupported-sheet': (p, f) =>
      `文件“${f}”中的“${p.sheet}”是${SHEET_KIND_WORDS.zh[p.detail] ?? '图表或对话框工作表'}，不是可以填写的表格。请使用下发的模板。`,
    encrypted: (_p, f) => `文件“${f}”设置了打开密码，无法读取。请取消密码后重新报送。`,
    'xls-binary': (_p, f) =>
      /\.xls$/i.test(f)
        ? `文件“${f}”是旧版 .xls 格式，本工具只读 .xlsx。请用 Excel 或 WPS 打开，另存为 .xlsx 后重新报送。`
        : `文件“${f}”实际是旧版 .xls 格式（扩展名被改成了 .xlsx）。请用 Excel 或 WPS 打开，另存为 .xlsx 后重新报送。`,
    ods: (_p, f) =>
      `文件“${f}”是 OpenDocument 表格（.ods），不是 .xlsx。请在 LibreOffice 中“文件→另存为”，选择“Excel 2007-365 (.xlsx)”；在 WPS 或 Excel 中另存为 .xlsx 后重新报送。`,
    csv: (_p, f) => `文件“${f}”是 CSV 文本文件，不是工作簿。请使用下发的 .xlsx 模板填报。`,
    'too-large': (p, f) => {
      const file = `文件“${f}”`;
      switch (p.limit) {
        case 'file':
          return `${file}有 ${p.size} MB，超过 ${p.max} MB 的读取上限，已拒收。标准填报表只有几十 KB，请使用下发的模板重新填报。`;
        case 'inflated':
          return `${file}解压后的内容超过 ${p.max} MB 的读取上限（可能含大量图片，或被刻意构造），已拒收。请把数据填入下发的模板后重新报送。`;
        case 'rows':
          return `${file}在 ${p.at} 仍有数据，超过 ${p.max} 行的读取上限，已拒收。请使用标准模板，只在表中的行内填写。`;
        case 'cells':
          return `${file}中有内容的单元格超过 ${p.max} 个，远多于填报表所需，已拒收。请使用下发的模板重新填报。`;
        case 'merges':
          return `${file}中的合并单元格超过 ${p.max} 处，已拒收。标准模板没有合并单元格，请使用下发的模板重新填报。`;
        case 'entries':
          return `${file}包含的部件超过 ${p.max} 个，不像是填报表，已拒收。请使用下发的模板重新填报。`;
      }
    },
    'empty-workbook': (_p, f) => `文件“${f}”中没有任何数据。请填写后再报送。`,
    'no-sheet': (_p, f) =>
      `文件“${f}”不是县里下发的填报表：没有“指标填报”工作表，也没有带“编号”“本期完成值”表头的工作表。请使用下发的模板填报。`,
    'no-header': (_p, f) =>
      `文件“${f}”的前 10 行中找不到表头（需要“编号”和“本期完成值”两列）。请使用下发的模板，不要删除表头行。`,
    'bureau-unknown': (p, f) =>
      `文件“${f}”的填报单位“${p.typed}”无法识别。请在 B2 填写单位全称（如“县民政局”）。`,
    'period-missing': (_p, f) => `文件“${f}”没有填写报告期（E2）。请填写四位年份，如 2025。`,
    'period-mismatch': (p, f) =>
      p.blank
        ? `文件“${f}”是 ${p.period} 年的空表（一个完成值也没有填），与本次汇总的 ${p.expected} 年不同，未汇总。请用 ${p.expected} 年的模板填写后重新报送。`
        : `文件“${f}”的报告期为 ${p.period} 年，与本次汇总的 ${p.expected} 年不同，未汇总。请确认报告期，或在 ${p.period} 年的汇总中使用它。`,
    'duplicate-file': (p, f) => `文件“${f}”与“${p.other}”内容完全相同，只汇总一次。`,
    blank: (p, f) =>
      p.typed === 0
        ? `文件“${f}”是空表：一个完成值也没有填（可能是未填写的模板），已退回，不会替代该单位的其他文件。请填写后重新报送。`
        : `文件“${f}”没有一个可用的完成值：填写的 ${p.typed} 项都有错误，已退回，不会替代该单位的其他文件。请按核查结果改正后重新报送。`,
    'wrong-template': (p, f) =>
      `文件“${f}”用错了模板：表头填报单位是“${p.visible}”，但模板是发给“${p.meta}”的，已退回。请“${p.visible}”用本单位的模板重新填报（模板中只列出本单位负责的指标）。`,
    unreadable: (p, f) =>
      ({
        missing: `找不到文件“${f}”。请检查文件名和所在文件夹。`,
        denied: `没有读取文件“${f}”的权限。请让管理员开放权限，或把文件复制到自己的文件夹后再试。`,
        folder: `“${f}”是文件夹，不是文件。`,
        other: `文件“${f}”无法读取（${p.detail}）。请把文件复制到本机后再试。`,
      })[p.cause],
    recorded: (p) => `${p.text}（早先的汇总表记录）`,
  },
  en: {
    'not-a-workbook': (_p, f) =>
      `"${f}" is not an Excel workbook (.xlsx). Open it in Excel or WPS and save it as .xlsx.`,
    damaged: (_p, f) =>
      `"${f}" is damaged or incomplete (its zip structure is broken, perhaps cut off in transfer). Ask the bureau to send it again.`,
    'part-damaged': (p, f) =>
      `In "${f}" the sheet data is incomplete or malformed (${p.part}) and cannot be read reliably. Ask the bureau to open it in Excel or WPS, save it as .xlsx and send it again.`,
    'unsupported-sheet': (p, f) =>
      `In "${f}", "${p.sheet}" is ${SHEET_KIND_WORDS.en[p.detail] ?? 'a chart or dialog sheet'}, not a sheet of cells. Use the template.`,
    encrypted: (_p, f) =>
      `"${f}" is password-protected and cannot be read. Remove the password and send it again.`,
    'xls-binary': (_p, f) =>
      /\.xls$/i.test(f)
        ? `"${f}" is an old .xls file; only .xlsx is read. Open it in Excel or WPS and save it as .xlsx.`
        : `"${f}" is really an old .xls file renamed to .xlsx. Open it in Excel or WPS and save it as .xlsx.`,
    ods: (_p, f) =>
      `"${f}" is an OpenDocument spreadsheet (.ods), not .xlsx. In LibreOffice use File → Save As → "Excel 2007-365 (.xlsx)"; in WPS or Excel, Save As .xlsx.`,
    csv: (_p, f) => `"${f}" is a CSV text file, not a workbook. Use the .xlsx template.`,
    'too-large': (p, f) => {
      const file = `"${f}"`;
      switch (p.limit) {
        case 'file':
          return `${file} is ${p.size} MB, over the ${p.max} MB limit, and was refused. A filled template is tens of KB: use the standard template.`;
        case 'inflated':
          return `${file} unpacks to more than the ${p.max} MB limit (many pictures, or a crafted file) and was refused. Copy the figures into the template.`;
        case 'rows':
          return `${file} has data at ${p.at}, past the ${p.max}-row limit, and was refused. Type only in the template's rows.`;
        case 'cells':
          return `${file} has more than ${p.max} cells with content, far more than a template, and was refused.`;
        case 'merges':
          return `${file} has more than ${p.max} merged areas and was refused. The template has none: use it.`;
        case 'entries':
          return `${file} holds more than ${p.max} parts, unlike a workbook, and was refused.`;
      }
    },
    'empty-workbook': (_p, f) => `"${f}" contains no data. Fill it in before sending it.`,
    'no-sheet': (_p, f) =>
      `"${f}" is not the county's template: it has no sheet 指标填报 and no sheet with the 编号 / 本期完成值 header. Use the template.`,
    'no-header': (_p, f) =>
      `"${f}": no header row (编号 and 本期完成值) in the first 10 rows. Use the template and keep its header.`,
    'bureau-unknown': (p, f) =>
      `"${f}": the bureau "${p.typed}" is not recognised. Type the full name in B2 (e.g. 县民政局).`,
    'period-missing': (_p, f) => `"${f}" has no reporting year in E2. Type a four-digit year such as 2025.`,
    'period-mismatch': (p, f) =>
      p.blank
        ? `"${f}" is a blank template of ${p.period} (not one figure filled in), not ${p.expected} like this combine; not combined. Fill in the ${p.expected} template and send it again.`
        : `"${f}" reports ${p.period}, not ${p.expected} like this combine; not combined. Check its year, or use it in the ${p.period} combine.`,
    'duplicate-file': (p, f) => `"${f}" is identical to "${p.other}"; combined once.`,
    blank: (p, f) =>
      p.typed === 0
        ? `"${f}" is blank: not one figure filled in (perhaps an untouched template). Rejected; it replaces nothing. Fill it in and send it again.`
        : `"${f}" has no usable figure: all ${p.typed} typed have errors. Rejected; it replaces nothing. Correct them and send it again.`,
    'wrong-template': (p, f) =>
      `"${f}" was filled on another bureau's template: B2 says "${p.visible}" but the template was made for "${p.meta}". Rejected; ${p.visible} should use its own template.`,
    unreadable: (p, f) =>
      ({
        missing: `"${f}" was not found. Check the name and the folder.`,
        denied: `No permission to read "${f}". Ask for access, or copy the file to a folder of your own.`,
        folder: `"${f}" is a folder, not a file.`,
        other: `"${f}" cannot be read (${p.detail}). Copy it to this computer and try again.`,
      })[p.cause],
    recorded: (p) => `"${p.text}" (as an earlier master recorded it)`,
  },
};

/** What a message is made of: a kind with parameters of that kind (where and how bad aside). */
export type IssueContent = { [K in IssueKind]: { kind: K; params: IssueParamsOf[K] } }[IssueKind];

/** An issue's message in a language: its kind's template with its own parameters. */
export function issueMessage(issue: IssueContent, lang: Lang = 'zh'): string {
  // `kind` and `params` are correlated by the Issue union; TypeScript cannot follow that into a
  // lookup by kind, so the template is called through one cast here and nowhere else.
  const template = ISSUES[lang][issue.kind] as (p: Issue['params']) => string;
  return template(issue.params);
}

/**
 * Why the open sheet cannot be checked, said of a sheet (the add-in checks the sheet the clerk has
 * open, not a file); null for errors that are about the file as a whole.
 */
export function sheetErrorMessage(error: FileError, lang: Lang, sheet: string): string | null {
  const zh = lang === 'zh';
  switch (error.kind) {
    case 'empty-workbook':
      return zh
        ? `工作表“${sheet}”是空的。请在“填报模板”页生成填报表，或切换到已填好的“指标填报”工作表后再核查。`
        : `The sheet "${sheet}" is empty. Make the template on the 填报模板 tab, or switch to a filled 指标填报 sheet, then check.`;
    case 'no-sheet':
    case 'no-header':
      return zh
        ? `工作表“${sheet}”不是填报表：前 10 行中找不到“编号”和“本期完成值”两列。请切换到“指标填报”工作表再核查。`
        : `The sheet "${sheet}" is not the template: no 编号 / 本期完成值 header in its first 10 rows. Switch to 指标填报 and check again.`;
    default:
      return null;
  }
}

/** The internal cause of a refusal, for the support person (JSON `detail`), where there is one. */
export function fileErrorDetail(error: FileError): string | undefined {
  const params: Partial<Record<string, unknown>> = error.params;
  return typeof params.detail === 'string' ? params.detail : undefined;
}

/** A file error's message; `file` defaults to the file the error carries. */
export function fileErrorMessage(
  error: FileError,
  lang: Lang = 'zh',
  file: string = error.file ?? '',
): string {
  const template = FILE_ERRORS[lang][error.kind] as (p: FileError['params'], file: string) => string;
  return template(error.params, file);
}

export const STATUS_LABELS: Record<Lang, Record<Status, string>> = {
  zh: {
    achieved: '达标',
    'on-track': '正常推进',
    'at-risk': '存在风险',
    'off-track': '滞后',
    'to-confirm': '待核实',
    'not-judged': '未评估',
    'no-data': '未填报',
    invalid: '无效',
  },
  en: {
    achieved: 'achieved',
    'on-track': 'on track',
    'at-risk': 'at risk',
    'off-track': 'off track',
    'to-confirm': 'to confirm',
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
    'catalog-mismatch': 'other catalog',
    'milestone-status': 'invalid progress',
  },
};
