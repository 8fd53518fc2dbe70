import { openPostgres } from '../../db/client';
import { getScorecard } from './scorecard.service';
import { listDuplicates } from './duplicates.service';
/**
 * Print the figures of docs/monitoring.md: the year's top and bottom five provinces with rank intervals and driving
 * components, and the candidate duplicates of the NMM registry (neighbours only, and within 150 km).
 * Usage: DATABASE_URL=postgres://… npx tsx apps/server/src/modules/monitoring/figures.cli.ts [year]
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a migrated, seeded database.');
  const year = Number(process.argv[2] ?? 2024);
  const d = await openPostgres(url);
  const c = await getScorecard(d.db, { year });
  const name = (k: string) => c.components.find((x) => x.code === k)!.nameVi;
  const r = c.provinces.filter((p) => p.rank !== null).sort((a, b) => a.rank! - b.rank!);
  console.log('ranked', r.length, 'of', c.provinces.length, 'variants', c.variants);
  const row = (p: (typeof r)[number]) =>
    `| ${p.rank} | ${p.nameVi} (${p.code}) | ${p.score!.toFixed(2)} | ${p.best}–${p.worst} | ${p.driver!.lift >= 0 ? 'nâng: ' : 'kéo xuống: '}${name(p.driver!.code)} (${p.driver!.lift >= 0 ? '+' : ''}${p.driver!.lift.toFixed(2)}) |`;
  for (const p of r.slice(0, 5)) console.log(row(p));
  console.log('...');
  for (const p of r.slice(-5)) console.log(row(p));
  console.log(
    'unranked:',
    c.provinces
      .filter((p) => p.rank === null)
      .map((p) => p.nameVi)
      .join(', '),
  );
  for (const km of [null, 150]) {
    const dup = await listDuplicates(d.db, { region: 'NMM', withinKm: km ?? undefined });
    console.log('withinKm', km, JSON.stringify(dup.counts));
    for (const g of dup.groups) {
      console.log(
        `* ${g.sector} / ${g.type}: ${g.projects.map((p) => `${p.code} ${p.nameVi} (${p.provinces.map((x) => x.nameVi).join(', ')}; ${p.phaseFrom}–${p.phaseTo}${p.phaseAssumed ? ' giả định' : ''}${p.planned !== null ? `; KH ${p.planned}` : ''})`).join('; ')}`,
      );
      console.log(`  pairs: ${g.pairs.map((p) => `${p.key}${p.adjacent ? '' : ` (${p.distanceKm} km)`}`).join(', ')}`);
    }
  }
  await d.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
