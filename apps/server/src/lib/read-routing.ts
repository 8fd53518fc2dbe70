import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Db } from '../db/client';
import { parseLsn } from '../db/replica';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The database for reads that may lag behind the latest write (public statistics, geography, analytics): the
     * streaming replica when one is configured, up, and has replayed this client's own last write; else the primary.
     * Writes, permission checks and anything read to decide a write use `app.db` (the primary).
     */
    readDb: Db;
  }
}

/** Cookie carrying the primary's WAL position after this client's last write (read-your-own-writes). */
export const LSN_COOKIE = 'rl_lsn';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Longer than any replica lag we tolerate; after it the client reads from the replica again in any case. */
const LSN_COOKIE_SECONDS = 300;

function chooseReadDb(database: Database, req: FastifyRequest): Db {
  const replica = database.replica;
  if (!replica) return database.db;
  const lsn = req.cookies?.[LSN_COOKIE];
  return replica.canServe(lsn ? parseLsn(lsn) : null) ? replica.db : database.db;
}

/** After a successful write, tell the client how far the primary's WAL had got, so its next reads see the write. */
async function rememberWritePosition(database: Database, req: FastifyRequest, reply: FastifyReply) {
  if (!WRITE_METHODS.has(req.method) || reply.statusCode >= 400) return;
  let lsn: string;
  try {
    // The insert position, not pg_current_wal_lsn() (the write position): with synchronous_commit = off a commit
    // returns before its WAL is written, so the write position can still be before this client's commit record.
    [{ lsn }] = await database.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
  } catch {
    // The write's own answer matters more than the hint; without it this client may read slightly old data.
    return;
  }
  reply.setCookie(LSN_COOKIE, lsn, {
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.secureCookies,
    path: '/',
    maxAge: LSN_COOKIE_SECONDS,
  });
}

/** `req.readDb` for every request; with a replica, the write-position cookie after each write. */
export function registerReadRouting(app: FastifyInstance, database: Database) {
  app.decorateRequest('readDb', {
    getter(this: FastifyRequest) {
      return chooseReadDb(database, this);
    },
  });
  if (!database.replica) return;
  app.addHook('onSend', async (req, reply, payload) => {
    await rememberWritePosition(database, req, reply);
    return payload;
  });
}
