import { SdmxDataQuery, SdmxImportQuery, ImportResult, normaliseText } from '@regionlink/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { sendDownload } from '../../lib/http';
import { readSingleFile } from '../../lib/multipart';
import { contributePolicy, type PolicyRow } from '../../lib/policy';
import type { SessionUser } from '../access/access.service';
import { dcatCatalogue, importSdmxCsv, sdmxDataExport, sdmxStructureMessage } from './exchange.service';
import { ImportRejected, type ImportActor } from './import.service';

/** Largest SDMX-CSV upload (read whole: SDMX-level checks look at every row before the importer starts). */
const MAX_SDMX_BYTES = 20 * 1024 * 1024;

/** Gates of the exchange writes (lib/policy.ts): importing observations, as for `/imports`. */
export const EXCHANGE_GATES: PolicyRow[] = [
  { method: 'POST', url: '/api/v1/imports/sdmx', gate: ['admin', 'reporter'] },
];

const SDMX_CSV_TYPE = 'application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8';
const SDMX_JSON_TYPE = 'application/vnd.sdmx.data+json; version=2.0.0; charset=utf-8';
const SDMX_STRUCTURE_TYPE = 'application/vnd.sdmx.structure+json; version=2.0.0; charset=utf-8';

const actorOf = (u: SessionUser): ImportActor => ({
  userId: u.id,
  label: u.username,
  role: u.role,
  organisation: {
    id: u.organisation.id,
    code: u.organisation.code,
    nameVi: u.organisation.nameVi,
    kind: u.organisation.kind,
    provinceCode: u.organisation.provinceCode,
  },
});

/** A refused import as a 4xx problem naming the first row and column, with every problem in `errors`. */
function rejection(e: ImportRejected): AppError {
  const first = e.errors[0];
  const at = first ? `, first at row ${first.row}${first.column ? `, column ${first.column}` : ''}` : '';
  const atVi = first ? `, lỗi đầu tiên ở dòng ${first.row}${first.column ? `, cột ${first.column}` : ''}` : '';
  return new AppError(
    e.status,
    e.status === 403 ? 'import_forbidden_rows' : 'import_rejected',
    `The file was not imported: ${e.errorCount} problem(s)${at}${first ? `: ${first.message.replace(/\.$/, '')}` : ''}. Nothing was saved.`,
    `Tệp chưa được nhập: có ${e.errorCount} lỗi${atVi}${first ? `: ${first.messageVi.replace(/\.$/, '')}` : ''}. Chưa có dữ liệu nào được lưu.`,
    undefined,
    { errors: e.errors, errorCount: e.errorCount, rowsRead: e.rowsRead },
  );
}

/** The SDMX-CSV text of an upload: a multipart file, or the raw text/csv body. */
async function sdmxText(req: FastifyRequest): Promise<{ text: string; fileName: string | null }> {
  if (req.isMultipart()) {
    const { file } = await readSingleFile(req, { maxBytes: MAX_SDMX_BYTES });
    return { text: file!.data.toString('utf8'), fileName: normaliseText(file!.filename).slice(0, 200) || null };
  }
  if (typeof req.body !== 'string')
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the SDMX-CSV file as text/csv or as multipart/form-data.',
      'Hãy gửi tệp SDMX-CSV dưới dạng text/csv hoặc multipart/form-data.',
    );
  return { text: req.body, fileName: null };
}

/** Standard exchange formats: SDMX data and structure, SDMX-CSV import. */
export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  contributePolicy(EXCHANGE_GATES);
  const tags = ['exchange'];
  app.addContentTypeParser(
    ['text/csv', 'application/vnd.sdmx.data+csv'],
    { parseAs: 'string', bodyLimit: MAX_SDMX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/sdmx/structure',
    { schema: { tags, summary: 'The data-structure definition of the catalogue (SDMX-JSON 2.0 structure message)' } },
    async (_req, reply) =>
      reply
        .type(SDMX_STRUCTURE_TYPE)
        .header('cache-control', 'no-cache')
        .send(await sdmxStructureMessage(app.db)),
  );

  app.get(
    '/sdmx/data',
    {
      schema: {
        tags,
        summary: 'Any statistics query (the parameters of /data) as SDMX-CSV 2.0 or an SDMX-JSON 2.0 data message',
        querystring: SdmxDataQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const body = await sdmxDataExport(
        app.db,
        {
          indicators: q.indicator.split(','),
          level: q.level,
          grouping: q.grouping,
          at: q.at,
          period: q.period,
          from: q.from,
          to: q.to,
          units: q.unit?.split(','),
          release: q.release,
        },
        q.format,
      );
      const name = `${q.indicator.split(',').join('+')}-${q.grouping ?? q.level ?? 'province'}-sdmx.${q.format}`;
      return sendDownload(reply, name, q.format === 'csv' ? SDMX_CSV_TYPE : SDMX_JSON_TYPE, body);
    },
  );

  app.get(
    '/catalogue.jsonld',
    {
      schema: {
        tags,
        summary: 'The catalogue of public datasets as DCAT 2 / DCAT-AP (JSON-LD), for open-data portals to harvest',
      },
    },
    async (_req, reply) =>
      reply
        .type('application/ld+json; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(JSON.stringify(await dcatCatalogue(app.db, app.config.publicUrl))),
  );

  app.post(
    '/imports/sdmx',
    {
      schema: {
        tags,
        summary:
          'Import SDMX-CSV observations as a new release (text/csv body or multipart file); dryRun=true only checks',
        querystring: SdmxImportQuery,
        response: { 200: ImportResult },
      },
      bodyLimit: MAX_SDMX_BYTES,
    },
    async (req) => {
      const user = requireUser(req);
      const { text, fileName } = await sdmxText(req);
      const q = req.query;
      try {
        return await importSdmxCsv(app.db, actorOf(user), text, {
          dryRun: q.dryRun,
          dataset: q.dataset,
          note: q.note,
          fileName,
          newDataset: { titleVi: q.title, publisher: q.publisher, source: q.source, licence: q.licence },
        });
      } catch (e) {
        throw e instanceof ImportRejected ? rejection(e) : e;
      }
    },
  );
};
