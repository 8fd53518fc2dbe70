import { gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAs } from '../src/db/actor';
import type { Database, Db } from '../src/db/client';
import {
  councilBottleneckEvents,
  councilBottlenecks,
  councilConclusions,
  councilFollowUpEvents,
  councilFollowUps,
  councilMeetings,
  councils,
} from '../src/modules/councils/councils.schema';
import { loadCouncilsDemo } from '../src/modules/councils/councils.seed';
import { milestones, progressUpdates } from '../src/modules/plans/plans.schema';
import { loadPlansDemo } from '../src/modules/plans/plans.seed';
import { demoShiftDays, officialDmy, shiftDemo, shiftText } from '../src/modules/reporting/demo-dates';
import { contributionDemo } from '../src/modules/statistics/contribution.seed';
import { TEST_ENGINE } from './engine';
import { createTestDatabase } from './helpers';

const DAYS = ['2026-12-07', '2027-06-01', '2028-02-15'];
const years = (text: string) => [...text.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]));
const yearOf = (day: string) => Number(day.slice(0, 4));

describe('the demo shift rule (pure)', () => {
  it('moves forward only, by whole weeks, from the day a file was written for', () => {
    expect(demoShiftDays('2026-12-01', '2024-12-02')).toBe(0);
    expect(demoShiftDays('2026-12-01', '2026-12-07')).toBe(0);
    expect(demoShiftDays('2026-12-01', '2026-12-08')).toBe(7);
    expect(demoShiftDays('2026-12-01', '2027-06-01')).toBe(182);
    expect(demoShiftDays('2026-12-01', '2028-02-15') % 7).toBe(0);
  });

  it('writes dates as letters do and lets texts follow their dates; fixed objects keep theirs', () => {
    expect(officialDmy('2026-02-05')).toBe('05/02/2026');
    expect(officialDmy('2026-03-18')).toBe('18/3/2026');
    expect(shiftText('trong quý {q:2026-03-31} năm {y:2026-03-31}, trước ngày {d:2026-03-31}', 182)).toBe(
      'trong quý III năm 2026, trước ngày 29/9/2026',
    );
    expect(shiftText('tháng {m:2026-12-18}/{y:2026-12-18}', 182)).toBe('tháng 6/2027');
    const out = shiftDemo({ on: '2026-06-19', t: 'năm {y:2026-06-19}', f: { fixed: true, on: '2025-08-22' } }, 196);
    expect(out).toEqual({ on: '2027-01-01', t: 'năm 2027', f: { fixed: true, on: '2025-08-22' } });
  });

  it('keeps one sharing agreement in force and one expired, and the request ahead, on any seed day', () => {
    for (const day of DAYS) {
      const d = contributionDemo(day);
      expect(d.agreements.filter((a) => a.validFrom! <= day && day <= a.validTo!)).toHaveLength(1);
      expect(d.agreements.filter((a) => a.validTo! < day)).toHaveLength(1);
      expect(d.request.wantedFrom < d.request.wantedTo).toBe(true);
    }
  });
});

describe(`the councils and plans demo seeded on different days (${TEST_ENGINE})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Seed both demos on `day` in a transaction, hand the new rows to `check`, then roll everything back. */
  const seedOn = (day: string, check: (tx: Db, before: Record<string, number>) => Promise<void>) =>
    runAs({ userId: null, organisationId: null, requestId: null, source: 'system' }, async () => {
      const rollback = new Error('rollback');
      await database.db
        .transaction(async (t) => {
          const tx = t as unknown as Db;
          await tx.execute(sql`select set_config('regionlink.audit', 'off', true)`);
          // the template was seeded once already: its demo rows give way to this day's
          await tx.execute(sql`delete from council_members where is_demo`);
          await tx.execute(sql`delete from project_organisations where is_demo`);
          await tx.execute(sql`delete from funding_lines where is_demo`);
          await tx.execute(sql`update rf_indicators set code = code || '-seeded' where is_demo`);
          const before = await maxIds(tx);
          await loadPlansDemo(tx, day);
          await loadCouncilsDemo(tx, day);
          await check(tx, before);
          throw rollback;
        })
        .catch((e) => {
          if (e !== rollback) throw e;
        });
    });

  for (const day of DAYS)
    it(`seeded on ${day}: a meeting ahead, nothing done after the day, deadlines on both sides, years that agree`, async () => {
      await seedOn(day, async (tx, firstNew) => {
        const meetings = await tx.select().from(councilMeetings).where(gt(councilMeetings.id, firstNew.meeting));
        expect(meetings).toHaveLength(5);
        const ahead = meetings.filter((m) => m.heldOn > day);
        expect(ahead.length).toBeGreaterThan(0);
        for (const m of ahead) expect(m).toMatchObject({ status: 'scheduled', minutes: null, noticeDate: null });
        const all = await tx.select().from(councils);
        for (const m of meetings) {
          if (m.minutes || m.noticeDate) expect(m.heldOn <= day && m.noticeDate! <= day).toBe(true);
          for (const y of years(m.titleVi)) expect(y).toBe(yearOf(m.heldOn));
          const c = all.find((x) => x.id === m.councilId)!;
          expect(c.validFrom <= m.heldOn && (!c.validTo || m.heldOn <= c.validTo)).toBe(true);
        }
        const ids = meetings.map((m) => m.id);
        const cons = (await tx.select().from(councilConclusions)).filter((c) => ids.includes(c.meetingId));
        const fus = (await tx.select().from(councilFollowUps)).filter((f) => cons.some((c) => c.id === f.conclusionId));
        expect(fus.length).toBeGreaterThan(10);
        expect(fus.some((f) => f.dueOn < day) && fus.some((f) => f.dueOn > day)).toBe(true);
        for (const f of fus) {
          const text = cons.find((c) => c.id === f.conclusionId)!.textVi;
          expect(years(text)).toContain(yearOf(f.dueOn));
          const by = text.match(/trước ngày (\d\d\/\d\d?\/\d{4})/);
          if (by) expect(by[1]).toBe(officialDmy(f.dueOn));
        }
        const fuIds = fus.map((f) => f.id);
        for (const e of (await tx.select().from(councilFollowUpEvents)).filter((e) => fuIds.includes(e.followUpId)))
          expect(e.onDate <= day).toBe(true);
        const bns = await tx.select().from(councilBottlenecks).where(gt(councilBottlenecks.id, firstNew.bottleneck));
        expect(bns).toHaveLength(5);
        for (const b of bns) expect(b.raisedOn <= day).toBe(true);
        const bnIds = bns.map((b) => b.id);
        for (const e of (await tx.select().from(councilBottleneckEvents)).filter((e) => bnIds.includes(e.bottleneckId)))
          expect(e.onDate <= day).toBe(true);

        const ups = await tx.select().from(progressUpdates).where(gt(progressUpdates.id, firstNew.update));
        expect(ups.length).toBeGreaterThan(5);
        for (const u of ups) {
          expect(u.asOf <= day).toBe(true);
          for (const y of years(u.narrative.replace(/quý .*$/, ''))) expect(y).toBeLessThanOrEqual(yearOf(u.asOf));
        }
        const draft = ups.find((u) => u.state === 'draft')!;
        expect(draft.narrative).toContain(`/${yearOf(draft.asOf)}.`);
        const ms = await tx.select().from(milestones).where(gt(milestones.id, firstNew.milestone));
        for (const m of ms) if (m.actualDate) expect(m.actualDate <= day).toBe(true);
        const open = ms.filter((m) => !m.actualDate);
        expect(open.some((m) => m.plannedDate! < day) && open.some((m) => m.plannedDate! > day)).toBe(true);
      });
    });
});

/** The largest ids before this seed: rows above them are the ones it wrote. */
async function maxIds(tx: Db): Promise<Record<string, number>> {
  const r = (await tx.execute(sql`select
      (select coalesce(max(id), 0) from council_meetings) as meeting,
      (select coalesce(max(id), 0) from council_bottlenecks) as bottleneck,
      (select coalesce(max(id), 0) from progress_updates) as update,
      (select coalesce(max(id), 0) from milestones) as milestone`)) as unknown as { rows: Record<string, unknown>[] };
  return Object.fromEntries(Object.entries(r.rows[0]).map(([k, v]) => [k, Number(v)]));
}
