import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { MapPage } from './pages/MapPage';

test('the map shows 34 provinces, 63 after switching to 2025-06-30, and a click opens a province page', async ({
  page,
}) => {
  const map = new MapPage(page);
  await map.open();
  await expect(map.provinces).toHaveCount(34);
  await expect(page.getByTestId('unit-count')).toContainText('34');
  await expect(page.getByText('Trung du và miền núi phía Bắc').first()).toBeVisible();

  await map.showVintage(/63 tỉnh, thành/);
  await expect(map.provinces).toHaveCount(63);
  await expect(page).toHaveURL(/at=2025-06-30/);
  await expect(page.getByText('Tây Nguyên').first()).toBeVisible();

  // Hà Giang (02) existed until 2025-06-30; its page names its successor.
  await map.province('02').click();
  await expect(page.getByTestId('province-name')).toHaveText('Tỉnh Hà Giang');
  await expect(page.getByTestId('successors')).toContainText('Tuyên Quang');

  // Back to today's map: Tuyên Quang (08) was formed from Hà Giang and Tuyên Quang.
  await map.open();
  await map.province('08').click();
  await expect(page).toHaveURL(/\/provinces\/08$/);
  await expect(page.getByTestId('province-name')).toHaveText('Tỉnh Tuyên Quang');
  await expect(page.getByTestId('predecessors')).toContainText('Hà Giang');
  await expect(page.getByTestId('predecessors')).toContainText('Tuyên Quang');
  await expect(page.getByText('Trung du và miền núi phía Bắc')).toBeVisible();
  await expect(page.getByTestId('province-area')).toContainText(','); // vi-VN decimal comma
});

test('signing in as a province reporter shows their organisation', async ({ page }) => {
  await new LoginPage(page).signIn('reporter.langson');
  // a reporter lands on the reporting cycles, their work
  await expect(page).toHaveURL(/\/reporting$/);
  await page.goto('/account');
  await expect(page.getByTestId('account-organisation')).toHaveText('Ủy ban nhân dân tỉnh Lạng Sơn');
  await expect(page.getByTestId('user-menu')).toContainText('reporter.langson');
});

test('a wrong password gets a clear message in Vietnamese', async ({ page }) => {
  await new LoginPage(page).signIn('reporter.langson', 'wrong');
  await expect(page.getByRole('alert')).toContainText('Sai tên đăng nhập hoặc mật khẩu');
});

test('the English switch translates the interface', async ({ page }) => {
  const map = new MapPage(page);
  await map.open();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Administrative map and socio-economic regions' })).toBeVisible();
  await expect(page.getByText('Northern Midlands and Mountains').first()).toBeVisible();
});

test('at 1280 px the header stays on one line, even for a council with a long name in English', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await new LoginPage(page).signIn('council.nmm');
  await expect(page.getByTestId('user-menu')).toContainText('council.nmm');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('nav-reporting')).toHaveText(/Res\. 57 reporting/);
  const header = await page.locator('header').boundingBox();
  const map = await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Map' }).boundingBox();
  const reporting = await page.getByTestId('nav-reporting').boundingBox();
  const user = await page.getByTestId('user-menu').boundingBox();
  // every entry sits on the same row, inside the header, and the user menu does not run off the screen
  expect(Math.abs(reporting!.y - map!.y)).toBeLessThan(4);
  expect(reporting!.y + reporting!.height).toBeLessThanOrEqual(header!.y + header!.height);
  expect(user!.x + user!.width).toBeLessThanOrEqual(1280);
  expect(reporting!.x + reporting!.width).toBeLessThan(user!.x);
});

test('an unknown address says so in the current language and links back to the map', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: '← Back to the map' }).click();
  await expect(page.getByRole('heading', { name: 'Administrative map and socio-economic regions' })).toBeVisible();
});

test('the English province list is in the order of the English names', async ({ page }) => {
  await page.goto('/provinces');
  await page.getByText('EN', { exact: true }).click();
  const names = await page.getByTestId('provinces-table').locator('tbody tr td:nth-child(2)').allInnerTexts();
  expect(names).toHaveLength(34);
  // 'Ho Chi Minh City' (Thành phố Hồ Chí Minh) comes after 'Hai Phong' and before 'Hue', not among the T's
  expect(names.indexOf('Ho Chi Minh City')).toBe(names.indexOf('Hai Phong') + 1);
});
