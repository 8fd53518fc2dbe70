import type pg from 'pg';

type Done = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * A store for `@fastify/rate-limit` kept in PostgreSQL, so that the limit holds across every application server (the
 * plugin's own store is per process: two servers would each allow the limit). A fixed window per key, counted by one
 * statement on the primary; windows that ended are reset in place (one row per key, e.g. per API token).
 * The counting is exact under concurrency: the upsert takes the row lock.
 */
export function postgresRateLimitStore(pool: pg.Pool) {
  return class PostgresRateLimitStore {
    // The plugin passes the window (ms) and the maximum after the callback; its type declarations omit them.
    incr(key: string, done: Done, timeWindow = 60_000) {
      pool
        .query<{ hits: number; ttl: number }>(
          `insert into rate_limit_windows as w (key, window_start, hits) values ($1, now(), 1)
           on conflict (key) do update set
             hits = case when w.window_start + $2 * interval '1 millisecond' <= now() then 1 else w.hits + 1 end,
             window_start = case when w.window_start + $2 * interval '1 millisecond' <= now() then now()
                                 else w.window_start end
           returning hits,
             greatest(0, ceil(extract(epoch from (window_start + $2 * interval '1 millisecond' - now())) * 1000))::int
               as ttl`,
          [key, timeWindow],
        )
        .then((r) => done(null, { current: r.rows[0].hits, ttl: r.rows[0].ttl }))
        .catch((e: Error) => done(e));
    }
    child() {
      return this;
    }
  };
}
