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
