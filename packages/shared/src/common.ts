import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` (int4) column: every id the database hands out fits below it. */
export const INT4_MAX = 2_147_483_647;

/** A database id in a JSON body: a positive integer that fits the int4 column it is looked up in. */
export const DbId = z.number().int().min(1).max(INT4_MAX);
/** A database id in a path or query parameter (a string on the wire), bounded like `DbId`. */
export const DbIdParam = z.coerce.number().int().min(1).max(INT4_MAX);
/** `{ id }` path parameters. */
export const IdParams = z.object({ id: DbIdParam });

/** The plausible range of any date the product stores: nothing before 1900 or after 2100 is a real record. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';

/** An ISO calendar date `YYYY-MM-DD` that really exists (2025-02-30 is refused) and lies in 1900–2100. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date')
  .refine((s) => s >= DATE_MIN && s <= DATE_MAX, `expected a date between ${DATE_MIN} and ${DATE_MAX}`);
export type IsoDate = z.infer<typeof IsoDate>;

/** A GSO administrative code: digits only, leading zeros kept (`"01"`, `"00004"`). */
export const AdminCode = z.string().regex(/^\d{2,5}$/, 'expected a GSO code of 2 to 5 digits, as a string');

/** One error of a problem response; `path` names the field, the messages are in Vietnamese and English. */
export const ProblemError = z.object({
  path: z.string(),
  message: z.string(),
  messageVi: z.string(),
});

/** RFC 9457 problem details with a Vietnamese and an English message. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  titleVi: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  detailVi: z.string(),
  errors: z.array(ProblemError).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
  uptimeSeconds: z.number(),
  demo: z.boolean(),
  /** Only when a streaming replica is configured (DATABASE_REPLICA_URL): whether it answers, and reads it passed on. */
  replica: z.object({ up: z.boolean(), fallbacks: z.number().int(), downs: z.number().int() }).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Date from which the 34 provinces are in force (Resolution 202/2025/QH15). */
export const REFORM_DATE = '2025-07-01';
/** Last day on which the 63 provinces were in force. */
export const LAST_DAY_OF_63 = '2025-06-30';
