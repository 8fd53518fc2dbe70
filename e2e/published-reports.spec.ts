import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO } from './support/demo';

/** A journalist, not signed in, finds the national report MoF published and downloads its letter. */
test('the published national report is listed for the public with its files', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('nav-reporting').click();
  await page.getByRole('menuitem', { name: 'Báo cáo đã công bố' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo đã công bố');
  const card = page.getByTestId('published-2025');
  await expect(card).toContainText('20208/BTC-VCL');
  await expect(card).toContainText('26/12/2025');
  await expect(page.getByTestId(`published-${DEMO.year}`)).toHaveCount(0); // the open demo cycle is not published

  const download = page.waitForEvent('download');
  await card.getByTestId('published-file-letter.docx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.docx$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.length).toBeGreaterThan(5_000);

  // in English, the same list
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Published reports');
});
