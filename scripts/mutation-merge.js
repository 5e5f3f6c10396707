// How scripts/mutation-report.js puts a file's Stryker runs together. A long file can be run in
// parts (`npm run mutate -- --mutate src/xlsx/reader.ts:1-300`, then `:301-600`, …): each run
// stands for the lines it was given, the newest for any line run twice, and only runs of the
// same code are put together — after a change, an older run's lines no longer mean the same.
'use strict';

/**
 * What a run with these `mutate` targets (Stryker's `config.mutate`, kept in its JSON report) did
 * to `file`: `undefined` if it did not mutate it, `null` for the whole file, or `[[from, to]]` for
 * each `file:from-to` it was given. A report also carries the results of files it did not mutate,
 * copied from Stryker's incremental file (only their mutants whose code had not changed since):
 * those are not results of this run.
 */
function rangesOf(targets, file) {
  if (!Array.isArray(targets)) return null;
  const ranges = [];
  let named = false;
  for (const target of targets) {
    const m = /^(.*):(\d+)-(\d+)$/.exec(target);
    if (!m) {
      if (matches(target, file)) named = true;
      continue;
    }
    if (m[1] === file) ranges.push([Number(m[2]), Number(m[3])]);
  }
  if (named) return null;
  return ranges.length > 0 ? ranges : undefined;
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

/** Whether a line is among a run's lines (`null`: the whole file). */
const within = (line, ranges) => ranges === null || ranges.some(([a, b]) => line >= a && line <= b);
const overlaps = (ranges, covered) =>
  ranges === null || covered === null || ranges.some(([a, b]) => covered.some(([c, d]) => a <= d && c <= b));

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
 * One file's runs ({ mutants, when, sha256, lines, ranges, version }) → what the report shows: the
 * newest run's mutants, with those of older runs of the same code (same SHA-256; a run whose code
 * was not recorded, `null`, never goes with another) on lines it did not run; `complete` when the
 * lines put together cover the whole file. A mutant without a line (from a run carried over from
 * before lines were kept) is taken only when none of its run's lines were run again.
 */
function mergeRuns(list) {
  const runs = [...list].sort((a, b) => b.when - a.when);
  const [newest] = runs;
  let covered = newest.ranges === null ? null : [...newest.ranges];
  const mutants = [...newest.mutants];
  for (const older of runs.slice(1)) {
    if (covered === null || older.sha256 === null || older.sha256 !== newest.sha256) break;
    const rerun = overlaps(older.ranges, covered);
    for (const m of older.mutants) {
      const line = m.location.start.line;
      // A run reports mutants only on the lines it was given.
      if (line === null ? !rerun : !within(line, covered)) mutants.push(m);
    }
    covered = older.ranges === null ? null : [...covered, ...older.ranges];
  }
  return {
    mutants,
    when: newest.when,
    sha256: newest.sha256,
    complete: coversAll(covered, newest.lines),
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

module.exports = { rangesOf, within, mergeRuns, linesText };
