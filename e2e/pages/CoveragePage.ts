import { expect, type Locator, type Page } from '@playwright/test';

/** The coverage map of the regional database (`/data/coverage`): the summary table and one card per theme. */
export class CoveragePage {
  readonly table: Locator;
  readonly summaryRows: Locator;
  constructor(readonly page: Page) {
    this.table = page.getByTestId('coverage-table');
    this.summaryRows = this.table.locator('tbody tr');
  }
  async open() {
    await this.page.goto('/data/coverage');
    await expect(this.table).toBeVisible();
  }
  /** theme code → status, as the summary table shows them. */
  async statuses(): Promise<Record<string, string>> {
    const pairs = await this.summaryRows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-theme') ?? '',
        tr.querySelector('[data-status]')?.getAttribute('data-status') ?? '',
      ]),
    );
    return Object.fromEntries(pairs);
  }
  theme(code: string): Locator {
    return this.page.getByTestId(`theme-${code}`);
  }
  indicatorRow(theme: string, code: string): Locator {
    return this.theme(theme).locator(`tr[data-indicator="${code}"]`);
  }
}
