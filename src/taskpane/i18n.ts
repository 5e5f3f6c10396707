import type { Lang } from '../core';

/** The pane's own words; messages about figures come from the core's message tables. */
const zh = {
  appTitle: '一老一小指标核查',
  tabTemplate: '填报模板',
  tabCheck: '数据核查',
  tabCombine: '汇总',
  /** Said while a part of the pane loaded on demand (汇总, diagnostics) arrives. */
  loadingPart: '正在加载…',
  bureau: '填报单位',
  bureauPlaceholder: '输入或选择单位，如“民政局”',
  bureauUnknown: '找不到这个单位，请从列表中选择',
  period: '报告期（年份）',
  periodInvalid: '请填写四位年份，如 2025',
  makeTemplate: '生成填报表',
  templateDone: (bureau: string, period: number) =>
    `已在当前工作簿生成“指标填报”表：${bureau}，${period}年度。请在黄色单元格填写。`,
  templateExists: '当前工作簿已有“指标填报”表。请新建一个空白工作簿（Ctrl+N）后再生成。',
  templateHint: '每个单位一份：表中只列出本单位牵头或参与的指标。',
  check: '核查当前表',
  checking: '正在核查…',
  clearMarks: '清除标记',
  marksCleared: '已清除标记，恢复了原来的格式。',
  nothingToClear: '没有需要清除的标记。',
  autoCheck: '修改数字后自动重新核查',
  checkedAt: (time: string) => `核查时间 ${time}`,
  errors: '错误',
  warnings: '提醒',
  explained: '已说明',
  unexplained: '未说明',
  issues: '问题清单',
  noIssues: '没有发现问题。',
  indicators: '指标完成情况',
  goToCell: (cell: string) => `定位 ${cell}`,
  expected: '应达',
  target: '目标',
  unreadable: '无法核查当前表',
  markingFailed: '已核查，但无法在表中标记（可能工作表设置了密码保护）。问题清单仍然有效。',
  markingStructureLocked:
    '已核查，但工作簿结构受保护（“审阅”→“保护工作簿”），加载项无法添加保存原格式的隐藏表，所以没有在表中标记。问题清单仍然有效；要在表中标记，请先撤销“保护工作簿”。',
  structureLocked: '工作簿结构受保护，加载项无法添加工作表。请在“审阅”选项卡中撤销“保护工作簿”后再试。',
  diagOpen: '诊断',
  diagTitle: '诊断（首次部署时发给信息中心）',
  diagHint:
    '列出本机 Excel 的版本、平台、加载项所用功能是否可用，并做一次读写测试（在隐藏的临时工作表上，完成后删除）。',
  diagRun: '运行诊断',
  diagCopy: '复制结果',
  diagHost: '宿主',
  diagOffice: 'Office 版本',
  diagOfficeJs: '随加载项提供的 Office.js',
  diagLanguage: '显示语言',
  diagPurpose: { minimum: '基本功能', mergedAreas: '合并单元格检查', notes: '批注' } as Record<
    'minimum' | 'mergedAreas' | 'notes',
    string
  >,
  diagClaimed: 'Excel 宣称支持',
  diagNotClaimed: 'Excel 不支持',
  diagPresent: '实际可用',
  diagAbsent: '实际不可用',
  diagMismatch: '以实际为准，相关内容改写在“核查结果”列',
  diagRoundTrip: '读写测试',
  diagOk: '成功',
  diagFailed: '失败',
  notesFailed: '已核查并标记，但有的单元格带有评论，Excel 不允许再加批注；这些问题的说明见“核查结果”列。',
  noNotes: '当前 Excel 版本不支持批注（需 ExcelApi 1.18），问题说明写在“核查结果”列。',
  addFiles: '添加各单位报送的文件',
  showAllFiles: (more: number) => `显示其余 ${more} 个文件`,
  dropHere: '把 .xlsx 文件拖到这里，或点击选择',
  reading: (done: number, total: number) => `正在读取 ${done}/${total}`,
  outcome: { used: '采用', superseded: '已被替代', 'to-confirm': '待确认', rejected: '退回' } as Record<
    'used' | 'superseded' | 'to-confirm' | 'rejected',
    string
  >,
  pendingTitle: '待确认：同一单位有多份文件',
  pendingHint:
    '这些文件的填报日期相同或未填，无法自动判断哪份是更正件。请为每个单位选择要采用的文件；不选则暂用标出的文件，并在“报送登记”中注明待确认。',
  candidate: (filledOn: string, errors: number, figures: number) =>
    `填报日期 ${filledOn || '未填'}，错误 ${errors}，可用数字 ${figures}`,
  usedForNow: '暂用',
  notReportedTitle: (period: number, n: number) => `未报送（${period}年度，${n} 个单位）`,
  leads: (leads: number, shares: number) => `牵头 ${leads} 项${shares > 0 ? `，协同 ${shares} 项` : ''}`,
  stillPending: (n: number) => `还有 ${n} 个单位的文件待确认（见“报送登记”）。`,
  writeMaster: '写入汇总表',
  masterDone: (files: number, used: number, rows: number) =>
    `已写入汇总表：${files} 个文件，采用 ${used} 个，历史记录 ${rows} 条。见“县汇总”“总览”等工作表。`,
  textRepaired: (n: number) => `有 ${n} 处填报单位的文字未被 Excel 当作文字保存，已重新按文字写入。`,
  removeAll: '清空列表',
  combineHint:
    '在县汇总工作簿中使用：汇总各单位文件，生成“县汇总”“报送登记”“未报送”“完成情况”“历史”“总览”表。再次汇总时，已汇总的文件都保留，结果与一次汇总全部文件相同。',
  notInExcel: '请在 Excel 中打开本加载项。',
  minimumMissing:
    '当前 Excel 版本过旧（需要 Excel 2021、Microsoft 365 或网页版 Excel）。请直接填写模板文件，由县里用命令行工具核查。',
  failed: '操作失败',
  counts: (errors: number, warnings: number) => `错误 ${errors} · 提醒 ${warnings}`,
  paren: (text: string) => `（${text}）`,
};

export type UiText = typeof zh;

const en: UiText = {
  appTitle: 'Indicator check',
  tabTemplate: 'Template',
  tabCheck: 'Check',
  tabCombine: 'Combine',
  loadingPart: 'Loading…',
  bureau: 'Bureau',
  bureauPlaceholder: 'Type or pick a bureau, e.g. 民政局',
  bureauUnknown: 'No such bureau; pick one from the list',
  period: 'Reporting year',
  periodInvalid: 'Type a four-digit year, e.g. 2025',
  makeTemplate: 'Create the sheet',
  templateDone: (bureau: string, period: number) =>
    `Created the 指标填报 sheet for ${bureau}, ${period}. Fill in the yellow cells.`,
  templateExists: 'This workbook already has a 指标填报 sheet. Open a new blank workbook (Ctrl+N) first.',
  templateHint: 'One per bureau: only the indicators it leads or shares are listed.',
  check: 'Check this sheet',
  checking: 'Checking…',
  clearMarks: 'Clear marks',
  marksCleared: 'Marks cleared; the original formatting is back.',
  nothingToClear: 'There are no marks to clear.',
  autoCheck: 'Check again when a figure changes',
  checkedAt: (time: string) => `Checked at ${time}`,
  errors: 'Errors',
  warnings: 'Warnings',
  explained: 'explained',
  unexplained: 'unexplained',
  issues: 'Issues',
  noIssues: 'No issues found.',
  indicators: 'Indicators',
  goToCell: (cell: string) => `Go to ${cell}`,
  expected: 'expected',
  target: 'target',
  unreadable: 'This sheet cannot be checked',
  markingFailed:
    'Checked, but the sheet could not be marked (perhaps it has a protection password). The issue list is still valid.',
  markingStructureLocked:
    "Checked, but the workbook's structure is protected (Review → Protect Workbook), so the add-in cannot add the hidden sheet that keeps the cells' own formatting, and nothing was marked. The issue list is still valid; to have the sheet marked, unprotect the workbook first.",
  structureLocked:
    "The workbook's structure is protected, so the add-in cannot add sheets. Unprotect it (Review → Protect Workbook) and try again.",
  diagOpen: 'Diagnostics',
  diagTitle: 'Diagnostics (send to the IT office after the first sideload)',
  diagHint:
    "Lists this Excel's version and platform, whether the features the add-in uses work here, and makes one write and read (on a hidden scratch sheet, removed afterwards).",
  diagRun: 'Run diagnostics',
  diagCopy: 'Copy',
  diagHost: 'Host',
  diagOffice: 'Office build',
  diagOfficeJs: 'Office.js shipped with the add-in',
  diagLanguage: 'Display language',
  diagPurpose: { minimum: 'basics', mergedAreas: 'merged-cell check', notes: 'notes' },
  diagClaimed: 'claimed by Excel',
  diagNotClaimed: 'not supported by Excel',
  diagPresent: 'present',
  diagAbsent: 'absent',
  diagMismatch: 'the runtime decides; the words go to the 核查结果 column',
  diagRoundTrip: 'Round trip',
  diagOk: 'ok',
  diagFailed: 'failed',
  notesFailed:
    'Checked and marked, but some cells carry a comment and Excel allows no note beside it; their issues are in the 核查结果 column.',
  noNotes:
    'This Excel does not support notes (ExcelApi 1.18); the issues are written in the 核查结果 column.',
  addFiles: "Add the bureaus' files",
  showAllFiles: (more: number) => `Show the other ${more} files`,
  dropHere: 'Drop .xlsx files here, or click to choose',
  reading: (done: number, total: number) => `Reading ${done}/${total}`,
  outcome: { used: 'used', superseded: 'superseded', 'to-confirm': 'to decide', rejected: 'rejected' },
  pendingTitle: 'To decide: a bureau sent several files',
  pendingHint:
    'These files have the same or no 填报日期, so which one corrects the other cannot be told. Choose the file to use for each bureau; until you do, the marked one is used and 报送登记 says it awaits a decision.',
  candidate: (filledOn: string, errors: number, figures: number) =>
    `filled ${filledOn || 'no date'}, ${errors} errors, ${figures} figures`,
  usedForNow: 'used for now',
  notReportedTitle: (period: number, n: number) => `Not reported (${period}, ${n} bureaus)`,
  leads: (leads: number, shares: number) => `leads ${leads}${shares > 0 ? `, shares ${shares}` : ''}`,
  stillPending: (n: number) => `${n} bureaus still have files to decide between (see 报送登记).`,
  writeMaster: 'Write the master',
  masterDone: (files: number, used: number, rows: number) =>
    `Master written: ${files} files, ${used} used, ${rows} history rows. See the 县汇总 and 总览 sheets.`,
  textRepaired: (n: number) =>
    `${n} bureau texts had not stayed text in Excel and were written again as literal text.`,
  removeAll: 'Clear the list',
  combineHint:
    "Use in the county master workbook: combines the bureaus' files into 县汇总, 报送登记, 完成情况, 历史 and 总览. History is only ever added to.",
  notInExcel: 'Open this add-in inside Excel.',
  minimumMissing:
    'This Excel is too old (Excel 2021, Microsoft 365 or Excel on the web is needed). Fill in the template file instead; the county office checks it with the command line.',
  failed: 'Something went wrong',
  counts: (errors: number, warnings: number) => `${errors} errors · ${warnings} warnings`,
  paren: (text: string) => ` (${text})`,
};

export const UI: Record<Lang, UiText> = { zh, en };

export function langFor(displayLanguage: string): Lang {
  return displayLanguage.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
