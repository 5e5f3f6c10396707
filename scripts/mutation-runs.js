// Each Stryker run kept as a small record in docs/mutation-runs/, which is in git.
//
// Stryker's JSON report is large (it carries the source of every file) and was kept in reports/,
// which git ignores: a fresh clone — CI, another machine, the next session — had lost every earlier
// run, and docs/mutation.md could not be written again from anything. A record holds what the
// report needs and nothing else: when the run was, what it was told to mutate, and for each file it
// mutated the code's SHA-256 (so a later run can tell whether it ran on the same code, and the
// report whether the code has changed since), its number of lines, and each mutant's line,
// mutator, status and replacement.
'use strict';
const crypto = require('node:crypto');
const { rangesOf, within } = require('./mutation-merge');

const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

// The lines an editor numbers: the end of the last line is not the start of another. Counting the
// empty string after a file's final newline as a line left every file run in ranges one line short
// of "complete" (reader.ts run as 1–599 and 600–939 was shown as partial, out of 940).
const lineCount = (text) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/**
 * A Stryker JSON report → a run record: only the files the run mutated (a report also carries
 * copies of other files' earlier results). `relative` turns the report's file names into paths
 * from the repository's root.
 */
function recordOf(report, when, relative = (file) => file) {
  const files = {};
  for (const [name, { mutants, source }] of Object.entries(report.files ?? {})) {
    const file = relative(name);
    const ranges = rangesOf(report.config?.mutate, file);
    if (ranges === undefined) continue;
    // A run of some lines also carries, for the rest of the file, copies of earlier results from
    // the incremental file: only the lines it was given are this run's.
    const own = mutants.filter((m) => within(m.location.start.line, ranges));
    files[file] = {
      sha256: sha256(String(source ?? '')),
      lines: lineCount(String(source ?? '')),
      mutants: own
        .map((m) => [m.location.start.line, m.mutatorName, m.status, String(m.replacement ?? '')])
        .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[3].localeCompare(b[3])),
    };
  }
  return {
    when: when.toISOString(),
    stryker: report.framework?.version ?? '',
    mutate: Array.isArray(report.config?.mutate) ? report.config.mutate : null,
    files,
  };
}

/**
 * A record as JSON, one mutant to a line: a rerun's diff in git shows which mutants changed
 * status, and the file stays readable (prettier does not touch docs/mutation-runs/).
 */
function recordText(record) {
  const out = ['{'];
  out.push(`  "when": ${JSON.stringify(record.when)},`);
  out.push(`  "stryker": ${JSON.stringify(record.stryker)},`);
  if (record.note !== undefined) out.push(`  "note": ${JSON.stringify(record.note)},`);
  out.push(`  "mutate": ${JSON.stringify(record.mutate)},`);
  out.push('  "files": {');
  const names = Object.keys(record.files).sort();
  names.forEach((file, i) => {
    const f = record.files[file];
    out.push(`    ${JSON.stringify(file)}: {`);
    out.push(`      "sha256": ${JSON.stringify(f.sha256)},`);
    out.push(`      "lines": ${JSON.stringify(f.lines)},`);
    if (f.unlisted !== undefined) out.push(`      "unlisted": ${JSON.stringify(f.unlisted)},`);
    out.push('      "mutants": [');
    f.mutants.forEach((m, j) =>
      out.push(`        ${JSON.stringify(m)}${j < f.mutants.length - 1 ? ',' : ''}`),
    );
    out.push('      ]');
    out.push(`    }${i < names.length - 1 ? ',' : ''}`);
  });
  out.push('  }');
  out.push('}');
  return `${out.join('\n')}\n`;
}

/**
 * A record → for each file, a run in the form scripts/mutation-merge.js puts together. A record
 * carried over from before records were kept (`unlisted`: counts of mutants whose lines were not
 * kept, only the survivors' were) gives those mutants no line; `sha256: null` means the code the
 * run was on was not recorded, and such a run is never put together with another.
 */
function runsOf(record) {
  const when = new Date(record.when);
  return Object.entries(record.files).map(([file, f]) => {
    const mutants = f.mutants.map(([line, mutatorName, status, replacement]) => ({
      location: { start: { line } },
      mutatorName,
      status,
      replacement,
    }));
    for (const [status, count] of Object.entries(f.unlisted ?? {}))
      for (let i = 0; i < count; i++)
        mutants.push({ location: { start: { line: null } }, mutatorName: '', status, replacement: '' });
    return {
      file,
      run: {
        mutants,
        when,
        sha256: f.sha256,
        lines: f.lines,
        ranges: rangesOf(record.mutate, file),
        version: record.stryker,
      },
    };
  });
}

module.exports = { lineCount, recordOf, recordText, runsOf, sha256 };
