import { expect, test } from '@playwright/test';
import { CouncilPages } from './pages/CouncilPages';
import { LoginPage } from './pages/LoginPage';

const TITLE = 'Thiếu bãi chờ cho xe container tại cửa khẩu Tân Thanh';

test('a province raises a bottleneck, the Office escalates it, and it shows in the report draft material', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const c = new CouncilPages(page);
  await new LoginPage(page).signIn('reporter.langson');
  await expect(page.getByTestId('user-menu')).toContainText('reporter.langson');
  await c.openCouncil(/Trung du và miền núi phía Bắc$/);
  await c.tab(/Vướng mắc/).click();
  const form = c.section('raise-bottleneck');
  await form.getByLabel('Mã dự án').fill('BGEZ-03');
  await c.choose(form.getByLabel('Lĩnh vực'), 'Thương mại, logistics');
  await form.getByLabel('Tóm tắt').fill(TITLE);
  await form
    .getByLabel(/Nội dung vướng mắc/)
    .fill('Mùa thu hoạch, xe container chờ thông quan nhiều ngày; đề nghị bố trí thêm bãi chờ.');
  await form.getByRole('button', { name: 'Gửi Văn phòng Hội đồng' }).click();
  await expect(page).toHaveURL(/\/councils\/bottlenecks\/\d+$/);
  await expect(page.getByText('Mới nêu').first()).toBeVisible();
  const url = page.url();

  // The Office triages it, then escalates it to the Prime Minister.
  await c.signOut();
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await page.goto(url);
  const act = c.section('bottleneck-action');
  await act.getByLabel('Nội dung').fill('Liên quan nhiều tỉnh; cần cơ chế của Trung ương.');
  await page.getByTestId('bottleneck-action-submit').click();
  await expect(page.getByText('Văn phòng đã phân loại').first()).toBeVisible();
  await c.choose(c.section('bottleneck-action').getByLabel('Thao tác'), 'Báo cáo Thủ tướng Chính phủ');
  await c
    .section('bottleneck-action')
    .getByLabel('Nội dung')
    .fill('Văn phòng Hội đồng báo cáo Thủ tướng Chính phủ đề nghị bổ sung vốn đầu tư bãi chờ.');
  await page.getByTestId('bottleneck-action-submit').click();
  await expect(page.getByText('Đã báo cáo Thủ tướng Chính phủ').first()).toBeVisible();
  await expect(page.getByTestId('bottleneck-history')).toContainText('Báo cáo Thủ tướng Chính phủ');

  // This year's report cycle and its draft: the council material lists the bottleneck among the open ones, escalated.
  const year = new Date().getFullYear();
  const cycles = (await (await page.request.get('/api/v1/cycles')).json()) as { items: { id: number; year: number }[] };
  let cycle = cycles.items.find((x) => x.year === year);
  if (!cycle) {
    const base = await (
      await page.request.get(`/api/v1/cycles/${cycles.items.find((x) => x.year === 2025)!.id}`)
    ).json();
    const created = await page.request.post('/api/v1/cycles', {
      data: {
        documentId: base.documentId,
        year,
        nameVi: `Báo cáo kết quả thực hiện Nghị quyết số 57/NQ-CP năm ${year}`,
        nameEn: `Report on Resolution 57/NQ-CP, ${year}`,
        expectedOrganisationIds: base.expected.map((e: { organisationId: number }) => e.organisationId),
        tasks: base.tasks.map((t: { taskId: number; figures?: unknown[] }) => ({
          taskId: t.taskId,
          figures: t.figures ?? [],
        })),
      },
    });
    expect(created.status()).toBe(201);
    cycle = await created.json();
  }
  await page.goto(`/documents/cycles/${cycle!.id}`);
  await page.getByTestId('create-draft').click();
  const material = page.getByTestId('council-report-material');
  await expect(material).toBeVisible();
  await material.getByText(/Tư liệu từ các Hội đồng điều phối vùng/).click();
  const item = material.locator('[data-material]', { hasText: TITLE });
  await expect(item).toContainText('đã báo cáo Thủ tướng');
  await expect(item).toContainText('Ủy ban nhân dân tỉnh Lạng Sơn');
});
