import { expect, test } from '@playwright/test';

/** A journalist compares Hà Nội with Hồ Chí Minh City and Đà Nẵng, starting from Hà Nội's page. */
test('compare provinces side by side from a province page: table, bars, lines and sources', async ({ page }) => {
  await page.goto('/provinces/01');
  await page.getByTestId('open-compare').click();
  await expect(page).toHaveURL(/\/compare\?units=01$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('So sánh tỉnh, thành và vùng');
  await expect(page.getByText('Chọn ít nhất 2 đơn vị và 1 chỉ tiêu.')).toBeVisible();

  const units = page.getByRole('combobox', { name: 'Đơn vị so sánh (2–6)' });
  for (const name of ['Hồ Chí Minh', 'Đà Nẵng']) {
    await units.click();
    await units.fill(name);
    await page
      .getByRole('option', { name: new RegExp(name) })
      .first()
      .click();
  }
  await expect(page).toHaveURL(/units=01%2C79%2C48|units=01,79,48/);

  const population = page.getByTestId('compare-population');
  const rows = population.getByTestId('compare-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Hà Nội');
  await expect(rows.nth(1)).toContainText('Hồ Chí Minh');
  await expect(rows.nth(0).locator('td').last()).toHaveText(/\d/);
  await expect(population.getByTestId('compare-bars')).toContainText('Đà Nẵng');
  await expect(population.getByTestId('compare-lines').locator('polyline')).toHaveCount(3);
  await expect(population.getByTestId('compare-sources')).not.toHaveText(/Nguồn:\s*—$/);
  await expect(page.getByTestId('compare-grdp_per_capita')).toBeVisible();

  // the same comparison reads on a phone without sideways scrolling
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth))
    .toBeLessThanOrEqual(0);

  // regions instead of provinces
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByText('Vùng', { exact: true }).click();
  await expect(page.getByText('Chọn ít nhất 2 đơn vị và 1 chỉ tiêu.')).toBeVisible();
  for (const name of ['Đồng bằng sông Hồng', 'Đông Nam Bộ']) {
    await units.click();
    await units.fill(name);
    await page
      .getByRole('option', { name: new RegExp(name) })
      .first()
      .click();
  }
  await expect(page.getByTestId('compare-population').getByTestId('compare-table').locator('tbody tr')).toHaveCount(2);
});
