import type { Download, Page } from '@playwright/test';

/** The national report page (Báo cáo tổng hợp). */
export class DocumentsPage {
  constructor(readonly page: Page) {}
  async openFromNav() {
    await this.page.getByRole('navigation', { name: 'main' }).getByTestId('nav-reporting').click();
    await this.page.getByRole('menuitem', { name: /Báo cáo tổng hợp|National report/ }).click();
  }
  get counts() {
    return this.page.getByTestId('documents-counts');
  }
  get completeness() {
    return this.page.getByTestId('documents-completeness');
  }
  get tasks() {
    return this.page.getByTestId('documents-tasks').locator('tbody tr');
  }
  button(file: string) {
    return this.page.getByTestId(`download-${file}`);
  }
  /** Click a download button and wait for the file the server generates. */
  async download(file: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 60_000 }),
      this.button(file).click(),
    ]);
    return download;
  }
}
