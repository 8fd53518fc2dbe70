import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoServers, type TwoServers } from './helpers';

/*
 * Two servers on one PostgreSQL database, as behind the proxy: an API token's limit (here 6 a minute) holds for the
 * two together — the counts are in the database — instead of 6 on each.
 */
const LIMIT = 6;
let two: TwoServers;
let token: string;

beforeAll(async () => {
  process.env.API_TOKEN_RATE_LIMIT = String(LIMIT);
  two = await createTwoServers();
  const created = await two.a.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { cookie: await two.login('reporter.langson') },
    payload: { name: 'two servers', scope: 'read_public', owner: 'personal' },
  });
  expect(created.statusCode, created.body).toBe(201);
  token = created.json().token;
});
afterAll(async () => {
  delete process.env.API_TOKEN_RATE_LIMIT;
  await two?.close();
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
    for (let i = 0; i < LIMIT; i++) codes.push((await call(i % 2 === 0 ? two.a : two.b)).statusCode);
    expect(codes).toEqual(Array(LIMIT).fill(200));
    const overA = await call(two.a);
    const overB = await call(two.b);
    expect([overA.statusCode, overB.statusCode]).toEqual([429, 429]);
    expect(overB.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(overB.headers['retry-after'])).toBeGreaterThan(0);
    const [row] = await two.dbB.query<{ hits: number }>('select hits from rate_limit_windows');
    expect(row.hits).toBe(LIMIT + 2);
  });
});
