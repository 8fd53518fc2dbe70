import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from './client';
import * as schema from './schema';

/**
 * A PostgreSQL streaming replica (hot standby) for reads that may lag: public statistics, maps and geography,
 * analytics. Configured by `DATABASE_REPLICA_URL`; writes never come here.
 *
 * - A health check every 2 s asks the replica whether it answers and how far it has
 *   replayed the primary's WAL (`pg_last_wal_replay_lsn()`).
 * - Any statement that fails because the replica is unreachable, shutting down or cancelled by recovery is sent again
 *   to the primary, and the replica is left out until the next successful health check: a reader sees no error.
 * - Read-your-own-writes: after a write the server gives the client the primary's WAL position (cookie `rl_lsn`, see
 *   `replica-routing.ts`); reads from that client go to the primary until the replica has replayed that far.
 */
export interface ReadReplica {
  /** drizzle on the replica, falling back to the primary statement by statement. */
  db: Db;
  /** Raw SQL on the replica with the same fallback. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Whether a reader whose last write reached WAL position `minLsn` (null: none known) may read here. */
  canServe(minLsn: bigint | null): boolean;
  /** Check the replica now (the timer does it too); resolves to whether it is up. */
  check(): Promise<boolean>;
  status(): ReplicaStatus;
  close(): Promise<void>;
}

export interface ReplicaStatus {
  up: boolean;
  /** How far the replica has replayed, as text (`0/3000148`), from the last health check. */
  replayLsn: string | null;
  /** Statements the replica could not answer that the primary answered instead. */
  fallbacks: number;
  /** Times the replica went from up to down. */
  downs: number;
  lastError: string | null;
}

/** `16/B374D848` → a comparable number. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

// SQLSTATE classes and codes that mean "this server cannot answer now", not "this statement is wrong".
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, not yet consistent)
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

// A hot standby cancels a query that conflicts with WAL replay: the replica is fine, this statement goes to the primary.
const CONFLICT_CODES = new Set(['40001', '57014']);

/** Whether a statement the replica refused should be answered by the primary instead. */
export function shouldFallBack(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return isUnavailable(e) || (typeof code === 'string' && CONFLICT_CODES.has(code));
}

/** Whether an error from the replica means the replica is unavailable (so the primary should answer instead). */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err) return false;
  const code = typeof err.code === 'string' ? err.code : '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
  const message = typeof err.message === 'string' ? err.message : '';
  // node-postgres reports a dropped socket or a connect timeout without a code.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

type Args = unknown[];
type PoolQuery = (...args: Args) => Promise<unknown>;

/**
 * A pool on the replica that hands a statement to the primary pool when the replica cannot answer. It is a real
 * `pg.Pool` so drizzle treats it as one (transactions take a client with `connect()`).
 */
class FallbackPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly primary: pg.Pool,
    private readonly state: { up: boolean; onFailure: (e: unknown) => void; onFallback: () => void },
  ) {
    super(config);
  }

  /** The replica's own pool, without fallback (health checks). */
  direct(sql: string) {
    return super.query(sql);
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool#query has many overloads; this forwards them unchanged.
  override query(...args: any[]): any {
    const primaryQuery = this.primary.query.bind(this.primary) as PoolQuery;
    if (typeof args[args.length - 1] === 'function') return (super.query as (...a: Args) => unknown)(...args);
    if (!this.state.up) return primaryQuery(...args);
    return ((super.query as PoolQuery)(...args) as Promise<unknown>).catch((e: unknown) => {
      if (!shouldFallBack(e)) throw e;
      if (isUnavailable(e)) this.state.onFailure(e);
      this.state.onFallback();
      return primaryQuery(...args);
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: as above, for pg.Pool#connect's callback and promise forms.
  override connect(...args: any[]): any {
    if (args.length > 0) return (super.connect as (...a: Args) => unknown)(...args);
    if (!this.state.up) return this.primary.connect();
    return super.connect().catch((e: unknown) => {
      if (!isUnavailable(e)) throw e;
      this.state.onFailure(e);
      this.state.onFallback();
      return this.primary.connect();
    });
  }
}

export interface ReplicaOptions {
  max?: number;
  checkIntervalMs?: number;
  /** How long to wait for a connection to the replica before answering from the primary. */
  connectTimeoutMs?: number;
  log?: (message: string) => void;
}

/** Open the replica beside the primary pool. The replica may be down at start: reads then go to the primary. */
export async function openReplica(url: string, primary: pg.Pool, opts: ReplicaOptions = {}): Promise<ReadReplica> {
  const log = opts.log ?? ((m: string) => console.warn(m));
  const st: ReplicaStatus = { up: false, replayLsn: null, fallbacks: 0, downs: 0, lastError: null };
  let replay: bigint | null = null;
  const markDown = (e: unknown) => {
    st.lastError = e instanceof Error ? e.message : String(e);
    if (st.up) {
      st.downs++;
      log(`replica unavailable, reading from the primary until it answers again: ${st.lastError}`);
    }
    st.up = false;
    state.up = false;
  };
  const state = {
    up: false,
    onFailure: markDown,
    onFallback: () => {
      st.fallbacks++;
    },
  };
  const pool = new FallbackPool(
    { connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: opts.connectTimeoutMs ?? 2000 },
    primary,
    state,
  );
  // An idle connection that the replica drops (shutdown, restart) must not bring the process down.
  pool.on('error', markDown);

  let checking: Promise<boolean> | null = null;
  const check = () => {
    checking ??= pool
      .direct('select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn')
      .then((res) => {
        const row = res.rows[0] as { standby: boolean; lsn: string | null };
        replay = parseLsn(row.lsn);
        st.replayLsn = row.lsn;
        if (!st.up) log(`replica answering (${row.standby ? 'hot standby' : 'not in recovery'}, replayed ${row.lsn})`);
        st.up = true;
        state.up = true;
        return true;
      })
      .catch((e: unknown) => {
        markDown(e);
        return false;
      })
      .finally(() => {
        checking = null;
      });
    return checking;
  };
  await check();
  const timer = setInterval(() => void check(), opts.checkIntervalMs ?? 2000);
  timer.unref();

  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    async query(sql, params) {
      const res = (await pool.query(sql, params as unknown[])) as pg.QueryResult;
      return res.rows;
    },
    canServe(minLsn) {
      if (!st.up) return false;
      if (minLsn === null) return true;
      return replay !== null && replay >= minLsn;
    },
    check,
    status: () => ({ ...st }),
    async close() {
      clearInterval(timer);
      await checking;
      await pool.end();
    },
  };
}
