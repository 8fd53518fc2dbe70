import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { LoginPage } from './pages/LoginPage';

/**
 * The administration journey of issue 14: an MoF administrator invites a province officer; the officer opens the
 * one-time link, sets a password under the policy, signs in, turns on two-factor sign-in and signs in with a code;
 * the administrator deactivates the account and the officer's open session ends at its next request.
 */
test('invite a province officer, who sets a password, enrols TOTP and signs in; deactivation ends their session', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await page.goto('/admin/users');
  await expect(page.getByTestId('users-table')).toContainText('reporter.langson');

  await page.getByTestId('invite-user').click();
  await page.getByTestId('form-username').fill('luong.van.tam');
  await page.getByTestId('form-name').fill('Lương Văn Tâm');
  await page.getByTestId('form-email').fill('tam.lv@langson.gov.vn');
  await page.getByTestId('form-organisation').fill('Lạng Sơn');
  await page.getByRole('option', { name: 'Ủy ban nhân dân tỉnh Lạng Sơn' }).click();
  await page.getByTestId('form-submit').click();
  const link = await page.getByTestId('one-time-link').innerText();
  expect(link).toMatch(/\/account\/set-password#token=[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('user-luong.van.tam')).toContainText('Chưa đặt mật khẩu');

  // The officer, in their own browser.
  const officer = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
  await officer.goto(new URL(link).pathname + new URL(link).hash);
  await expect(officer.getByTestId('link-account')).toContainText('luong.van.tam — Ủy ban nhân dân tỉnh Lạng Sơn');
  await officer.getByTestId('new-password').fill('matkhau123456');
  await officer.getByTestId('repeat-password').fill('matkhau123456');
  await officer.getByTestId('set-password').click();
  await expect(officer.getByRole('alert')).toContainText('phổ biến');
  const password = 'Hoa đào nở sớm ở Mẫu Sơn';
  await officer.getByTestId('new-password').fill(password);
  await officer.getByTestId('repeat-password').fill(password);
  await officer.getByTestId('set-password').click();
  await expect(officer.getByTestId('password-set')).toBeVisible();

  await new LoginPage(officer).signIn('luong.van.tam', password);
  await expect(officer).not.toHaveURL(/\/login/);
  await officer.goto('/account');
  await expect(officer.getByTestId('account-organisation')).toHaveText('Ủy ban nhân dân tỉnh Lạng Sơn');

  // Two-factor sign-in: enrol with the key the page shows, confirm with a code, keep the recovery codes.
  await officer.getByTestId('totp-start').click();
  const secret = (await officer.getByTestId('totp-secret').innerText()).trim();
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  await officer.getByTestId('totp-code').fill(totp.generate());
  await officer.getByTestId('totp-confirm').click();
  await expect(officer.getByTestId('recovery-codes')).toContainText('-');

  // Sign out and in again: the code is asked for (the next step's code: the one just used cannot be replayed).
  await officer.getByTestId('user-menu').click();
  await officer.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await new LoginPage(officer).signIn('luong.van.tam', password);
  await expect(officer.getByTestId('login-otp')).toBeVisible();
  await officer.getByTestId('login-otp').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await officer.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(officer).toHaveURL(/\/reporting$/);
  await officer.goto('/account');
  await expect(officer.getByTestId('account-organisation')).toHaveText('Ủy ban nhân dân tỉnh Lạng Sơn');

  // The administrator deactivates the account; the officer's next request finds no session.
  await page.reload();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('actions-luong.van.tam').click();
  await page.getByTestId('toggle-luong.van.tam').click();
  await page.getByRole('combobox', { name: 'Trạng thái' }).click();
  await page.getByRole('option', { name: 'Đã vô hiệu hoá' }).click();
  await expect(page.getByTestId('user-luong.van.tam')).toContainText('Đã vô hiệu hoá');
  await officer.reload();
  await expect(officer).toHaveURL(/\/login\?next=%2Faccount|\/login\?next=\/account/);

  // The audit trail shows who did it.
  await page.goto('/admin/audit');
  await page.getByTestId('audit-table').fill('users');
  await page.getByTestId('audit-q').fill('luong.van.tam');
  await page.getByTestId('audit-search').click();
  await expect(page.getByTestId('audit-rows')).toContainText('Nguyễn Văn An');
  await expect(page.getByTestId('chain-state')).toContainText('toàn vẹn');
});
