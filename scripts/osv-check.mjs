// `node scripts/osv-check.mjs OSV_DIR [LOCKFILE]`: check every package of package-lock.json against vulnerability
// advisories in the OSV format (https://ossf.github.io/osv-schema/), read from a folder of *.json files (for example
// the npm part of the GitHub Advisory Database, or osv.dev's `npm/all.zip` unzipped). Prints one line per affected
// package and exits 1 if any, 0 if none, 2 on bad input.
//
// Why a folder: the npm registry here does not answer `npm audit`, and no package in the registry ships an advisory
// database (osv-offline downloads its database from GitHub at run time). The check therefore runs wherever the
// advisories can be brought (a machine with internet access, or a mirrored copy), on this repository's lockfile.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

/** Every JSON file under `dir`. */
function* jsonFiles(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* jsonFiles(p);
    else if (e.name.endsWith('.json')) yield p;
  }
}

/** The installed packages of a v2/v3 lockfile: name → set of versions. */
export function lockPackages(lock) {
  const out = new Map();
  for (const [where, meta] of Object.entries(lock.packages ?? {})) {
    if (!where.includes('node_modules/') || meta.link || !meta.version) continue;
    const name = meta.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!out.has(name)) out.set(name, new Set());
    out.get(name).add(meta.version);
  }
  return out;
}

/** Is `version` inside one OSV `affected` entry (explicit versions, or SEMVER/ECOSYSTEM ranges of events)? */
export function isAffected(affected, version) {
  if ((affected.versions ?? []).includes(version)) return true;
  for (const range of affected.ranges ?? []) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    const events = [...(range.events ?? [])];
    let introduced = null;
    for (const ev of events) {
      if (ev.introduced !== undefined) introduced = ev.introduced === '0' ? '0.0.0-0' : ev.introduced;
      const end = ev.fixed ?? ev.last_affected ?? ev.limit;
      if (introduced && end !== undefined) {
        const upper = ev.last_affected !== undefined ? semver.lte(version, end) : semver.lt(version, end);
        if (semver.gte(version, introduced, { includePrerelease: true }) && upper) return true;
        introduced = null;
      }
    }
    if (introduced && semver.gte(version, introduced, { includePrerelease: true })) return true;
  }
  return false;
}

/** The advisories that hit the lockfile's packages: { id, package, version, summary, severity }[]. */
export function check(advisories, packages) {
  const hits = [];
  for (const adv of advisories) {
    if (adv.withdrawn) continue;
    for (const a of adv.affected ?? []) {
      if (a.package?.ecosystem !== 'npm') continue;
      for (const version of packages.get(a.package.name) ?? [])
        if (semver.valid(version) && isAffected(a, version))
          hits.push({
            id: adv.id,
            package: a.package.name,
            version,
            summary: adv.summary ?? '',
            severity: adv.database_specific?.severity ?? adv.severity?.[0]?.score ?? 'unknown',
          });
    }
  }
  return hits;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, lockPath = 'package-lock.json'] = process.argv.slice(2);
  if (!dir || !fs.existsSync(dir)) {
    console.error('usage: node scripts/osv-check.mjs OSV_DIR [LOCKFILE]');
    process.exit(2);
  }
  const packages = lockPackages(JSON.parse(fs.readFileSync(lockPath, 'utf8')));
  const advisories = [];
  for (const f of jsonFiles(dir)) {
    try {
      advisories.push(JSON.parse(fs.readFileSync(f, 'utf8')));
    } catch {
      console.error(`skipped (not JSON): ${f}`);
    }
  }
  const hits = check(advisories, packages);
  for (const h of hits) console.log(`${h.id}\t${h.severity}\t${h.package}@${h.version}\t${h.summary}`);
  console.log(
    `${advisories.length} advisories, ${[...packages.values()].reduce((n, s) => n + s.size, 0)} package versions, ${hits.length} affected`,
  );
  process.exit(hits.length ? 1 : 0);
}
