// `npm start`: install what is missing, build the web app if needed, then run the server in this process.
import { buildWebIfStale } from './build-web.mjs';
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();
buildWebIfStale();
const { register } = await import('tsx/esm/api');
register();
await import('../apps/server/src/main.ts');
