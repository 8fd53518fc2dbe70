/**
 * The drafter's measurements (issue 12) and its speed, on the embedded database (PGlite in memory) with the demo data,
 * through the product's API (Fastify `inject`) and its services:
 *
 * - the demo cycle (its year follows today's date), every received report accepted through the workflow: words of each drafted task paragraph,
 *   accepted organisations named in Part I, themes in Parts II and III, letter points, no "Chưa có báo cáo" in the
 *   exported report.docx;
 * - 2025 cycle with MoF's stored text set aside: words drafted for the letter and the report as a share of the real
 *   package's words (`reference/domain/mof-res57-report-2025.txt`), and the share of the real report's Part I sentences
 *   whose organisations and figures appear in the drafted paragraph of the same task;
 * - drafting a whole cycle: creating the draft through the API (read service, drafter, store), median of RUNS.
 *
 *   npx tsx bench/drafting.ts        (also run by `npm run bench`; RUNS=5 by default)
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { buildApp } from '../apps/server/src/app';
import { REFERENCE_DIR, readConfig } from '../apps/server/src/config';
import { openPglite } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';
import { DEMO_PASSWORD } from '../apps/server/src/modules/access/access.seed';
import { placeName } from '../apps/server/src/modules/documents/drafting/attribution';
import {
  draftedWords,
  letterPointWords,
  partOneSentenceCoverage,
  taskMeasures,
  themeCounts,
  unnamedOrganisations,
} from '../apps/server/src/modules/documents/drafting/measure';
import { draftingResources } from '../apps/server/src/modules/documents/drafting/resources';
import { wordCount } from '../apps/server/src/modules/documents/drafting/text';
import { parseNarrative } from '../apps/server/src/modules/reporting/narrative';

const RUNS = Number(process.env.RUNS ?? 5);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1).replace('.', ',')} %`;

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The forms an organisation's name takes in report text. */
function nameForms(nameVi: string, group: string): string[] {
  const printed = nameVi
    .replace(/^Ủy ban nhân dân thành phố /u, 'UBND thành phố ')
    .replace(/^Ủy ban nhân dân /u, 'UBND ');
  if (group === 'locality') return [placeName(printed)];
  return [nameVi, nameVi.replace(/ Việt Nam$/u, '')];
}

/** Run the measurements and print them; returns the figures for callers (bench/run.ts). */
export async function runDraftingBench(log: (s: string) => void = console.log) {
  const database = await openPglite(null);
  await migrate(database);
  await loadReferenceData(database, { demo: true, log: () => {} });
  const app = await buildApp(database, { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 }, { webDist: null });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin.mof', password: DEMO_PASSWORD },
  });
  const cookie = `rl_session=${login.cookies.find((c) => c.name === 'rl_session')!.value}`;
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, ifMatch?: string) => {
    const r = await app.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r;
  };
  const cycles = JSON.parse((await call('GET', '/api/v1/cycles')).body).items as { id: number; year: number }[];
  // The demo cycle's year follows the day of seeding (reporting.seed.ts); 2025 is the document's real cycle.
  const demo = cycles.filter((c) => c.year !== 2025).sort((a, b) => b.year - a.year)[0];
  if (!demo) throw new Error('no demo reporting cycle');
  const cDemo = demo.id;
  const c2025 = cycles.find((c) => c.year === 2025)!.id;

  // The demo cycle: accept every received report through the workflow, then draft.
  const subs = JSON.parse((await call('GET', `/api/v1/cycles/${cDemo}/submissions`)).body).items as {
    id: number;
    state: string;
  }[];
  let accepted = 0;
  for (const s of subs.filter((x) => x.state === 'submitted')) {
    const got = await call('GET', `/api/v1/submissions/${s.id}`);
    await call('POST', `/api/v1/submissions/${s.id}/accept`, {}, got.headers.etag as string);
    accepted++;
  }
  const base = `/api/v1/cycles/${cDemo}/report`;
  const t0 = performance.now();
  await call('POST', `${base}/draft`, {});
  const firstDraft = performance.now() - t0;
  const draft = JSON.parse((await call('GET', `${base}/draft`)).body);
  const model = draft.model;
  const tasks = taskMeasures(model);
  const words = tasks.map((t) => t.words);
  const source = JSON.parse((await call('GET', `/api/v1/cycles/${cDemo}/report-source`)).body);
  const names = new Map<string, string[]>();
  for (const t of source.tasks)
    for (const e of t.entries) if (e.narrativeHtml) names.set(e.orgCode, nameForms(e.orgNameVi, e.group));
  const unnamed = unnamedOrganisations(model, names);
  const themes = themeCounts(model);
  const points = letterPointWords(model);
  const docx = await JSZip.loadAsync((await call('GET', `${base}/report.docx`)).rawPayload);
  const xml = await docx.file('word/document.xml')!.async('string');
  const notes = (await docx.file('word/footnotes.xml')?.async('string')) ?? '';
  const plain = (x: string) => x.replace(/<[^>]+>/g, '');
  const noReport = (plain(xml) + plain(notes)).includes('Chưa có báo cáo');

  log(`Drafter on the ${demo.year} demo cycle (${accepted} received reports accepted first; PGlite in memory):`);
  log(
    `  task paragraphs: ${tasks.length} tasks with an accepted contribution; words in the body min ${Math.min(...words)}, median ${median(words)}, max ${Math.max(...words)}; under 40 words: ${words.filter((w) => w < 40).length}`,
  );
  log(
    `  accepted organisations named in Part I (text or footnotes): ${names.size - unnamed.length} of ${names.size}${unnamed.length ? ` (not named: ${unnamed.join(', ')})` : ''}`,
  );
  log(
    `  themes: Part II ${themes.partTwo}, Part III ${themes.partThree}; letter points 1–3 words: ${points.join(', ')}`,
  );
  log(`  "Chưa có báo cáo" in the exported report.docx: ${noReport ? 'YES' : 'no'}`);

  // 2025 with MoF's stored text set aside.
  const { draftModelOf } = await import('../apps/server/src/modules/documents/drafts.service');
  const admin = await sessionUser(database, cookie);
  const m25 = await draftModelOf(database.db, admin, c2025, { setAsideAssessments: true });
  const real = fs.readFileSync(path.join(REFERENCE_DIR, 'domain/mof-res57-report-2025.txt'), 'utf8');
  const realWords = wordCount(real);
  const realLetterReport = wordCount(real.slice(0, real.indexOf('**Phụ lục**')));
  const dw = draftedWords(m25);
  const s25 = JSON.parse((await call('GET', `/api/v1/cycles/${c2025}/report-source`)).body);
  const names25 = new Map<string, string[]>();
  for (const r of [...s25.register.central, ...s25.register.locality])
    names25.set(r.orgCode, nameForms(r.orgNameVi, s25.register.central.includes(r) ? 'central' : 'locality'));
  const realTasks = s25.tasks
    .filter((t: { assessmentHtml: string | null }) => t.assessmentHtml)
    .map((t: { code: string; assessmentHtml: string }) => {
      const n = parseNarrative(t.assessmentHtml);
      return {
        code: t.code,
        text: [...n.blocks.map((b) => b.runs.map((r) => (r.footnote ? '' : r.text)).join('')), ...n.footnotes].join(
          '\n',
        ),
      };
    });
  const cov = partOneSentenceCoverage(m25, realTasks, names25, draftingResources().phrases.abbreviations);
  log('Drafter on the 2025 cycle, MoF’s stored text set aside:');
  log(
    `  words drafted: letter ${dw.letter}, report ${dw.report}, together ${dw.letter + dw.report} = ${pct(dw.letter + dw.report, realWords)} of the real package's ${realWords} words (${pct(dw.letter + dw.report, realLetterReport)} of its letter and report, ${realLetterReport} words)`,
  );
  log(
    `  real Part I sentences naming an organisation or a figure: ${cov.sentences}; whose organisations and figures all appear in the drafted paragraph of the same task: ${cov.covered} (${pct(cov.covered, cov.sentences)})`,
  );
  for (const miss of cov.misses.slice(0, 5))
    log(
      `    e.g. not covered (${miss.task}, missing ${miss.missing.slice(0, 4).join(', ')}): ${miss.sentence.slice(0, 110)}…`,
    );

  // Speed: drafting a whole cycle through the API (delete and create again), median of RUNS.
  const samples: number[] = [];
  const samples25: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await database.query('delete from report_drafts where cycle_id = $1', [cDemo]);
    let t = performance.now();
    await call('POST', `${base}/draft`, {});
    samples.push(performance.now() - t);
    t = performance.now();
    await draftModelOf(database.db, admin, c2025, { setAsideAssessments: true });
    samples25.push(performance.now() - t);
  }
  log('Drafting a whole cycle (PGlite in memory):');
  log(
    `  ${demo.year} demo, POST …/report/draft (read service, drafter, store): first ${fmt(firstDraft)}, median ${fmt(median(samples))} (min ${fmt(Math.min(...samples))}, max ${fmt(Math.max(...samples))}) — goal < 3 s ${median(samples) < 3000 ? 'met' : 'NOT met'}`,
  );
  log(
    `  2025 (38 reports, 28 tasks drafted from 110 contributions): median ${fmt(median(samples25))} (min ${fmt(Math.min(...samples25))}, max ${fmt(Math.max(...samples25))}) — goal < 3 s ${median(samples25) < 3000 ? 'met' : 'NOT met'}`,
  );
  await app.close();
  await database.close();
  return { tasks, unnamed, themes, points, noReport, dw, realWords, cov, samples, samples25 };
}

async function sessionUser(database: Awaited<ReturnType<typeof openPglite>>, cookie: string) {
  const { resolveSession } = await import('../apps/server/src/modules/access/access.service');
  return resolveSession(database.db, cookie.replace(/^rl_session=/, ''));
}

if (import.meta.url === `file://${process.argv[1]}`)
  runDraftingBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
