// Runs last of the browser journeys (files run in name order on one server): publishing a 2025 figure for one
// province changes the latest year of population that the explorer journey reads.
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/ExplorerPage';
import { LoginPage } from './pages/LoginPage';

/**
 * Issue 15 journeys: a province contributes its figures, MoF publishes them, the public map shows them; a restricted
 * dataset is absent for an anonymous visitor.
 */

const CSV = 'indicator,unit_code,period,value,status\npopulation,04,2025,561900,provisional\n';

test('Cao Bằng contributes its 2025 population, MoF publishes it, and the public map shows it', async ({ browser }) => {
  test.setTimeout(180_000);
  // 1. The province's officer uploads into a draft and submits it.
  const province = await browser.newPage();
  await new LoginPage(province).signIn('reporter.caobang');
  await expect(province.getByTestId('user-menu')).toContainText('reporter.caobang');
  await province.goto('/data/contributions');
  await province.getByTestId('contribute-dataset').click();
  await province.getByRole('option', { name: /nmm-dong-gop-tinh/ }).click();
  await province.locator('input[type="file"]').setInputFiles({
    name: 'cao-bang-2025.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await province.getByRole('button', { name: 'Lưu bản nháp' }).click();
  const detail = province.getByTestId('contribution-detail');
  await expect(detail).toContainText('Bản nháp');
  await expect(detail.getByTestId('changes')).toContainText('561.900');
  await detail.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(detail).toContainText('Chờ duyệt');
  const id = new URL(province.url()).searchParams.get('id');
  expect(id).not.toBeNull();
  await province.close();

  // Before publication, the public sees nothing for Cao Bằng in 2025.
  const visitor = await browser.newPage();
  const res = await visitor.request.get('/api/v1/data?indicator=population&level=province&period=2025&unit=04');
  const before = (await res.json()).rows.find((r: { unitCode: string }) => r.unitCode === '04');
  expect(before?.value ?? null).toBeNull();

  // 2. MoF reviews (changes, note) and publishes.
  const mof = await browser.newPage();
  await new LoginPage(mof).signIn('admin.mof');
  await expect(mof.getByTestId('user-menu')).toContainText('admin.mof');
  await mof.goto(`/data/contributions?id=${id}`);
  const review = mof.getByTestId('contribution-detail');
  await expect(review).toContainText('Ủy ban nhân dân tỉnh Cao Bằng');
  await expect(review.getByTestId('changes')).toContainText('561.900');
  await review.getByRole('button', { name: 'Công bố' }).click();
  await expect(review).toContainText('Đã công bố thành bản phát hành');
  await mof.close();

  // 3. The public map of 2025 shows the new figure for Cao Bằng.
  const ex = new ExplorerPage(visitor);
  await ex.open('?indicator=population&period=2025');
  await expect(visitor.locator('[data-testid="grapher-map"] svg path[data-code="04"]')).toBeVisible();
  const fill = await visitor.locator('[data-testid="grapher-map"] svg path[data-code="04"]').getAttribute('fill');
  expect(fill).not.toBe('#d5dbe1');
  await ex.tab('table');
  const rows = await ex.tableRows();
  expect(rows.find((r) => r.code === '04')?.value).toBe('561.900');
});

test('a restricted dataset is absent for an anonymous visitor, and present for an entitled province', async ({
  browser,
}) => {
  const visitor = await browser.newPage();
  await visitor.goto('/data/datasets');
  await expect(visitor.getByText('nmm-dong-gop-tinh').first()).toBeVisible();
  await expect(visitor.getByText(/btc-no-dong-xdcb|Nợ đọng xây dựng cơ bản/)).toHaveCount(0);
  const api = await visitor.request.get('/api/v1/data?indicator=capital_construction_arrears&level=province');
  expect(api.status()).toBe(404);
  const catalogue = await (await visitor.request.get('/api/v1/indicators')).json();
  expect(catalogue.items.map((i: { code: string }) => i.code)).not.toContain('capital_construction_arrears');

  const langson = await browser.newPage();
  await new LoginPage(langson).signIn('reporter.langson');
  await expect(langson.getByTestId('user-menu')).toContainText('reporter.langson');
  await langson.goto('/data/datasets');
  await expect(langson.getByText('btc-no-dong-xdcb').first()).toBeVisible();
  await langson.goto('/data/sharing');
  await expect(langson.getByTestId('agreements')).toContainText('TTCSDL-2025-01');
});
