// After `vite build`: write Brotli and gzip copies of the text assets next to them, so the server sends the small
// file to browsers that accept it (@fastify/static `preCompressed`) without compressing on every request.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;
let before = 0;
let after = 0;
for (const entry of fs.readdirSync(dist, { recursive: true })) {
  const file = path.join(dist, String(entry));
  if (!TEXT.test(file) || !fs.statSync(file).isFile()) continue;
  const raw = fs.readFileSync(file);
  if (raw.length < 1024) continue;
  const br = zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
  before += raw.length;
  after += br.length;
}
console.log(
  `[regionlink] compressed web assets: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB (Brotli)`,
);
