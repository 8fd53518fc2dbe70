import { expect, type Locator, type Page } from '@playwright/test';

/** The home map: provinces as `path[data-code]`, the vintage switch, the legend. */
export class MapPage {
  readonly provinces: Locator;
  constructor(readonly page: Page) {
    this.provinces = page.locator('svg path[data-code]');
  }
  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.provinces.first()).toBeVisible();
  }
  async showVintage(label: RegExp) {
    await this.page.getByText(label).click();
  }
  province(code: string) {
    return this.page.locator(`svg path[data-code="${code}"]`).first();
  }
}
