import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  /** Load demo accounts and demo data. Default on for PGlite, off for PostgreSQL unless DEMO=1. */
  demo: boolean;
  /** Base delay in ms added after repeated failed logins (doubles per failure). */
  loginDelayBaseMs: number;
  secureCookies: boolean;
  version: string;
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
    demo,
    loginDelayBaseMs: Number(env.LOGIN_DELAY_BASE_MS ?? 250),
    secureCookies: env.SECURE_COOKIES === '1',
    version: '0.1.0',
  };
}
