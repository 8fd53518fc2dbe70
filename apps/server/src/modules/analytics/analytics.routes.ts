import {
  AtQuery,
  CompareQuery,
  CompareResponse,
  ConvergenceQuery,
  ConvergenceResponse,
  CreateGroupingInput,
  Grouping,
  GroupingId,
  GroupingsResponse,
  IndexDefinition,
  IndexRequest,
  IndexResponse,
  InequalityQuery,
  InequalityResponse,
  PeersQuery,
  PeersResponse,
  RanksQuery,
  RanksResponse,
  SavedIndex,
  SavedIndexParams,
  SavedIndicesResponse,
  SharesQuery,
  SharesResponse,
} from '@regionlink/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type PolicyRow, contributePolicy } from '../../lib/policy';
import { requireUser } from '../../lib/auth';
import { etagOf, requireIfMatch } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import { todayVn } from '../geo/geo.service';
import {
  computeCompare,
  computeConvergence,
  computeIndex,
  computeInequality,
  computePeers,
  computeRanks,
  computeShares,
} from './analytics.service';
import { compareCsv, convergenceCsv, indexCsv, inequalityCsv, peersCsv, ranksCsv, sharesCsv } from './analytics-csv';
import {
  createCustomGrouping,
  createSavedIndex,
  deleteCustomGrouping,
  getSavedIndex,
  listAnalystGroupings,
  listSavedIndices,
  updateSavedIndex,
} from './saved.service';

/** A JSON analytics answer, or its CSV when `format=csv`. */
function answer<T>(reply: FastifyReply, format: 'json' | 'csv', name: string, body: T, csv: (b: T) => string) {
  if (format === 'csv') return sendDownload(reply, `${name}.csv`, 'text/csv; charset=utf-8', csv(body));
  reply.header('cache-control', 'no-cache');
  return body;
}

/** Gates of the analytics routes (lib/policy.ts): computing an index is a read; saved groupings and indices are public content, so viewers (read-only) cannot create them. */
export const ANALYTICS_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/analytics/index', gate: 'public' },
  { method: 'POST', url: '/api/v1/analytics/groupings', gate: 'writer' },
  { method: 'DELETE', url: '/api/v1/analytics/groupings/:id', gate: 'writer' },
  { method: 'POST', url: '/api/v1/analytics/indices', gate: 'writer' },
  { method: 'PUT', url: '/api/v1/analytics/indices/:id', gate: 'writer' },
];

/**
 * The analytics API (issue 5): public reads over the statistics query engine. Every answer echoes its inputs, names
 * its methods and lists its sources; `format=csv` gives the figures as a table.
 */
export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(ANALYTICS_GATES);
  const tags = ['analytics'];

  app.get(
    '/analytics/shares',
    {
      schema: {
        tags,
        summary: 'Shares of the national population, area, GRDP… held by groupings (regions, stored or ad-hoc)',
        querystring: SharesQuery,
        response: { 200: SharesResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await computeShares(req.readDb, q);
      const name = `shares-${r.query.indicators.join('+')}-${q.type ?? q.grouping ?? 'custom'}-${r.query.at}-${r.query.period}`;
      return answer(reply, q.format, name, r, (b) => sharesCsv(b, q.lang));
    },
  );

  app.get(
    '/analytics/inequality',
    {
      schema: {
        tags,
        summary: 'Gini, Theil T/L with the between/within decomposition, CV, max/min across provinces',
        querystring: InequalityQuery,
        response: { 200: InequalityResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await computeInequality(req.readDb, q);
      return answer(reply, q.format, `inequality-${q.indicator}-${r.query.at}-${r.query.period}`, r, (b) =>
        inequalityCsv(b, q.lang),
      );
    },
  );

  app.get(
    '/analytics/convergence',
    {
      schema: {
        tags,
        summary: 'σ-convergence by year and β-convergence over a period, across the 2025 boundary change',
        querystring: ConvergenceQuery,
        response: { 200: ConvergenceResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await computeConvergence(req.readDb, q);
      return answer(reply, q.format, `convergence-${q.indicator}-${r.query.at}-${q.from}-${q.to}`, r, (b) =>
        convergenceCsv(b, q.lang),
      );
    },
  );

  app.get(
    '/analytics/compare',
    {
      schema: {
        tags,
        summary: 'Members of a grouping against the other provinces, with a permutation test',
        querystring: CompareQuery,
        response: { 200: CompareResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await computeCompare(req.readDb, q);
      return answer(reply, q.format, `compare-${q.indicator}-${r.group.id}-${r.query.at}`, r, (b) =>
        compareCsv(b, q.lang),
      );
    },
  );

  app.get(
    '/analytics/peers',
    {
      schema: {
        tags,
        summary: 'Provinces most like a given one on chosen indicators',
        querystring: PeersQuery,
        response: { 200: PeersResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await computePeers(req.readDb, q);
      return answer(reply, q.format, `peers-${q.unit}-${r.query.at}-${r.query.period}`, r, (b) => peersCsv(b, q.lang));
    },
  );

  app.post(
    '/analytics/index',
    {
      schema: {
        tags,
        summary: 'Composite index: scores 0–10, ranks and components of an inline or saved definition',
        body: IndexRequest,
        response: { 200: IndexResponse },
      },
    },
    async (req, reply) => {
      const body = req.body;
      let r: Awaited<ReturnType<typeof computeIndex>>;
      if ('definition' in body) r = await computeIndex(req.readDb, body.definition, null);
      else {
        const saved = await getSavedIndex(app.db, body.id);
        const definition = {
          ...saved.definition,
          period: body.period ?? saved.definition.period,
          at: body.at ?? saved.definition.at,
        };
        r = await computeIndex(req.readDb, definition, saved.id);
      }
      const name = `index-${r.query.id ?? 'custom'}-${r.query.at}-${r.query.definition.period}`;
      return answer(reply, body.format, name, r, (b) => indexCsv(b, body.lang));
    },
  );

  app.get(
    '/analytics/ranks',
    {
      schema: {
        tags,
        summary: 'Ranks of the provinces nationally and within their region, per indicator',
        querystring: RanksQuery,
        response: { 200: RanksResponse },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const r = await computeRanks(req.readDb, q);
      return answer(reply, q.format, `ranks-${r.query.indicators.join('+')}-${r.query.at}`, r, (b) =>
        ranksCsv(b, q.lang),
      );
    },
  );

  // Custom groupings: stored with the geo module's groupings, usable as grouping=ID here and in /data.
  app.get(
    '/analytics/groupings',
    {
      schema: {
        tags,
        summary: 'Growth-pole regions and custom groupings in force on a date',
        querystring: AtQuery,
        response: { 200: GroupingsResponse },
      },
    },
    async (req) => {
      const at = req.query.at ?? todayVn();
      return { at, items: await listAnalystGroupings(req.readDb, at) };
    },
  );
  app.post(
    '/analytics/groupings',
    {
      schema: {
        tags,
        summary: 'Create a custom grouping of provinces (signed in)',
        body: CreateGroupingInput,
        response: { 201: Grouping },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      return reply.status(201).send(await createCustomGrouping(app.db, user, req.body));
    },
  );
  app.delete(
    '/analytics/groupings/:id',
    {
      schema: {
        tags,
        summary: 'Delete one’s own custom grouping',
        params: z.object({ id: GroupingId }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      await deleteCustomGrouping(app.db, user, req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Saved index definitions: public by id (a URL shares them), edited with If-Match.
  app.get(
    '/analytics/indices',
    {
      schema: {
        tags,
        summary: 'The caller’s saved index definitions (administrators: all)',
        response: { 200: SavedIndicesResponse },
      },
    },
    async (req) => ({ items: await listSavedIndices(app.db, requireUser(req)) }),
  );
  app.post(
    '/analytics/indices',
    {
      schema: {
        tags,
        summary: 'Save an index definition (signed in)',
        body: IndexDefinition,
        response: { 201: SavedIndex },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const saved = await createSavedIndex(app.db, user, req.body);
      reply.header('etag', etagOf('analytics-index', saved.id, saved.version));
      return reply.status(201).send(saved);
    },
  );
  app.get(
    '/analytics/indices/:id',
    {
      schema: {
        tags,
        summary: 'A saved index definition (public: the id in a URL shares it)',
        params: SavedIndexParams,
        response: { 200: SavedIndex },
      },
    },
    async (req, reply) => {
      const saved = await getSavedIndex(app.db, req.params.id);
      reply.header('etag', etagOf('analytics-index', saved.id, saved.version));
      return saved;
    },
  );
  app.put(
    '/analytics/indices/:id',
    {
      schema: {
        tags,
        summary: 'Replace a saved index definition (its creator or an administrator, If-Match)',
        params: SavedIndexParams,
        body: IndexDefinition,
        response: { 200: SavedIndex },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const version = requireIfMatch(req, 'analytics-index', req.params.id);
      const saved = await updateSavedIndex(app.db, user, req.params.id, version, req.body);
      reply.header('etag', etagOf('analytics-index', saved.id, saved.version));
      return saved;
    },
  );
};
