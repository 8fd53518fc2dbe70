import {
  CoverageQuery,
  CoverageResponse,
  CreateIndicatorInput,
  DataQuery,
  DataResponse,
  Dataset,
  DatasetExportQuery,
  DatasetParams,
  DatasetsResponse,
  DiffQuery,
  DiffResponse,
  ImportLogResponse,
  ImportProgress,
  ImportQuery,
  ImportResult,
  Indicator,
  IndicatorParams,
  IndicatorsResponse,
  normaliseText,
  ReleasesResponse,
  UpdateIndicatorInput,
} from '@regionlink/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type PolicyRow, contributePolicy } from '../../lib/policy';
import { requireRole, requireUser } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { etagOf, requireIfMatch } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import type { SessionUser } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { createIndicator, getIndicator, listIndicators, requireIndicator, updateIndicator } from './catalogue.service';
import { assertIndicatorsReadable } from './access-level';
import { coverageCsv } from './coverage';
import { regionalDatabaseCoverage } from './coverage.service';
import { communeCsvStream, communeXlsxStream, dataCsv, dataXlsx, importTemplate } from './data-export';
import { progressRecorder, readImportProgress } from './import-progress';
import { importObservations } from './import.service';
import { contributionRoutes } from './contribution.routes';
import { importJobsRoutes } from './import-jobs.routes';
import { actorOf, MAX_UPLOAD_BYTES, readUpload, requireImporter } from './upload';
import { queryObservations } from './query.service';
import {
  diffReleases,
  exportDatasetCsv,
  getDataset,
  listDatasets,
  listImports,
  listReleases,
} from './statistics.service';

/** Gates of the statistics writes (lib/policy.ts): the catalogue is MoF’s; imports by MoF and provincial reporters (the service checks the province). */
export const STATISTICS_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/indicators', gate: ['admin'] },
  { method: 'PATCH', url: '/api/v1/indicators/:code', gate: ['admin'] },
  { method: 'PATCH', url: '/api/v1/indicators/by-code/:code', gate: ['admin'] },
  { method: 'POST', url: '/api/v1/imports', gate: ['admin', 'reporter'] },
];

/** The statistics API: catalogue, data, datasets and releases, imports. */
export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(STATISTICS_GATES);
  const tags = ['statistics'];
  // Uploads arrive as a raw stream (CSV body or XLSX bytes) and are parsed while they stream, never buffered whole.
  app.addContentTypeParser(
    [
      'text/csv',
      'application/csv',
      'text/plain',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    (_req, payload, done) => done(null, payload),
  );

  app.get(
    '/indicators',
    {
      schema: {
        tags,
        summary: 'The indicator catalogue with aggregation rules',
        response: { 200: IndicatorsResponse },
      },
    },
    async () => ({ items: await listIndicators(app.db) }),
  );
  // One catalogue indicator by code, at `/indicators/{code}` and (the first address, kept) `/indicators/by-code/{code}`.
  for (const url of ['/indicators/:code', '/indicators/by-code/:code'])
    app.get(
      url,
      { schema: { tags, summary: 'One indicator', params: IndicatorParams, response: { 200: Indicator } } },
      async (req, reply) => {
        const ind = await getIndicator(app.db, req.params.code);
        reply.header('etag', etagOf('indicator', ind.code, ind.version));
        return ind;
      },
    );
  app.post(
    '/indicators',
    {
      schema: {
        tags,
        summary: 'Add an indicator (administrators)',
        body: CreateIndicatorInput,
        response: { 201: Indicator },
      },
    },
    async (req, reply) => {
      const user = requireRole(req, 'admin');
      const ind = await createIndicator(app.db, user.id, req.body);
      reply.header('etag', etagOf('indicator', ind.code, ind.version));
      return reply.status(201).send(ind);
    },
  );
  for (const url of ['/indicators/:code', '/indicators/by-code/:code'])
    app.patch(
      url,
      {
        schema: {
          tags,
          summary: 'Edit an indicator’s metadata (administrators, If-Match)',
          params: IndicatorParams,
          body: UpdateIndicatorInput,
          response: { 200: Indicator },
        },
      },
      async (req, reply) => {
        const user = requireRole(req, 'admin');
        const version = requireIfMatch(req, 'indicator', req.params.code);
        const ind = await updateIndicator(app.db, user.id, req.params.code, version, req.body);
        reply.header('etag', etagOf('indicator', ind.code, ind.version));
        return ind;
      },
    );

  app.get(
    '/data',
    {
      schema: {
        tags,
        summary:
          'Values for units in force on a date, aggregated by each indicator’s rule, with method, coverage, sources',
        querystring: DataQuery,
        response: { 200: DataResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const at = q.at ?? todayVn();
      const query = {
        indicators: q.indicator.split(','),
        level: q.level,
        grouping: q.grouping,
        at,
        period: q.period,
        from: q.from,
        to: q.to,
        units: q.unit?.split(','),
        release: q.release,
        combine: q.combine,
        summary: q.summary,
      };
      const level = q.grouping ? 'grouping' : (q.level ?? 'province');
      const span = q.period ?? (q.from || q.to ? `${q.from ?? ''}-${q.to ?? ''}` : 'all');
      const base = `${query.indicators.join('+')}-${q.grouping ?? level}-${at}-${span}`;
      if (q.format !== 'json' && level === 'commune' && !q.release && !q.combine) {
        // Commune level can be hundreds of thousands of rows: stream them from the database.
        for (const code of query.indicators) await requireIndicator(app.db, code);
        await assertIndicatorsReadable(app.db, query.indicators);
        if (q.format === 'csv')
          return sendDownload(
            reply,
            `${base}.csv`,
            'text/csv; charset=utf-8',
            await communeCsvStream(req.readDb, query, at, q.lang, q.dialect),
          );
        return sendDownload(
          reply,
          `${base}.xlsx`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          await communeXlsxStream(req.readDb, query, at, q.lang),
        );
      }
      const res = await queryObservations(req.readDb, query);
      if (q.format === 'csv')
        return sendDownload(reply, `${base}.csv`, 'text/csv; charset=utf-8', dataCsv(res, q.lang, q.dialect));
      if (q.format === 'xlsx')
        return sendDownload(
          reply,
          `${base}.xlsx`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          await dataXlsx(res, q.lang),
        );
      // The shape is the typed DataResponse; plain JSON.stringify avoids re-validating thousands of rows per request.
      reply.serializer((p) => JSON.stringify(p)).type('application/json; charset=utf-8');
      reply.header('cache-control', 'no-cache');
      return res;
    },
  );

  app.get(
    '/coverage',
    {
      schema: {
        tags,
        summary: 'What the regional database holds for each theme of recommendation 3.2.e, and what it lacks',
        querystring: CoverageQuery,
        response: { 200: CoverageResponse },
      },
    },
    async (req, reply) => {
      const c = await regionalDatabaseCoverage(req.readDb);
      if (req.query.format === 'csv')
        return sendDownload(
          reply,
          'regional-database-coverage.csv',
          'text/csv; charset=utf-8',
          coverageCsv(c, req.query.lang),
        );
      return c;
    },
  );
  app.get(
    '/datasets',
    {
      schema: {
        tags,
        summary: 'Datasets with provenance and their latest release',
        response: { 200: DatasetsResponse },
      },
    },
    async () => ({ items: await listDatasets(app.db) }),
  );
  app.get(
    '/datasets/:id',
    { schema: { tags, summary: 'One dataset', params: DatasetParams, response: { 200: Dataset } } },
    async (req) => getDataset(app.db, req.params.id),
  );
  app.get(
    '/datasets/:id/releases',
    {
      schema: {
        tags,
        summary: 'Releases of a dataset, newest first',
        params: DatasetParams,
        response: { 200: ReleasesResponse },
      },
    },
    async (req) => listReleases(app.db, req.params.id),
  );
  app.get(
    '/datasets/:id/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two releases of a dataset',
        params: DatasetParams,
        querystring: DiffQuery,
        response: { 200: DiffResponse },
      },
    },
    async (req) => diffReleases(app.db, req.params.id, req.query.from, req.query.to, req.query.limit),
  );
  app.get(
    '/datasets/:id/export',
    {
      schema: {
        tags,
        summary: 'The observations of a dataset as published in a release (CSV, streamed)',
        params: DatasetParams,
        querystring: DatasetExportQuery,
      },
    },
    async (req, reply) => {
      const { name, stream } = await exportDatasetCsv(app.db, req.params.id, req.query.release);
      return sendDownload(reply, name, 'text/csv; charset=utf-8', stream);
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'The import log (administrators: all; others: their organisation)',
        response: { 200: ImportLogResponse },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      reply.header('cache-control', 'no-store');
      return listImports(app.db, user);
    },
  );
  app.get(
    '/imports/progress/:id',
    {
      schema: {
        tags,
        summary: 'Progress of a running import started with progressId',
        params: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }),
        response: { 200: ImportProgress },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const p = await readImportProgress(app.database, req.params.id, user.id);
      if (!p)
        throw new AppError(404, 'not_found', 'No import with this progress id.', 'Không có lượt nhập nào với mã này.');
      reply.header('cache-control', 'no-store');
      return p;
    },
  );
  app.get(
    '/imports/template',
    {
      schema: {
        tags,
        summary: 'A blank import template',
        querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }).strict(),
      },
    },
    async (req, reply) => {
      const body = await importTemplate(req.query.format);
      return sendDownload(
        reply,
        `mau-nhap-so-lieu.${req.query.format}`,
        req.query.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body,
      );
    },
  );
  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Import statistics (CSV or XLSX; body text/csv or a multipart file); dryRun=true only checks',
        querystring: ImportQuery,
        response: { 200: ImportResult },
      },
      bodyLimit: MAX_UPLOAD_BYTES,
    },
    async (req) => {
      const user = requireUser(req);
      requireImporter(user);
      const q = req.query;
      return readUpload(req, q.sheet, (records, u) =>
        importObservations(app.db, actorOf(user), records, {
          dryRun: q.dryRun,
          dataset: q.dataset,
          at: q.at,
          decimal: q.decimal,
          note: q.note,
          fileName: u.fileName,
          fileSha256: u.sha256,
          progressId: q.progressId,
          onProgress: progressRecorder(app.database, q.progressId, user.id),
          newDataset: { titleVi: q.title, publisher: q.publisher, source: q.source, licence: q.licence },
          fileType: u.fileType,
          warnings: u.warnings,
        }),
      );
    },
  );
  // Contributions and queued imports share this plugin's upload parsers.
  await app.register(contributionRoutes);
  await app.register(importJobsRoutes);
};
