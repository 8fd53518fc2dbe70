import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3197);
// The demo cycle's seed day, fixed so the journeys see the same dates and its 2024 report year (as vitest.config.ts);
// set here so the specs (support/demo.ts) and the server read the same day.
process.env.DEMO_TODAY ??= '2024-12-02';
// A fresh embedded database for every run, as a newcomer would have after `npm start`.
const dataDir = path.join(os.tmpdir(), `regionlink-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: path.join(os.tmpdir(), 'regionlink-e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'vi-VN',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'npx tsx apps/server/src/main.ts',
    cwd: path.resolve(import.meta.dirname, '..'),
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: '1',
      DATABASE_URL: '',
      LOGIN_DELAY_BASE_MS: '50',
      DEMO_TODAY: process.env.DEMO_TODAY,
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
