import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/ExplorerPage';
import { LoginPage } from './pages/LoginPage';

/** Parse a vi-VN formatted number as shown in the table ("12.601.800", "2.594,68"). */
const viNumber = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

/** Minimal RFC 4180 reader for the downloaded CSV (quoted fields may hold commas). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

test('the explorer maps and tabulates population by province, switches to regions, and downloads the table as CSV', async ({
  page,
}) => {
  const ex = new ExplorerPage(page);
  // 2024: the contribution journey (run before this one on the same server) publishes Cao Bằng's 2025 alone.
  await ex.open('?indicator=population&period=2024');
  // Choropleth: the 34 provinces, coloured by class, with a legend.
  await expect(ex.mapPaths).toHaveCount(34);
  const fills = await ex.mapPaths.evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
  expect(new Set(fills).size).toBeGreaterThanOrEqual(4);
  expect(fills).not.toContain('#d5dbe1');
  await expect(page.getByTestId('grapher-legend')).toContainText('người');
  await expect(page.getByTestId('grapher-footer')).toContainText('Cục Thống kê');
  await expect(page.getByTestId('grapher-footer')).toContainText('bảng chuyển đổi');

  // Table: 34 provinces in Vietnamese alphabetical order, values in vi-VN format.
  await ex.tab('table');
  await expect(ex.rows).toHaveCount(34);
  const provinces = await ex.tableRows();
  const names = provinces.map((r) => r.name);
  expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
  expect(names.indexOf('Cà Mau')).toBeLessThan(names.indexOf('Đà Nẵng'));
  expect(names.indexOf('Điện Biên')).toBeLessThan(names.indexOf('Gia Lai'));
  const tq = provinces.find((r) => r.code === '08')!;
  expect(viNumber(tq.value)).toBe(1_731_700);

  // Regions: six rows, the 2025 regions.
  await ex.level(/^Vùng$/);
  await expect(ex.rows).toHaveCount(6);
  const regions = await ex.tableRows();
  expect(regions.map((r) => r.name)).toContain('Trung du và miền núi phía Bắc');
  expect(viNumber(regions.find((r) => r.code === 'NMM')!.value)).toBe(12_601_800);

  // The CSV of what is on screen: BOM, the same units and the same values.
  const download = await ex.downloadCsv();
  expect(download.suggestedFilename()).toMatch(/^population-region-2025-07-01-2024\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...lines] = parseCsv(bytes.toString('utf8').slice(1)).filter((r) => r.length > 1);
  expect(header.slice(0, 6)).toEqual(['Mã chỉ tiêu', 'Chỉ tiêu', 'Mã đơn vị', 'Đơn vị', 'Năm', 'Giá trị']);
  const fromCsv = new Map(lines.map((l) => [l[2], { name: l[3], value: Number(l[5]) }]));
  expect(fromCsv.size).toBe(regions.length);
  for (const r of regions) {
    expect(fromCsv.get(r.code)?.name).toBe(r.name);
    expect(Math.round(fromCsv.get(r.code)!.value)).toBe(viNumber(r.value));
  }
});

test('a data officer checks a file, sees every problem by row and column, fixes it and imports a release', async ({
  page,
}) => {
  // a province that never imported is told so, not shown an empty table (Thái Nguyên: Lạng Sơn's demo contribution
  // went through the importer, so Lạng Sơn has a log)
  await new LoginPage(page).signIn('reporter.thainguyen');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/data/import');
  await expect(page.getByTestId('import-log-empty')).toContainText('Chưa có lần nhập nào');
  await page.context().clearCookies();
  await new LoginPage(page).signIn('reporter.langson');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/data/import');
  const chooser = page.locator('input[type="file"]');
  await chooser.setInputFiles({
    name: 'lang-son-2025.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'indicator,unitCode,period,value\npopulation,20,2025,"813,5"\npopulation,Hà Nội,2025,9000000\n',
    ),
  });
  await page.getByTestId('import-check').click();
  const errors = page.getByTestId('import-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('value');
  await expect(errors.nth(0)).toContainText('dấu phẩy');
  await expect(errors.nth(1)).toContainText('unitCode');
  await expect(page.getByTestId('import-errors')).toContainText('Chưa có dữ liệu nào được lưu');
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  await chooser.setInputFiles({
    name: 'lang-son-2025.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('indicator,unitCode,period,value,status\npopulation,20,2025,813500,provisional\n'),
  });
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-result')).toContainText('Tệp hợp lệ');
  await page.getByTestId('import-commit').click();
  // The import is queued: the page follows the job (its state and rows, then the result) at ?job=<id>.
  await expect(page).toHaveURL(/[?&]job=[0-9a-f-]{36}/);
  await expect(page.getByTestId('import-job').or(page.getByTestId('import-result'))).toBeVisible();
  await expect(page.getByTestId('import-result')).toContainText('Đã nhập thành bản phát hành #1', { timeout: 30_000 });
  // the log names the outcome in words, not the code 'committed'
  await expect(page.getByTestId('import-log')).toContainText('Đã nhập');
  await expect(page.getByTestId('import-log')).not.toContainText('committed');
  await expect(page.getByTestId('import-log-empty')).toHaveCount(0);

  const ex = new ExplorerPage(page);
  await ex.open('?indicator=population&tab=table&period=2025');
  const row = (await ex.tableRows()).find((r) => r.code === '20')!;
  expect(viNumber(row.value)).toBe(813_500);
  await expect(ex.rows.filter({ hasText: 'Lạng Sơn' })).toContainText('sơ bộ');

  // Having left the page, the officer finds the import again under "my imports", with its result.
  await page.goto('/data/import');
  const mine = page.getByTestId('my-import-jobs');
  await expect(mine).toContainText('Đã nhập');
  await expect(mine).toContainText('1 / 1');
  await mine.getByRole('link', { name: 'Xem' }).first().click();
  await expect(page.getByTestId('import-result')).toContainText('Đã nhập thành bản phát hành #1');
});

test('the explorer switches to English, and to the 63 provinces before 2025-07-01', async ({ page }) => {
  const ex = new ExplorerPage(page);
  await ex.open('?indicator=pci&level=region&at=2025-06-30&period=2016&tab=table');
  await expect(ex.rows).toHaveCount(6);
  await expect(ex.rows.first()).toContainText('Không cộng dồn');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Regional statistics explorer' })).toBeVisible();
  await expect(ex.rows.filter({ hasText: 'Central Highlands' })).toContainText('Not aggregable');
});
