import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { DocumentsPage } from './pages/DocumentsPage';
import { LoginPage } from './pages/LoginPage';

test('MoF staff open the national report, see the computed figures and download the letter and the package', async ({
  page,
}) => {
  await new LoginPage(page).signIn('admin.mof');
  await expect(page.getByTestId('user-menu')).toContainText('admin.mof');
  const docs = new DocumentsPage(page);
  await docs.openFromNav();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(page.getByRole('heading', { name: 'Báo cáo tổng hợp gửi Thủ tướng Chính phủ' })).toBeVisible();
  await expect(docs.counts).toContainText('11');
  await expect(docs.counts).toContainText('27');
  await expect(docs.completeness.locator('tr', { hasText: 'Tổng cộng' })).toContainText('73,1%');
  await expect(docs.tasks).toHaveCount(28);
  await expect(docs.tasks.filter({ hasText: '1.2.d.3' })).toContainText('Chưa có báo cáo');

  const letter = await docs.download('letter.docx');
  expect(letter.suggestedFilename()).toBe('1-Cong-van_20208-BTC-VCL_2025.docx');
  const zip = await JSZip.loadAsync(fs.readFileSync((await letter.path()) as string));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('Kính gửi: Thủ tướng Chính phủ');
  expect(xml).toContain('Số: 20208/BTC-VCL');

  const pkg = await docs.download('package.zip');
  expect(pkg.suggestedFilename()).toBe('Bo-ho-so_20208-BTC-VCL_2025.zip');
  const files = Object.keys((await JSZip.loadAsync(fs.readFileSync((await pkg.path()) as string))).files);
  expect(files).toContain('manifest.json');
  expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
});

test('a viewer cannot download the whole package, and a province reporter is told the page is for MoF staff', async ({
  page,
}) => {
  await new LoginPage(page).signIn('viewer');
  await expect(page.getByTestId('user-menu')).toContainText('viewer');
  await page.goto('/documents');
  const docs = new DocumentsPage(page);
  await expect(docs.button('letter.pdf')).toBeEnabled();
  await expect(docs.button('package.zip')).toBeDisabled();

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /Đăng xuất/ }).click();
  await new LoginPage(page).signIn('reporter.langson');
  await expect(page.getByTestId('user-menu')).toContainText('reporter.langson');
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/documents');
  await expect(page.getByRole('alert')).toContainText('chỉ dành cho cán bộ Bộ Tài chính');
  await expect(docs.button('letter.docx')).toHaveCount(0);
  // The page neither offers drafts the reporter cannot open nor asks the server for what it will refuse.
  await expect(page.getByTestId('cycle-reports')).toHaveCount(0);
  expect(failed).toEqual([]);
});
