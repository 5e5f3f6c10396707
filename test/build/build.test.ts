import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validateManifest } from '../helpers/manifest';

/** The production build a deployer runs: `ADDIN_URL=https://… npm run build`. */
const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const URL = 'https://yilao.gengma.example.gov.cn/addin/';

beforeAll(() => {
  execFileSync(process.execPath, [require.resolve('webpack/bin/webpack.js'), '--mode', 'production'], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_URL: URL, OFFICE_JS: '' },
    stdio: 'pipe',
  });
}, 180_000);

describe('npm run build', () => {
  it('writes the pane with Office.js bundled beside it, loaded by its own script tag', () => {
    const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    // Loaded before the bundle by its own tag: office.js finds its host files relative to it.
    expect(html).toMatch(/<script src="?office-js\/office\.js"?><\/script>.*<script defer src="?taskpane\./s);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toMatch(/Content-Security-Policy"? content="default-src 'self'; script-src 'self';/);
    expect(existsSync(path.join(DIST, 'office-js', 'office.js'))).toBe(true);
    expect(readdirSync(path.join(DIST, 'office-js')).some((f) => f.endsWith('.debug.js'))).toBe(false);
  });

  it('splits what only 汇总 needs into a chunk loaded on demand', () => {
    const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('combine.'))).toBe(true);
    const entry = scripts.find((f) => f.startsWith('taskpane.'))!;
    // The zip reader is not in the entry bundle.
    expect(readFileSync(path.join(DIST, entry), 'utf8')).not.toContain('invalid zip data');
  });

  it('writes a production manifest that points at ADDIN_URL and passes the schema check', async () => {
    const manifest = readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('localhost');
    expect(manifest).toContain(`${URL}taskpane.html`);
    // SupportUrl is the shipped help page, at the same address; no AppDomain carries a path.
    expect(manifest).toContain(`<SupportUrl DefaultValue="${URL}help.html" />`);
    expect(manifest).not.toContain('<AppDomain>');
    expect(existsSync(path.join(DIST, 'help.html'))).toBe(true);
    expect(await validateManifest(manifest)).toEqual({ valid: true, errors: [] });
    for (const size of [16, 32, 64, 80])
      expect(existsSync(path.join(DIST, 'assets', `icon-${size}.png`))).toBe(true);
  });
});
