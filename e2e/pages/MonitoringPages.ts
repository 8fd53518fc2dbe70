import type { Page } from '@playwright/test';

/** The monitoring pages: the scorecard, a province's decomposition, the candidate duplicates. */
export class MonitoringPages {
  constructor(readonly page: Page) {}
  openScorecard(year = 2024) {
    return this.page.goto(`/monitoring?year=${year}`);
  }
  ranking() {
    return this.page.getByTestId('scorecard-ranking');
  }
  row(code: string) {
    return this.ranking().locator(`tr[data-province="${code}"]`);
  }
  component(code: string) {
    return this.page.locator(`[data-component="${code}"]`);
  }
  openDuplicates(region = 'NMM') {
    return this.page.goto(`/monitoring/duplicates?region=${region}`);
  }
  pair(key: string) {
    return this.page.locator(`tr[data-pair="${key}"]`);
  }
}
