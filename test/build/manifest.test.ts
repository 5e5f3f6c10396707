import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateManifest } from '../helpers/manifest';

const ROOT = path.join(__dirname, '..', '..');
const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

describe('manifest.xml', () => {
  it('passes the offline schema check', async () => {
    expect(await validateManifest(manifest)).toEqual({ valid: true, errors: [] });
  });

  it('fails the schema check when broken, so the check can fail', async () => {
    const broken = manifest.replace(
      '<Permissions>ReadWriteDocument</Permissions>',
      '<Permissions>Everything</Permissions>',
    );
    expect((await validateManifest(broken)).valid).toBe(false);
  });

  it('points SupportUrl at the shipped help page and lists no AppDomain of its own origin', () => {
    expect(manifest).toContain('<SupportUrl DefaultValue="https://localhost:3000/help.html" />');
    expect(manifest).not.toContain('<AppDomain>');
    expect(existsSync(path.join(ROOT, 'src', 'help', 'help.html'))).toBe(true);
    // The help page loads nothing from anywhere: it must open on an intranet.
    const help = readFileSync(path.join(ROOT, 'src', 'help', 'help.html'), 'utf8');
    expect(help).not.toMatch(/\b(?:src|href)=["']https?:/);
  });

  it('asks for ExcelApi 1.9 and the least permission that works', () => {
    expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.9" />');
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(manifest).toContain('<Host Name="Workbook" />');
  });

  it('puts 一老一小核查 on the Home tab, in Chinese with an English override', () => {
    expect(manifest).toContain('<OfficeTab id="TabHome">');
    expect(manifest).toMatch(
      /<bt:String id="Button.Label" DefaultValue="一老一小核查">\s*<bt:Override Locale="en-US"/,
    );
    expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  });

  it('references icons that exist at 16, 32, 64 and 80 px', () => {
    for (const size of [16, 32, 64, 80]) {
      expect(manifest).toContain(`assets/icon-${size}.png`);
      const png = readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`));
      // PNG header, then the IHDR width and height.
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(existsSync(path.join(ROOT, 'assets', 'icon.svg'))).toBe(true);
  });
});
