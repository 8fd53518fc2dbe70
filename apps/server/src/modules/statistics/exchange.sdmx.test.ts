import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR, readConfig } from '../../config';
import { buildApp } from '../../app';
import type { Database } from '../../db/client';
import { createEmptyStatisticsDatabase } from '../../../test/empty-database';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { DEMO_PASSWORD } from '../access/access.seed';
import { rawSql } from './raw-sql';
import { SDMX_CSV_HEADER } from './sdmx';

/**
 * SDMX exchange, checked with readers that are not ours: the SDMX-JSON messages against the official SDMX-JSON 2.0.0
 * JSON Schemas (reference/sdmx/, with Ajv), the SDMX-CSV with csv-parse (RFC 4180). The round trip exports a query,
 * imports it into an empty database (real PGlite or PostgreSQL) and compares the stored observations.
 */

/** A shipped schema. They declare "latest draft" with a draft-04 style top-level `id`, which Ajv reads as `$id`. */
function schema(f: string) {
  const { id, ...rest } = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, 'sdmx', f), 'utf8'));
  return id ? { $id: id, ...rest } : rest;
}
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validateData = ajv.compile(schema('sdmx-json-data-schema-2.0.0.json'));
const validateStructure = ajv.compile(schema('sdmx-json-structure-schema-2.0.0.json'));

const QUERY = 'indicator=poverty_rate,grdp_per_capita&level=province&at=2016-12-31&from=2010&to=2016';
type CsvRow = Record<string, string>;
const readCsv = (text: string): CsvRow[] => parse(text, { columns: true, skip_empty_lines: true, bom: true });

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

/** The stored observations of some indicators, as comparable text lines. */
async function storedObservations(db: Database['db'], indicators: string[]): Promise<string[]> {
  const rows = await rawSql(db).query<{ line: string }>(
    `select i.code || '|' || o.unit_code || '|' || to_char(o.geo_date, 'YYYY-MM-DD') || '|' || o.period || '|' ||
            o.value::text || '|' || o.status as line
     from observations o join indicators i on i.id = o.indicator_id
     where i.code = any($1::text[]) and o.period between 2010 and 2016 order by 1`,
    [indicators],
  );
  return rows.map((r) => r.line);
}

describe(`SDMX exchange on ${TEST_ENGINE}`, () => {
  it('SDMX-CSV 2.0: a standard CSV parser reads one row per observation with the DSD columns', async () => {
    const res = await get(`/api/v1/sdmx/data?${QUERY}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.sdmx.data+csv');
    expect(res.body.charCodeAt(0)).not.toBe(0xfeff);
    const rows = readCsv(res.body);
    expect(Object.keys(rows[0])).toEqual(SDMX_CSV_HEADER);
    const json = (await get(`/api/v1/data?${QUERY}`)).json();
    const withValue = json.rows.filter((r: { value: number | null }) => r.value !== null);
    expect(rows).toHaveLength(withValue.length);
    expect(rows.length).toBeGreaterThan(300);
    const r = rows.find((x) => x.INDICATOR === 'poverty_rate' && x.REF_AREA === '20' && x.TIME_PERIOD === '2016')!;
    const j = withValue.find(
      (x: { indicator: string; unitCode: string; period: number }) =>
        x.indicator === 'poverty_rate' && x.unitCode === '20' && x.period === 2016,
    );
    expect(r).toMatchObject({
      STRUCTURE: 'dataflow',
      STRUCTURE_ID: 'VN_BTC:DF_REGIONLINK(1.0.0)',
      ACTION: 'I',
      GEO_VINTAGE: '2008-08-01',
      UNIT_MEASURE: 'PC',
      OBS_STATUS: 'A',
    });
    expect(Number(r.OBS_VALUE)).toBe(j.value);
    expect(r.SOURCE).toContain('gso-2010-2016 #1');
  });

  it('SDMX-JSON 2.0 data message: valid against the official schema, the same observations as the CSV', async () => {
    const res = await get(`/api/v1/sdmx/data?${QUERY}&format=json`);
    expect(res.statusCode).toBe(200);
    const msg = res.json();
    const ok = validateData(msg);
    console.log(
      `SDMX-JSON data message vs sdmx-json-data-schema 2.0.0: ${ok ? 'valid' : ajv.errorsText(validateData.errors)}`,
    );
    expect(validateData.errors ?? []).toEqual([]);
    const s = msg.data.structures[0];
    const dims = s.dimensions.observation as { id: string; values: { id: string }[] }[];
    expect(dims.map((d) => d.id)).toEqual(['INDICATOR', 'REF_AREA', 'GEO_VINTAGE', 'TIME_PERIOD']);
    const attrs = s.attributes.observation as { id: string; values: { id?: string; value?: string }[] }[];
    const decoded = Object.entries(msg.data.dataSets[0].observations as Record<string, (number | null)[]>).map(
      ([key, [value, unit, status]]) => {
        const k = key.split(':').map(Number);
        return [
          ...dims.map((d, i) => d.values[k[i]].id),
          value,
          attrs[0].values[unit!].id,
          attrs[1].values[status!].id,
        ].join('|');
      },
    );
    const csv = readCsv((await get(`/api/v1/sdmx/data?${QUERY}`)).body).map((r) =>
      [r.INDICATOR, r.REF_AREA, r.GEO_VINTAGE, r.TIME_PERIOD, Number(r.OBS_VALUE), r.UNIT_MEASURE, r.OBS_STATUS].join(
        '|',
      ),
    );
    expect(decoded.sort()).toEqual(csv.sort());
    // The schema check can fail: a message without its mandatory dimension values is refused.
    delete s.dimensions.observation[0].values;
    expect(validateData(msg)).toBe(false);
  });

  it('the DSD: an SDMX-JSON 2.0 structure message, valid, with the dimensions, attributes and code lists', async () => {
    const res = await get('/api/v1/sdmx/structure');
    expect(res.statusCode).toBe(200);
    const msg = res.json();
    const ok = validateStructure(msg);
    console.log(
      `SDMX-JSON structure message (DSD) vs sdmx-json-structure-schema 2.0.0: ${ok ? 'valid' : ajv.errorsText(validateStructure.errors)}`,
    );
    expect(validateStructure.errors ?? []).toEqual([]);
    const dsd = msg.data.dataStructures[0].dataStructureComponents;
    expect(dsd.dimensionList.dimensions.map((d: { id: string }) => d.id)).toEqual([
      'INDICATOR',
      'REF_AREA',
      'GEO_VINTAGE',
    ]);
    expect(dsd.dimensionList.timeDimensions[0].id).toBe('TIME_PERIOD');
    expect(dsd.attributeList.attributes.map((a: { id: string }) => a.id)).toEqual([
      'UNIT_MEASURE',
      'OBS_STATUS',
      'SOURCE',
    ]);
    const codes = new Map(
      msg.data.codelists.map((c: { id: string; codes: { id: string }[] }) => [c.id, c.codes.map((x) => x.id)]),
    );
    expect(codes.get('CL_INDICATOR')).toContain('poverty_rate');
    expect(codes.get('CL_OBS_STATUS')).toEqual(['A', 'P', 'E']);
    expect(codes.get('CL_UNIT_MEASURE')).toContain('PC');
  });

  it('round trip: export, import into an empty database, identical observations', async () => {
    const exported = (await get(`/api/v1/sdmx/data?${QUERY}`)).body;
    const json = (await get(`/api/v1/data?${QUERY}`)).json();
    // Only recorded values (no aggregate) in this query, so every exported row is one stored observation.
    expect(
      json.rows.every(
        (r: { method: { rule: string } }) => r.method.rule === 'recorded' || r.method.rule === 'unavailable',
      ),
    ).toBe(true);
    const source = await storedObservations(t.database.db, ['poverty_rate', 'grdp_per_capita']);
    expect(source.length).toBe(readCsv(exported).length);

    const empty = await createEmptyStatisticsDatabase();
    let app: FastifyInstance | null = null;
    try {
      app = await buildApp(empty, { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 }, { webDist: null });
      await app.ready();
      expect(await storedObservations(empty.db, ['poverty_rate', 'grdp_per_capita'])).toEqual([]);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin.mof', password: DEMO_PASSWORD },
      });
      const cookie = `rl_session=${login.cookies.find((c) => c.name === 'rl_session')!.value}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/sdmx?dryRun=false&dataset=sdmx-round-trip&title=SDMX%20round%20trip',
        headers: { cookie, 'content-type': 'text/csv' },
        payload: exported,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ dryRun: false, observations: source.length });
      expect(await storedObservations(empty.db, ['poverty_rate', 'grdp_per_capita'])).toEqual(source);
      // And the other way: the empty database, now filled, exports the same observations (only SOURCE differs).
      const again = readCsv((await app.inject({ method: 'GET', url: `/api/v1/sdmx/data?${QUERY}` })).body);
      const strip = (rows: CsvRow[]) => rows.map(({ SOURCE: _s, ...rest }) => JSON.stringify(rest)).sort();
      expect(strip(again)).toEqual(strip(readCsv(exported)));
      expect(again[0].SOURCE).toContain('sdmx-round-trip #1');
    } finally {
      await app?.close();
      await empty.close();
    }
  }, 240_000);

  it('a bad SDMX-CSV is refused whole, naming row and field in both languages; nothing is written', async () => {
    const header = SDMX_CSV_HEADER.join(',');
    const ok = 'dataflow,VN_BTC:DF_REGIONLINK(1.0.0),I,poverty_rate,20,2008-08-01,2016,9.5,PC,A,';
    const bad = [
      header,
      ok,
      'dataflow,VN_BTC:DF_OTHER(1.0.0),I,poverty_rate,20,2008-08-01,2015,9.5,PC,A,',
      'dataflow,VN_BTC:DF_REGIONLINK(1.0.0),D,poverty_rate,20,2008-08-01,2014,9.5,PC,A,',
      'dataflow,VN_BTC:DF_REGIONLINK(1.0.0),I,poverty_rate,20,2008-08-01,2013,9.5,PS,X,',
    ].join('\r\n');
    const before = await rawSql(t.database.db).query<{ n: number }>('select count(*)::int as n from releases');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/sdmx?dryRun=false',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: bad,
    });
    const p = problemOf(res);
    expect(p.status).toBe(422);
    expect(p.type).toContain('application/problem+json');
    expect(p.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '3:STRUCTURE_ID',
      '4:ACTION',
      '5:OBS_STATUS',
      '5:UNIT_MEASURE',
    ]);
    expect(p.body.detail).toContain('row 3, column STRUCTURE_ID');
    expect(p.body.detailVi).toContain('dòng 3, cột STRUCTURE_ID');
    // The importer's own checks name the SDMX columns too.
    const res2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/sdmx?dryRun=false',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: [header, ok, 'dataflow,VN_BTC:DF_REGIONLINK(1.0.0),I,poverty_rate,99,2008-08-01,2015,abc,PC,A,'].join(
        '\n',
      ),
    });
    expect(res2.statusCode).toBe(422);
    const cols = res2.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(cols).toContain('3:OBS_VALUE');
    expect(cols).toContain('3:REF_AREA');
    const after = await rawSql(t.database.db).query<{ n: number }>('select count(*)::int as n from releases');
    expect(after[0].n).toBe(before[0].n);
  });

  it('importing is gated: 401 without a session, 403 for a viewer; 400 on a bad query', async () => {
    const url = '/api/v1/imports/sdmx';
    expect(
      (await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv' }, payload: 'x' })).statusCode,
    ).toBe(401);
    const viewer = await t.login('viewer');
    const r = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: viewer, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(r.statusCode).toBe(403);
    expect((await get('/api/v1/sdmx/data?indicator=Bad!')).statusCode).toBe(400);
  });
});
