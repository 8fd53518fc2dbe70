/** Which engine the database tests run on in this process: PGlite unless TEST_DB=postgres. */
export const TEST_ENGINE: 'pglite' | 'postgresql' = process.env.TEST_DB === 'postgres' ? 'postgresql' : 'pglite';
/** The PostgreSQL server the tests use (a maintenance database on it; throwaway databases are created beside it). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** URL of a database on the test PostgreSQL server. */
export function pgUrl(dbName: string): string {
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}
