import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { MonitoringPages } from './pages/MonitoringPages';

test('the scorecard ranks the provinces with rank intervals; a province decomposes into its components and records', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const m = new MonitoringPages(page);
  await new LoginPage(page).signIn('viewer');
  await expect(page.getByTestId('user-menu')).toContainText('viewer');
  await m.openScorecard(2024);
  await expect(m.ranking().locator('tbody tr')).toHaveCount(34);
  await expect(page.getByTestId('scorecard-method')).toContainText('OECD/JRC');
  // Every ranked row shows an interval best–worst around its rank.
  const first = m.ranking().locator('tbody tr').first();
  await expect(first.locator('td').first()).toHaveText('1');
  await expect(first.getByTestId('interval')).toHaveText(/^1–\d+$/);

  // Weights shared by URL: outcomes only.
  for (const c of ['Báo cáo Nghị quyết 57', 'Tình hình thực hiện nhiệm vụ', 'Tham gia dự án liên tỉnh']) {
    await page.getByLabel(`Trọng số ${c}`).fill('0');
  }
  await page.getByTestId('apply-weights').click();
  await expect(page).toHaveURL(
    /weights=reporting%3A0%2Ctasks%3A0%2Cprojects%3A0|weights=reporting:0,tasks:0,projects:0/,
  );

  // Cao Bằng: its reporting lifts it; the records behind the component are one click away.
  await m.openScorecard(2024);
  await m.row('04').getByRole('link', { name: 'Cao Bằng' }).click();
  await expect(page).toHaveURL(/\/monitoring\/provinces\/04/);
  await expect(page.getByTestId('province-rank')).toContainText(/Hạng \d+\/\d+ \(khoảng \d+–\d+\)/);
  await expect(m.component('reporting').locator('[data-lift="up"]')).toBeVisible();
  await page.getByTestId('records-reporting').click();
  await expect(page.getByTestId('records-body-reporting')).toContainText('đã tiếp nhận');
  await expect(page.getByTestId('records-body-reporting')).toContainText('3/3 điểm');
  await page.getByTestId('records-projects').click();
  await expect(page.getByTestId('records-body-projects').getByRole('link', { name: 'CORR-01' })).toBeVisible();
});

test('the Office dismisses a candidate duplicate with a reason, and the dismissal is kept', async ({ page }) => {
  test.setTimeout(180_000);
  const m = new MonitoringPages(page);
  await m.openDuplicates('NMM');
  await expect(page.getByTestId('duplicate-rules')).toContainText('giáp ranh');
  await expect(m.pair('AIR-03+AIR-04')).toContainText('giáp ranh');
  // The public sees the candidates but cannot dismiss them.
  await expect(page.getByTestId('dismiss-AIR-03+AIR-04')).toHaveCount(0);

  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await m.openDuplicates('NMM');
  await page.getByTestId('dismiss-AIR-03+AIR-04').click();
  await page.getByTestId('dismiss-reason').fill('Nà Sản phục vụ Sơn La; Lai Châu phục vụ vùng biên giới phía Tây Bắc.');
  await page.getByTestId('dismiss-confirm').click();
  await expect(m.pair('AIR-03+AIR-04').getByTestId('dismissed')).toBeVisible();
  await expect(m.pair('AIR-03+AIR-04')).toContainText('Lai Châu phục vụ vùng biên giới');
  await expect(page.getByTestId('duplicate-counts')).toContainText('1 đã loại');
  await page.reload();
  await expect(m.pair('AIR-03+AIR-04')).toContainText('Nà Sản phục vụ Sơn La');
});
