import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { IndexPage, ProvinceProfilePage } from './pages/AnalyticsPages';
import { LoginPage } from './pages/LoginPage';

interface Row {
  unitCode: string;
  period: number;
  value: number | null;
}

test('a province profile shows its rank nationally and in its region, its trend and the provinces it was formed from', async ({
  page,
  request,
}) => {
  const profile = new ProvinceProfilePage(page);
  await profile.open('08'); // Tuyên Quang (Hà Giang + Tuyên Quang since 2025-07-01)
  await expect(page.getByTestId('profile-name')).toHaveText('Tỉnh Tuyên Quang');
  await expect(page.getByTestId('profile-region')).toContainText('Trung du và miền núi phía Bắc');

  // The ranks shown are those of the 2024 population among the 34 provinces and the 9 of the region, recomputed here
  // from the data API and the region's members (rank = 1 + number of provinces with more people).
  const data = (await (
    await request.get('/api/v1/data?indicator=population&level=province&at=2025-07-01&period=2024')
  ).json()) as { rows: Row[] };
  const regions = (await (await request.get('/api/v1/geo/groupings?type=region&at=2025-07-01')).json()) as {
    items: { memberCodes: string[] }[];
  };
  const members = regions.items.find((g) => g.memberCodes.includes('08'))!.memberCodes;
  const mine = data.rows.find((r) => r.unitCode === '08')!.value!;
  const national = 1 + data.rows.filter((r) => (r.value ?? 0) > mine).length;
  const inRegion = 1 + data.rows.filter((r) => members.includes(r.unitCode) && (r.value ?? 0) > mine).length;
  // (The ranks arrive from /analytics/ranks after the values: wait for them.)
  await expect(profile.figure('population').getByTestId('rank-national')).toHaveText(/^\d+\/\d+$/);
  expect(await profile.rank('population', 'national')).toEqual({ rank: national, of: 34 });
  expect(await profile.rank('population', 'region')).toEqual({ rank: inRegion, of: members.length });
  await expect(profile.figure('population').getByTestId('figure-value')).toContainText('1.731.700');
  await expect(profile.figure('population').getByTestId('figure-source')).toContainText('Cục Thống kê');

  // Trend: the population sparkline joins the years with data (2011–2016 and 2024), the last one marked.
  const spark = profile.figure('population').getByTestId('sparkline');
  expect(Number(await spark.getAttribute('data-points'))).toBeGreaterThanOrEqual(7);
  await expect(spark.locator('polyline')).not.toHaveCount(0);
  await expect(spark).toHaveAttribute('aria-label', /2011 .*2024 1\.731\.700/);

  // Former provinces with their own 2024 figures, and the peers found by the analytics API.
  const former = page.getByTestId('former-provinces');
  await expect(former).toContainText('Hà Giang');
  await expect(former).toContainText('911.400');
  await expect(profile.peers()).toHaveCount(5);
  await expect(page.locator('[data-testid="peer"][data-code="08"]')).toHaveCount(0);

  // The grapher block charts the chosen figure over the region's provinces.
  await profile.figure('pci').click();
  await expect(page.getByTestId('grapher-title')).toContainText('PCI');

  // English.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByText('National rank')).toBeVisible();
});

test('the composite index page builds an index of three indicators, maps and ranks it, and shares it by URL', async ({
  page,
  browser,
}) => {
  const idx = new IndexPage(page);
  await idx.open('?ind=');
  await expect(page.getByText('Chọn ít nhất 3 chỉ tiêu để tính chỉ số.')).toBeVisible();
  await idx.add('GRDP bình quân');
  await idx.add('Mật độ dân số');
  await idx.add('Diện tích tự nhiên');
  await expect(idx.items).toHaveCount(3);
  await idx.direction('area', 'Thấp hơn là tốt');
  await idx.weight('grdp_per_capita', 2);

  // A map of the 34 provinces in several classes, and a ranking of all 34 with scores in [0, 10], best first.
  await expect(page).toHaveURL(/ind=grdp_per_capita%3Ah%3A2%2Cpopulation_density%3Ah%3A1%2Carea%3Al%3A1/);
  await expect(idx.mapPaths).toHaveCount(34);
  await expect(idx.rows).toHaveCount(34);
  await expect(page.getByTestId('index-component')).toHaveCount(3);
  await expect
    .poll(async () => new Set(await idx.mapPaths.evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')))).size)
    .toBeGreaterThanOrEqual(4);
  await expect(page.locator('[data-testid="index-item"][data-code="area"] input[type=radio]:checked')).toHaveValue(
    'lower_better',
  );
  await expect(page.locator('[data-testid="index-item"][data-code="grdp_per_capita"] input').last()).toHaveValue('2');
  const ranking = await idx.ranking();
  const scores = ranking.map((r) => r.score as number);
  expect(scores.every((s) => s >= 0 && s <= 10)).toBe(true);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(ranking[0].rank).toBe(1);
  expect(Math.max(...scores)).toBeGreaterThan(Math.min(...scores));
  await expect(page.getByTestId('index-method')).toContainText('Cao Bằng'); // worst GRDP per capita in 2024

  // The ranking as CSV from the server: the same provinces in the same order with the same scores.
  const download = page.waitForEvent('download');
  await page.getByTestId('index-csv').click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^hạng,mã,tên,điểm,grdp_per_capita/);
  expect(lines).toHaveLength(35);
  const csvRows = lines.slice(1).map((l) => l.split(','));
  expect(csvRows.map((r) => r[1])).toEqual(ranking.map((r) => r.code));
  csvRows.forEach((r, i) => {
    expect(Number(r[3])).toBeCloseTo(ranking[i].score as number, 2);
  });

  // The configuration is in the URL: opening it elsewhere rebuilds the same ranking.
  const other = await browser.newPage();
  const idx2 = new IndexPage(other);
  await idx2.open(page.url().slice(page.url().indexOf('?')));
  await expect(idx2.rows).toHaveCount(34);
  expect(await idx2.ranking()).toEqual(ranking);

  // Saved by a signed-in user (not a read-only viewer), it gets an id; the id's URL rebuilds it for anyone.
  const url = page.url();
  await new LoginPage(page).signIn('reporter.bxd');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(url.slice(url.indexOf('/analytics')));
  await page.getByTestId('index-save').click();
  await expect(page).toHaveURL(/\/analytics\/index\?id=\d+$/);
  const savedUrl = page.url();
  await other.goto(savedUrl.slice(savedUrl.indexOf('/analytics')));
  await expect(other.getByTestId('saved-banner')).toBeVisible();
  await expect(idx2.rows).toHaveCount(34);
  expect(await idx2.ranking()).toEqual(ranking);
  await other.close();
});

test('the national dashboard and a region profile show the regions’ shares and the region’s provinces ranked', async ({
  page,
}) => {
  await page.goto('/analytics');
  const shares = page.getByTestId('share-row');
  await expect(shares).toHaveCount(6);
  const pct = (s: string | null) => Number((s ?? '').replace(/[^\d,]/g, '').replace(',', '.'));
  const population = await page.getByTestId('share-population').allTextContents();
  const sum = population.map(pct).reduce((a, b) => a + b, 0);
  expect(Math.abs(sum - 100)).toBeLessThan(0.5); // six regions of the 2025 geography partition the country
  await expect(page.getByTestId('grapher')).toHaveCount(2); // the shares by region, and the indicator by region

  await shares.filter({ hasText: 'Đông Nam Bộ' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/analytics\/region\/SE$/);
  await expect(page.getByTestId('profile-name')).toHaveText('Đông Nam Bộ');
  await expect(page.getByTestId('ranked-province')).toHaveCount(3);
  await expect(page.getByTestId('ranked-province').first()).toContainText('Thành phố Hồ Chí Minh'); // GRDP p.c. 2024
});

test('the disparities page gives the inequality of GRDP per capita, income convergence and the growth-pole comparison', async ({
  page,
}) => {
  await page.goto('/analytics/disparities?at=2025-06-30&indicator=grdp_per_capita');
  // docs/analytics.md, "Answers on the reference data": 63 provinces, 2024.
  await expect(page.getByTestId('measure-gini')).toContainText('0,238');
  await expect(page.getByTestId('measure-giniWeighted')).toContainText('0,250');
  await expect(page.getByTestId('measure-theilTBetweenShare')).toContainText('61,3 %');
  await expect(page.getByTestId('measure-maxMinRatio')).toContainText('Bà Rịa');
  await expect(page.getByTestId('method-notes').first()).toContainText('Theil');

  // Members versus others with a hand-picked grouping: Hà Nội and TP. Hồ Chí Minh.
  await page.getByTestId('compare-grouping').click();
  await page.getByRole('option', { name: 'Tự chọn các tỉnh…' }).click();
  const members = page.getByTestId('compare-members');
  await members.click();
  await page.getByRole('option', { name: /^Hà Nội/ }).click();
  await page
    .getByRole('option', { name: /^TP\. Hồ Chí Minh|^Thành phố Hồ Chí Minh|^Hồ Chí Minh/ })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('compare-n')).toContainText('2');
  await expect(page.getByTestId('compare-n')).toContainText('61');
  await expect(page.getByTestId('compare-test')).toContainText('p =');

  // Convergence of monthly income per capita 2010–2016: no β-convergence (β = +0.0094).
  await page.goto('/analytics/disparities?at=2025-06-30&indicator=monthly_income_per_capita&from=2010&to=2016');
  await expect(page.getByTestId('beta-coefficient')).toHaveText('0,0094');
  await expect(page.getByTestId('beta-verdict')).toContainText('Không có bằng chứng hội tụ');
  await expect(page.getByTestId('grapher-title')).toContainText('Hội tụ σ');
});

test('a signed-in analyst saves a hand-picked grouping and decomposes inequality into it and the rest', async ({
  page,
}) => {
  await new LoginPage(page).signIn('reporter.bxd');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/analytics/disparities?at=2025-06-30&indicator=grdp_per_capita&cmp=custom&members=01,79');
  await expect(page.getByTestId('compare-n')).toContainText('2');
  await page.getByRole('button', { name: 'Lưu thành nhóm' }).click();
  await expect(page).toHaveURL(/cmp=custom-\d+/);
  await expect(page.getByTestId('compare-grouping')).toHaveValue('Nhóm tự chọn (2 tỉnh)');

  await page.getByRole('combobox', { name: 'Phân rã theo nhóm' }).click();
  await page.getByRole('option', { name: 'Nhóm tự chọn (2 tỉnh)' }).first().click();
  const groups = page.getByTestId('decomposition-row');
  await expect(groups).toHaveCount(2);
  const counts = await groups.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[1]?.textContent)));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(63); // the grouping and the rest of the 63 provinces
  await expect(groups.filter({ hasText: 'Nhóm tự chọn (2 tỉnh)' }).locator('td').nth(1)).toHaveText('2');
});
