import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const SCHEMAS = path.join(__dirname, '..', 'schemas');

/** Validates a manifest offline against the Office add-in XSDs (test/schemas, from shared/office-schemas). */
export async function validateManifest(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const preload = readdirSync(SCHEMAS)
    .filter((f) => f.endsWith('.xsd') && f !== 'OfficeAppManifestV1_1.xsd')
    .map((f) => ({ fileName: f, contents: readFileSync(path.join(SCHEMAS, f), 'utf8') }));
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [readFileSync(path.join(SCHEMAS, 'OfficeAppManifestV1_1.xsd'), 'utf8')],
    preload,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}
