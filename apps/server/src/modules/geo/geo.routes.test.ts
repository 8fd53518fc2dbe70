import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { type TestApp, createTestApp, problemOf } from '../../../test/helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe(`geo API on ${TEST_ENGINE}`, () => {
  it('lists 34 provinces on 2025-07-01 and 63 on 2025-06-30, with codes as strings', async () => {
    const a = await get('/api/v1/geo/units?level=province&at=2025-07-01');
    expect(a.statusCode).toBe(200);
    const after = a.json();
    expect(after.items).toHaveLength(34);
    expect(after.items[0]).toMatchObject({
      code: '01',
      nameVi: 'Hà Nội',
      level: 'province',
      validFrom: '2025-07-01',
      validTo: null,
    });
    const b = (await get('/api/v1/geo/units?level=province&at=2025-06-30')).json();
    expect(b.items).toHaveLength(63);
    expect(b.items.find((u: { code: string }) => u.code === '02')).toMatchObject({
      nameVi: 'Hà Giang',
      validTo: '2025-06-30',
    });
    for (const u of b.items) expect(typeof u.areaKm2).toBe('number');
  });

  it('defaults to today’s geography and lists the 3,321 communes, or one province’s communes', async () => {
    expect((await get('/api/v1/geo/units')).json().items).toHaveLength(34);
    expect((await get('/api/v1/geo/units?level=commune&at=2025-07-01')).json().items).toHaveLength(3321);
    const ls = (await get('/api/v1/geo/units?level=commune&parent=20')).json();
    expect(ls.items).toHaveLength(65);
    expect(ls.items.every((c: { parentCode: string }) => c.parentCode === '20')).toBe(true);
    expect((await get('/api/v1/geo/units?level=commune&at=2025-06-30')).json().items).toHaveLength(0);
  });

  it('returns one unit with its predecessors, and the old unit with its successor', async () => {
    const bn = (await get('/api/v1/geo/units/24?at=2025-07-01')).json();
    expect(bn.nameVi).toBe('Bắc Ninh');
    expect(bn.predecessors.map((p: { code: string; nameVi: string }) => `${p.code} ${p.nameVi}`)).toEqual([
      '24 Bắc Giang',
      '27 Bắc Ninh',
    ]);
    expect(bn.groupings.map((g: { id: string }) => g.id)).toContain('region-2025-RRD');
    expect(bn.communeCount).toBe(99);
    const bg = (await get('/api/v1/geo/units/24?at=2025-06-30')).json();
    expect(bg.nameVi).toBe('Bắc Giang');
    expect(bg.successors).toEqual([expect.objectContaining({ code: '24', nameVi: 'Bắc Ninh', weight: 1 })]);
    expect(bg.groupings.map((g: { id: string }) => g.id)).toEqual(
      expect.arrayContaining(['region-gso-NMM', 'sub-nmm-db']),
    );
  });

  it('keeps "part of a province" members of sub-regions as such', async () => {
    const subs = (await get('/api/v1/geo/groupings?type=subregion&at=2025-06-30')).json().items;
    expect(subs).toHaveLength(17);
    const coastal = subs.find((s: { id: string }) => s.id === 'sub-se-vb');
    expect(coastal.members.find((m: { code: string }) => m.code === '79')).toMatchObject({ partial: true });
    expect(coastal.members.find((m: { code: string }) => m.code === '77')).toMatchObject({ partial: false });
  });

  it('returns the six regions of each period with member codes', async () => {
    const now = (await get('/api/v1/geo/groupings?type=region&at=2025-07-01')).json().items;
    expect(now.map((g: { code: string }) => g.code)).toEqual(['NMM', 'RRD', 'NC', 'SCCH', 'SE', 'MRD']);
    expect(now.flatMap((g: { memberCodes: string[] }) => g.memberCodes)).toHaveLength(34);
    const before = (await get('/api/v1/geo/groupings?type=region&at=2025-06-30')).json().items;
    expect(before.map((g: { code: string }) => g.code)).toEqual(['NMM', 'RRD', 'NCC', 'CH', 'SE', 'MRD']);
    expect(before.flatMap((g: { memberCodes: string[] }) => g.memberCodes)).toHaveLength(63);
  });

  it('returns the 63→34 crosswalk, whole-province mergers of weight 1', async () => {
    const res = (await get('/api/v1/geo/crosswalk?from=2025-06-30&to=2025-07-01')).json();
    expect(res.rows).toHaveLength(63);
    expect(res.rows.every((r: { weight: number }) => r.weight === 1)).toBe(true);
    expect(res.rows.find((r: { fromCode: string }) => r.fromCode === '06')).toMatchObject({
      fromNameVi: 'Bắc Kạn',
      toCode: '19',
      toNameVi: 'Thái Nguyên',
    });
    expect(new Set(res.rows.map((r: { toCode: string }) => r.toCode)).size).toBe(34);
    const same = (await get('/api/v1/geo/crosswalk?from=2020-01-01&to=2024-12-31')).json();
    expect(same.rows).toHaveLength(63);
    expect(same.rows.every((r: { fromCode: string; toCode: string }) => r.fromCode === r.toCode)).toBe(true);
  });

  it('serves the boundaries of each vintage as TopoJSON, or GeoJSON on request, with an ETag', async () => {
    const a = await get('/api/v1/geo/boundaries?at=2025-07-01');
    expect(a.statusCode).toBe(200);
    expect(a.json().objects['vn-provinces-34'].geometries).toHaveLength(34);
    const etag = a.headers.etag as string;
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/geo/boundaries?at=2025-07-01',
          headers: { 'if-none-match': etag },
        })
      ).statusCode,
    ).toBe(304);
    const b = await get('/api/v1/geo/boundaries?at=2025-06-30&format=geojson');
    expect(b.headers['content-type']).toContain('application/geo+json');
    expect(b.json().features).toHaveLength(63);
  });

  it('serves a simplified layer for maps of the whole country (detail=country), smaller, with its own ETag', async () => {
    const full = await get('/api/v1/geo/boundaries?at=2025-07-01');
    const country = await get('/api/v1/geo/boundaries?at=2025-07-01&detail=country');
    expect(country.statusCode).toBe(200);
    expect(country.body.length).toBeLessThan(full.body.length * 0.6);
    expect(country.json().objects).toEqual(full.json().objects);
    expect(country.headers.etag).not.toBe(full.headers.etag);
    const geo63 = (await get('/api/v1/geo/boundaries?at=2025-06-30&format=geojson&detail=country')).json();
    expect(geo63.features).toHaveLength(63);
  });

  it.each([
    ['/api/v1/geo/units?level=district', 'query.level'],
    ['/api/v1/geo/units?at=2025-13-01', 'query.at'],
    ['/api/v1/geo/units?at=2025-02-30', 'query.at'],
    ['/api/v1/geo/units?at=yesterday', 'query.at'],
    ['/api/v1/geo/units/ab?at=2025-07-01', 'params.code'],
    ['/api/v1/geo/units/1%27%20or%201=1', 'params.code'],
    ['/api/v1/geo/groupings?type=kingdom', 'query.type'],
    ['/api/v1/geo/crosswalk?from=2025-06-30', 'query.to'],
    ['/api/v1/geo/crosswalk?from=2025-07-01&to=2025-06-30', 'query.from'],
    ['/api/v1/geo/boundaries?format=shapefile', 'query.format'],
    ['/api/v1/geo/boundaries?detail=street', 'query.detail'],
  ])('answers %s with a 400 problem naming %s', async (url, field) => {
    const p = problemOf(await get(url));
    expect(p.status).toBe(400);
    expect(p.type).toContain('application/problem+json');
    expect(p.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(p.body.detailVi).toBeTruthy();
    expect(p.body.errors[0].messageVi).toBeTruthy();
  });

  it('answers an unknown code with 404, and a code from the other vintage with 404 naming its dates', async () => {
    const p = problemOf(await get('/api/v1/geo/units/99?at=2025-07-01'));
    expect(p.status).toBe(404);
    expect(p.body.detailVi).toContain('99');
    const q = problemOf(await get('/api/v1/geo/units/02?at=2025-07-01'));
    expect(q.status).toBe(404);
    expect(q.body.code).toBe('not_in_force');
    expect(q.body.availableIn).toEqual([{ nameVi: 'Hà Giang', validFrom: '2008-08-01', validTo: '2025-06-30' }]);
    const r = problemOf(await get('/api/v1/geo/boundaries?at=1990-01-01'));
    expect(r.status).toBe(404);
  });

  it('answers unknown API routes with a problem, not an HTML page', async () => {
    const p = problemOf(await get('/api/v1/nothing-here'));
    expect(p.status).toBe(404);
    expect(p.body.code).toBe('route_not_found');
  });
});

describe('system endpoints', () => {
  it('reports health with the engine in use', async () => {
    const res = await get('/api/health');
    expect(res.json()).toMatchObject({ status: 'ok', database: TEST_ENGINE });
  });

  it('publishes an OpenAPI 3 document of every route, generated from the request schemas', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/geo/units',
      '/api/v1/geo/units/{code}',
      '/api/v1/geo/groupings',
      '/api/v1/geo/crosswalk',
      '/api/v1/geo/boundaries',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/health',
    ])
      expect(paths).toContain(p);
    const levelParam = doc.paths['/api/v1/geo/units'].get.parameters.find((x: { name: string }) => x.name === 'level');
    expect(levelParam.schema.enum).toEqual(['province', 'commune']);
    // Every registered API route is documented.
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('geo/units');
  });
});
