import { expect, type Locator, type Page } from '@playwright/test';

/** The province profile: key figures with ranks and sparklines, former provinces, peers, grapher of the region. */
export class ProvinceProfilePage {
  readonly figures: Locator;
  constructor(readonly page: Page) {
    this.figures = page.getByTestId('key-figure');
  }
  async open(code: string, query = '') {
    await this.page.goto(`/analytics/province/${code}${query}`);
    await expect(this.page.getByTestId('profile-name')).toBeVisible();
    await expect(this.figures.first()).toBeVisible();
  }
  figure(indicator: string): Locator {
    return this.page.locator(`[data-testid="key-figure"][data-indicator="${indicator}"]`);
  }
  /** "23/34" → { rank: 23, of: 34 }. */
  async rank(indicator: string, which: 'national' | 'region') {
    const text = (await this.figure(indicator).getByTestId(`rank-${which}`).textContent()) ?? '';
    const [rank, of] = text.trim().split('/').map(Number);
    return { rank, of };
  }
  peers(): Locator {
    return this.page.getByTestId('peer');
  }
}

/** The composite-index page: the builder (indicators, direction, weight, year), the map and the ranking. */
export class IndexPage {
  readonly items: Locator;
  readonly rows: Locator;
  readonly mapPaths: Locator;
  constructor(readonly page: Page) {
    this.items = page.getByTestId('index-item');
    this.rows = page.getByTestId('index-row');
    this.mapPaths = page.locator('[data-testid="grapher-map"] svg path[data-code]');
  }
  async open(query = '') {
    await this.page.goto(`/analytics/index${query}`);
    await expect(this.page.getByTestId('index-builder')).toBeVisible();
  }
  /** Add an indicator by (part of) its name as listed in the picker. */
  async add(name: string | RegExp) {
    const input = this.page.getByTestId('index-add');
    await input.click();
    if (typeof name === 'string') await input.fill(name);
    await this.page.getByRole('option', { name }).first().click();
  }
  async direction(code: string, label: RegExp) {
    await this.page.locator(`[data-testid="index-item"][data-code="${code}"]`).getByText(label).click();
  }
  async weight(code: string, weight: number) {
    const box = this.page.locator(`[data-testid="index-item"][data-code="${code}"]`).getByRole('textbox');
    await box.fill(String(weight));
  }
  /** The ranking as shown: code, rank and score (parsed from vi-VN). */
  async ranking(): Promise<{ code: string; rank: number | null; score: number | null }[]> {
    return this.rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = tr.querySelectorAll('td');
        const score = (tr.querySelector('[data-testid="index-score"]')?.textContent ?? '').trim();
        const rank = (cells[0]?.textContent ?? '').trim();
        return {
          code: tr.getAttribute('data-code') ?? '',
          rank: /^\d+$/.test(rank) ? Number(rank) : null,
          score: score === '—' ? null : Number(score.replace(/\./g, '').replace(',', '.')),
        };
      }),
    );
  }
}
