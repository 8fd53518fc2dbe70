import type { Locator, Page } from '@playwright/test';

/** The councils pages: a council's tabs, a meeting's Office editors, a follow-up, a bottleneck. */
export class CouncilPages {
  constructor(readonly page: Page) {}

  async openCouncil(name: RegExp) {
    await this.page.goto('/councils');
    await this.page.getByTestId('councils-table').first().getByRole('link', { name }).click();
  }

  tab(name: RegExp): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** Pick an option of a Mantine Select or MultiSelect by typing part of its label. */
  async choose(field: Locator, text: string) {
    await field.click();
    // a searchable select filters as one types; a plain one is read-only and lists every option
    if (await field.isEditable()) await field.fill(text);
    await this.page
      .getByRole('option', { name: new RegExp(text) })
      .first()
      .click();
  }

  section(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Sign out through the user menu. */
  async signOut() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByRole('menuitem', { name: /Đăng xuất|Sign out/ }).click();
  }
}
