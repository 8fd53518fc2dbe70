import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { DEMO_PASSWORD } from '../apps/server/src/modules/access/access.seed';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface BenchServer {
  base: string;
  /** The server's own process id (node, not npx): its memory can be read in /proc. */
  pid: number;
  stop(): Promise<void>;
}

/** Whether something answers on the port already. */
export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host, timeout: 1000 }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * The product as `npm start` runs it (node + tsx on main.ts, demo data, no job workers) in its own process group,
 * waited for until /api/health answers (demo seeding is slow). `nodeArgs` go before the script (e.g. a heap limit).
 */
export async function startServer(
  port: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  if (await portAnswers(Number(port))) throw new Error(`port ${port} is taken; pass --port`);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', DEMO: '1', JOBS: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the server exited while starting');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, pid: child.pid as number, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await stop();
  throw new Error('the server did not answer /api/health within 10 minutes');
}

/** Sign the demo administrator in; the session cookie (`rl_session=…`) for the requests that follow. */
export async function signInAdmin(base: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin.mof', password: DEMO_PASSWORD }),
  });
  const c = /rl_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '');
  if (!c) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  return c[0];
}

/** POST a CSV file over node:http (no client timeout: an import on a loaded machine takes minutes). */
export function postCsv(url: string, cookie: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { cookie, 'content-type': 'text/csv' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

/** Create a synthetic indicator for a benchmark's data (a sum of stocks unless told otherwise). */
export async function createSyntheticIndicator(
  base: string,
  cookie: string,
  code: string,
  opts: { aggregation?: string; weightIndicator?: string | null; measure?: string } = {},
) {
  const r = await fetch(`${base}/api/v1/indicators`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      nameVi: `Chỉ tiêu giả lập ${code}`,
      nameEn: `Synthetic ${code}`,
      unitVi: 'đơn vị',
      unitEn: 'units',
      aggregation: opts.aggregation ?? 'sum',
      weightIndicator: opts.weightIndicator ?? null,
      measure: opts.measure ?? 'stock',
    }),
  });
  if (r.status !== 201) throw new Error(`create indicator ${code}: ${r.status} ${await r.text()}`);
}
