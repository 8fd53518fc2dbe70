import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { DCAT_CONTEXT, licenceDocument } from './dcat';

/**
 * The DCAT catalogue read as JSON-LD by the reference JavaScript processor (`jsonld`: expand, compact, to RDF), not by
 * our own code: every public dataset must carry the properties DCAT-AP makes mandatory or recommended for harvesting.
 */

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
type Node = Record<string, unknown[]> & { '@id'?: string; '@type'?: string[] };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`DCAT catalogue on ${TEST_ENGINE}`, () => {
  it('is JSON-LD that expands, compacts and converts to RDF, with the required fields on every dataset', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalogue.jsonld' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const doc = res.json();

    const expanded = (await jsonld.expand(doc)) as Node[];
    const catalogue = expanded.find((n) => n['@type']?.includes(`${DCAT}Catalog`))!;
    expect(catalogue['@id']).toBe(`${t.config.publicUrl}/api/v1/catalogue.jsonld`);
    for (const p of ['title', 'description', 'publisher']) expect(catalogue[`${DCT}${p}`]?.length).toBeGreaterThan(0);
    const datasets = catalogue[`${DCAT}dataset`] as Node[];
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/datasets' })).json().items;
    expect(datasets.length).toBe(listed.length);
    expect(datasets.length).toBeGreaterThan(5);

    const missing: string[] = [];
    for (const d of datasets) {
      expect(d['@type']).toContain(`${DCAT}Dataset`);
      for (const p of ['title', 'description', 'publisher', 'license', 'issued', 'modified'])
        if (!d[`${DCT}${p}`]?.length) missing.push(`${d['@id']} dct:${p}`);
      const titles = (d[`${DCT}title`] as { '@language': string }[]).map((x) => x['@language']);
      expect(titles).toEqual(['vi', 'en']);
      const issued = d[`${DCT}issued`]?.[0] as { '@type': string; '@value': string };
      expect(issued['@type']).toBe('http://www.w3.org/2001/XMLSchema#date');
      expect(issued['@value']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const dists = (d[`${DCAT}distribution`] ?? []) as Node[];
      if (dists.length === 0) missing.push(`${d['@id']} dcat:distribution`);
      for (const x of dists) {
        if (!x[`${DCAT}accessURL`]?.length) missing.push(`${x['@id']} dcat:accessURL`);
        if (!x[`${DCAT}mediaType`]?.length) missing.push(`${x['@id']} dcat:mediaType`);
      }
    }
    expect(missing).toEqual([]);

    // Compacting with the DCAT context gives back the prefixed terms a harvester maps.
    const compact = (await jsonld.compact(expanded as jsonld.JsonLdDocument, DCAT_CONTEXT)) as Record<string, unknown>;
    const first = (compact['dcat:dataset'] as Record<string, unknown>[])[0];
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['dct:title', 'dct:publisher', 'dct:license', 'dcat:distribution']),
    );
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    expect(nquads).toContain(`<${DCAT}accessURL>`);
    expect(nquads.split('\n').length).toBeGreaterThan(datasets.length * 20);
    console.log(`DCAT catalogue: ${datasets.length} datasets, ${nquads.trim().split('\n').length} RDF triples`);
  });

  it('gives licences a URI when their text names a known one, and their text always', () => {
    expect(licenceDocument('Kết quả khảo sát PAPI; bản tổng hợp CC0')).toMatchObject({
      '@id': 'http://creativecommons.org/publicdomain/zero/1.0/',
      'rdfs:label': 'Kết quả khảo sát PAPI; bản tổng hợp CC0',
    });
    expect(licenceDocument('Số liệu chính thức')).not.toHaveProperty('@id');
    expect(licenceDocument('')['rdfs:label']).toContain('no licence stated');
  });
});
