// The worker thread that owns a PGlite instance (see pglite-thread.ts, which starts it and forwards calls to it).
// Plain JavaScript so that it runs the same under tsx, vitest and plain Node, with no loader in the worker.
// PGlite's own `@electric-sql/pglite/worker` is browser-only (it needs navigator.locks), hence this small wrapper.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const ROLLBACK = Symbol('rollback requested by the main thread');
/** Open transactions by id: the PGlite transaction object and how to end it. */
const transactions = new Map();

function reply(id, value, transfer = []) {
  parentPort.postMessage({ id, ok: true, value }, transfer);
}

function replyError(id, e) {
  const err = e instanceof Error ? e : new Error(String(e));
  const props = {};
  for (const k of Object.keys(err)) {
    const v = err[k];
    if (v === undefined || typeof v === 'function') continue;
    props[k] = typeof v === 'object' && v !== null ? String(v) : v;
  }
  parentPort.postMessage({ id, ok: false, error: { message: err.message, name: err.name, stack: err.stack, props } });
}

/** Turn the options received from the main thread back into PGlite query options. */
function queryOptions(o) {
  if (!o) return undefined;
  const out = {};
  if (o.rowMode) out.rowMode = o.rowMode;
  if (o.rawTypes?.length) {
    out.parsers = {};
    for (const t of o.rawTypes) out.parsers[t] = (v) => v;
  }
  if (o.paramTypes) out.paramTypes = o.paramTypes;
  if (o.blob) out.blob = new Blob([o.blob]);
  return out;
}

/** Results without the blob, which goes back as a transferred ArrayBuffer. */
async function sendResults(id, res) {
  if (res.blob) {
    const buf = await res.blob.arrayBuffer();
    const { blob: _blob, ...rest } = res;
    reply(id, { ...rest, blobBuffer: buf }, [buf]);
  } else reply(id, res);
}

function target(msg) {
  if (msg.tx === undefined) return db;
  const t = transactions.get(msg.tx);
  if (!t) throw new Error('PGlite worker: this transaction has already ended');
  return t.tx;
}

async function handle(msg) {
  switch (msg.op) {
    case 'query':
      return sendResults(msg.id, await target(msg).query(msg.sql, msg.params, queryOptions(msg.options)));
    case 'exec':
      return reply(msg.id, await target(msg).exec(msg.sql));
    case 'begin': {
      // The transaction stays open (holding PGlite's transaction lock) until the main thread sends `end`.
      const entry = { tx: null, end: null, outcome: null };
      const ended = new Promise((resolve) => {
        entry.end = resolve;
      });
      let started = false;
      entry.outcome = db.transaction(async (tx) => {
        started = true;
        entry.tx = tx;
        transactions.set(msg.id, entry);
        reply(msg.id, msg.id);
        if (!(await ended)) throw ROLLBACK;
      });
      entry.outcome.catch((e) => {
        if (!started) replyError(msg.id, e);
      });
      return;
    }
    case 'end': {
      const t = transactions.get(msg.tx);
      if (!t) throw new Error('PGlite worker: this transaction has already ended');
      t.end(msg.commit);
      try {
        await t.outcome;
      } catch (e) {
        if (e !== ROLLBACK) throw e;
      } finally {
        transactions.delete(msg.tx);
      }
      return reply(msg.id, null);
    }
    case 'dump': {
      const file = await db.dumpDataDir(msg.compression);
      const buf = await file.arrayBuffer();
      return reply(msg.id, { buffer: buf, name: file.name, type: file.type }, [buf]);
    }
    case 'close':
      if (!db.closed) await db.close();
      return reply(msg.id, null);
    default:
      throw new Error(`PGlite worker: unknown operation ${msg.op}`);
  }
}

const { dataDir, loadDataDir, startParams } = workerData;
let db;
try {
  db = await PGlite.create({
    dataDir: dataDir ?? undefined,
    extensions: { pg_trgm, unaccent },
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    startParams,
  });
  parentPort.on('message', (msg) => {
    handle(msg).catch((e) => replyError(msg.id, e));
  });
  parentPort.postMessage({ ready: true });
} catch (e) {
  replyError(0, e);
}
