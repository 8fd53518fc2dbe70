import { formatDateVi } from '@regionlink/shared';
import { demoCycleDates, demoToday } from '../src/modules/reporting/demo-dates';
import { demoSubmissions } from '../src/modules/reporting/reporting.seed';

/**
 * The demo cycle the test database was seeded with: its seed day is DEMO_TODAY (vitest.config.ts), its year skips the
 * real 2025 cycle's. Tests read the demo's year and dates here instead of writing them down.
 */
export const DEMO = demoCycleDates(demoToday(), [2025]);

/** The seeded demo submission of an organisation (document number and dates). */
export const demoSubmission = (code: string) => demoSubmissions(DEMO.today, DEMO.year).find((s) => s.code === code)!;

/** `2024-12-18` → `18/12/2024`, as the letters and the drafts write dates. */
export const dmy = (iso: string) => formatDateVi(iso);
