import { z } from 'zod';
import { DataQuery, ImportQuery } from './statistics';

/** Standard exchange formats of the statistics catalogue: SDMX data and structure, DCAT catalogue, SDMX-CSV import. */

/** Any statistics query (the same parameters as `/data`), answered as SDMX-CSV 2.0 or an SDMX-JSON 2.0 data message. */
export const SdmxDataQuery = DataQuery.omit({
  format: true,
  dialect: true,
  summary: true,
  lang: true,
  combine: true,
}).extend({
  format: z.enum(['csv', 'json']).default('csv'),
});
export type SdmxDataQueryInput = z.input<typeof SdmxDataQuery>;

/** Importing SDMX-CSV observations: the same options as the general import, less those SDMX fixes itself. */
export const SdmxImportQuery = ImportQuery.pick({
  dryRun: true,
  dataset: true,
  note: true,
  title: true,
  publisher: true,
  source: true,
  licence: true,
}).strict();

/** The DCAT catalogue's language. */
export const DcatQuery = z.object({ lang: z.enum(['vi', 'en']).default('vi') }).strict();
