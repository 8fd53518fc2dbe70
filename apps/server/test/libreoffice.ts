import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The first sheet of a workbook as CSV (comma, double quote, UTF-8), converted by LibreOffice headless — a real
 * spreadsheet reader — with its own profile in `workDir`, where the CSV is written too.
 */
export function libreOfficeCsv(file: string, workDir: string): string {
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(workDir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76',
      '--outdir',
      workDir,
      file,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const csv = path.join(workDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.csv`);
  if (r.status !== 0 || !fs.existsSync(csv)) throw new Error(`soffice (${r.status}): ${r.stdout} ${r.stderr}`);
  return fs.readFileSync(csv, 'utf8');
}
