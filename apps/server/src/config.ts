import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './modules/access/throttle';

/** Repository root, found from this file's location so the server works from any working directory. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REFERENCE_DIR = path.join(ROOT_DIR, 'reference');
export const WEB_DIST_DIR = path.join(ROOT_DIR, 'apps/web/dist');
export const MIGRATIONS_DIR = path.join(ROOT_DIR, 'apps/server/migrations');

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * A PostgreSQL streaming replica (DATABASE_REPLICA_URL) for reads that may lag: public statistics, geography,
   * analytics. Only with DATABASE_URL. See db/replica.ts and docs/operations.md.
   */
  databaseReplicaUrl: string | null;
  /** Load demo accounts and demo data. Default on for PGlite, off for PostgreSQL unless DEMO=1. */
  demo: boolean;
  /** No longer used (sign-in attempts are now counted, see `loginLimits`); kept so older callers still type-check. */
  loginDelayBaseMs: number;
  /** Failed sign-ins allowed per account and per client address in one window (access/throttle.ts). */
  loginLimits: LoginLimits;
  secureCookies: boolean;
  /**
   * Administrators must have two-factor sign-in before they may change anything (ASVS 6.3.3). REQUIRE_ADMIN_MFA;
   * on by default except on demo installations, whose demo administrator has none.
   */
  requireAdminMfa: boolean;
  /** The address users reach the product at, for links in e-mails (PUBLIC_URL). */
  publicUrl: string;
  /** Whether e-mail leaves the machine (SMTP_URL set); without it one-time links are shown to the administrator. */
  smtpConfigured: boolean;
  /** Trust X-Forwarded-For from these proxies only (TRUST_PROXY, e.g. `127.0.0.1`); the client address is then the forwarded one. */
  trustProxy: string | false;
  /**
   * Memory for the response cache of anonymous public reads, in bytes (RESPONSE_CACHE_MB, default 64; 0 turns it
   * off). See lib/response-cache.ts.
   */
  responseCacheBytes: number;
  version: string;
}

const positiveInt = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
};

/** RESPONSE_CACHE_MB: a whole number of megabytes, 0 for none; anything else is refused. */
function cacheMegabytes(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return 64;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`RESPONSE_CACHE_MB must be a whole number of megabytes, got "${v}"`);
  return n;
}

/** Read the configuration from the environment; every variable has a safe default for a laptop. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const demoEnv = env.DEMO?.trim();
  const demo = demoEnv === undefined || demoEnv === '' ? databaseUrl === null : demoEnv === '1' || demoEnv === 'true';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(ROOT_DIR, 'data')),
    databaseUrl,
    databaseReplicaUrl: (databaseUrl && env.DATABASE_REPLICA_URL?.trim()) || null,
    demo,
    loginDelayBaseMs: Number(env.LOGIN_DELAY_BASE_MS ?? 250),
    loginLimits: {
      perAccount: positiveInt(env.LOGIN_LIMIT_ACCOUNT, DEFAULT_LOGIN_LIMITS.perAccount),
      perAddress: positiveInt(env.LOGIN_LIMIT_ADDRESS, DEFAULT_LOGIN_LIMITS.perAddress),
      windowMs: positiveInt(env.LOGIN_WINDOW_MINUTES, DEFAULT_LOGIN_LIMITS.windowMs / 60_000) * 60_000,
    },
    secureCookies: env.SECURE_COOKIES === '1',
    requireAdminMfa: env.REQUIRE_ADMIN_MFA ? env.REQUIRE_ADMIN_MFA === '1' : !demo,
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, ''),
    smtpConfigured: !!env.SMTP_URL?.trim(),
    trustProxy: env.TRUST_PROXY?.trim() || false,
    responseCacheBytes: cacheMegabytes(env.RESPONSE_CACHE_MB) * 1024 * 1024,
    version: '0.1.0',
  };
}
