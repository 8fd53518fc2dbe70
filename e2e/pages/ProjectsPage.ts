import { expect, type Locator, type Page } from '@playwright/test';

/** The project registry: filters, the table, the tabs. */
export class ProjectsPage {
  readonly table: Locator;
  readonly count: Locator;
  constructor(readonly page: Page) {
    this.table = page.getByTestId('registry-table');
    this.count = page.getByTestId('project-count');
  }
  async open(query = '') {
    await this.page.goto(`/projects${query}`);
    await expect(this.table.locator('tbody tr').first()).toBeVisible();
  }
  async filterRegion(name: string) {
    await this.page.getByRole('combobox', { name: 'Vùng', exact: true }).click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }
  row(code: string) {
    return this.table.locator(`tr[data-code="${code}"]`);
  }
  async openProject(code: string) {
    await this.row(code).getByRole('link').click();
  }
}

/** A project's page: facts, provinces, the map, money, milestones and progress. */
export class ProjectPage {
  constructor(readonly page: Page) {}
  async open(code: string) {
    await this.page.goto(`/projects/${code}`);
    await expect(this.page.getByTestId('project-name')).toBeVisible();
  }
  line(code: string) {
    return this.page.locator(`svg polyline[data-project="${code}"]`);
  }
  async showGeography(label: RegExp) {
    await this.page.getByTestId('project-map-vintage').getByText(label).click();
  }
  get form() {
    return this.page.getByTestId('progress-form');
  }
  async postUpdate(opts: {
    narrative: string;
    percent: number;
    file: { name: string; mimeType: string; buffer: Buffer };
  }) {
    await this.form.getByLabel(/Tỷ lệ hoàn thành/).fill(String(opts.percent));
    await this.form.getByLabel('Nội dung báo cáo').fill(opts.narrative);
    await this.form.locator('input[type="file"]').setInputFiles(opts.file);
    await this.form.getByRole('button', { name: 'Công bố' }).click();
  }
}
