import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { contributePolicy } from './policy';

/**
 * `/api/metrics` in Prometheus text format (prom-client): request rates and latencies per route, the job queue's
 * depth, the database pool, and the process (memory, event-loop delay, CPU). One registry per app, so that several
 * apps in one process (the tests) do not mix their figures.
 *
 * Who reads it: administrators only (the gate below). Prometheus scrapes with an administrator's API token
 * (`Authorization: Bearer …`, scope read), so no separate secret or network rule is needed; anyone else gets 401/403.
 */
export const METRICS_GATES = [{ method: 'GET' as const, url: '/api/metrics', gate: ['admin' as const] }];

export function registerMetrics(app: FastifyInstance) {
  contributePolicy(METRICS_GATES);
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'regionlink_' });
  const requests = new Counter({
    name: 'regionlink_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [register],
  });
  const latency = new Histogram({
    name: 'regionlink_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and method',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const depth = new Gauge({
    name: 'regionlink_job_queue_depth',
    help: 'Jobs waiting to run (created or waiting for a retry), by queue',
    labelNames: ['queue'] as const,
    registers: [register],
    async collect() {
      depth.reset();
      for (const [queue, n] of Object.entries(await app.jobs.depth())) depth.set({ queue }, n);
    },
  });
  const taken = new Gauge({
    name: 'regionlink_jobs_taken_from_silent_servers',
    help: 'Jobs this server has taken from servers silent past JOBS_SILENT_SECONDS (their server died), since it started',
    registers: [register],
    collect() {
      taken.set(app.jobs.takenFromSilent);
    },
  });
  const pool = new Gauge({
    name: 'regionlink_db_pool_connections',
    help: 'Database pool connections by state (PostgreSQL); PGlite has one engine and no pool',
    labelNames: ['state', 'engine'] as const,
    registers: [register],
    collect() {
      pool.reset();
      const p = app.database.pool;
      const engine = app.database.engine;
      if (!p) {
        pool.set({ state: 'total', engine }, 1);
        return;
      }
      pool.set({ state: 'total', engine }, p.totalCount);
      pool.set({ state: 'idle', engine }, p.idleCount);
      pool.set({ state: 'waiting', engine }, p.waitingCount);
    },
  });

  const responseCache = new Gauge({
    name: 'regionlink_response_cache',
    help: 'The response cache of anonymous public reads: hits and misses since start, entries and bytes held',
    labelNames: ['what'] as const,
    registers: [register],
    collect() {
      responseCache.reset();
      const s = app.responseCache?.size;
      if (!s) return;
      for (const what of ['hits', 'misses', 'entries', 'bytes'] as const) responseCache.set({ what }, s[what]);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/api/metrics') return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get(
    '/api/metrics',
    { schema: { tags: ['system'], summary: 'Metrics in Prometheus text format (administrators)' } },
    async (_req, reply) => {
      reply.header('content-type', register.contentType).header('cache-control', 'no-store');
      return register.metrics();
    },
  );
}
