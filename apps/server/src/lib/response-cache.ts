import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { SESSION_COOKIE } from '../modules/access/access.service';
import { todayVn } from '../modules/geo/geo.service';
import { onCatalogueInvalidated } from '../modules/statistics/catalogue.service';
import { rawSql } from '../modules/statistics/raw-sql';
import { dataSnapshot, snapshotGeneration } from '../modules/statistics/snapshot';
import { COMPRESS_THRESHOLD, compressBody, etagMatches } from './transport';

/**
 * A server-side cache of public reads (issue 18 item 5): the statistics query behind the map, the explorer and the
 * analytics pages, the indicator catalogue and the geography API. Under 200 connections every one of these answers
 * is otherwise recomputed (and recompressed) per request although it changes only with a release.
 *
 * Safety rules:
 * - only anonymous requests (no session cookie, no Authorization header, no signed-in user) read or fill it, so an
 *   answer computed for a caller entitled to a restricted dataset can never be stored, and a signed-in caller never
 *   gets the public copy (their answer may hold more);
 * - the key is the route pattern, its parameters, the validated (hence normalised, defaults filled) query, today's
 *   date in Viet Nam (the default `at` of every one of these routes) and the public data version: the statistics
 *   snapshot key (newest release, catalogue versions) plus the datasets' access levels, the groupings and the
 *   reference loads. Any import, publish, contribution, catalogue edit, access-level change or grouping change is a
 *   new key. The version is read at once after a change made through this server or announced by another one on
 *   `regionlink_cache` (lib/cache-bus.ts); otherwise it is read again in the background once a second (a commit by
 *   the command line is seen within about a second, as by the statistics snapshot), so a hit never waits for it;
 * - only 200 answers with a JSON body and no Set-Cookie are stored.
 *
 * The stored entry is the body as sent (after the ETag was computed) and its compressed forms, made once per encoding,
 * so a hit costs a map lookup: no query, no serialisation, no Brotli. A hit answers `If-None-Match` with 304 itself.
 * Memory is bounded by bytes (LRU). `RESPONSE_CACHE_MB=0` turns it off.
 */

/** Route patterns whose anonymous answers are cached. */
export const CACHED_ROUTES = new Set([
  '/api/v1/data',
  '/api/v1/indicators',
  '/api/v1/geo/units',
  '/api/v1/geo/units/:code',
  '/api/v1/geo/groupings',
  '/api/v1/geo/crosswalk',
  '/api/v1/geo/boundaries',
]);

/** Headers of the answer that belong to its content (the rest — security headers, dates — are set per request). */
const KEPT_HEADERS = new Set(['content-type', 'etag', 'cache-control', 'vary', 'x-source', 'x-licence']);
type Encoding = 'br' | 'gzip' | 'identity';

interface Entry {
  etag: string;
  headers: [string, string][];
  bodies: Partial<Record<Encoding, Buffer>>;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stored: number;
  entries: number;
  bytes: number;
}

const KEY = Symbol('regionlink.responseCacheKey');
const HIT = Symbol('regionlink.responseCacheHit');
type CachedRequest = FastifyRequest & { [KEY]?: string; [HIT]?: boolean };

// ——— The public data version ———

const EXTRA_VERSION_SQL = `select concat_ws('|',
  (select md5(coalesce(string_agg(id || ':' || access_level || ':' || version, ',' order by id), '')) from datasets),
  (select md5(coalesce(string_agg(id, ',' order by id), '')) from groupings),
  (select count(*) from reference_loads)) as v`;
const RECHECK_MS = 1000;
/** Bumped by every announced change: each version read before it is read again before use. */
let generation = 0;
/** The caches of the apps of this process (tests build several), emptied together on a change. */
const caches = new Set<ResponseCache>();

onCatalogueInvalidated((db) => {
  generation++;
  for (const c of caches) if (c.serves(db)) c.clear();
});

const currentGeneration = () => `${generation}.${snapshotGeneration()}`;
const memos = new WeakMap<Db, { at: number; generation: string; value: string }>();
const inFlight = new WeakMap<Db, { generation: string; value: Promise<string> }>();

async function readVersion(db: Db): Promise<string> {
  const snapshot = await dataSnapshot(db);
  const [extra] = await rawSql(db).query<{ v: string }>(EXTRA_VERSION_SQL);
  return `${snapshot.key}|${extra.v}`;
}

/** Read the version once for every request that wants it meanwhile, and remember it with its generation. */
function refreshVersion(db: Db, gen: string): Promise<string> {
  const running = inFlight.get(db);
  if (running?.generation === gen) return running.value;
  const value = readVersion(db)
    .then((v) => {
      memos.set(db, { at: Date.now(), generation: gen, value: v });
      return v;
    })
    .finally(() => {
      if (inFlight.get(db)?.value === value) inFlight.delete(db);
    });
  inFlight.set(db, { generation: gen, value });
  return value;
}

/**
 * The version of everything a public read may show, on the database the read goes to. After a change made or
 * announced here it is read before use; otherwise a version older than a second is used once more while it is read
 * again in the background, so that a cache hit never waits for the database (PGlite serves one query at a time).
 */
export async function publicDataVersion(db: Db): Promise<string> {
  const gen = currentGeneration();
  const memo = memos.get(db);
  if (memo?.generation !== gen) return refreshVersion(db, gen);
  if (Date.now() - memo.at >= RECHECK_MS) refreshVersion(db, gen).catch(() => undefined);
  return memo.value;
}

// ——— Keys and encodings ———

/** JSON with keys sorted, so that `?a=1&b=2` and `?b=2&a=1` are one entry. */
function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? '';
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

/** Anonymous and unauthenticated: the only callers whose answers are the same for everyone. */
function isAnonymous(req: FastifyRequest) {
  return !req.user && !req.headers.authorization && !req.cookies?.[SESSION_COOKIE];
}

/**
 * The entry's key. Answers read on the replica and on the primary are kept apart: a client reading its own write
 * (read-routing's cookie) or every client while the replica is down must get the primary's answer, and the replica
 * may lag in data the version does not count (reference data).
 */
async function keyOf(req: FastifyRequest, url: string) {
  const db = req.readDb;
  const source = db === req.server.db ? 'primary' : 'replica';
  const version = await publicDataVersion(db);
  return `${url}\n${stable(req.params)}\n${stable(req.query)}\n${todayVn()}\n${source}\n${version}`;
}

/** The encoding @fastify/compress would pick (Brotli, else gzip, by q-value; none for `x-no-compression`). */
export function pickEncoding(req: FastifyRequest, size: number): Encoding {
  if (size < COMPRESS_THRESHOLD || req.headers['x-no-compression'] !== undefined) return 'identity';
  const q = new Map<string, number>();
  for (const part of String(req.headers['accept-encoding'] ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) q.set(name, qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const of = (e: string) => q.get(e) ?? q.get('*') ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : 'identity';
}

/** `Vary` as @fastify/compress leaves it on a compressed answer. */
function addVaryAcceptEncoding(reply: FastifyReply) {
  const vary = reply.getHeader('vary');
  if (!vary) reply.header('vary', 'accept-encoding');
  else if (!String(vary).includes('accept-encoding')) reply.header('vary', `${vary}, accept-encoding`);
}

// ——— The cache ———

export class ResponseCache {
  readonly #lru: LRUCache<string, Entry>;
  readonly stats = { hits: 0, misses: 0, stored: 0 };

  /** The databases this app reads (primary, replica): a change announced on one of them empties this cache. */
  readonly #dbs: Set<Db>;

  constructor(maxBytes: number, dbs: Db[]) {
    this.#dbs = new Set(dbs);
    this.#lru = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (e) => 512 + e.etag.length + Object.values(e.bodies).reduce((s, b) => s + (b?.length ?? 0), 0),
    });
  }

  get size(): ResponseCacheStats {
    return { ...this.stats, entries: this.#lru.size, bytes: this.#lru.calculatedSize };
  }

  clear() {
    this.#lru.clear();
  }

  serves(db: Db) {
    return this.#dbs.has(db);
  }

  /** The body in `encoding`, compressed once and kept (the entry's size is counted again). */
  #body(key: string, entry: Entry, encoding: Encoding): Buffer {
    const have = entry.bodies[encoding];
    if (have) return have;
    const body = compressBody(encoding as 'br' | 'gzip', entry.bodies.identity as Buffer);
    entry.bodies[encoding] = body;
    if (this.#lru.has(key)) this.#lru.set(key, entry);
    return body;
  }

  /** Headers of the entry, then the body in the client's encoding (the compressor then leaves it alone). */
  encodeFor(req: FastifyRequest, reply: FastifyReply, key: string, entry: Entry): Buffer {
    const identity = entry.bodies.identity as Buffer;
    const encoding = pickEncoding(req, identity.length);
    if (encoding === 'identity') return identity;
    const body = this.#body(key, entry, encoding);
    addVaryAcceptEncoding(reply);
    reply.header('content-encoding', encoding);
    reply.header('content-length', body.length);
    return body;
  }

  /** preHandler: answer from the cache, or remember the key so that onSend stores the answer. */
  async lookup(req: CachedRequest, reply: FastifyReply) {
    const url = req.routeOptions.url;
    if (req.method !== 'GET' || !url || !CACHED_ROUTES.has(url) || !isAnonymous(req)) return;
    let key: string;
    try {
      key = await keyOf(req, url);
    } catch {
      // The version could not be read (the database is busy or gone): answer without the cache; the route says why.
      return;
    }
    const entry = this.#lru.get(key);
    if (!entry) {
      this.stats.misses++;
      req[KEY] = key;
      return;
    }
    this.stats.hits++;
    req[HIT] = true;
    for (const [name, value] of entry.headers) reply.header(name, value);
    if (etagMatches(req.headers['if-none-match'], entry.etag)) return reply.code(304).send('');
    return reply.send(this.encodeFor(req, reply, key, entry));
  }

  /** onSend (after the ETag, before compression): keep a public 200 JSON answer. */
  store(req: CachedRequest, reply: FastifyReply, payload: unknown): unknown {
    const key = req[KEY];
    if (!key || req[HIT] || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').includes('json') || reply.hasHeader('set-cookie'))
      return payload;
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string') return payload;
    const headers = Object.entries(reply.getHeaders())
      .filter(([name, v]) => KEPT_HEADERS.has(name) && v !== undefined)
      .map(([name, v]): [string, string] => [name, String(v)]);
    const entry: Entry = { etag, headers, bodies: { identity: Buffer.from(payload) } };
    this.#lru.set(key, entry);
    this.stats.stored++;
    return this.encodeFor(req, reply, key, entry);
  }
}

/**
 * Register the cache (nothing when `maxBytes` is 0). Call right after the conditional-GET hook and before
 * compression, so that the ETag is of the JSON and the stored bodies are the ones sent.
 */
export function registerResponseCache(app: FastifyInstance, maxBytes: number): ResponseCache | null {
  if (maxBytes <= 0) return null;
  const { database } = app;
  const cache = new ResponseCache(maxBytes, [database.db, ...(database.replica ? [database.replica.db] : [])]);
  // A change announced here or by another server (cache-bus) asks the version again and drops what is stored.
  caches.add(cache);
  app.addHook('onClose', async () => {
    caches.delete(cache);
  });
  app.addHook('preHandler', async (req, reply) => cache.lookup(req, reply));
  app.addHook('onSend', async (req, reply, payload) => cache.store(req, reply, payload));
  return cache;
}
