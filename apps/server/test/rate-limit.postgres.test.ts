import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { readConfig } from '../src/config';
import { type Database, openPostgres } from '../src/db/client';
import { DEMO_PASSWORD } from '../src/modules/access/access.seed';
import { createTestDatabase } from './helpers';

/*
 * Two servers on one PostgreSQL database, as behind the proxy: an API token's limit (here 6 a minute) holds for the
 * two together — the counts are in the database — instead of 6 on each.
 */
const LIMIT = 6;
let dbA: Database;
let dbB: Database;
let a: FastifyInstance;
let b: FastifyInstance;
let token: string;

beforeAll(async () => {
  process.env.API_TOKEN_RATE_LIMIT = String(LIMIT);
  dbA = await createTestDatabase();
  dbB = await openPostgres(String(dbA.pool!.options.connectionString), 2);
  const config = { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 };
  a = await buildApp(dbA, config, { webDist: null });
  b = await buildApp(dbB, config, { webDist: null });
  await Promise.all([a.ready(), b.ready()]);
  const login = await a.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'reporter.langson', password: DEMO_PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const created = await a.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { cookie },
    payload: { name: 'two servers', scope: 'read_public', owner: 'personal' },
  });
  expect(created.statusCode, created.body).toBe(201);
  token = created.json().token;
});
afterAll(async () => {
  delete process.env.API_TOKEN_RATE_LIMIT;
  await b?.close();
  await dbB?.close();
  await a?.close();
  await dbA?.close();
});

const call = (app: FastifyInstance) =>
  app.inject({
    method: 'GET',
    url: '/api/v1/indicators/population',
    headers: { authorization: `Bearer ${token}` },
  });

describe('API-token rate limit across servers (postgresql)', () => {
  it('counts the requests of both servers against one limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LIMIT; i++) codes.push((await call(i % 2 === 0 ? a : b)).statusCode);
    expect(codes).toEqual(Array(LIMIT).fill(200));
    const overA = await call(a);
    const overB = await call(b);
    expect([overA.statusCode, overB.statusCode]).toEqual([429, 429]);
    expect(overB.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(overB.headers['retry-after'])).toBeGreaterThan(0);
    const [row] = await dbB.query<{ hits: number }>('select hits from rate_limit_windows');
    expect(row.hits).toBe(LIMIT + 2);
  });
});
