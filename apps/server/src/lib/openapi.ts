import { SESSION_COOKIE } from '../modules/access/access.service';
import { gateDecision, policyOf } from './policy';

/**
 * What every operation of the OpenAPI document must say, added in one place (the swagger plugin's `transformObject`)
 * rather than route by route: an operationId derived from the method and path, its security (the session cookie, or
 * a bearer API token) decided by the route's row in the policy table, and its 4xx answers as problem+json (400 for
 * input, 401/403 for gated routes, 404 for addressed objects, and a generic 4XX).
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** `getDatasetsByIdReleases` for `GET /api/v1/datasets/{id}/releases`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '/')
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      return param ? ['by', ...param[1].split(/[^A-Za-z0-9]+/)] : seg.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The shared components: the problem body, the security schemes. */
const COMPONENTS = {
  schemas: {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details, with the message in Vietnamese and English and the failing fields.',
      required: ['type', 'title', 'status', 'detail'],
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        titleVi: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string' },
        detail: { type: 'string' },
        detailVi: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' }, messageVi: { type: 'string' } },
          },
        },
      },
    },
  },
  securitySchemes: {
    cookieAuth: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'The session cookie set by POST /api/v1/auth/login.',
    },
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      description:
        'A personal or organisation API token (Authorization: Bearer …). Placeholder until tokens are issued.',
    },
  },
};

const SIGNED_IN = [{ cookieAuth: [] }, { bearerAuth: [] }];
const ANYONE = [{}, ...SIGNED_IN];

/** Add operationIds, security and 4xx problem responses to every operation of a generated OpenAPI document. */
export function completeOpenApi<T extends object>(doc: T): T {
  const paths = ((doc as Json).paths ?? {}) as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  const used = new Set<string>();
  for (const [path, item] of Object.entries(paths))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      let id = op.operationId ?? operationIdOf(method, path);
      for (let n = 2; used.has(id); n++) id = `${operationIdOf(method, path)}${n}`;
      used.add(id);
      op.operationId = id;
      const url = path.replace(/\{([^}]+)\}/g, ':$1');
      const gate = policyOf(method.toUpperCase(), url)?.gate;
      // Public when an anonymous caller passes the gate; the service may still narrow what it answers.
      const open = gateDecision(gate, method.toUpperCase(), null) === null;
      op.security ??= open ? ANYONE : SIGNED_IN;
      op.responses ??= {};
      const responses = op.responses;
      const add = (code: string, description: string) => {
        responses[code] ??= problem(description);
      };
      if (op.parameters?.length || op.requestBody) add('400', 'Invalid input: the problem names each failing field.');
      if (!open) {
        add('401', 'Not signed in.');
        add('403', 'Signed in without the right to do this.');
      }
      if (/\{[^}]+\}/.test(path)) add('404', 'No such object, or not visible to the caller.');
      add('4XX', 'Another client error (problem+json).');
    }
  const components = ((doc as Json).components ?? {}) as Json;
  return {
    ...doc,
    components: {
      ...components,
      schemas: { ...((components.schemas as Json) ?? {}), ...COMPONENTS.schemas },
      securitySchemes: { ...((components.securitySchemes as Json) ?? {}), ...COMPONENTS.securitySchemes },
    },
  };
}
