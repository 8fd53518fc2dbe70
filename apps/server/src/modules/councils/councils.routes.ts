import {
  AgendaInput,
  Agreement,
  AgreementInput,
  AgreementPatch,
  AgreementsQuery,
  AgreementsResponse,
  AttendanceInput,
  BottleneckActionInput,
  BottleneckDetail,
  BottleneckInput,
  BottlenecksQuery,
  BottlenecksResponse,
  ConclusionsInput,
  CoordinationTeam,
  CouncilDashboard,
  CouncilDetail,
  CouncilParams,
  CouncilQuery,
  CouncilReview,
  CouncilsResponse,
  FileRef,
  FollowUpDetail,
  FollowUpsQuery,
  FollowUpsResponse,
  IdParams,
  InviteInput,
  IssueNoticeInput,
  LinkagesQuery,
  LinkagesResponse,
  MeetingDetail,
  MeetingInput,
  MeetingPatch,
  NoticeFormatParams,
  ProgressInput,
  ReportMaterial,
  ReportMaterialQuery,
  ReviewInput,
  ReviewQuery,
} from '@regionlink/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { readSingleFile } from '../../lib/multipart';
import { contributePolicy } from '../../lib/policy';
import { requireIfMatch, setEtag } from '../../lib/etag';
import { sendDownload } from '../../lib/http';
import { MAX_EVIDENCE_BYTES } from '../plans/project-work.service';
import { agreementsCsv, createAgreement, getLinkages, listAgreements, updateAgreement } from './agreements.service';
import {
  actOnBottleneck,
  getBottleneck,
  listBottlenecks,
  raiseBottleneck,
  reportMaterialAs,
} from './bottlenecks.service';
import { getCouncil, getDashboard, getReview, listCoordinationTeams, listCouncils } from './councils.service';
import {
  addFollowUpEvidence,
  downloadFollowUpEvidence,
  followUpsCsv,
  getFollowUp,
  listFollowUps,
  postProgress,
  reviewFollowUp,
  runRemindersAs,
} from './follow-ups.service';
import {
  addMeetingDocument,
  createMeeting,
  downloadMeetingDocument,
  getMeeting,
  inviteMembers,
  issueNotice,
  setAgenda,
  setAttendance,
  setConclusions,
  updateMeeting,
} from './meetings.service';
import { COUNCILS_GATES } from './councils.policy';
import { generateNotice } from './notice.service';

const MEETING = 'council-meeting';
const FOLLOW_UP = 'council-follow-up';
const BOTTLENECK = 'council-bottleneck';
const AGREEMENT = 'cooperation-agreement';

/** The file of a multipart upload (field "file"): every malformed body is a 4xx problem (lib/multipart.ts). */
async function uploadedFile(req: FastifyRequest) {
  const { file } = await readSingleFile(req, { maxBytes: MAX_EVIDENCE_BYTES });
  return { fileName: file!.filename, data: file!.data };
}

/**
 * The councils module's API. Each route calls one service function; every permission is decided in the services
 * through councils.policy.ts (one policy row per route). Writes to an existing record take If-Match.
 */
export const councilsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['councils'];
  const ok = <T extends z.ZodTypeAny>(schema: T) => ({ 200: schema });
  contributePolicy(COUNCILS_GATES);

  // ----- councils -----
  app.get(
    '/councils',
    {
      schema: {
        tags,
        summary: 'Regional Coordination Councils over time',
        querystring: CouncilQuery,
        response: ok(CouncilsResponse),
      },
    },
    async (req) => listCouncils(app.db, req.query.at),
  );
  app.get(
    '/councils/:code',
    {
      schema: {
        tags,
        summary: 'A council: founding, members at a date, changes, meetings',
        params: CouncilParams,
        querystring: CouncilQuery,
        response: ok(CouncilDetail),
      },
    },
    async (req) => getCouncil(app.db, req.user, req.params.code, req.query.at),
  );
  app.get(
    '/councils/:code/dashboard',
    {
      schema: {
        tags,
        summary: "The secretariat's dashboard (members)",
        params: CouncilParams,
        response: ok(CouncilDashboard),
      },
    },
    async (req) => getDashboard(app.db, req.user, req.params.code),
  );
  app.get(
    '/councils/:code/review',
    {
      schema: {
        tags,
        summary: "A year's conclusions: carried out, by whom, still blocked (members)",
        params: CouncilParams,
        querystring: ReviewQuery,
        response: ok(CouncilReview),
      },
    },
    async (req) => getReview(app.db, req.user, req.params.code, req.query.year),
  );
  app.get(
    '/coordination-teams',
    {
      schema: {
        tags,
        summary: "Provinces' coordination teams and their standing bodies",
        response: ok(z.object({ items: z.array(CoordinationTeam) })),
      },
    },
    async () => ({
      items: await listCoordinationTeams(app.db),
    }),
  );

  // ----- meetings -----
  /**
   * A route on one versioned record (meeting, follow-up, bottleneck, agreement): the response carries its ETag, and a
   * write takes the version the caller read from If-Match (428 without it, 412 when stale).
   */
  const versioned = <B extends z.ZodTypeAny, R extends { id: number; version: number }>(o: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH';
    url: string;
    kind: string;
    summary: string;
    body?: B;
    response: z.ZodType<R>;
    run: (req: FastifyRequest<{ Params: { id: number }; Body: z.infer<B> }>, version: number) => Promise<R>;
  }) =>
    // typed by the caller's `run`; the zod schemas still validate and serialize (compilers set on the root app)
    (app as unknown as FastifyInstance).route({
      method: o.method,
      url: o.url,
      schema: {
        tags,
        summary: o.summary,
        params: IdParams,
        ...(o.body ? { body: o.body } : {}),
        response: ok(o.response),
      },
      handler: async (req, reply) => {
        const r = req as unknown as FastifyRequest<{ Params: { id: number }; Body: z.infer<B> }>;
        const version = o.method === 'GET' ? 0 : requireIfMatch(req, o.kind, r.params.id);
        const rec = await o.run(r, version);
        setEtag(reply, o.kind, rec.id, rec.version);
        return rec;
      },
    });

  app.post(
    '/councils/:code/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a meeting (Office)',
        params: CouncilParams,
        body: MeetingInput,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => {
      const m = await createMeeting(app.db, req.user, req.params.code, req.body);
      setEtag(reply, MEETING, m.id, m.version);
      return reply.status(201).send(m);
    },
  );
  versioned({
    method: 'GET',
    url: '/council-meetings/:id',
    kind: MEETING,
    summary: 'A meeting (public fields once held; working material for members)',
    response: MeetingDetail,
    run: (req) => getMeeting(app.db, req.user, req.params.id),
  });
  versioned({
    method: 'PATCH',
    url: '/council-meetings/:id',
    kind: MEETING,
    summary: 'Edit a meeting: date, place, chair, minutes, status (Office, If-Match)',
    body: MeetingPatch,
    response: MeetingDetail,
    run: (req, v) => updateMeeting(app.db, req.user, req.params.id, v, req.body),
  });
  versioned({
    method: 'PUT',
    url: '/council-meetings/:id/agenda',
    kind: MEETING,
    summary: 'Replace the agenda (Office, If-Match)',
    body: AgendaInput,
    response: MeetingDetail,
    run: (req, v) => setAgenda(app.db, req.user, req.params.id, v, req.body),
  });
  versioned({
    method: 'PUT',
    url: '/council-meetings/:id/attendance',
    kind: MEETING,
    summary: 'Record attendance (Office, If-Match)',
    body: AttendanceInput,
    response: MeetingDetail,
    run: (req, v) => setAttendance(app.db, req.user, req.params.id, v, req.body),
  });
  versioned({
    method: 'PUT',
    url: '/council-meetings/:id/conclusions',
    kind: MEETING,
    summary: 'Replace the conclusions and their assignments (Office, If-Match)',
    body: ConclusionsInput,
    response: MeetingDetail,
    run: (req, v) => setConclusions(app.db, req.user, req.params.id, v, req.body),
  });
  versioned({
    method: 'POST',
    url: '/council-meetings/:id/notice',
    kind: MEETING,
    summary: 'Issue the notice of conclusions; assignments become follow-ups (Office, If-Match)',
    body: IssueNoticeInput,
    response: MeetingDetail,
    run: (req, v) => issueNotice(app.db, req.user, req.params.id, v, req.body),
  });
  app.post(
    '/council-meetings/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite members (in-app and e-mail outbox) (Office)',
        params: IdParams,
        body: InviteInput,
        response: ok(MeetingDetail),
      },
    },
    async (req, reply) => {
      const m = await inviteMembers(app.db, req.user, req.params.id, req.body);
      setEtag(reply, MEETING, m.id, m.version);
      return m;
    },
  );
  app.post(
    '/council-meetings/:id/documents',
    {
      schema: {
        tags,
        summary: 'Attach a document (multipart, 10 MB) (Office)',
        params: IdParams,
        response: { 201: MeetingDetail },
      },
    },
    async (req, reply) => {
      const m = await addMeetingDocument(app.db, req.user, req.params.id, await uploadedFile(req));
      setEtag(reply, MEETING, m.id, m.version);
      return reply.status(201).send(m);
    },
  );
  app.get(
    '/council-meeting-documents/:id',
    { schema: { tags, summary: 'Download a meeting document (members)', params: IdParams } },
    async (req, reply) => {
      const d = await downloadMeetingDocument(app.db, req.user, req.params.id);
      reply.header('cache-control', 'private, no-store');
      return sendDownload(reply, d.fileName, d.contentType, d.data);
    },
  );
  app.get(
    '/council-meetings/:id/notice.:format',
    {
      schema: {
        tags,
        summary: 'The notice of conclusions as DOCX or PDF (public once issued; draft for the Office)',
        params: NoticeFormatParams,
      },
    },
    async (req, reply) => {
      const f = await generateNotice(app.db, req.user, req.params.id, req.params.format);
      return sendDownload(reply, f.fileName, f.contentType, f.data);
    },
  );

  // ----- follow-ups -----
  app.get(
    '/council-follow-ups',
    {
      schema: {
        tags,
        summary: "Follow-ups the caller may see (assignee=me: one's own, across councils); format=csv",
        querystring: FollowUpsQuery,
        response: ok(FollowUpsResponse),
      },
    },
    async (req, reply) => {
      const res = await listFollowUps(app.db, req.user, req.query);
      if (req.query.format === 'csv')
        return sendDownload(
          reply,
          `nhiem-vu-theo-ket-luan-${res.today}.csv`,
          'text/csv; charset=utf-8',
          followUpsCsv(res.items),
        );
      return res;
    },
  );
  app.post(
    '/council-follow-ups/reminders',
    {
      schema: {
        tags,
        summary: 'Remind assignees of overdue follow-ups now (Office)',
        response: ok(z.object({ sent: z.number().int() })),
      },
    },
    async (req) => runRemindersAs(app.db, req.user),
  );
  versioned({
    method: 'GET',
    url: '/council-follow-ups/:id',
    kind: FOLLOW_UP,
    summary: 'A follow-up with its history and evidence',
    response: FollowUpDetail,
    run: (req) => getFollowUp(app.db, req.user, req.params.id),
  });
  versioned({
    method: 'POST',
    url: '/council-follow-ups/:id/progress',
    kind: FOLLOW_UP,
    summary: 'Post progress or report the work done (assignee, If-Match)',
    body: ProgressInput,
    response: FollowUpDetail,
    run: (req, v) => postProgress(app.db, req.user, req.params.id, v, req.body),
  });
  versioned({
    method: 'POST',
    url: '/council-follow-ups/:id/review',
    kind: FOLLOW_UP,
    summary: 'Accept as done, send back or cancel (Office, If-Match)',
    body: ReviewInput,
    response: FollowUpDetail,
    run: (req, v) => reviewFollowUp(app.db, req.user, req.params.id, v, req.body),
  });
  app.post(
    '/council-follow-ups/:id/evidence',
    {
      schema: { tags, summary: 'Attach evidence (multipart; assignee)', params: IdParams, response: { 201: FileRef } },
    },
    async (req, reply) =>
      reply.status(201).send(await addFollowUpEvidence(app.db, req.user, req.params.id, await uploadedFile(req))),
  );
  app.get(
    '/council-follow-up-evidence/:id',
    { schema: { tags, summary: 'Download an evidence file', params: IdParams } },
    async (req, reply) => {
      const e = await downloadFollowUpEvidence(app.db, req.user, req.params.id);
      reply.header('cache-control', 'private, no-store');
      return sendDownload(reply, e.fileName, e.contentType, e.data);
    },
  );

  // ----- bottlenecks -----
  app.get(
    '/council-bottlenecks',
    {
      schema: {
        tags,
        summary: 'Bottlenecks the caller may see',
        querystring: BottlenecksQuery,
        response: ok(BottlenecksResponse),
      },
    },
    async (req) => listBottlenecks(app.db, req.user, req.query),
  );
  app.post(
    '/council-bottlenecks',
    {
      schema: {
        tags,
        summary: 'Raise a bottleneck (reporters of member organisations)',
        body: BottleneckInput,
        response: { 201: BottleneckDetail },
      },
    },
    async (req, reply) => {
      const b = await raiseBottleneck(app.db, req.user, req.body);
      setEtag(reply, BOTTLENECK, b.id, b.version);
      return reply.status(201).send(b);
    },
  );
  app.get(
    '/council-bottlenecks/report-material',
    {
      schema: {
        tags,
        summary: "Open and resolved bottlenecks as drafting material for the annual report's Parts II–III (MoF)",
        querystring: ReportMaterialQuery,
        response: ok(ReportMaterial),
      },
    },
    async (req) => reportMaterialAs(app.db, req.user, req.query),
  );
  versioned({
    method: 'GET',
    url: '/council-bottlenecks/:id',
    kind: BOTTLENECK,
    summary: 'A bottleneck with every step',
    response: BottleneckDetail,
    run: (req) => getBottleneck(app.db, req.user, req.params.id),
  });
  versioned({
    method: 'POST',
    url: '/council-bottlenecks/:id/actions',
    kind: BOTTLENECK,
    summary: 'Triage, schedule, escalate, record the outcome, resolve or dismiss (Office, If-Match)',
    body: BottleneckActionInput,
    response: BottleneckDetail,
    run: (req, v) => actOnBottleneck(app.db, req.user, req.params.id, v, req.body),
  });

  // ----- agreements and linkages -----
  app.get(
    '/cooperation-agreements',
    {
      schema: {
        tags,
        summary: 'Cooperation agreements between provinces; format=csv',
        querystring: AgreementsQuery,
        response: ok(AgreementsResponse),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const res = await listAgreements(app.db, q);
      if (format === 'csv')
        return sendDownload(
          reply,
          `thoa-thuan-hop-tac-${res.at}.csv`,
          'text/csv; charset=utf-8',
          agreementsCsv(res.items),
        );
      return res;
    },
  );
  app.post(
    '/cooperation-agreements',
    {
      schema: {
        tags,
        summary: 'Record a cooperation agreement (MoF or a party province)',
        body: AgreementInput,
        response: { 201: Agreement },
      },
    },
    async (req, reply) => {
      const a = await createAgreement(app.db, req.user, req.body);
      setEtag(reply, AGREEMENT, a.id, a.version);
      return reply.status(201).send(a);
    },
  );
  versioned({
    method: 'PATCH',
    url: '/cooperation-agreements/:id',
    kind: AGREEMENT,
    summary: 'Update implementation status (MoF or a party province, If-Match)',
    body: AgreementPatch,
    response: Agreement,
    run: (req, v) => updateAgreement(app.db, req.user, req.params.id, v, req.body),
  });
  app.get(
    '/linkages',
    {
      schema: {
        tags,
        summary: 'The linkage network of a region or province',
        querystring: LinkagesQuery,
        response: ok(LinkagesResponse),
      },
    },
    async (req) => getLinkages(app.db, req.user, req.query),
  );
};
