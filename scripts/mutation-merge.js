// How scripts/mutation-report.js puts a file's Stryker runs together. A long file can be run in
// parts (`npm run mutate -- --mutate src/xlsx/reader.ts:1-300`, then `:301-600`, …): each run
// stands for the lines it was given, the newest for any line run twice, and only runs of the
// same code are put together — after a change, an older run's lines no longer mean the same.
'use strict';

/**
 * The lines of `file` a run mutated: `[[from, to]]` for each `file:from-to` it was given, `null`
 * for the whole file (named without a range, matched by a pattern, or a run that did not say).
 */
function rangesOf(targets, file) {
  if (!Array.isArray(targets)) return null;
  const ranges = [];
  for (const target of targets) {
    const m = /^(.*):(\d+)-(\d+)$/.exec(target);
    if (!m) {
      if (matches(target, file)) return null;
      continue;
    }
    if (m[1] === file) ranges.push([Number(m[2]), Number(m[3])]);
  }
  return ranges.length > 0 ? ranges : null;
}

/** Stryker's `mutate` patterns as far as this project writes them: `*` within a folder, `**` across. */
function matches(pattern, file) {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '(?:.*/)?');
  return new RegExp(`^${regex}$`).test(file);
}

const within = (line, ranges) => ranges === null || ranges.some(([a, b]) => line >= a && line <= b);

/** Whether ranges (or `null`, the whole file) cover every line from 1 to `last`. */
function coversAll(ranges, last) {
  if (ranges === null) return true;
  let next = 1;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    if (a > next) return false;
    next = Math.max(next, b + 1);
  }
  return next > last;
}

/**
 * One file's runs ({ mutants, when, source, ranges, version }) → what the report shows: the
 * newest run's mutants, with those of older runs of the same code on lines it did not run;
 * `complete` when the lines put together cover the whole file.
 */
function mergeRuns(list) {
  const runs = [...list].sort((a, b) => b.when - a.when);
  const [newest] = runs;
  let covered = newest.ranges === null ? null : [...newest.ranges];
  const mutants = [...newest.mutants];
  for (const older of runs.slice(1)) {
    if (covered === null || older.source !== newest.source) break;
    for (const m of older.mutants) {
      const line = m.location.start.line;
      // A run reports mutants only on the lines it was given.
      if (!within(line, covered)) mutants.push(m);
    }
    covered = older.ranges === null ? null : [...covered, ...older.ranges];
  }
  const last = String(newest.source ?? '').split('\n').length;
  return {
    mutants,
    when: newest.when,
    complete: coversAll(covered, last),
    ranges: covered,
    version: newest.version,
  };
}

/** Line ranges as a reader wants them: merged and in order, "1–300、420–600". */
function linesText(ranges) {
  const merged = [];
  for (const [a, b] of [...(ranges ?? [])].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged.map(([a, b]) => `${a}–${b}`).join('、');
}

module.exports = { rangesOf, mergeRuns, linesText };
