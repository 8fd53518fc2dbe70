import { expect, type Locator, type Page } from '@playwright/test';

/** The data explorer: controls, the grapher block (tabs, map, table, downloads). */
export class ExplorerPage {
  readonly grapher: Locator;
  readonly mapPaths: Locator;
  readonly rows: Locator;
  constructor(readonly page: Page) {
    this.grapher = page.getByTestId('grapher');
    this.mapPaths = page.locator('[data-testid="grapher-map"] svg path[data-code]');
    this.rows = page.getByTestId('grapher-row');
  }
  async open(query = '') {
    await this.page.goto(`/data${query}`);
    await expect(this.grapher).toBeVisible();
  }
  async tab(name: 'chart' | 'map' | 'table') {
    await this.page.getByTestId(`grapher-tab-${name}`).click();
  }
  async level(label: RegExp) {
    await this.page.getByTestId('level-switch').getByText(label).click();
  }
  /** The table as shown: code, name and the displayed value text of every row (one page). */
  async tableRows(): Promise<{ code: string; name: string; value: string }[]> {
    return this.rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-code') ?? '',
        name: (tr.querySelector('[data-testid="grapher-name"]')?.textContent ?? '').trim(),
        value: (tr.querySelector('[data-testid="grapher-value"]')?.firstChild?.textContent ?? '').trim(),
      })),
    );
  }
  async downloadCsv() {
    return this.download('csv');
  }
  /** Open the download menu and save one data format (csv, csv-vi, sdmx-csv, sdmx-json). */
  async download(format: 'csv' | 'csv-vi' | 'sdmx-csv' | 'sdmx-json') {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('grapher-download').click();
    await this.page.getByTestId(`download-${format}`).click();
    return download;
  }
}
