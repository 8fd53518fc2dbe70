import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import type { Database } from '../src/db/client';
import { TEST_ENGINE } from './engine';
import { createTestDatabase } from './helpers';

/**
 * The OpenAPI document linted by Redocly (`@redocly/openapi-core`, its `recommended` rule set), a reader that is not
 * ours: no errors; every operation has an operationId, declared 4xx problem responses and its security.
 */

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

let app: FastifyInstance;
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(database, { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 }, { webDist: null });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe(`OpenAPI document (${TEST_ENGINE})`, () => {
  it('lints with Redocly’s recommended rules without errors', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
    const byRule = new Map<string, number>();
    for (const p of problems)
      byRule.set(`${p.severity} ${p.ruleId}`, (byRule.get(`${p.severity} ${p.ruleId}`) ?? 0) + 1);
    const operations = Object.values(doc.paths as Record<string, Record<string, Operation>>).flatMap((p) =>
      Object.values(p),
    );
    console.log(
      `Redocly recommended: ${count('error')} errors, ${count('warn')} warnings over ${operations.length} operations; ${[...byRule].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    );
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(problems.filter((p) => /operationId|4xx|security/.test(p.ruleId))).toEqual([]);
  });

  it('every operation: a unique operationId, its security from the policy table, 4xx answers as problem+json', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = doc.paths as Record<string, Record<string, Operation>>;
    const ops = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([m, op]) => ({ path, m, op })),
    );
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of ops) {
      expect(op.security?.length).toBeGreaterThan(0);
      const fourXX = Object.keys(op.responses ?? {}).filter((c) => c.startsWith('4'));
      expect(fourXX.length).toBeGreaterThan(0);
      for (const c of fourXX) expect(Object.keys(op.responses![c].content ?? {})).toContain('application/problem+json');
    }
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['cookieAuth', 'bearerAuth']));
    const sdmxImport = paths['/api/v1/imports/sdmx'].post;
    expect(sdmxImport.operationId).toBe('postImportsSdmx');
    expect(sdmxImport.security).toEqual([{ cookieAuth: [] }, { bearerAuth: [] }]);
    expect(Object.keys(sdmxImport.responses!)).toEqual(expect.arrayContaining(['400', '401', '403', '4XX']));
    const dataset = paths['/api/v1/datasets/{id}'].get;
    expect(dataset.operationId).toBe('getDatasetsById');
    expect(dataset.security).toContainEqual({});
    expect(Object.keys(dataset.responses!)).toEqual(expect.arrayContaining(['400', '404']));
    expect(Object.keys(dataset.responses!)).not.toContain('401');
  });
});
