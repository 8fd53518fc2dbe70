import { expect, test } from '@playwright/test';
import { CouncilPages } from './pages/CouncilPages';
import { LoginPage } from './pages/LoginPage';

const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test('a province posts progress with evidence on a follow-up and the Office closes it', async ({ page }) => {
  test.setTimeout(180_000);
  const c = new CouncilPages(page);
  await new LoginPage(page).signIn('reporter.langson');
  await expect(page.getByTestId('user-menu')).toContainText('reporter.langson');
  await page.goto('/councils');
  await page.getByTestId('my-follow-ups').click();
  const row = page.getByTestId('my-follow-ups-table').getByRole('row', { name: /cửa khẩu của hai tỉnh/ });
  await expect(row).toContainText('Đang thực hiện');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/councils\/follow-ups\/\d+$/);

  // Evidence, then the report of completion.
  await c.section('progress-form').locator('input[type=file]').setInputFiles({
    name: 'Biên bản thống nhất phương án.pdf',
    mimeType: 'application/pdf',
    buffer: TINY_PDF,
  });
  await expect(page.getByRole('link', { name: 'Biên bản thống nhất phương án.pdf' })).toBeVisible();
  await c
    .section('progress-form')
    .getByLabel('Kết quả thực hiện')
    .fill('Hai tỉnh đã ký biên bản thống nhất phương án kết nối.');
  await c
    .section('progress-form')
    .getByLabel(/Đã hoàn thành/)
    .check();
  await page.getByTestId('post-progress').click();
  await expect(page.getByText('Đã báo cáo hoàn thành, chờ Văn phòng xác nhận').first()).toBeVisible();
  await expect(page.getByTestId('progress-form')).toHaveCount(0);
  const url = page.url();

  // The council's secretariat accepts it.
  await c.signOut();
  await new LoginPage(page).signIn('council.nmm');
  await expect(page.getByTestId('user-menu')).toContainText('council.nmm');
  await page.goto(url);
  await c.section('review-form').getByLabel('Ý kiến của Văn phòng').fill('Đã kiểm tra biên bản; xác nhận hoàn thành.');
  await page.getByTestId('accept-follow-up').click();
  await expect(page.getByTestId('review-form')).toHaveCount(0);
  await expect(page.getByText('Hoàn thành', { exact: true }).first()).toBeVisible();
  const history = page.getByTestId('follow-up-history');
  await expect(history).toContainText('Báo cáo hoàn thành');
  await expect(history).toContainText('Hoàng Thị Bình');
  await expect(history).toContainText('Văn phòng xác nhận hoàn thành');
  await expect(history).toContainText('Lê Thu Dung');

  // The council's dashboard counts it among the done ones.
  await page.goto('/councils/hddp-2025-nmm?tab=dashboard');
  await expect(page.getByTestId('council-dashboard')).toContainText('Đã hoàn thành');
});
