import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { LoginPage } from './pages/LoginPage';
import { ReportDraftPage } from './pages/ReportDraftPage';

const EDIT = 'Kết quả nổi bật năm 2025 do cán bộ Vụ Quản lý quy hoạch soạn trong trình duyệt';

test("MoF staff open the 2025 cycle's report draft, edit a section, and the exported DOCX holds the edit", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await page.goto('/documents');
  await page.getByTestId('open-cycle-report-2025').click();
  await expect(page).toHaveURL(/\/documents\/cycles\/\d+$/);
  const cycleId = /cycles\/(\d+)/.exec(page.url())?.[1];

  // No draft yet: create it from the accepted submissions.
  await page.getByTestId('create-draft').click();
  const draft = new ReportDraftPage(page);
  await expect(page.getByTestId('draft-status')).toHaveText('Bản thảo');
  await expect(page.getByTestId('draft-counts')).toContainText('11 bộ, cơ quan trung ương và 27 địa phương');

  // Part I: task 1.3.a holds the 26 localities' reports, attributed.
  await draft.tab(/Theo nhiệm vụ/).click();
  await page.getByTestId('task-link-1.3.a').click();
  await expect(page.getByTestId('task-1.3.a')).toContainText('Báo cáo của các cơ quan (26)');
  await expect(page.getByTestId('narrative-UBND-20')).toContainText('766/BC-UBND');

  // Parts II, III: write section 2.1 and save it.
  await draft.tab(/Phần II, III/).click();
  const unit = 'report.partTwo.sections.2-1';
  await draft.editor(unit).click();
  await page.keyboard.type(EDIT);
  await expect(draft.unit(unit)).toContainText('Chưa lưu');
  await draft.save(unit).click();
  await expect(draft.unit(unit)).toContainText('Đã sửa');
  await expect(draft.unit(unit)).not.toContainText('Chưa lưu');

  // The history says who changed what.
  await draft.tab(/Lịch sử/).click();
  await expect(page.getByTestId('draft-history').locator('tbody tr').first()).toContainText('Những kết quả đạt được');
  await expect(page.getByTestId('draft-history').locator('tbody tr').first()).toContainText(EDIT);

  // Export the report as DOCX: the edit is in it, in the official layout.
  await draft.tab(/Xuất văn bản/).click();
  const file = await draft.download('draft-download-report.docx');
  expect(file.suggestedFilename()).toBe('2-Bao-cao_Du-thao-BTC-VCL_2025.docx');
  const zip = await JSZip.loadAsync(fs.readFileSync((await file.path()) as string));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain(EDIT);
  expect(xml).toContain('2.1. Những kết quả đạt được');
  expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');

  // The reporting cycle page links to the same report.
  await page.goto(`/reporting/cycles/${cycleId}`);
  await expect(page.getByTestId('cycle-admin').getByRole('link', { name: 'Báo cáo tổng hợp' })).toHaveAttribute(
    'href',
    `/documents/cycles/${cycleId}`,
  );
});

test('a viewer reads the published draft but cannot edit it or download the package', async ({ page }) => {
  await new LoginPage(page).signIn('viewer');
  await expect(page.getByTestId('user-menu')).toContainText('viewer');
  await page.goto('/documents');
  await page.getByTestId('open-cycle-report-2025').click();
  await expect(page.getByTestId('draft-status')).toHaveText('Bản thảo');
  await expect(page.getByText('Bạn đang xem bản thảo (chỉ đọc)')).toBeVisible();
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  await page.getByRole('tab', { name: /Xuất văn bản/ }).click();
  await expect(page.getByTestId('draft-download-package.zip')).toBeDisabled();
  await expect(page.getByTestId('draft-download-letter.pdf')).toBeEnabled();
});

test('MoF staff insert an indicator table from the statistics database into the draft, with its source line', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await page.goto('/documents');
  await page.getByTestId('open-cycle-report-2025').click();
  await expect(page).toHaveURL(/\/documents\/cycles\/\d+$/);
  const cycleId = /cycles\/(\d+)/.exec(page.url())?.[1];
  // The draft exists when the first journey ran before this one; otherwise create it.
  const create = page.getByTestId('create-draft');
  await expect(page.getByTestId('draft-status').or(create)).toBeVisible();
  if (await create.isVisible()) await create.click();
  await expect(page.getByTestId('draft-status')).toHaveText('Bản thảo');
  const draft = new ReportDraftPage(page);
  await draft.tab(/Phần II, III/).click();

  const picker = page.getByTestId('statistics-table-picker');
  await expect(picker).toContainText('Chèn bảng chỉ tiêu từ cơ sở dữ liệu thống kê');
  await draft.pick('stat-indicators', /^GRDP bình quân đầu người \(/);
  await picker.getByText('Các tỉnh của một vùng').click();
  await draft.pick('stat-region', 'Trung du và miền núi phía Bắc');
  await draft.pick('stat-years', '2024');
  await picker.getByRole('button', { name: 'Tạo bảng' }).click();

  const preview = page.getByTestId('stat-preview');
  await expect(preview.locator('tbody tr')).toHaveCount(10); // 9 provinces and the region
  await expect(preview.locator('tbody tr').last()).toContainText('Vùng Trung du và miền núi phía Bắc');
  await expect(preview.locator('tbody tr').first().locator('td').nth(1)).toHaveText(/^\d+(,\d+)?$/); // vi-VN
  await expect(page.getByTestId('stat-source')).toContainText('Nguồn: Cơ sở dữ liệu thống kê RegionLink');
  await expect(page.getByTestId('stat-source')).toContainText('bản phát hành số');
  await picker.getByRole('button', { name: 'Chèn vào bản thảo' }).click();
  await expect(page.getByTestId('stat-inserted')).toContainText('GRDP bình quân đầu người');
  await expect(page.getByTestId('staff-tables')).toContainText('GRDP bình quân đầu người các tỉnh, thành phố vùng');

  // Stored in the draft like any staff table, with the source line written by the server.
  const res = await page.request.get(`/api/v1/cycles/${cycleId}/report/draft`);
  const tables = (await res.json()).model.tables as { title: string; source: string; rows: string[][] }[];
  const stored = tables.find((x) => x.title.startsWith('GRDP bình quân đầu người các tỉnh, thành phố vùng'));
  expect(stored?.rows).toHaveLength(10);
  expect(stored?.source).toMatch(/^Nguồn: Cơ sở dữ liệu thống kê RegionLink/);
});

test('an administrator prepares the whole package in the background, follows it, and downloads it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  await page.goto('/documents');
  await page.getByTestId('open-cycle-report-2025').click();
  await expect(page.getByTestId('draft-status')).toHaveText('Bản thảo');
  const draft = new ReportDraftPage(page);
  await draft.tab(/Xuất văn bản/).click();
  await page.getByRole('button', { name: 'Chuẩn bị gói hồ sơ (chạy nền)' }).click();
  // The job is in the address: a reload finds it again.
  await expect(page).toHaveURL(/packageJob=/);
  await page.reload();
  // Waiting for a server, then its steps, then the download with its size and time.
  const ready = page.getByTestId('package-ready');
  await expect(ready).toBeVisible({ timeout: 180_000 });
  await expect(ready).toContainText('Gói hồ sơ đã sẵn sàng');
  await expect(ready).toContainText(/Bo-ho-so_Du-thao-BTC-VCL_2025\.zip · [\d,]+ (KB|MB) · /);
  const file = await draft.download('package-ready-download');
  const zip = await JSZip.loadAsync(fs.readFileSync((await file.path()) as string));
  const names = Object.keys(zip.files);
  expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(3);
  expect(names).toContain('manifest.json');
  // The list of packages prepared says it was made from the current draft.
  await expect(page.getByTestId('package-list').locator('tbody tr').first()).toContainText('Theo bản thảo hiện tại');
});
