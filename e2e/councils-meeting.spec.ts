import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { CouncilPages } from './pages/CouncilPages';
import { LoginPage } from './pages/LoginPage';

const CONCLUSION = 'Giao Ủy ban nhân dân tỉnh Lạng Sơn chủ trì lập phương án kết nối cửa khẩu Tân Thanh với cảng cạn';

test('the Office holds a meeting of the NMM council and issues its notice of conclusions', async ({ page }) => {
  test.setTimeout(180_000);
  const c = new CouncilPages(page);
  await new LoginPage(page).signIn('council.nmm');
  await expect(page.getByTestId('user-menu')).toContainText('council.nmm');
  await c.openCouncil(/Trung du và miền núi phía Bắc$/);
  await c.tab(/Phiên họp/).click();

  // Schedule: a meeting held on 1 December 2026 in Thái Nguyên.
  const form = c.section('schedule-meeting');
  await form.getByLabel('Tên phiên họp').fill('Phiên họp chuyên đề về kết nối cửa khẩu');
  await form.getByLabel('Ngày họp').fill('2026-12-01');
  await form.getByLabel('Địa điểm').fill('Trụ sở Ủy ban nhân dân tỉnh Thái Nguyên');
  await form.getByRole('button', { name: 'Lên lịch' }).click();
  await expect(page).toHaveURL(/\/councils\/meetings\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Phiên họp chuyên đề về kết nối cửa khẩu' })).toBeVisible();

  // Agenda: one item linked to a project of the registry.
  const agenda = c.section('agenda-editor');
  await agenda.getByRole('button', { name: /Thêm nội dung/ }).click();
  await agenda.getByLabel('1. Nội dung').fill('Cao tốc Đồng Đăng - Trà Lĩnh');
  await c.choose(agenda.getByLabel('Loại'), 'Dự án');
  await agenda.getByLabel('Mã tham chiếu').fill('RD2-01');
  await agenda.getByRole('button', { name: 'Lưu chương trình' }).click();
  await expect(c.section('meeting-agenda')).toContainText('RD2-01 — Cao tốc, tiền cao tốc Đồng Đăng - Trà Lĩnh');

  // Invitations to every member, then the meeting is recorded as held.
  await page.getByTestId('invite-members').click();
  await expect(c.section('attendance-editor')).toContainText('Ủy ban nhân dân tỉnh Lạng Sơn');
  await expect(c.section('attendance-editor')).toContainText('Bộ Tài chính');
  await page.getByTestId('mark-held').click();
  await expect(page.getByText('Đã họp', { exact: true })).toBeVisible();

  // A conclusion that assigns work to Lạng Sơn with Cao Bằng, due 31/3/2027.
  const cons = c.section('conclusions-editor');
  await cons.getByRole('button', { name: /Thêm kết luận/ }).click();
  await cons.getByLabel('1.').fill(CONCLUSION);
  await c.choose(cons.getByLabel('Cơ quan chủ trì'), 'tỉnh Lạng Sơn');
  await c.choose(cons.getByLabel('Cơ quan phối hợp'), 'tỉnh Cao Bằng');
  await page.keyboard.press('Escape');
  await cons.getByLabel('Thời hạn').fill('2027-03-31');
  await cons.getByRole('button', { name: 'Lưu kết luận' }).click();
  await expect(c.section('meeting-conclusions')).toContainText(CONCLUSION);

  // The draft notice is there before the number; then the notice is issued.
  await expect(page.getByText('Dự thảo thông báo kết luận (chưa có số, ngày)')).toBeVisible();
  const issue = c.section('issue-notice');
  await issue.getByLabel('Số, ký hiệu').fill('211/TB-BTC');
  await issue.getByLabel('Ngày ban hành').fill('2026-12-04');
  await issue.getByLabel('Họ tên người ký').fill('Nguyễn Văn Minh');
  await page.getByTestId('issue-notice-button').click();
  await expect(page.getByText('Đã ban hành thông báo kết luận').first()).toBeVisible();
  await expect(page.getByText('Thông báo kết luận số 211/TB-BTC, 04/12/2026')).toBeVisible();
  // The assignment became a tracked follow-up.
  await expect(c.section('meeting-conclusions')).toContainText('Ủy ban nhân dân tỉnh Lạng Sơn · hạn 31/03/2027');
  await expect(c.section('meeting-conclusions')).toContainText('Chưa triển khai');

  // The notice as DOCX, in the Decree 30 layout, with the conclusion.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-docx').click()]);
  expect(download.suggestedFilename()).toMatch(/^thong-bao-ket-luan-hddp-2025-nmm-2026-12-01\.docx$/);
  const zip = await JSZip.loadAsync(fs.readFileSync((await download.path()) as string));
  const xml = await zip.file('word/document.xml')!.async('string');
  for (const literal of [
    'THÔNG BÁO',
    'Số: 211/TB-BTC',
    'Hà Nội, ngày 04 tháng 12 năm 2026',
    CONCLUSION,
    'Nơi nhận:',
    'Nguyễn Văn Minh',
  ])
    expect(xml).toContain(literal);

  // The public sees the meeting and its published conclusion, not its working material.
  await c.signOut();
  await page.goto(page.url());
  await page.goto('/councils');
  await c.openCouncil(/Trung du và miền núi phía Bắc$/);
  await c.tab(/Phiên họp/).click();
  await page.getByRole('link', { name: 'Phiên họp chuyên đề về kết nối cửa khẩu' }).click();
  await expect(c.section('meeting-conclusions')).toContainText(CONCLUSION);
  await expect(page.getByTestId('meeting-agenda')).toHaveCount(0);
  await expect(page.getByTestId('agenda-editor')).toHaveCount(0);
});
