import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';
import { defaultCatalog } from '../../src/core';
import { runCli } from '../helpers/run-cli';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { pathInside, safeFileName } from '../../src/xlsx/safe-files';
import { writeTemplate } from '../../src/xlsx/template';

/** The command line's contract with the people and programs that use it (issues 11 and 15). */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'yilao-contract-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const run = runCli;

async function demoFiles(dir: string, copies = 1): Promise<string[]> {
  const catalog = defaultCatalog();
  const files: string[] = [];
  for (const submission of demoSubmissions()) {
    const bytes = await fillTemplate(
      await writeTemplate(catalog, submission.bureau, 2023),
      submission.filling,
    );
    for (let n = 0; n < copies; n++) {
      const file = path.join(dir, n === 0 ? submission.file : submission.file.replace('.xlsx', `-${n}.xlsx`));
      writeFileSync(file, bytes);
      files.push(file);
    }
  }
  return files;
}

describe('--json arrives whole through a pipe (bin/yilao.js exits by exitCode)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
    });
  });

  it('a report over 1 MB read by a slow consumer parses, run after run', async () => {
    const dir = tmp();
    const work = tmp();
    await demoFiles(dir, 30);
    const reader = path.join(work, 'slow-reader.js');
    // Reads in small pieces with pauses, like a script that does work per line.
    writeFileSync(
      reader,
      `let data = '';
       process.stdin.setEncoding('utf8');
       process.stdin.on('readable', function read() {
         const chunk = process.stdin.read(4096);
         if (chunk === null) return;
         data += chunk;
         process.stdin.pause();
         setTimeout(() => { process.stdin.resume(); read(); }, 1);
       });
       process.stdin.on('end', () => {
         const json = JSON.parse(data);
         process.stdout.write(String(Buffer.byteLength(data)) + ' ' + json.files.length);
       });`,
    );
    for (let attempt = 0; attempt < 3; attempt++) {
      const out = path.join(work, `master-${attempt}.xlsx`);
      const result = spawnSync(
        'sh',
        [
          '-c',
          `node "${path.join(ROOT, 'bin', 'yilao.js')}" combine "${dir}" --out "${out}" --json | node "${reader}"`,
        ],
        { encoding: 'utf8', cwd: dir },
      );
      expect(result.stderr).toBe('');
      const [bytes, files] = result.stdout.split(' ').map(Number);
      expect(bytes).toBeGreaterThan(1024 * 1024);
      expect(files).toBe(readdirSync(dir).length);
    }
  }, 120_000);

  it('--version is the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect((await run(['--version'])).stdout).toBe(`yilao ${version}\n`);
  });
});

describe('options are per command', () => {
  it.each([
    ['combine', '--annotate', 'x'],
    ['template', '--history', 'x'],
    ['template', '--json'],
    ['lint-catalog', '--out', 'x'],
    ['demo', '--period', '2023'],
  ])('%s refuses %s, naming the options it takes', async (command, ...option) => {
    const result = await run([command, ...option]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${command} 不接受选项 ${option[0]}`);
    expect(result.stderr).toContain('--help');
  });

  it('a usage error is in English when asked for, with no Chinese in it', async () => {
    const result = await run(['template', '--lang', 'en']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('yilao: give the year with --period, e.g. --period 2025.\n');
    const unknown = await run(['combine', '--lang', 'en', '--annotate', 'x']);
    expect(unknown.stderr).toMatch(/^yilao: combine does not take --annotate\. Its options: /);
    expect(unknown.stderr).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('the Chinese help of a command has no English fragment from the usage errors', async () => {
    const result = await run(['template']);
    expect(result.stderr).toBe('yilao: 请用 --period 指定报告期年份，如 --period 2025。\n');
  });

  it('lint-catalog in English counts indicators in English', async () => {
    const result = await run(['lint-catalog', '--lang', 'en']);
    expect(result.stdout).toContain('26 indicators');
    expect(result.stdout).not.toContain('项指标');
  });
});

describe('yilao template never overwrites, and keeps to the plan years', () => {
  it('refuses an existing file with its path and exit 1, and replaces it with --force', async () => {
    const dir = tmp();
    expect((await run(['template', '--bureau', '民政局', '--period', '2024', '--out', dir])).code).toBe(0);
    const [name] = readdirSync(dir);
    const file = path.join(dir, name!);
    writeFileSync(file, 'a filled workbook stands here');
    const again = await run(['template', '--bureau', '民政局', '--period', '2024', '--out', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(file);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('a filled workbook stands here');
    const forced = await run(['template', '--bureau', '民政局', '--period', '2024', '--out', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it.each([2019, 2020, 2026, 2031])(
    '--period %d is outside 2021–2025: exit 2 with the range',
    async (year) => {
      const result = await run(['template', '--period', String(year), '--out', tmp()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('2021–2025');
    },
  );

  it('a catalog bureau named with ../ is written inside --out', async () => {
    const dir = tmp();
    const catalog = JSON.parse(
      readFileSync(path.join(ROOT, 'src', 'core', 'catalog', 'gengma-2023.json'), 'utf8'),
    ) as { bureaus: { name: string }[]; indicators: { lead: string; coResponsible: string[] }[] };
    const evil = '../../escaped';
    const old = catalog.bureaus[0]!.name;
    catalog.bureaus[0]!.name = evil;
    for (const indicator of catalog.indicators) if (indicator.lead === old) indicator.lead = evil;
    catalog.indicators[0]!.lead = evil;
    const catalogFile = path.join(dir, 'evil.json');
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const out = path.join(dir, 'a', 'b');
    await run(['template', '--period', '2024', '--out', out, '--catalog', catalogFile]);
    expect(existsSync(path.join(dir, 'escaped'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['a', 'evil.json']);
    expect(readdirSync(out).some((f) => f.includes('escaped'))).toBe(true);
  });

  it('safeFileName keeps a name to one segment', () => {
    expect(safeFileName('../../x')).toBe('_.._x');
    expect(safeFileName('a/b\\c:d')).toBe('a_b_c_d');
    expect(safeFileName('NUL')).toBe('_NUL');
    expect(safeFileName('\u001b[31m县民政局')).toBe('_[31m县民政局');
    expect(pathInside('/tmp/x', '../y')).toBe('/tmp/x/_y');
  });
});

describe('a clean terminal: text from files is printed escaped', () => {
  it('a file name with escape sequences cannot recolour, retitle or hide', async () => {
    const dir = tmp();
    const [good] = await demoFiles(dir);
    const evil = path.join(dir, 'a\u001b[31mRED\u001b]0;TITLE\u0007\u001b[8m\u202e.xlsx');
    copyFileSync(good!, evil);
    const result = await run(['check', evil]);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u0007');
    expect(result.stdout).not.toContain('\u202e');
    expect(result.stdout).toContain('a\\x1b[31mRED\\x1b]0;TITLE\\x07\\x1b[8m\\u202e.xlsx');
  });

  it('cell text with control characters is escaped in tables and messages', async () => {
    const dir = tmp();
    const template = await writeTemplate(defaultCatalog(), '县民政局', 2023);
    const filled = unzipSync(await fillTemplate(template, { figures: { 'YL-02': '7HIDE00张' }, notes: {} }));
    // How Excel itself stores an ESC typed into a cell: the ST_Xstring escape _x001B_.
    filled['xl/sharedStrings.xml'] = strToU8(
      strFromU8(filled['xl/sharedStrings.xml']!).replace('7HIDE00张', '7_x001B_[8m00张'),
    );
    const file = path.join(dir, 'x.xlsx');
    writeFileSync(file, zipSync(filled));
    const result = await run(['check', file]);
    expect(result.stdout).not.toContain('\u001b[8m');
    expect(result.stdout).toContain('\\x1b[8m');
  });
});

describe('safe writes in shared folders', () => {
  it('--annotate never overwrites an input, and same-named inputs from two folders both get copies', async () => {
    const dir = tmp();
    const [first] = await demoFiles(dir);
    const base = path.basename(first!, '.xlsx');
    // An input that happens to carry the name an annotated copy would take.
    const lookalike = path.join(dir, `${base}-核查结果.xlsx`);
    copyFileSync(first!, lookalike);
    const other = path.join(dir, 'other');
    mkdirSync(other);
    copyFileSync(first!, path.join(other, path.basename(first!)));
    const before = sha(lookalike);
    const result = await run([
      'check',
      first!,
      lookalike,
      path.join(other, path.basename(first!)),
      '--annotate',
      dir,
    ]);
    expect(sha(lookalike)).toBe(before);
    const written = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('已标注 '))
      .map((l) => l.slice(4));
    expect(written).toHaveLength(3);
    expect(new Set(written).size).toBe(3);
    expect(written).not.toContain(lookalike);
  });

  it('the master is written under an unpredictable name opened exclusively: a planted symlink is not followed', async () => {
    const dir = tmp();
    const files = await demoFiles(path.join(dir));
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'do not touch');
    const out = path.join(dir, 'master.xlsx');
    // Links at every name the old code would have used.
    for (let pid = process.pid - 5; pid <= process.pid + 5; pid++)
      symlinkSync(victim, path.join(dir, `.master.xlsx.${pid}.tmp`));
    const result = await run(['combine', ...files, '--out', out]);
    expect(result.stderr).toBe('');
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.master.xlsx.') && !f.endsWith(`.tmp`))).toEqual([]);
  });

  it('demo --out refuses a folder with the user’s files and deletes nothing', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, '我的文件.docx'), 'mine');
    const result = await run(['demo', '--out', dir]);
    expect(result.code).toBe(2);
    expect(readFileSync(path.join(dir, '我的文件.docx'), 'utf8')).toBe('mine');
    // Its own folder it may run in again.
    const own = path.join(dir, 'demo');
    expect((await run(['demo', '--out', own])).code).toBe(0);
    expect((await run(['demo', '--out', own])).code).toBe(0);
    expect(readdirSync(own)).toContain('.yilao-demo');
  }, 60_000);
});

describe('one file failing in --annotate is that file’s result', () => {
  it('a copy edited by openpyxl-like tools, a crafted theme and a bad character reference: the others still get copies', async () => {
    const dir = tmp();
    const [good, second] = await demoFiles(dir);
    // A theme part that inflates past the budget, which only exceljs would inflate.
    const parts = unzipSync(readFileSync(second!));
    parts['xl/theme/theme1.xml'] = new Uint8Array(70 * 1024 * 1024).fill(32);
    const bomb = path.join(dir, 'theme-bomb.xlsx');
    writeFileSync(bomb, zipSync(parts, { level: 9 }));
    // Text the fast reader accepts but exceljs's XML parser refuses.
    const strings = unzipSync(readFileSync(second!));
    const sst = strFromU8(strings['xl/sharedStrings.xml']!).replace('<t>', '<t>&#27;');
    strings['xl/sharedStrings.xml'] = strToU8(sst);
    const escape = path.join(dir, 'escape-char.xlsx');
    writeFileSync(escape, zipSync(strings));
    const out = path.join(dir, 'out');
    const result = await run(['check', bomb, escape, good!, '--annotate', out]);
    expect(result.code).toBe(1);
    expect(readdirSync(out)).toContain(path.basename(good!).replace('.xlsx', '-核查结果.xlsx'));
    expect(result.stderr).toContain('theme-bomb.xlsx');
    expect(result.stderr).toContain('escape-char.xlsx');
    // The report of every file is still there.
    expect(result.stdout).toContain(path.basename(good!));
  }, 60_000);
});

describe('an edited annotated copy can be checked and annotated again', () => {
  it('openpyxl-kept comments do not stop the batch', async () => {
    const dir = tmp();
    const [good] = await demoFiles(dir);
    const first = path.join(dir, 'first');
    await run(['check', good!, '--annotate', first]);
    const [copy] = readdirSync(first);
    // Re-save the annotated copy with exceljs, the way another program re-writes comments.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(first, copy!));
    await workbook.xlsx.writeFile(path.join(dir, 'edited.xlsx'));
    const result = await run([
      'check',
      good!,
      path.join(dir, 'edited.xlsx'),
      '--annotate',
      path.join(dir, 'second'),
    ]);
    expect(result.stderr).not.toContain('Cannot read properties');
    expect(readdirSync(path.join(dir, 'second')).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

it('fixtures folder exists', () => {
  expect(existsSync(FIXTURES)).toBe(true);
});

describe('核查结果 of an explained warning', () => {
  it('says what the clerk explained, without asking for the note again or "。；"', async () => {
    const { checkBytes } = await import('../../src/xlsx/files');
    const { entrySummary } = await import('../../src/core');
    const demo = demoSubmissions().find((s) => s.bureau === '县民政局')!;
    const bytes = await fillTemplate(await writeTemplate(defaultCatalog(), demo.bureau, 2023), demo.filling);
    const report = checkBytes('民政局.xlsx', bytes, defaultCatalog()).report!;
    const yl02 = report.entries.find((e) => e.code === 'YL-02')!;
    expect(yl02.explained).toBe(true);
    const summary = entrySummary(yl02, 'zh');
    expect(summary).toContain(`提醒（已说明：${yl02.note}）：“约620张”是约数，已按 620 读取。`);
    expect(summary).not.toContain('“说明”栏');
    expect(summary).not.toMatch(/。；|；。/);
    expect(entrySummary(yl02, 'en')).toContain(
      `warning (explained: ${yl02.note}): "约620张" is an approximate figure`,
    );
  });
});

describe('the master names the office that compiles it', () => {
  it('县汇总 says 编制：the leading group office (in 县发展改革局), from the catalog', async () => {
    const dir = tmp();
    const files = await demoFiles(dir);
    const out = path.join(dir, 'master.xlsx');
    await run(['combine', ...files, '--out', out]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet('县汇总')!.getCell('A2').text).toContain(
      '编制：县推进“一老一小”发展工作领导小组办公室（县发展改革局）',
    );
    // The register prints to 采用的文件 (column K); import time, SHA-256 and codes stay off the page.
    expect(workbook.getWorksheet('报送登记')!.pageSetup.printArea).toMatch(/^A1:K\d+$/);
    // Import times in the county's clock (UTC+8), not UTC `Z` strings: 08:00Z is 16:00 there.
    const history = workbook.getWorksheet('历史')!;
    const column = (history.getRow(1).values as unknown[]).indexOf('导入时间');
    expect(history.getRow(2).getCell(column).text).toBe('2024-01-10 16:00');
  });

  it('template --catalog with a misspelled lead exits 2, naming the field', async () => {
    const dir = tmp();
    const catalog = JSON.parse(
      readFileSync(path.join(ROOT, 'src', 'core', 'catalog', 'gengma-2023.json'), 'utf8'),
    ) as { indicators: { lead: string }[] };
    catalog.indicators[1]!.lead = '县民证局';
    const file = path.join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify(catalog));
    const result = await run(['template', '--period', '2024', '--out', dir, '--catalog', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('indicators.1.lead：单位“县民证局”不在 bureaus 中');
    expect(readdirSync(dir)).toEqual(['typo.json']);
  });
});

describe('未评估 says why', () => {
  it('no baseline, a reform not yet due, and a project in its first year each say so, with the target', async () => {
    const { checkBytes } = await import('../../src/xlsx/files');
    const { entrySummary } = await import('../../src/core');
    const demo = demoSubmissions().find((s) => s.bureau === '县民政局')!;
    const bytes = await fillTemplate(await writeTemplate(defaultCatalog(), demo.bureau, 2023), demo.filling);
    const report = checkBytes('民政局.xlsx', bytes, defaultCatalog()).report!;
    const get = (code: string) => report.entries.find((e) => e.code === code)!;
    expect(get('YL-10')).toMatchObject({
      status: 'not-judged',
      notJudged: { reason: 'no-baseline', targetYear: 2025 },
    });
    expect(entrySummary(get('YL-10'), 'zh')).toBe(
      '未评估（方案未给基期值，算不出本期应达值，到目标年才评估；目标：2025 年达到 60%）',
    );
    expect(get('GG-02')).toMatchObject({
      status: 'not-judged',
      notJudged: { reason: 'not-due', dueYear: 2025 },
    });
    expect(entrySummary(get('GG-02'), 'en')).toBe(
      'not judged (due in 2025; the plan sets no pace before then)',
    );
    expect(get('XM-01-床位').notJudged).toMatchObject({ reason: 'before-start', startYear: 2023 });
  });
});

describe('well-formed outputs from hostile text', () => {
  it('a note with &#xFFFF; and one of 100,000 characters: the master stays well-formed and within Excel’s cell limit', async () => {
    const dir = tmp();
    const template = await writeTemplate(defaultCatalog(), '县民政局', 2023);
    const parts = unzipSync(
      await fillTemplate(template, {
        filledOn: new Date(Date.UTC(2023, 11, 18)),
        figures: { 'YL-02': 700, 'YL-03': 40 },
        notes: { 'YL-02': 'NOTE-A', 'YL-03': 'NOTE-B' },
      }),
    );
    parts['xl/sharedStrings.xml'] = strToU8(
      strFromU8(parts['xl/sharedStrings.xml']!)
        .replace('NOTE-A', 'bad&#xFFFF;char')
        .replace('NOTE-B', '长'.repeat(100_000)),
    );
    const file = path.join(dir, '民政局.xlsx');
    writeFileSync(file, zipSync(parts));
    const out = path.join(dir, 'master.xlsx');
    const result = await run(['combine', file, '--out', out]);
    expect(result.stderr).toMatch(/汇总表中有 \d+ 处填报单位的文字含有 Excel 无法保存的字符或超过 32767 字/);
    // exceljs's XML parser refuses a master that is not well-formed.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(texts.some((t) => t.includes('badchar'))).toBe(true);
    expect(texts.some((t) => t.includes('\uffff'))).toBe(false);
    const long = texts.filter((t) => t.startsWith('长长长'));
    expect(long.length).toBeGreaterThan(0);
    for (const t of long) {
      expect(t.length).toBeLessThanOrEqual(32_767);
      expect(t).toContain('原文 100000 字，超出 Excel 单元格上限，已截断');
    }
  }, 60_000);

  it('a marked copy keeps a DDE or HYPERLINK formula from outside the figures, and says so', async () => {
    const dir = tmp();
    const [good] = await demoFiles(dir);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(good!);
    const sheet = workbook.getWorksheet('指标填报')!;
    sheet.getCell('K5').value = { formula: 'HYPERLINK("http://example.invalid","点此")', result: '点此' };
    sheet.getCell('K6').value = { formula: "cmd|' /C calc'!A0", result: 0 };
    const risky = path.join(dir, '带链接.xlsx');
    await workbook.xlsx.writeFile(risky);
    const result = await run(['check', risky, '--annotate', path.join(dir, 'out')]);
    expect(result.stderr).toContain('“带链接.xlsx”含有会连接外部的公式');
    expect(result.stderr).toContain('指标填报!K5');
    expect(result.stderr).toContain('指标填报!K6');
  }, 30_000);
});

describe('the preview server', () => {
  it('answers a malformed escape with 400 and a NUL with 403, and keeps serving', async () => {
    const { serve } = (await import(path.join(ROOT, 'scripts', 'serve.js'))) as {
      serve: (root: string, port?: number) => Promise<import('node:http').Server>;
    };
    const root = tmp();
    writeFileSync(path.join(root, 'index.html'), 'ok');
    const server = await serve(root, 0);
    const { port } = server.address() as import('node:net').AddressInfo;
    const get = async (p: string) => (await fetch(`http://127.0.0.1:${port}${p}`)).status;
    try {
      expect(await get('/%E0%A4%A')).toBe(400);
      expect(await get('/a%00b')).toBe(403);
      expect(await get('/../../etc/passwd')).toBe(404);
      expect(await get('/')).toBe(200);
    } finally {
      server.close();
    }
  });
});

describe('check --history uses the master it is given', () => {
  it('a fall against the 2022 figure in the master is flagged with --history, and not without', async () => {
    const dir = tmp();
    const catalog = defaultCatalog();
    const y2022 = path.join(dir, '民政局-2022.xlsx');
    writeFileSync(
      y2022,
      await fillTemplate(await writeTemplate(catalog, '县民政局', 2022), {
        filledOn: new Date(Date.UTC(2022, 11, 20)),
        figures: { 'YL-02': 760 },
      }),
    );
    const master = path.join(dir, 'master.xlsx');
    expect((await run(['combine', y2022, '--out', master])).stderr).toBe('');
    const y2023 = path.join(dir, '民政局-2023.xlsx');
    writeFileSync(
      y2023,
      await fillTemplate(await writeTemplate(catalog, '县民政局', 2023), {
        filledOn: new Date(Date.UTC(2023, 11, 20)),
        figures: { 'YL-02': 700 },
      }),
    );
    const kinds = async (args: string[]) => {
      const result = await run(['check', y2023, '--json', ...args]);
      const json = JSON.parse(result.stdout) as {
        files: { entries: { code: string; issues: { kind: string }[] }[] }[];
      };
      return json.files[0]!.entries.find((e) => e.code === 'YL-02')!.issues.map((i) => i.kind);
    };
    // 760 → 700 is a fall of 60, more than 30 % of the span 650 → 800 (45).
    expect(await kinds(['--history', master])).toContain('suspicious-change');
    expect(await kinds([])).not.toContain('suspicious-change');
  }, 60_000);
});
