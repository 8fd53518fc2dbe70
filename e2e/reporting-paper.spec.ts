import { expect, test } from '@playwright/test';
import { SubmissionPage, signedIn } from './pages/ReportingPages';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('MoF registers a paper report for a missing province from the progress panel; it counts as received', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const mof = await signedIn(browser, 'admin.mof');
  // An open cycle of its own (year 2032), so the demo cycles' counts stay as the other journeys expect them.
  const orgs = (await (await mof.page.request.get('/api/v1/organisations')).json()).items as {
    id: number;
    code: string;
  }[];
  const doc = await (await mof.page.request.get('/api/v1/policy-documents/1')).json();
  const task = (code: string) => doc.tasks.find((x: { code: string }) => x.code === code).id;
  const created = await mof.page.request.post('/api/v1/cycles', {
    data: {
      documentId: 1,
      year: 2032,
      nameVi: 'Kỳ báo cáo thử nghiệm báo cáo giấy 2032',
      nameEn: 'Paper report test cycle 2032',
      requestNumber: '902/BTC-VCL',
      requestDate: '2026-11-02',
      deadline: '2026-12-15',
      cutoff: '2026-12-31',
      expectedOrganisationIds: ['UBND-20', 'UBND-04'].map((c) => orgs.find((o) => o.code === c)!.id),
      tasks: [
        { taskId: task('1.1.a'), figures: [] },
        {
          taskId: task('1.3.d'),
          figures: [
            {
              key: 'counterpart_funds',
              labelVi: 'Vốn đối ứng đã bố trí',
              labelEn: 'Counterpart funds allocated',
              unitVi: 'tỷ đồng',
              decimals: 1,
              appliesTo: 'locality',
            },
          ],
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const cycle = await created.json();
  const opened = await mof.page.request.post(`/api/v1/cycles/${cycle.id}/open`, {
    data: {},
    headers: { 'if-match': `"cycle-${cycle.id}-v${cycle.version}"` },
  });
  expect(opened.status()).toBe(200);

  // Both provinces are missing; MoF opens "register paper report" on Lạng Sơn's row.
  await mof.page.goto(`/reporting/cycles/${cycle.id}`);
  await expect(mof.page.getByTestId('stat-missing')).toHaveText('2');
  await mof.page.getByTestId('paper-UBND-20').click();
  const modal = mof.page.getByRole('dialog');
  await expect(modal.getByTestId('paper-org')).toHaveText('Ủy ban nhân dân tỉnh Lạng Sơn');

  // A receipt date in the future and a missing number are named on their fields before anything is sent.
  await modal.getByTestId('paper-received-on').fill('01/01/2099');
  await modal.getByTestId('paper-save').click();
  await expect(modal).toContainText('Bắt buộc.');
  await expect(modal).toContainText('Ngày nhận sau ngày hôm nay.');

  await modal.getByTestId('paper-doc-number').fill('766/BC-UBND');
  await modal.getByTestId('paper-doc-date').fill('18/11/2026');
  await modal.getByTestId('paper-received-on').fill('20/11/2026');
  await modal.getByTestId('paper-note').fill('Nhận bản giấy qua bưu điện.');
  const chooser = mof.page.waitForEvent('filechooser');
  await modal.getByTestId('paper-file').click();
  await (await chooser).setFiles({ name: 'Báo cáo 766.pdf', mimeType: 'application/pdf', buffer: pdf });
  const t13d = modal.getByTestId('paper-task-1.3.d');
  await t13d.getByTestId('paper-task-status').click();
  await mof.page.getByRole('option', { name: 'Đang thực hiện' }).click();
  await t13d.getByTestId('paper-task-text').fill('Bố trí vốn đối ứng cho tuyến cao tốc Đồng Đăng - Trà Lĩnh.');
  await modal.getByTestId('paper-figure-1.3.d-counterpart_funds').fill('1250,5');
  await modal.getByTestId('paper-save').click();

  // The report is received, marked as registered from paper with who and when, and reviewed as any other.
  const s = new SubmissionPage(mof.page);
  await expect(mof.page.getByTestId('paper-banner')).toContainText('Bộ Tài chính nhập từ báo cáo giấy/công văn');
  await expect(mof.page.getByTestId('paper-banner')).toContainText('Nhận bản giấy qua bưu điện.');
  await expect(s.state()).toHaveText('Đã gửi, chờ xem xét');
  await expect(mof.page.getByTestId('doc-number-view')).toHaveText('766/BC-UBND');
  await expect(s.task('1.3.d')).toContainText('Bố trí vốn đối ứng cho tuyến cao tốc');
  await expect(mof.page.getByTestId('figure-1.3.d-counterpart_funds')).toContainText('1.250,5');
  await expect(mof.page.getByText('Báo cáo 766.pdf').first()).toBeVisible();
  const url = mof.page.url();
  await s.accept();
  await expect(s.state()).toHaveText('Đã chấp nhận');

  // The progress counts it, on time against the deadline, with the paper flag on its row.
  await mof.page.goto(`/reporting/cycles/${cycle.id}`);
  await expect(mof.page.getByTestId('stat-received')).toHaveText('1');
  await expect(mof.page.getByTestId('stat-ontime')).toHaveText('1');
  await expect(mof.page.getByTestId('stat-missing')).toHaveText('1');
  const row = mof.page.getByTestId('register-UBND-20');
  await expect(row).toContainText('766/BC-UBND');
  await expect(row).toContainText('20/11/2026');
  await expect(row).toContainText('Đúng hạn');
  await expect(mof.page.getByTestId('paper-UBND-20')).toHaveCount(0);
  await expect(mof.page.getByTestId('paper-UBND-04')).toBeVisible();

  // The province's reporter is told, and sees the report marked as registered by MoF.
  const rep = await signedIn(browser, 'reporter.langson');
  await rep.page.goto('/reporting/notifications');
  await expect(rep.page.getByTestId('notifications')).toContainText('Bộ Tài chính đã nhập báo cáo giấy');
  await rep.page.goto(url);
  await expect(rep.page.getByTestId('paper-banner')).toBeVisible();
  await rep.ctx.close();
  await mof.ctx.close();
});
