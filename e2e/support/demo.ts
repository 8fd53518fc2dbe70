import { demoCycleDates, demoToday } from '../../apps/server/src/modules/reporting/demo-dates';

/**
 * The demo cycle the journeys' server was seeded with: DEMO_TODAY (playwright.config.ts) is its seed day, the real
 * 2025 cycle the only real one. The journeys read its year here instead of writing it down.
 */
export const DEMO = demoCycleDates(demoToday(), [2025]);
