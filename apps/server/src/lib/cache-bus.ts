import crypto from 'node:crypto';
import pg from 'pg';
import type { Database, Db } from '../db/client';
import { invalidateCatalogue, onCatalogueInvalidated } from '../modules/statistics/catalogue.service';

/**
 * Cache invalidation between servers through the database. A server that changes cached data publishes the cache's
 * topic with NOTIFY on the channel `regionlink_cache`; every other server LISTENs on a connection of its own and
 * drops its copy. On PGlite there is one server, and publishing is a no-op.
 *
 * The process caches and how each is correct with several servers:
 * - statistics catalogue (30 s per process): invalidated here on every edit, on every server;
 * - statistics snapshot: asks the database for the release/catalogue version at most once a second (by design);
 * - response cache of anonymous public reads (lib/response-cache.ts): keyed on the public data version (snapshot,
 *   dataset access levels, groupings), asked at most once a second, and emptied on every `catalogue` invalidation
 *   (access-level and grouping changes invalidate the catalogue for this reason);
 * - boundaries, province geometry facts, council notices, OIDC discovery: keyed by a content hash or a row
 *   version, so another server's change is a different key;
 * - regions and the geography context of plans, the reference document samples: reference data that only the
 *   command-line loader changes (restart the servers after loading new reference data).
 */

export const CACHE_CHANNEL = 'regionlink_cache';
export type CacheTopic = 'catalogue';

const buses = new WeakMap<object, CacheBus>();
/** Set while a remote invalidation is applied, so that it is not published back. */
let applyingRemote = false;

onCatalogueInvalidated((db) => {
  if (!applyingRemote) buses.get(db)?.publish('catalogue');
});

export class CacheBus {
  #listener: pg.Client | null = null;
  #stopped = false;
  /** Invalidations received from other servers (for the tests and the metrics). */
  received = 0;

  /** This app's name on the channel (the server's, plus a suffix: tests run several apps in one process). */
  readonly serverId: string;

  constructor(
    readonly database: Database,
    serverId: string,
  ) {
    this.serverId = `${serverId}:${crypto.randomUUID().slice(0, 8)}`;
    buses.set(database.db, this);
  }

  /** Publish a topic to the other servers (after the change is committed). */
  publish(topic: CacheTopic) {
    const pool = this.database.pool;
    if (!pool) return;
    const payload = JSON.stringify({ topic, from: this.serverId });
    pool.query('select pg_notify($1, $2)', [CACHE_CHANNEL, payload]).catch(() => undefined);
  }

  /** Listen on a dedicated connection (PostgreSQL); on a lost connection, drop everything and listen again. */
  async start() {
    const pool = this.database.pool;
    if (!pool || this.#listener || this.#stopped) return;
    const client = new pg.Client(pool.options as pg.ClientConfig);
    client.on('notification', (m) => this.#receive(m.payload ?? ''));
    client.on('error', () => {
      this.#listener = null;
      client.end().catch(() => undefined);
      this.#apply('catalogue');
      if (!this.#stopped) setTimeout(() => void this.start().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`listen ${CACHE_CHANNEL}`);
    this.#listener = client;
  }

  async stop() {
    this.#stopped = true;
    const c = this.#listener;
    this.#listener = null;
    await c?.end().catch(() => undefined);
  }

  #receive(payload: string) {
    let msg: { topic?: string; from?: string };
    try {
      msg = JSON.parse(payload);
    } catch {
      return;
    }
    if (msg.from === this.serverId || msg.topic !== 'catalogue') return;
    this.received++;
    this.#apply(msg.topic);
  }

  #apply(topic: CacheTopic) {
    applyingRemote = true;
    try {
      if (topic === 'catalogue') invalidateCatalogue(this.database.db as Db);
    } finally {
      applyingRemote = false;
    }
  }
}
