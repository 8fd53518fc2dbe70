import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { HealthResponse } from '@regionlink/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type AppConfig, WEB_DIST_DIR } from './config';
import type { Database, Db } from './db/client';
import { registerAuth } from './lib/auth';
import { completeOpenApi } from './lib/openapi';
import { problemBody, registerErrorHandling, sendProblem } from './lib/errors';
import { registerReadRouting } from './lib/read-routing';
import { registerSecurityHeaders } from './lib/security-headers';
import { registerTextGuard } from './lib/text-guard';
import { etagMatches, registerTransport } from './lib/transport';
import { accessRoutes } from './modules/access/access.routes';
import { SESSION_COOKIE } from './modules/access/access.service';
import { documentsRoutes } from './modules/documents/documents.routes';
import { geoRoutes } from './modules/geo/geo.routes';
import { statisticsRoutes } from './modules/statistics/statistics.routes';
import { reportingRoutes } from './modules/reporting/reporting.routes';
import { plansRoutes } from './modules/plans/plans.routes';
import { analyticsRoutes } from './modules/analytics/analytics.routes';
import { councilsRoutes } from './modules/councils/councils.routes';
import { monitoringRoutes } from './modules/monitoring/monitoring.routes';
import { exchangeRoutes } from './modules/statistics/exchange.routes';
import { registerTokenRateLimit } from './modules/access/api-tokens.service';
import { apiTokenRoutes } from './modules/access/api-tokens.routes';
import { jobsRoutes } from './modules/jobs/jobs.routes';
import { defineJobs } from './modules/jobs/jobs.registry';
import { JobQueue, SERVER_ID } from './modules/jobs/queue';
import { CacheBus } from './lib/cache-bus';
import { DrawnPages, loadFirstScreens, loadSsr, pageFile, type SsrModule } from './lib/first-screens';
import { registerMetrics } from './lib/metrics';
import { pickEncoding, type ResponseCache } from './lib/response-cache';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: AppConfig;
    jobs: JobQueue;
    cacheBus: CacheBus;
    /** The response cache of anonymous public reads (lib/response-cache.ts); null when RESPONSE_CACHE_MB=0. */
    responseCache: ResponseCache | null;
  }
}

export interface BuildAppOptions {
  /** true: log every request (info); 'error': only unhandled errors, with their stack; false: nothing. */
  logger?: boolean | 'error';
  webDist?: string | null;
  /** The web app's server-side module (pages drawn with their data); by default the build's, when it has one. */
  ssr?: SsrModule | null;
}

/**
 * The job queue (modules/jobs): every app can queue jobs; a listening server also works them and runs the
 * schedules, unless JOBS=0 (or the older REPORTING_JOBS=0). Tests never listen and work the queue explicitly.
 */
function startJobQueue(app: FastifyInstance, database: Database) {
  const queue = new JobQueue(database);
  defineJobs(queue);
  app.addHook('onListen', async () => {
    if (process.env.JOBS === '0' || process.env.REPORTING_JOBS === '0') return;
    await queue.work();
  });
  app.addHook('onClose', async () => queue.stop());
  return queue;
}

/** Cache invalidation from the other servers (lib/cache-bus.ts): a listening server LISTENs; every app publishes. */
function startCacheBus(app: FastifyInstance, database: Database) {
  const bus = new CacheBus(database, SERVER_ID);
  app.addHook('onListen', async () => bus.start());
  app.addHook('onClose', async () => bus.stop());
  return bus;
}

function replicaHealth(database: Database) {
  const s = database.replica?.status();
  return { up: !!s?.up, fallbacks: s?.fallbacks ?? 0, downs: s?.downs ?? 0 };
}

/** Build the HTTP application: plugins, then one line per module. Does not listen. */
export async function buildApp(
  database: Database,
  config: AppConfig,
  opts: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.logger === 'error' ? 'error' : 'info' } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('jobs', startJobQueue(app, database));
  app.decorate('cacheBus', startCacheBus(app, database));
  registerErrorHandling(app);
  await app.register(fastifyCookie);
  // req.readDb: the streaming replica for reads that may lag, when one is configured (lib/read-routing.ts).
  registerReadRouting(app, database);
  // Uploads (statistics imports, evidence files): size and count capped before anything is parsed.
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 5, fields: 20, parts: 30 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'RegionLink API',
        description: 'Hệ thống thông tin liên kết vùng — public and reporting API',
        version: config.version,
        license: { name: 'Government of Viet Nam: terms of use of RegionLink', url: `${config.publicUrl}/` },
      },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
    // operationIds, security and 4xx problem responses for every operation, in one place (lib/openapi.ts).
    transformObject: (d) => ('openapiObject' in d ? completeOpenApi(d.openapiObject) : d.swaggerObject),
  });
  registerAuth(app);
  await registerTokenRateLimit(app, database.engine === 'postgresql' ? database.pool : null);
  registerTextGuard(app);
  await registerSecurityHeaders(app, config);
  app.decorate('responseCache', await registerTransport(app, config.responseCacheBytes));
  registerMetrics(app);

  const started = Date.now();
  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: 'Health of the server and its database', response: { 200: HealthResponse } },
    },
    async () => ({
      status: 'ok' as const,
      database: database.engine,
      version: config.version,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      demo: config.demo,
      ...(database.replica ? { replica: replicaHealth(database) } : {}),
    }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(geoRoutes);
      await api.register(accessRoutes);
      await api.register(statisticsRoutes);
      await api.register(reportingRoutes);
      await api.register(documentsRoutes);
      await api.register(plansRoutes);
      await api.register(analyticsRoutes);
      await api.register(councilsRoutes);
      await api.register(monitoringRoutes);
      await api.register(exchangeRoutes);
      await api.register(apiTokenRoutes);
      await api.register(jobsRoutes);
    },
    { prefix: '/api/v1' },
  );

  const webDist = opts.webDist === undefined ? WEB_DIST_DIR : opts.webDist;
  const hasWeb = webDist !== null && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // The build writes .br and .gz copies (apps/web/scripts/compress.mjs); send them to browsers that accept them.
      preCompressed: true,
      // File names under /assets/ carry a content hash: a browser may keep them for a year without asking again.
      setHeaders: (reply, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  const firstScreens = hasWeb && webDist ? loadFirstScreens(webDist) : new Map<string, string>();
  const ssr =
    hasWeb && webDist
      ? opts.ssr === undefined
        ? await loadSsr(webDist, (err) => app.log.error({ err }, 'dist-ssr/ssr.js did not load: pages are sent static'))
        : opts.ssr
      : null;
  const drawn = ssr && webDist ? new DrawnPages(app, webDist, firstScreens, ssr) : null;
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET')
      return sendProblem(
        reply,
        problemBody(
          404,
          'route_not_found',
          `No route ${req.method} ${req.url.split('?')[0]}.`,
          `Không có đường dẫn ${req.method} ${req.url.split('?')[0]}.`,
        ),
      );
    // Single-page app: every other GET gets index.html (or the page's first screen, in the language of the cookie,
    // drawn with its data where the server can) and the client router takes over; `cacheControl: false` keeps our
    // no-cache (the static plugin would send `public, max-age=0`). A page drawn for a signed-in caller is private.
    // (@fastify/compress does not see this handler, which is no route: a drawn page is compressed by DrawnPages.)
    const page = await drawn?.draw(req.url, req.cookies['rl.lang'], req.headers.cookie);
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', page && req.cookies[SESSION_COOKIE] ? 'private, no-cache' : 'no-cache')
      .header('vary', page ? 'Cookie, Accept-Encoding' : 'Cookie');
    if (page) {
      reply.header('etag', page.etag);
      if (etagMatches(req.headers['if-none-match'], page.etag)) return reply.code(304).send();
      const encoding = pickEncoding(req, page.size);
      return (encoding === 'identity' ? reply : reply.header('content-encoding', encoding)).send(page.body(encoding));
    }
    return reply.sendFile(pageFile(firstScreens, req.url, req.cookies['rl.lang']), { cacheControl: false });
  });
  return app;
}
