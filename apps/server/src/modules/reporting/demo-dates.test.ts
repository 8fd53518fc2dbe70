import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestDatabase } from '../../../test/helpers';
import { runAs } from '../../db/actor';
import type { Database, Db } from '../../db/client';
import { addDays, demoCycleDates, demoReportYear, demoToday, withYear } from './demo-dates';
import { reportingCycles, submissionEvents, submissions, submissionTasks, taskComments } from './reporting.schema';
import { loadDemoCycle } from './reporting.seed';

describe('the demo day and the demo cycle’s year', () => {
  it('reads DEMO_TODAY, refuses a non-date, and defaults to today in Asia/Ho_Chi_Minh', () => {
    expect(demoToday({ DEMO_TODAY: '2027-03-15' })).toBe('2027-03-15');
    expect(() => demoToday({ DEMO_TODAY: '2027-02-30' })).toThrow(/DEMO_TODAY/);
    expect(() => demoToday({ DEMO_TODAY: '15/03/2027' })).toThrow(/DEMO_TODAY/);
    // 18:00 UTC on 6 December is already 7 December in Hà Nội.
    expect(demoToday({}, new Date('2026-12-06T18:00:00Z'))).toBe('2026-12-07');
    expect(demoToday({}, new Date('2026-12-06T16:59:00Z'))).toBe('2026-12-06');
  });

  it('reports on the year of a request sent in October–December, on the year before earlier, never on a real cycle’s year', () => {
    expect(demoReportYear('2026-11-15', 10)).toBe(2026);
    expect(demoReportYear('2026-10-01', 10)).toBe(2026);
    expect(demoReportYear('2027-02-22', 10)).toBe(2026);
    expect(demoReportYear('2026-03-01', 10, [2025])).toBe(2026);
    expect(demoReportYear('2025-11-01', 10, [2025, 2026])).toBe(2027);
    expect(withYear('năm {Y}, {Y-1} và {Y+1}', 2026)).toBe('năm 2026, 2025 và 2027');
  });

  it('opens the cycle before the day and sets its deadline and cut-off after it, across a year end', () => {
    for (const day of ['2026-12-06', '2027-01-05', '2027-07-31']) {
      const d = demoCycleDates(day, [2025]);
      expect(d.requestDate < day && day < d.deadline && d.deadline <= d.cutoff).toBe(true);
      expect(d.draftCreated > d.requestDate && d.draftUpdated < day).toBe(true);
    }
    expect(addDays('2026-12-20', 16)).toBe('2027-01-05');
  });
});

describe(`the demo cycle seeded on different days (${TEST_ENGINE})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const seedOn = (day: string) =>
    runAs({ userId: null, organisationId: null, requestId: null, source: 'system' }, () =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('regionlink.audit', 'off', true)`);
        return loadDemoCycle(tx as unknown as Db, day);
      }),
    );

  for (const [day, year] of [
    ['2026-11-20', 2026],
    ['2027-03-15', 2026],
    ['2028-01-10', 2027],
  ] as const)
    it(`seeded on ${day}: open, due after the day, year ${year}, nothing dated after the day`, async () => {
      const loaded = await seedOn(day);
      expect(loaded).toMatchObject({ today: day, year });
      const db = database.db;
      const [c] = await db.select().from(reportingCycles).where(eq(reportingCycles.id, loaded.cycleId));
      expect(c).toMatchObject({ status: 'open', demo: true, year });
      expect(c.nameVi).toContain(`năm ${year}`);
      expect(c.requestDate! < day).toBe(true);
      expect(c.deadline! > day).toBe(true);
      expect(c.cutoff! >= c.deadline!).toBe(true);

      const subs = await db.select().from(submissions).where(eq(submissions.cycleId, c.id));
      expect(subs.filter((s) => s.receivedOn)).toHaveLength(14);
      const endOfDay = Date.parse(`${day}T23:59:59+07:00`);
      for (const s of subs) {
        for (const d of [s.docDate, s.receivedOn]) if (d) expect(d >= c.requestDate! && d <= day).toBe(true);
        // nobody is late: every report received so far came before the deadline
        if (s.receivedOn) expect(s.receivedOn <= c.deadline!).toBe(true);
        for (const at of [s.createdAt, s.updatedAt, s.submittedAt, s.acceptedAt])
          if (at) expect(Date.parse(String(at))).toBeLessThanOrEqual(endOfDay);
        const events = await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, s.id));
        for (const e of events) expect(Date.parse(String(e.at))).toBeLessThanOrEqual(endOfDay);
        const comments = await db.select().from(taskComments).where(eq(taskComments.submissionId, s.id));
        for (const k of comments) expect(Date.parse(String(k.createdAt))).toBeLessThanOrEqual(endOfDay);
      }
      // the narratives speak of the report year; no placeholder is left
      const ids = subs.map((s) => s.id);
      const texts = (await db.select().from(submissionTasks)).filter((t) => ids.includes(t.submissionId));
      const all = texts.map((t) => t.narrativeText).join('\n');
      expect(all).toContain(`Năm ${year}, tỉnh đã hoàn thành`);
      expect(all).not.toMatch(/\{Y/);
    });
});
