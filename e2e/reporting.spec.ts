import { expect, test } from '@playwright/test';
import { DEMO } from './support/demo';
import { SubmissionPage, signedIn } from './pages/ReportingPages';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('a province reports, MoF returns one task, the province fixes and resubmits, MoF accepts, the progress counts it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // The reporter of Lạng Sơn finds the demo cycle's report due and opens the draft.
  const rep = await signedIn(browser, 'reporter.langson');
  await rep.page.goto('/reporting');
  const card = rep.page.getByTestId(`my-cycle-${DEMO.year}`);
  await expect(card).toContainText('Đang soạn');
  await card.getByTestId('open-report').click();
  const s = new SubmissionPage(rep.page);
  await expect(rep.page.getByTestId('submission-org')).toHaveText('Ủy ban nhân dân tỉnh Lạng Sơn');
  const url = rep.page.url();

  // Sending an incomplete report is refused once, with every missing field listed and each a link to the field.
  await s.submit();
  const problems = rep.page.getByTestId('submit-errors').getByTestId('submit-problem');
  // Lạng Sơn reports on two tasks: the document's number and date, and a status for each task.
  await expect(problems).toHaveText([
    'Nhập số văn bản báo cáo.',
    'Nhập ngày văn bản báo cáo.',
    'Nhiệm vụ 1.3.c: chưa chọn tình trạng.',
    'Nhiệm vụ 1.3.d: chưa chọn tình trạng.',
  ]);
  await expect(rep.page.getByTestId('submit-errors')).toContainText('còn 4 mục cần bổ sung');
  await expect(problems.filter({ hasText: 'Nhập số văn bản báo cáo' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'Nhập ngày văn bản báo cáo' })).toHaveCount(1);
  await problems.filter({ hasText: 'Nhiệm vụ 1.3.d' }).click();
  await expect(rep.page.locator('[id="field-status-1.3.d"]')).toBeFocused();
  await problems.filter({ hasText: 'Nhập ngày văn bản báo cáo' }).click();
  await expect(rep.page.getByTestId('doc-date')).toBeFocused();

  // Two tasks, the official document, a PDF; the draft saves itself.
  await rep.page.getByTestId('doc-number').fill('771/BC-UBND');
  await rep.page.getByTestId('doc-date').fill('20/11/2026');
  await s.chooseStatus('1.3.c', /Thường xuyên/);
  await s.typeNarrative('1.3.c', 'Ban hành Kế hoạch thực hiện Nghị quyết số 57/NQ-CP trên địa bàn tỉnh.');
  await s.chooseStatus('1.3.d', /Đang thực hiện/);
  await s.typeNarrative('1.3.d', 'Bố trí vốn đối ứng cho tuyến cao tốc Đồng Đăng - Trà Lĩnh.');
  await s.waitSaved();

  await s.attach('1.3.c', { name: 'Kế hoạch 57.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(s.task('1.3.c').getByTestId('evidence-link')).toContainText('Kế hoạch 57.pdf');
  // A program disguised as a PDF is refused with a clear message.
  await s.attach('1.3.d', {
    name: 'bao-cao.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 1)]),
  });
  await expect(rep.page.getByTestId('file-error')).toContainText('là tệp chương trình');
  await s.waitSaved();

  // Text left in this browser from before a later save is offered back with the truth: it would replace newer text.
  const submissionId = url.split('/').pop();
  await rep.page.evaluate((id) => {
    const key = `rl.draft.${id}`;
    const copy = JSON.parse(localStorage.getItem(key) ?? 'null') ?? {
      draft: { docNumber: 'cũ', docDate: null, reportingBodyVi: '', sections: {}, tasks: {} },
    };
    localStorage.setItem(
      key,
      JSON.stringify({ ...copy, draft: { ...copy.draft, docNumber: 'cũ' }, at: 0, baseVersion: 0 }),
    );
  }, submissionId);
  await rep.page.reload();
  await expect(rep.page.getByTestId('restore-offer')).toContainText('sau đó báo cáo đã được lưu lúc');
  await rep.page.getByTestId('restore-offer').getByRole('button', { name: 'Bỏ qua' }).click();
  await expect(rep.page.getByTestId('restore-offer')).toHaveCount(0);
  await expect(rep.page.getByTestId('doc-number')).toHaveValue('771/BC-UBND');
  await s.submit();
  await expect(s.state()).toHaveText('Đã gửi, chờ xem xét');

  // MoF returns task 1.3.d with a comment.
  const mof = await signedIn(browser, 'admin.mof');
  await mof.page.goto(url);
  const review = new SubmissionPage(mof.page);
  await expect(review.task('1.3.c')).toContainText('Ban hành Kế hoạch thực hiện Nghị quyết số 57/NQ-CP');
  await review.returnWith('Bổ sung số liệu vốn huy động.', '1.3.d', `Nêu tổng vốn đã bố trí năm ${DEMO.year}.`);
  await expect(review.state()).toHaveText('Trả lại để hoàn thiện');

  // The reporter is notified, sees the return on the task, fixes it and resubmits.
  await rep.page.goto('/reporting/notifications');
  await expect(rep.page.getByTestId('notifications')).toContainText('Báo cáo bị trả lại');
  await rep.page
    .getByRole('link', { name: /Báo cáo bị trả lại/ })
    .first()
    .click();
  await expect(rep.page.getByTestId('returned-banner')).toContainText('Bổ sung số liệu vốn huy động');
  await expect(s.task('1.3.d').getByTestId('return-comment')).toContainText(`Nêu tổng vốn đã bố trí năm ${DEMO.year}`);
  await s.typeNarrative('1.3.d', ` Tổng vốn đã bố trí năm ${DEMO.year}: 1.250 tỷ đồng.`);
  await s.waitSaved();
  await s.submit();
  await expect(s.state()).toHaveText('Đã gửi, chờ xem xét');

  // MoF accepts; the report is locked; the progress page counts it.
  await mof.page.goto(url);
  await expect(review.task('1.3.d')).toContainText('1.250 tỷ đồng');
  await review.accept();
  await expect(review.state()).toHaveText('Đã chấp nhận');
  await expect(mof.page.getByTestId('locked-banner')).toBeVisible();
  await mof.page.getByRole('link', { name: /Quay lại/ }).click();
  const row = mof.page.getByTestId('register-UBND-20');
  await expect(row).toContainText('771/BC-UBND');
  await expect(row).toContainText('Đã chấp nhận');
  await expect(mof.page.getByTestId('stat-accepted')).toHaveText('7');
  await expect(mof.page.getByTestId('stat-received')).toHaveText('15');
  await rep.ctx.close();
  await mof.ctx.close();
});

test('two sessions edit the same draft: the stale save is refused and both versions are shown, nothing is lost', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await signedIn(browser, 'reporter.bxd');
  const b = await signedIn(browser, 'reporter.bxd');
  await a.page.goto('/reporting');
  await a.page.getByTestId(`my-cycle-${DEMO.year}`).getByTestId('open-report').click();
  // pages load when first opened: wait for the submission's address before the second session follows it
  await a.page.waitForURL(/\/reporting\/submissions\//);
  await b.page.goto(a.page.url());
  const sa = new SubmissionPage(a.page);
  const sb = new SubmissionPage(b.page);
  await expect(sb.task('1.2.c')).toBeVisible();
  await sa.typeNarrative('1.2.c', ' Bản A: thêm số liệu cao tốc.');
  await sa.waitSaved();
  await sb.typeNarrative('1.2.c', ' Bản B: thêm tuyến vành đai.');
  const modal = b.page.getByTestId('conflict-modal');
  await expect(b.page.getByText('Báo cáo vừa được người khác thay đổi').first()).toBeVisible({ timeout: 15_000 });
  await expect(b.page.getByTestId('conflict-mine')).toContainText('Bản B: thêm tuyến vành đai.');
  await expect(b.page.getByTestId('conflict-theirs')).toContainText('Bản A: thêm số liệu cao tốc.');
  void modal;
  await b.page.getByTestId('keep-mine').click();
  await sb.waitSaved();
  await a.page.reload();
  await expect(sa.task('1.2.c')).toContainText('Bản B: thêm tuyến vành đai.');
  await a.ctx.close();
  await b.ctx.close();
});

test('the 2025 cycle reproduces the report: 11 ministries and agencies, 27 localities, 7 localities missing', async ({
  page,
}) => {
  await page.goto('/reporting');
  await page.getByRole('link', { name: /năm 2025/ }).click();
  await expect(page.getByTestId('group-central')).toContainText('11');
  const loc = page.getByTestId('group-locality');
  await expect(loc).toContainText('34');
  await expect(loc).toContainText('27');
  await expect(page.getByTestId('register-UBND-20')).toContainText('766/BC-UBND');
  await expect(page.getByTestId('missing-list')).toContainText('Ủy ban nhân dân thành phố Hồ Chí Minh');
  await expect(page.locator('svg path[data-code]')).toHaveCount(34);
  // the first data note reads in full; the others open under their toggle
  const flags = page.getByTestId('cycle-flags');
  await expect(flags.getByText(/Nguồn không nêu hạn báo cáo/)).toBeVisible();
  await flags.getByRole('button', { name: /Lưu ý về nguồn dữ liệu \(4\)/ }).click();
  await expect(flags.getByRole('button', { name: '▴' })).toBeVisible();
  // in English the organisations not reported are named in English
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('missing-list')).toContainText('Ho Chi Minh City');
});
