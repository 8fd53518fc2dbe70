import { DocumentSampleFileParams, DocumentSamplesResponse } from '@regionlink/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendDownload } from '../../lib/http';
import { exportSampleFile, listSamplePackages } from './documents.service';

/** Documents API: the reference packages and their files (DOCX, PDF, XLSX, zip) in the official layout. */
export const documentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['documents'];
  app.get(
    '/documents/samples',
    {
      schema: {
        tags,
        summary: 'Reference packages of the national report (MoF staff)',
        response: { 200: DocumentSamplesResponse },
      },
    },
    async (req) => ({ items: await listSamplePackages(req.user) }),
  );
  app.get(
    '/documents/samples/:id/:file',
    {
      schema: {
        tags,
        summary: 'One file of a reference package: letter/report/appendix as .docx or .pdf, annex.xlsx, package.zip',
        params: DocumentSampleFileParams,
      },
    },
    async (req, reply) => {
      const f = await exportSampleFile(app.db, req.user, req.params.id, req.params.file);
      return sendDownload(reply, f.filename, f.contentType, f.data);
    },
  );
};
