import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../modules/access/access.service';
import { type ResponseCache, registerResponseCache } from './response-cache';

/** How long a shared cache or browser may reuse an anonymous public read before asking again (it then gets a 304). */
export const PUBLIC_MAX_AGE = 60;

/** Bodies smaller than this are sent uncompressed. */
export const COMPRESS_THRESHOLD = 1024;
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

/** A body compressed as the transport compresses it (the response cache keeps these). */
export function compressBody(encoding: 'br' | 'gzip', body: Buffer): Buffer {
  return encoding === 'br' ? zlib.brotliCompressSync(body, BROTLI_OPTIONS) : zlib.gzipSync(body);
}

/** Does `If-None-Match` name this ETag (weak comparison, `*`, lists)? */
export function etagMatches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * Caching of API reads. Every successful GET of JSON carries an ETag: a versioned record keeps its own
 * (`"cycle-1-v3"`, for If-Match; never answered with 304), any other read gets a hash of its body, which changes exactly when the data behind it changes
 * (a new statistics release, a published report). A matching `If-None-Match` gets 304 with no body. Anonymous reads
 * are public (`max-age` short, then revalidated by ETag); a signed-in caller's reads are private and revalidated each
 * time. Registered before compression so that the hash is of the JSON itself.
 */
function registerConditionalGet(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200 || !req.url.startsWith('/api/')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A record's own ETag (its version, for If-Match) says nothing of what else the body holds (nested items, the
    // caller's permissions), so only a hash of the body itself may answer 304; such reads are simply not cached.
    const own = reply.getHeader('etag') as string | undefined;
    const etag = own ?? `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    if (!own) reply.header('etag', etag);
    if (!reply.getHeader('cache-control')) {
      const anonymous = !req.cookies?.[SESSION_COOKIE];
      reply.header(
        'cache-control',
        anonymous ? `public, max-age=${PUBLIC_MAX_AGE}, must-revalidate` : 'private, no-cache',
      );
      reply.header('vary', 'Cookie, Accept-Encoding');
    }
    if (!own && etagMatches(req.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}

/**
 * The API's transport: conditional GETs, the response cache of public reads (lib/response-cache.ts; none when
 * `cacheBytes` is 0), then Brotli or gzip as the client accepts (JSON of 100–200 KB such as the
 * boundaries and the data explorer's queries shrinks about tenfold). Brotli at quality 5: close to the best ratio
 * for JSON at a fraction of the CPU of quality 11, which suits responses built per request.
 */
export async function registerTransport(app: FastifyInstance, cacheBytes: number): Promise<ResponseCache | null> {
  registerConditionalGet(app);
  const cache = registerResponseCache(app, cacheBytes);
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    brotliOptions: BROTLI_OPTIONS,
  });
  return cache;
}
