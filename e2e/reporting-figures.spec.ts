import { expect, test } from '@playwright/test';
import { SubmissionPage, signedIn } from './pages/ReportingPages';

/** A cycle of its own (year 2031) so this journey does not depend on the demo cycles' state. */
async function draftCycle(page: import('@playwright/test').Page) {
  const orgs = (await (await page.request.get('/api/v1/organisations')).json()).items as { id: number; code: string }[];
  const doc = await (await page.request.get('/api/v1/policy-documents/1')).json();
  const task = (code: string) => doc.tasks.find((x: { code: string }) => x.code === code).id;
  const res = await page.request.post('/api/v1/cycles', {
    data: {
      documentId: 1,
      year: 2031,
      nameVi: 'Kỳ báo cáo thử nghiệm số liệu 2031',
      nameEn: 'Figures test cycle 2031',
      requestNumber: '901/BTC-VCL',
      requestDate: '2031-11-03',
      deadline: '2031-12-15',
      cutoff: '2031-12-31',
      expectedOrganisationIds: [orgs.find((o) => o.code === 'UBND-20')!.id],
      tasks: [
        { taskId: task('1.1.a'), figures: [] },
        { taskId: task('1.3.d'), figures: [] },
      ],
    },
  });
  expect(res.status()).toBe(201);
  return res.json() as Promise<{ id: number; version: number }>;
}

test('MoF adds a figure to a task in the cycle form, a province reporter fills it, MoF sees the value', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const mof = await signedIn(browser, 'admin.mof');
  const cycle = await draftCycle(mof.page);

  // MoF opens the edit form and asks task 1.3.d for a figure; a bad code is named in Vietnamese before sending.
  await mof.page.goto(`/reporting/cycles/${cycle.id}/edit`);
  await expect(mof.page.getByText('Đề cương chưa yêu cầu số liệu nào.')).toBeVisible();
  await mof.page.getByTestId('figure-add-task').click();
  await mof.page.getByRole('option', { name: /^1\.3\.d/ }).click();
  const row = mof.page.getByTestId('figure-row-1.3.d-0');
  await row.getByTestId('figure-key').fill('Vốn đối ứng');
  await row.getByTestId('figure-label-vi').fill('Vốn đối ứng đã bố trí');
  await row.getByTestId('figure-unit').fill('tỷ đồng');
  await row.getByTestId('figure-decimals').fill('1');
  await row.getByTestId('figure-applies').click();
  await mof.page.getByRole('option', { name: 'Địa phương' }).click();
  await mof.page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(row).toContainText('Mã gồm chữ thường không dấu');
  await expect(row).toContainText('Cần tên tiếng Anh.');
  await expect(mof.page.getByTestId('form-errors')).toContainText('Biểu mẫu còn lỗi');
  await row.getByTestId('figure-key').fill('counterpart_funds');
  await row.getByTestId('figure-label-en').fill('Counterpart funds allocated');
  await mof.page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(mof.page).toHaveURL(new RegExp(`/reporting/cycles/${cycle.id}$`));
  await mof.page.getByTestId('cycle-admin').getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
  await expect(mof.page.getByText('Đang nhận báo cáo').first()).toBeVisible();

  // The reporter of Lạng Sơn starts the report and fills the two tasks, the figure included.
  const rep = await signedIn(browser, 'reporter.langson');
  await rep.page.goto('/reporting');
  await rep.page.getByTestId('my-cycle-2031').getByTestId('start-report').click();
  const s = new SubmissionPage(rep.page);
  await expect(s.task('1.3.d')).toContainText('Vốn đối ứng đã bố trí (tỷ đồng)');
  await rep.page.getByTestId('doc-number').fill('905/BC-UBND');
  await rep.page.getByTestId('doc-date').fill('20/11/2031');
  await s.chooseStatus('1.1.a', /Thường xuyên/);
  await s.typeNarrative('1.1.a', 'Rà soát phân cấp, phân quyền theo Nghị quyết 57/NQ-CP.');
  await s.chooseStatus('1.3.d', /Đang thực hiện/);
  await s.typeNarrative('1.3.d', 'Bố trí vốn đối ứng cho tuyến cao tốc Đồng Đăng - Trà Lĩnh.');
  await rep.page.getByTestId('figure-1.3.d-counterpart_funds').fill('1250,5');
  await s.waitSaved();
  await s.submit();
  await expect(s.state()).toHaveText('Đã gửi, chờ xem xét');
  await expect(rep.page.getByTestId('figure-1.3.d-counterpart_funds')).toContainText('1.250,5');

  // MoF sees the value on the submission and side by side with the total, task by task.
  const url = rep.page.url();
  await mof.page.goto(url);
  await expect(mof.page.getByTestId('figure-1.3.d-counterpart_funds')).toContainText('1.250,5');
  await expect(mof.page.getByTestId('figure-1.3.d-counterpart_funds')).toContainText('tỷ đồng');
  const doc = await (await mof.page.request.get('/api/v1/policy-documents/1')).json();
  const t13d = doc.tasks.find((x: { code: string }) => x.code === '1.3.d').id;
  await mof.page.goto(`/reporting/cycles/${cycle.id}?tab=task&task=${t13d}`);
  await expect(mof.page.getByTestId('entry-UBND-20').getByTestId('entry-figure-counterpart_funds')).toContainText(
    '1.250,5',
  );
  await expect(mof.page.getByTestId('entries-panel')).toContainText('Vốn đối ứng đã bố trí: 1.250,5 tỷ đồng');
  // The task's CSV export carries the figure column and the value.
  const href = await mof.page.getByTestId('entries-csv').getAttribute('href');
  const csv = await (await mof.page.request.get(href!)).text();
  expect(csv).toContain('Vốn đối ứng đã bố trí (tỷ đồng)');
  expect(csv).toContain('905/BC-UBND');
  expect(csv).toContain('1250.5');
  await rep.ctx.close();
  await mof.ctx.close();
});
