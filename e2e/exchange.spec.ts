import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/ExplorerPage';

/** Standard exchange formats from the browser: the explorer's download menu, the DCAT link of the datasets page. */

test('the explorer downloads what is shown as vi-VN CSV, SDMX-CSV and SDMX-JSON', async ({ page }) => {
  const ex = new ExplorerPage(page);
  await ex.open('?indicator=poverty_rate');
  await ex.tab('table');
  const shown = await ex.tableRows();
  expect(shown.length).toBe(34);

  const vi = fs.readFileSync((await (await ex.download('csv-vi')).path())!, 'utf8');
  const [header, ...lines] = vi
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(header.split(';')[0]).toBe('Mã chỉ tiêu');
  expect(lines).toHaveLength(shown.length);
  // The value column uses the decimal comma, as the table does.
  const first = lines.map((l) => l.split(';')).find((f) => f[5] !== '')!;
  expect(first[5]).toMatch(/^\d+(,\d+)?$/);

  const sdmx = fs.readFileSync((await (await ex.download('sdmx-csv')).path())!, 'utf8');
  expect(sdmx.split('\r\n')[0]).toBe(
    'STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,GEO_VINTAGE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,SOURCE',
  );
  expect(sdmx).toContain('dataflow,VN_BTC:DF_REGIONLINK(1.0.0),I,poverty_rate,');

  const json = JSON.parse(fs.readFileSync((await (await ex.download('sdmx-json')).path())!, 'utf8'));
  expect(json.meta.schema).toContain('sdmx-json-data-schema.json');
  expect(Object.keys(json.data.dataSets[0].observations).length).toBe(sdmx.trim().split('\r\n').length - 1);
});

test('the datasets page links the DCAT catalogue and the SDMX structure', async ({ page, request }) => {
  await page.goto('/data/datasets');
  const dcat = page.getByTestId('dcat-link');
  await expect(dcat).toBeVisible();
  const res = await request.get((await dcat.getAttribute('href'))!);
  expect(res.headers()['content-type']).toContain('application/ld+json');
  expect((await res.json())['@type']).toBe('dcat:Catalog');
  await expect(page.getByTestId('sdmx-dsd-link')).toHaveAttribute('href', '/api/v1/sdmx/structure');
});
