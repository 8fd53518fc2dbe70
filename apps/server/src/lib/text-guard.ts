import { stripInvisible } from '@regionlink/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/**
 * One gate for text that can never be meaningful input (reliability catalogue §2.2, "Vietnamese Unicode edge cases"),
 * applied to every JSON body, query string and path parameter before schema validation: NUL and other control
 * characters, bidi overrides and isolates, lone surrogates, U+FFFD (text decoded from invalid bytes), more than four
 * combining marks on one letter, and values made only of invisible characters. A refusal is a 400 `bad_text` naming
 * the field; nothing reaches a service, so nothing is written. JSON nesting deeper than 32 levels is refused too.
 * Normalisation (NFC, invisible characters stripped) stays with each service's `normaliseText`.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MARKS = /\p{M}{5,}/u;
const MAX_DEPTH = 32;

interface Problem {
  en: string;
  vi: string;
}

function problemOf(s: string): Problem | null {
  if (CONTROL.test(s))
    return { en: 'contains a control character (such as NUL)', vi: 'chứa ký tự điều khiển (như NUL)' };
  if (BIDI.test(s))
    return { en: 'contains a text-direction control character', vi: 'chứa ký tự điều khiển chiều văn bản' };
  if (LONE_SURROGATE.test(s))
    return { en: 'contains an invalid Unicode character (lone surrogate)', vi: 'chứa ký tự Unicode không hợp lệ' };
  if (s.includes('\uFFFD'))
    return {
      en: 'contains U+FFFD: it was decoded from bytes that are not UTF-8',
      vi: 'chứa ký tự U+FFFD: văn bản được giải mã từ byte không phải UTF-8',
    };
  if (MARKS.test(s.normalize('NFD')))
    return { en: 'has more than four accent marks on one letter', vi: 'có hơn bốn dấu trên một chữ cái' };
  if (s !== '' && stripInvisible(s) === '')
    return { en: 'contains only invisible characters', vi: 'chỉ gồm các ký tự vô hình' };
  return null;
}

/** The first bad string (value or key) in `value`, with its path (`body.items.3.name`). */
export function findBadText(
  value: unknown,
  path: string,
  depth = 0,
  anyPrototype = false,
): { path: string; problem: Problem } | null {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  const isArray = Array.isArray(value);
  const proto = Object.getPrototypeOf(value);
  // Streams and buffers (uploads) are not JSON; the query parser's objects have their own prototype.
  if (!isArray && !anyPrototype && proto !== Object.prototype && proto !== null) return null;
  if (depth >= MAX_DEPTH)
    return {
      path,
      problem: {
        en: `is nested more than ${MAX_DEPTH} levels deep`,
        vi: `lồng nhau sâu hơn ${MAX_DEPTH} cấp`,
      },
    };
  for (const [k, v] of Object.entries(value)) {
    const p = `${path}.${k}`;
    if (!isArray) {
      const kp = problemOf(k);
      if (kp) return { path: p, problem: kp };
    }
    const found = findBadText(v, p, depth + 1);
    if (found) return found;
  }
  return null;
}

function check(req: FastifyRequest) {
  // The query parser keeps undecodable text as it is ("%E4%F2ng"); the URL itself must be valid percent-encoded UTF-8.
  try {
    decodeURIComponent(req.url);
  } catch {
    throw new AppError(
      400,
      'bad_text',
      'The address is not valid percent-encoded UTF-8.',
      'Địa chỉ yêu cầu không phải UTF-8 được mã hóa phần trăm hợp lệ.',
      [
        {
          path: 'query',
          message: 'not valid percent-encoded UTF-8',
          messageVi: 'không phải UTF-8 được mã hóa phần trăm hợp lệ',
        },
      ],
    );
  }
  const found =
    findBadText(req.params, 'params', 0, true) ??
    findBadText(req.query, 'query', 0, true) ??
    findBadText(req.body, 'body');
  if (!found) return;
  const { path, problem } = found;
  throw new AppError(400, 'bad_text', `The field ${path} ${problem.en}.`, `Trường ${path} ${problem.vi}.`, [
    { path, message: problem.en, messageVi: problem.vi },
  ]);
}

/** Register the gate for every route (one line in app.ts). */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => check(req));
}
