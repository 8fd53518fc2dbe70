import type { Download, Page } from '@playwright/test';

/** A cycle's national report draft (/documents/cycles/:id). */
export class ReportDraftPage {
  constructor(readonly page: Page) {}
  tab(name: RegExp) {
    return this.page.getByRole('tab', { name });
  }
  unit(key: string) {
    return this.page.getByTestId(`unit-${key}`);
  }
  /** The editable text area of a unit's editor. */
  editor(key: string) {
    return this.page.getByTestId(`editor-${key}`).locator('.ProseMirror');
  }
  save(key: string) {
    return this.page.getByTestId(`save-${key}`);
  }
  /** Click a download button and wait for the file the server generates. */
  async download(testId: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 90_000 }),
      this.page.getByTestId(testId).click(),
    ]);
    return download;
  }
  /** Pick a value in a Mantine Select or MultiSelect of the statistics table picker (by its test id). */
  async pick(testId: string, option: string | RegExp) {
    await this.page.getByTestId(testId).click({ force: true });
    await this.page.getByRole('option', { name: option }).first().click();
    await this.page.keyboard.press('Escape');
  }
}
