import {
  Dismissal,
  DismissalReopenInput,
  DismissInput,
  DuplicatesMaterial,
  DuplicatesQuery,
  DuplicatesResponse,
  IdParams,
  Scorecard,
  ScorecardEdition,
  ScorecardParams,
  ScorecardPublishInput,
  ScorecardQuery,
  ScorecardRecords,
  ScorecardRecordsQuery,
  ScorecardYears,
} from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireIfMatch, setEtag } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import { contributePolicy } from '../../lib/policy';
import { dismissCandidate, duplicatesMaterial, listDuplicates, reopenDismissal } from './duplicates.service';
import { scorecardCsv, scorecardXlsx } from './monitoring.exports';
import { MONITORING_GATES } from './monitoring.policy';
import { getRecords, getScorecard, listScorecardYears, publishScorecard } from './scorecard.service';

const DISMISSAL = 'duplicate-dismissal';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The monitoring module's API: the linkage scorecard and candidate duplicated investments. One service call each. */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['monitoring'];
  contributePolicy(MONITORING_GATES);

  app.get(
    '/monitoring/scorecard',
    {
      schema: {
        tags,
        summary: 'The linkage scorecard of the 34 provinces for a year, with rank intervals and the method',
        querystring: ScorecardQuery,
        response: { 200: Scorecard },
      },
    },
    async (req) => getScorecard(app.db, req.query),
  );
  app.get(
    '/monitoring/scorecard/years',
    {
      schema: {
        tags,
        summary: 'The years the scorecard has data for, newest first, and the year shown by default',
        response: { 200: ScorecardYears },
      },
    },
    async () => listScorecardYears(app.db),
  );
  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/monitoring/scorecard.${format}`,
      { schema: { tags, summary: `The scorecard as ${format.toUpperCase()}`, querystring: ScorecardQuery } },
      async (req, reply) => {
        const card = await getScorecard(app.db, req.query);
        const name = `bang-diem-lien-ket-vung-${card.year}.${format}`;
        return format === 'csv'
          ? sendDownload(reply, name, 'text/csv; charset=utf-8', scorecardCsv(card))
          : sendDownload(reply, name, XLSX, await scorecardXlsx(card));
      },
    );
  app.get(
    '/monitoring/scorecard/:code/records',
    {
      schema: {
        tags,
        summary: "The records each component of a province's score counted (signed in)",
        params: ScorecardParams,
        querystring: ScorecardRecordsQuery,
        response: { 200: ScorecardRecords },
      },
    },
    async (req) => getRecords(app.db, req.user, req.params.code, req.query.year),
  );
  app.post(
    '/monitoring/scorecard/publications',
    {
      schema: {
        tags,
        summary: "Publish a year's scorecard as a new edition, frozen with the method version (MoF administrators)",
        body: ScorecardPublishInput,
        response: { 201: ScorecardEdition },
      },
    },
    async (req, reply) => reply.code(201).send(await publishScorecard(app.db, req.user, req.body)),
  );

  app.get(
    '/monitoring/duplicates',
    {
      schema: {
        tags,
        summary: 'Candidate duplicated or competing investments, per region, with the evidence and the rules',
        querystring: DuplicatesQuery,
        response: { 200: DuplicatesResponse },
      },
    },
    async (req) => listDuplicates(app.db, req.query),
  );
  app.get(
    '/monitoring/duplicates/report-material',
    {
      schema: {
        tags,
        summary: "Open candidate duplicates as drafting material for the report's Part II (MoF)",
        response: { 200: DuplicatesMaterial },
      },
    },
    async (req) => duplicatesMaterial(app.db, req.user),
  );
  app.post(
    '/monitoring/duplicate-dismissals',
    {
      schema: {
        tags,
        summary: 'Dismiss a candidate duplicate with a reason (the Office of the council)',
        body: DismissInput,
        response: { 201: Dismissal },
      },
    },
    async (req, reply) => {
      const d = await dismissCandidate(app.db, req.user, req.body);
      setEtag(reply, DISMISSAL, d.id, d.version);
      return reply.code(201).send(d);
    },
  );
  app.post(
    '/monitoring/duplicate-dismissals/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a dismissed candidate with a reason; the dismissal stays on record (If-Match)',
        params: IdParams,
        body: DismissalReopenInput,
        response: { 200: Dismissal },
      },
    },
    async (req, reply) => {
      const version = requireIfMatch(req, DISMISSAL, req.params.id);
      const d = await reopenDismissal(app.db, req.user, req.params.id, version, req.body);
      setEtag(reply, DISMISSAL, d.id, d.version);
      return d;
    },
  );
};
