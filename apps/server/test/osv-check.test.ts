import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../src/config';
// @ts-expect-error plain ESM script without types
import { check, isAffected, lockPackages } from '../../../scripts/osv-check.mjs';

/**
 * The dependency check (issue 14 item 6): OSV advisories against the real lockfile. The advisories are written here
 * in the OSV schema around the versions actually locked, so each must be found or not found as its range says.
 */
const lock = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package-lock.json'), 'utf8'));
const packages: Map<string, Set<string>> = lockPackages(lock);
const fastify = [...packages.get('fastify')!][0];
const [maj, min, pat] = fastify.split('.').map(Number);

const advisory = (id: string, affected: object[], extra: object = {}) => ({
  schema_version: '1.6.0',
  id,
  summary: `test advisory ${id}`,
  affected,
  database_specific: { severity: 'HIGH' },
  ...extra,
});
const range = (events: object[]) => ({
  package: { ecosystem: 'npm', name: 'fastify' },
  ranges: [{ type: 'SEMVER', events }],
});

describe('OSV check of the lockfile', () => {
  it('reads every installed package of the lockfile, workspaces excluded', () => {
    expect(packages.size).toBeGreaterThan(300);
    expect(packages.has('@regionlink/shared')).toBe(false);
    expect(packages.get('zod')!.size).toBeGreaterThanOrEqual(1);
  });

  it('finds what a range covers and nothing else', () => {
    const hits = check(
      [
        advisory('T-1', [range([{ introduced: '0' }, { fixed: `${maj}.${min}.${pat + 1}` }])]),
        advisory('T-2', [range([{ introduced: '0' }, { fixed: fastify }])]),
        advisory('T-3', [range([{ introduced: `${maj}.0.0` }, { last_affected: fastify }])]),
        advisory('T-4', [range([{ introduced: `${maj + 1}.0.0` }])]),
        advisory('T-5', [{ package: { ecosystem: 'npm', name: 'fastify' }, versions: [fastify] }]),
        advisory('T-6', [range([{ introduced: '0' }])], { withdrawn: '2026-01-01T00:00:00Z' }),
        advisory('T-7', [
          {
            package: { ecosystem: 'PyPI', name: 'fastify' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
          },
        ]),
      ],
      packages,
    );
    expect(hits.map((h: { id: string }) => h.id).sort()).toEqual(['T-1', 'T-3', 'T-5']);
    expect(hits[0]).toMatchObject({ package: 'fastify', version: fastify, severity: 'HIGH' });
  });

  it('handles several intervals in one range', () => {
    const a = range([{ introduced: '1.0.0' }, { fixed: '1.2.0' }, { introduced: '2.0.0' }, { fixed: '2.0.5' }]);
    expect(['1.1.9', '2.0.4', '1.2.0', '2.0.5', '0.9.0'].map((v) => isAffected(a, v))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('runs as a command: exit 1 with the findings, 0 when clean', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-osv-'));
    const run = () =>
      spawnSync(
        process.execPath,
        [path.join(ROOT_DIR, 'scripts/osv-check.mjs'), dir, path.join(ROOT_DIR, 'package-lock.json')],
        { encoding: 'utf8' },
      );
    fs.writeFileSync(
      path.join(dir, 'clean.json'),
      JSON.stringify(advisory('T-9', [range([{ introduced: `${maj + 1}.0.0` }])])),
    );
    expect(run().status).toBe(0);
    fs.mkdirSync(path.join(dir, 'npm'));
    fs.writeFileSync(
      path.join(dir, 'npm', 'hit.json'),
      JSON.stringify(advisory('T-10', [range([{ introduced: '0' }])])),
    );
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`T-10\tHIGH\tfastify@${fastify}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
