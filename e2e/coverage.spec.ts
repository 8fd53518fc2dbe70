import { expect, test } from '@playwright/test';
import { CoveragePage } from './pages/CoveragePage';

/**
 * Issue 19: what the regional database holds against the themes of recommendation 3.2.e, and the longer PCI and
 * PAPI series in the analytics. Every figure is checked against the API it comes from.
 */

interface CoverageApi {
  themes: { code: string; status: string; suppliers: { nameVi: string }[] }[];
  summary: { themes: number; held: number; related: number; missing: number };
}

test('the coverage page lists the themes of 3.2.e, what is held for each, and who would supply what is missing', async ({
  page,
  request,
}) => {
  const api = (await (await request.get('/api/v1/coverage')).json()) as CoverageApi;
  await page.goto('/');
  await page.getByTestId('nav-data').click();
  await page.getByRole('menuitem', { name: 'Cơ sở dữ liệu vùng' }).click();
  await expect(page).toHaveURL(/\/data\/coverage$/);
  const cov = new CoveragePage(page);
  await expect(cov.table).toBeVisible();

  // The summary table shows every theme with the status the API gives (held, indirect, nothing yet).
  await expect(cov.summaryRows).toHaveCount(api.summary.themes);
  expect(await cov.statuses()).toEqual(Object.fromEntries(api.themes.map((t) => [t.code, t.status])));
  await expect(page.getByTestId('coverage-summary')).toContainText(`Chưa có: ${api.summary.missing}`);
  // The table downloads as CSV; the file lists the themes the page lists.
  const csvUrl = await page.getByTestId('coverage-csv').getAttribute('href');
  const csv = await (await request.get(csvUrl!)).text();
  for (const t of api.themes) expect(csv).toContain(`\n${t.code},`);

  // PCI is held as one series 2005–2022 from three datasets, recorded for the 63 provinces.
  const pci = cov.indicatorRow('policies', 'pci');
  await expect(pci.getByTestId('years')).toHaveText('2005–2022');
  await expect(pci).toContainText('63 tỉnh (từ 01/08/2008)');
  await expect(pci.getByRole('link', { name: /PCI/ })).toHaveCount(4); // the indicator and its three datasets
  // PAPI's environmental governance bears on environmental protection, 2018–2024; the reason is given.
  await expect(cov.indicatorRow('environment', 'papi_environment').getByTestId('years')).toHaveText('2018–2024');
  await expect(cov.theme('environment')).toContainText('không phải số liệu quan trắc');

  // Long lists fold: 6 of the 56 PCI and PAPI indicators, then all.
  const policyRows = cov.theme('policies').locator('tr[data-indicator]');
  await expect(policyRows).toHaveCount(6);
  await cov
    .theme('policies')
    .getByRole('button', { name: /Xem tất cả \(56\)/ })
    .click();
  await expect(policyRows).toHaveCount(56);

  // A missing theme says so and names the ministry the report gives it to, with the basis; one the report gives to
  // no one says that.
  const jobs = cov.theme('jobs_labour');
  await expect(jobs).toContainText('Cơ sở dữ liệu chưa có chỉ tiêu nào của nhóm này.');
  await expect(page.getByTestId('suppliers-jobs_labour')).toContainText('Bộ Nội vụ');
  await expect(page.getByTestId('suppliers-jobs_labour')).toContainText('theo văn bản');
  await expect(page.getByTestId('suppliers-market_forecasts')).toContainText('không nêu cơ quan cụ thể');

  // Contributing: uploads for existing indicators are linked; new datasets from ministries are said to be not yet open.
  const contribute = page.getByTestId('coverage-contribute');
  await expect(contribute.getByRole('link', { name: 'Nạp số liệu' })).toHaveAttribute('href', '/data/import');
  await expect(contribute).toContainText('chưa có trên hệ thống');

  // An indicator opens in the explorer.
  await pci.getByRole('link', { name: /Chỉ số năng lực cạnh tranh cấp tỉnh \(PCI, có trọng số\)/ }).click();
  await expect(page).toHaveURL(/\/data\?indicator=pci/);
  await expect(page.getByTestId('grapher')).toBeVisible();

  // English.
  await cov.open();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'The regional database: what it holds and what it lacks',
  );
  await expect(page.getByTestId('suppliers-jobs_labour')).toContainText('Ministry of Home Affairs');
  await expect(cov.summaryRows.filter({ hasText: 'Market forecasts' })).toContainText('None');
});

test('the disparities page runs PCI 2006–2022 in one click: 2013 left out, β as the API computes it', async ({
  page,
  request,
}) => {
  const api = await (
    await request.get('/api/v1/analytics/convergence?indicator=pci&at=2025-06-30&from=2006&to=2022')
  ).json();
  await page.goto('/analytics/disparities?at=2025-06-30');
  await page.getByTestId('long-pci').click();
  await expect(page).toHaveURL(/indicator=pci/);
  const beta = api.beta.coefficient.toLocaleString('vi-VN', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  await expect(page.getByTestId('beta-coefficient')).toHaveText(beta);
  await expect(page.getByTestId('sparse-years')).toContainText('2013');
  await expect(page.getByTestId('beta-verdict')).toContainText('có hội tụ');
  await page.getByTestId('long-papi').click();
  await expect(page).toHaveURL(/indicator=papi&/);
  await expect(page.getByText(/Giai đoạn 2011–2024/)).toBeVisible();
});
