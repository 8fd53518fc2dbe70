import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFERENCE_DIR } from '../src/config';

/** The official IATI 2.03 activity schema shipped in the repository (`reference/iati/`). */
export const IATI_SCHEMA = path.join(REFERENCE_DIR, 'iati', 'iati-activities-schema.xsd');

/**
 * Validate an XML document against an XML Schema with libxml2's `xmllint --schema` (a real, independent reader).
 * Returns whether it validates and xmllint's own output, printed in test logs for the record.
 */
export function xmllintSchema(xml: string, schema: string): { valid: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-xmllint-'));
  const file = path.join(dir, 'document.xml');
  try {
    fs.writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    if (r.error) throw r.error;
    const output = `${r.stdout}${r.stderr}`.replaceAll(dir, '.').trim();
    return { valid: r.status === 0 && /validates$/.test(output), output };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
