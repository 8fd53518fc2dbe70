import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

/** Sign in through the API (the form is covered by the foundation journey) in a fresh browser context. */
export async function signedIn(browser: Browser, username: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const res = await page.request.post('/api/v1/auth/login', { data: { username, password: 'regionlink-demo' } });
  expect(res.ok()).toBe(true);
  return { ctx, page };
}

/** A submission page: the reporter's editor and MoF's review actions. */
export class SubmissionPage {
  constructor(readonly page: Page) {}
  task(code: string) {
    return this.page.getByTestId(`task-${code}`);
  }
  async chooseStatus(code: string, label: RegExp) {
    await this.page.getByTestId(`status-${code}`).click();
    await this.page.getByRole('option', { name: label }).click();
  }
  async typeNarrative(code: string, text: string, replace = false) {
    const editor = this.task(code).locator('.ProseMirror');
    await editor.click();
    if (replace) await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }
  async attach(code: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.task(code)
      .getByRole('button', { name: /Đính kèm tệp|Attach a file/ })
      .click();
    await (await chooser).setFiles(file);
  }
  async waitSaved() {
    await expect(this.page.getByTestId('save-state')).toContainText(/Đã lưu lúc|Saved at/, { timeout: 15_000 });
  }
  state() {
    return this.page.getByTestId('state-badge').first();
  }
  async submit() {
    await this.page.getByTestId('submit-report').click();
    await this.page.getByTestId('confirm-submit').click();
  }
  async returnWith(reason: string, taskCode: string, comment: string) {
    await this.page.getByTestId('return-report').click();
    await this.page.getByTestId('return-reason').fill(reason);
    await this.page.getByTestId(`return-comment-${taskCode}`).fill(comment);
    await this.page.getByTestId('confirm-return').click();
  }
  async accept() {
    await this.page.getByTestId('accept-report').click();
    await this.page.getByTestId('confirm-accept').click();
  }
}
