import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { ProjectPage, ProjectsPage } from './pages/ProjectsPage';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

test('filter the registry to the Northern Midlands and Mountains, open a corridor, see it on the map through its provinces', async ({
  page,
}) => {
  const registry = new ProjectsPage(page);
  await registry.open();
  await expect(registry.count).toContainText('97');
  await registry.filterRegion('Trung du và miền núi phía Bắc');
  await expect(page).toHaveURL(/region=NMM/);
  await expect(registry.count).not.toContainText('97');
  await expect(registry.row('CORR-01')).toBeVisible();
  // A project only in the former Bắc Giang now lies in Bắc Ninh (Red River Delta) and leaves the list.
  await expect(registry.row('WAT-05')).toHaveCount(0);

  await registry.openProject('CORR-01');
  await expect(page).toHaveURL(/\/projects\/CORR-01$/);
  const project = new ProjectPage(page);
  await expect(page.getByTestId('project-name')).toHaveText(
    'Hành lang kinh tế Hà Nội - Bắc Giang - Lạng Sơn - Cao Bằng',
  );
  await expect(page.getByTestId('inter-provincial')).toBeVisible();
  // The corridor is one line through Hà Nội, Bắc Giang, Lạng Sơn and Cao Bằng, in that order.
  await expect(project.line('CORR-01')).toHaveAttribute('data-provinces', '01,24,20,04');
  const points = (await project.line('CORR-01').getAttribute('points'))!.trim().split(/\s+/);
  expect(points).toHaveLength(4);
  // On today's map Bắc Giang is part of Bắc Ninh (code 24), and the line still runs through four provinces.
  await project.showGeography(/34 tỉnh/);
  await expect(project.line('CORR-01')).toHaveAttribute('data-provinces', '01,24,20,04');
  await expect(page.getByTestId('project-provinces')).toContainText('Bắc Ninh (24)');
  // The registry's map shows the region's corridors as lines too.
  await page.goto('/projects?region=NMM&tab=map');
  await expect(page.locator('svg polyline[data-project]')).not.toHaveCount(0);
  await expect(page.locator('svg polyline[data-project="CORR-01"]')).toHaveCount(1);
});

test('the responsible province posts a progress update with evidence; the public sees it', async ({
  page,
  browser,
}) => {
  await new LoginPage(page).signIn('reporter.langson');
  await expect(page.getByTestId('user-menu')).toContainText('reporter.langson');
  const project = new ProjectPage(page);
  await project.open('CORR-01');
  await expect(project.form).toBeVisible();
  const narrative = `Tỉnh đã hoàn thành khảo sát đoạn qua Lạng Sơn ${Date.now()}`;
  await project.postUpdate({
    narrative,
    percent: 15,
    file: { name: 'Biên bản khảo sát.pdf', mimeType: 'application/pdf', buffer: PDF },
  });
  const update = page.getByTestId('progress-update').filter({ hasText: narrative });
  await expect(update).toBeVisible();
  await expect(update).toHaveAttribute('data-state', 'published');
  await expect(update).toContainText('Ủy ban nhân dân tỉnh Lạng Sơn');
  await expect(update.getByTestId('evidence-link')).toContainText('Biên bản khảo sát.pdf');
  await expect(page.getByTestId('project-status').first()).toHaveText('Đang triển khai');

  // Signed out, the published update and its evidence are visible, but there is no form.
  const visitor = await browser.newPage();
  await visitor.goto('/projects/CORR-01');
  await expect(visitor.getByTestId('progress-update').filter({ hasText: narrative })).toBeVisible();
  await expect(visitor.getByTestId('progress-form')).toHaveCount(0);
  await visitor.close();
});

test('a province may not update a project it is not located in', async ({ page }) => {
  await new LoginPage(page).signIn('reporter.langson');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await new ProjectPage(page).open('AIR-02');
  await expect(page.getByTestId('progress-form')).toHaveCount(0);
});

test('the results framework shows computed statuses with the rule, and GRDP per capita from the statistics database', async ({
  page,
}) => {
  await page.goto('/plans');
  await expect(page.getByTestId('plans-table').locator('tbody tr')).toHaveCount(7);
  await page.getByRole('link', { name: /Kế hoạch thực hiện Quy hoạch vùng trung du/ }).click();
  const rf = page.getByTestId('results-framework');
  await expect(rf.locator('tr[data-code="DEMO-EXPRESSWAY-KM"] [data-status]')).toHaveAttribute(
    'data-status',
    'on_track',
  );
  await expect(rf.locator('tr[data-code="DEMO-POVERTY"] [data-status]')).toHaveAttribute('data-status', 'at_risk');
  await expect(rf.locator('tr[data-code="DEMO-PI-DISBURSEMENT"] [data-status]')).toHaveAttribute(
    'data-status',
    'off_track',
  );
  // GRDP per capita comes from the statistics database, with its dataset, release and method.
  const grdp = rf.locator('tr[data-code="DEMO-GRDP-PC"]');
  await expect(grdp.getByTestId('actual')).toHaveAttribute('data-origin', 'statistics');
  await expect(grdp.getByTestId('actual-source').first()).toContainText('bản phát hành số');
  await expect(grdp.getByTestId('actual-method')).toContainText('Cách tính');
  await expect(grdp.locator('[data-status]')).not.toHaveAttribute('data-status', 'no_data');
  await expect(page.getByTestId('status-rule')).toContainText('Đúng tiến độ');
  await expect(page.getByTestId('task-groups')).toContainText('II.1.a');
});

test('MoF revises a target with a reason; the old target stays in the history', async ({ page }) => {
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/plans/ip-nmm-2021-2030');
  const row = page.locator('tr[data-code="DEMO-POVERTY"]');
  await row.getByRole('button', { name: 'Điều chỉnh' }).click();
  const form = page.locator('tr').filter({ has: page.getByRole('button', { name: 'Lưu mục tiêu' }) });
  await form.getByLabel('Năm').first().fill('2030');
  await form.getByRole('textbox', { name: 'Mục tiêu', exact: true }).fill('5');
  // Without a reason the server refuses a revision and says why.
  await form.getByRole('button', { name: 'Lưu mục tiêu' }).click();
  await expect(form.getByRole('alert').or(form.locator('.mantine-Alert-root'))).toContainText('lý do');
  await form.getByLabel(/Lý do điều chỉnh/).fill('Điều chỉnh theo Nghị quyết của Hội đồng điều phối vùng');
  await form.getByRole('button', { name: 'Lưu mục tiêu' }).click();
  await expect(row).toContainText('r2');
  await row.getByRole('button', { name: 'Lịch sử điều chỉnh' }).click();
  await expect(page.getByText(/r1 · cuối kỳ 2030: 6/)).toBeVisible();
  await expect(page.getByText(/r2 · cuối kỳ 2030: 5 .*Hội đồng điều phối vùng/)).toBeVisible();
});

test('MoF adds a results-framework indicator linked to the statistics database, then creates a project', async ({
  page,
}) => {
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/plans/rp-nmm-2021-2030');
  const form = page.getByTestId('add-indicator-form');
  await form.getByRole('textbox', { name: /^Mã/ }).fill('NMM-GRDP-PC-E2E');
  await form.getByRole('textbox', { name: /^Tên \(tiếng Việt\)/ }).fill('GRDP bình quân đầu người của vùng (kiểm thử)');
  await form.getByRole('textbox', { name: /^Đơn vị tính/ }).fill('triệu đồng');
  await form.getByRole('textbox', { name: 'Giá trị cơ sở' }).fill('47');
  await form.getByRole('textbox', { name: 'Năm cơ sở' }).fill('2020');
  await form.getByRole('textbox', { name: 'Mục tiêu giai đoạn' }).fill('80');
  await form.getByRole('textbox', { name: 'Mục tiêu cuối kỳ' }).fill('120');
  await form
    .getByRole('textbox', { name: 'Văn bản quy định mục tiêu' })
    .fill('Quyết định số 369/QĐ-TTg ngày 04/5/2024');
  await form.getByTestId('indicator-stats').click();
  await page.getByRole('option', { name: /\(grdp_per_capita\)/ }).click();
  await form.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(form.getByTestId('indicator-added')).toContainText('NMM-GRDP-PC-E2E');

  // The new row: baseline, both targets, the actual from the statistics database with its source, a computed status.
  const row = page.getByTestId('results-framework').locator('tr[data-code="NMM-GRDP-PC-E2E"]');
  await expect(row).toContainText('47 (2020)');
  await expect(row).toContainText('80 (2025)');
  await expect(row).toContainText('120 (2030)');
  await expect(row.getByTestId('actual')).toHaveAttribute('data-origin', 'statistics');
  await expect(row.getByTestId('actual-source').first()).toContainText('bản phát hành số');
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', /on_track|at_risk|off_track/);

  // Create a project of this plan: it opens on its own page with its provinces.
  const pf = page.getByTestId('create-project-form');
  await pf.getByRole('textbox', { name: /^Mã/ }).fill('E2E-LINK-01');
  await pf.getByRole('textbox', { name: /^Tên \(tiếng Việt\)/ }).fill('Đường liên kết Cao Bằng - Lạng Sơn (kiểm thử)');
  await pf.getByRole('combobox', { name: 'Lĩnh vực' }).click();
  await page.getByRole('option', { name: /^Giao thông đường bộ/ }).click();
  await pf.getByRole('combobox', { name: 'Tỉnh có dự án' }).click();
  await page.getByRole('option', { name: /Cao Bằng/ }).click();
  await page.getByRole('option', { name: /Lạng Sơn/ }).click();
  await page.keyboard.press('Escape');
  await pf.getByRole('button', { name: 'Tạo dự án' }).click();
  await expect(page).toHaveURL(/\/projects\/E2E-LINK-01$/);
  await expect(page.getByText('Đường liên kết Cao Bằng - Lạng Sơn (kiểm thử)').first()).toBeVisible();
});
