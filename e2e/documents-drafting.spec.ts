import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO } from './support/demo';
import JSZip from 'jszip';
import { LoginPage } from './pages/LoginPage';
import { ReportDraftPage } from './pages/ReportDraftPage';

const EDIT = 'Đoạn về đối thoại với doanh nghiệp do chuyên viên Vụ Quản lý quy hoạch viết lại.';

/**
 * The drafter (issue 12): MoF drafts the demo cycle's report, edits a paragraph, re-drafts a task after a late report is
 * accepted, exports, and finds both the edit and the new contribution in the DOCX. VCCI's late report is reopened at
 * the end so the other journeys see the demo cycle's counts as before.
 */
test('MoF drafts the demo cycle report, keeps an edit through a re-draft after a late acceptance, and exports both', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await page.goto('/documents');
  await page.getByTestId(`open-cycle-report-${DEMO.year}`).click();
  await expect(page).toHaveURL(/\/documents\/cycles\/\d+$/);
  const cycleId = Number(/cycles\/(\d+)/.exec(page.url())?.[1]);
  await page.getByTestId('create-draft').click();
  const draft = new ReportDraftPage(page);
  await expect(page.getByTestId('draft-status')).toHaveText('Bản thảo');

  // Part I: the drafted paragraph of 1.1.e, and where each sentence came from.
  await draft.tab(/Theo nhiệm vụ/).click();
  await page.getByTestId('task-link-1.1.e').click();
  const unit = 'report.tasks.1.1.e.synthesis';
  await expect(draft.editor(unit)).toContainText('Nhiệm vụ đối thoại với bộ, ngành, địa phương và doanh nghiệp');
  const trace = page.getByTestId('trace-1.1.e');
  await expect(trace.getByTestId('trace-sentence').first()).toBeVisible();
  await trace.getByTestId('trace-sentence').nth(1).click();
  await expect(trace.getByTestId('trace-source').filter({ visible: true }).first()).toContainText(/MH-\d+/);

  // The drafter rewrites the paragraph and saves it.
  await draft.editor(unit).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(EDIT);
  await draft.save(unit).click();
  await expect(draft.unit(unit)).toContainText('Đã sửa');

  // VCCI's report, received after the deadline, is accepted now.
  const subs = await (await page.request.get(`/api/v1/cycles/${cycleId}/submissions`)).json();
  const vcci = subs.items.find((s: { organisationCode: string }) => s.organisationCode === 'VCCI');
  const got = await page.request.get(`/api/v1/submissions/${vcci.id}`);
  const accepted = await page.request.post(`/api/v1/submissions/${vcci.id}/accept`, {
    data: {},
    headers: { 'if-match': got.headers().etag },
  });
  expect(accepted.status()).toBe(200);
  await page.reload();

  // Re-draft task 1.2.g.1 (VCCI's own task): its paragraph now names VCCI.
  await page.getByTestId('task-link-1.2.g.1').click();
  await page.getByTestId('task-1.2.g.1').getByTestId('redraft-task').click();
  await expect(page.getByTestId('task-1.2.g.1').getByTestId('redraft-result')).toContainText(
    'Liên đoàn Thương mại và Công nghiệp Việt Nam',
  );
  await expect(draft.editor('report.tasks.1.2.g.1.synthesis')).toContainText('hiệp hội doanh nghiệp vùng');

  // Re-draft 1.1.e: the edit is kept, the new draft (with VCCI) waits beside it.
  await page.getByTestId('task-link-1.1.e').click();
  await page.getByTestId('task-1.1.e').getByTestId('redraft-task').click();
  await expect(page.getByTestId('task-1.1.e').getByTestId('redraft-result')).toContainText('được giữ');
  await expect(draft.editor(unit)).toContainText(EDIT);

  // Export: the edit and the new contribution are both in the DOCX, and no drafting aid is.
  await draft.tab(/Xuất văn bản/).click();
  const file = await draft.download('draft-download-report.docx');
  const zip = await JSZip.loadAsync(fs.readFileSync((await file.path()) as string));
  const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  expect(xml).toContain(EDIT);
  expect(xml).toContain(
    'Liên đoàn Thương mại và Công nghiệp Việt Nam tiếp tục nghiên cứu mô hình hiệp hội doanh nghiệp vùng',
  );
  expect(xml).not.toContain('Chưa có báo cáo');
  expect(xml).not.toContain('Tình hình thực hiện:');

  // The cycle's own letters are there too.
  await expect(page.getByTestId('cycle-letters')).toContainText('Công văn đôn đốc');

  // Leave the demo cycle's counts as the other journeys expect them.
  const now = await page.request.get(`/api/v1/submissions/${vcci.id}`);
  const unlocked = await page.request.post(`/api/v1/submissions/${vcci.id}/unlock`, {
    data: { reason: 'Trả lại sau kiểm thử hành trình soạn thảo' },
    headers: { 'if-match': now.headers().etag },
  });
  expect(unlocked.status()).toBe(200);
});
