import type { Severity, Status } from './types';

/**
 * The colours of statuses and issues, one palette for the files the command line writes and
 * the marks the add-in paints (Excel's own good / neutral / bad). RRGGBB; each writer adds
 * the prefix its library wants. Every pair of text and fill reads at WCAG 2 AA's 4.5 : 1 or better
 * (palette.test.ts): clerks read these cells on old office screens and on paper.
 */
export const STATUS_COLOURS: Record<Status, { fill: string; font: string }> = {
  achieved: { fill: 'C6EFCE', font: '006100' },
  'on-track': { fill: 'E2F0D9', font: '375623' },
  'at-risk': { fill: 'FFEB9C', font: '9C5700' },
  'off-track': { fill: 'FFC7CE', font: '9C0006' },
  // Lilac, not amber: "check this figure" is neither good nor late news.
  'to-confirm': { fill: 'E4DFEC', font: '5B3C88' },
  'not-judged': { fill: 'EDEDED', font: '595959' },
  // 767676, the lightest grey with 4.5 : 1 on white (808080 had 3.95 : 1, under WCAG AA).
  'no-data': { fill: 'FFFFFF', font: '767676' },
  invalid: { fill: 'F8CBAD', font: '833C0B' },
};

export const SEVERITY_COLOURS: Record<Severity, { fill: string; font: string }> = {
  // Stronger than off-track's pink: a wrong figure and a late one are different news.
  error: { fill: 'FF9B9B', font: '7F0000' },
  warning: { fill: 'FFEB9C', font: '9C5700' },
};

export const INPUT_COLOUR = 'FFF8E1';
export const HEADER_COLOUR = 'DDEBF7';
export const SECTION_COLOUR = 'F2F2F2';
/** 完成情况: a bureau × indicator cell the bureau has no duty for — the section grey, read as “nothing here”. */
export const NOT_RESPONSIBLE_COLOUR = SECTION_COLOUR;
