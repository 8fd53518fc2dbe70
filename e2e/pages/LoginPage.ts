import type { Page } from '@playwright/test';

/** The sign-in form. */
export class LoginPage {
  constructor(readonly page: Page) {}
  async signIn(username: string, password = 'regionlink-demo') {
    await this.page.goto('/login');
    await this.page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await this.page.getByLabel(/Mật khẩu|Password/).fill(password);
    await this.page
      .locator('form')
      .getByRole('button', { name: /Đăng nhập|Sign in/ })
      .click();
  }
}
