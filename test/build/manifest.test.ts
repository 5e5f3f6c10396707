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
