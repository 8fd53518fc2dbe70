/**
 * Hand-written request cases of the corpus: JSON structure and content-type tricks, query parameters (limits, SQL
 * injection, list forms, ReDoS probes) and path parameters. Each is one request with its expected status (and code).
 */
export interface RequestCase {
  id: string;
  why: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** Demo account to sign in as; none = anonymous. */
  user?: string;
  headers?: Record<string, string>;
  /** A raw body (string) or an object sent as JSON. */
  payload?: string | Buffer | Record<string, unknown>;
  /** Expected status, or the set of acceptable statuses (e.g. 400 or 404 for a malformed id). */
  status: number | number[];
  code?: string;
  /** Tables that must not change (for POSTs). */
  tables?: string[];
}

const IND = { nameVi: 'Chỉ tiêu thử', nameEn: 'Test', unitVi: 'người', unitEn: 'persons', aggregation: 'sum' };
let seq = 0;
const indicator = (extra: Record<string, unknown> = {}) => ({ code: `hostile_json_${++seq}`, ...IND, ...extra });
const json = (v: unknown) => JSON.stringify(v);

const post = (
  id: string,
  why: string,
  payload: RequestCase['payload'],
  status: number | number[],
  code?: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): RequestCase => ({
  id: `json.${id}`,
  why,
  method: 'POST',
  url: '/api/v1/indicators',
  user: 'admin.mof',
  headers,
  payload,
  status,
  code,
  tables: ['indicators'],
});

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export const JSON_CASES: RequestCase[] = [
  post('valid', 'a valid body is accepted (the control case)', json(indicator()), 201),
  post('unknown-key', 'an unknown key', json(indicator({ colour: 'red' })), 400, 'validation_failed'),
  post('status-key', 'a privileged key (version)', json(indicator({ version: 99 })), 400, 'validation_failed'),
  post(
    'proto',
    '__proto__ key',
    `{"code":"hostile_proto","nameVi":"a","nameEn":"a","unitVi":"a","unitEn":"a","aggregation":"sum","__proto__":{"polluted":true}}`,
    400,
  ),
  post(
    'proto-nested',
    '__proto__ nested',
    `{"code":"hostile_proto2","nameVi":"a","nameEn":"a","unitVi":"a","unitEn":"a","aggregation":"sum","x":{"__proto__":{"polluted":true}}}`,
    400,
  ),
  post(
    'constructor',
    'constructor.prototype key',
    `{"code":"hostile_ctor","nameVi":"a","nameEn":"a","unitVi":"a","unitEn":"a","aggregation":"sum","constructor":{"prototype":{"polluted":true}}}`,
    400,
  ),
  post('prototype-key', 'a "prototype" key', json(indicator({ prototype: { polluted: true } })), 400),
  post('depth-33', 'nesting depth 33', `{"code":"hostile_deep","x":${deep(33)}}`, 400),
  post('depth-5000', 'nesting depth 5000', `{"code":"hostile_deep2","x":${deep(5000)}}`, 400),
  post('array-1e5', 'an array of 10^5 items', json({ ...indicator(), x: Array(100_000).fill(1) }), 400),
  post(
    'duplicate-key',
    'a duplicate key: JSON.parse keeps the last one (accepted; see README)',
    `{"code":"hostile_dup","nameVi":"a","nameVi":"b","nameEn":"a","unitVi":"a","unitEn":"a","aggregation":"sum"}`,
    201,
  ),
  post('array-body', 'an array instead of an object', json([indicator()]), 400, 'validation_failed'),
  post('null-body', 'null as the body', 'null', 400),
  post('string-body', 'a string as the body', '"x"', 400, 'validation_failed'),
  post('number-body', 'a number as the body', '42', 400, 'validation_failed'),
  post('empty-body', 'an empty body with a JSON content type', '', 400),
  post('syntax', 'invalid JSON', '{"code":', 400),
  post('trailing-comma', 'a trailing comma', '{"code":"x",}', 400),
  post('single-quotes', 'single-quoted JSON', "{'code':'x'}", 400),
  post('comment', 'a comment in JSON', '{/* x */"code":"x"}', 400),
  post('nan-literal', 'NaN literal', '{"decimals":NaN}', 400),
  post(
    'big-body',
    'a body over the 2 MB limit',
    json({ ...indicator(), definitionVi: 'a'.repeat(3 * 1024 * 1024) }),
    413,
  ),
  post(
    'invalid-utf8',
    'invalid UTF-8 bytes inside a JSON string',
    Buffer.concat([
      Buffer.from(`{"code":"hostile_bytes","nameVi":"L`),
      Buffer.from([0xe4, 0xf2]),
      Buffer.from(`ng","nameEn":"a","unitVi":"a","unitEn":"a","aggregation":"sum"}`),
    ]),
    400,
    'bad_text',
  ),
  post('num-as-string', 'a number given as a string', json(indicator({ decimals: '2' })), 400, 'validation_failed'),
  post('string-as-number', 'a string given as a number', json(indicator({ nameVi: 123 })), 400, 'validation_failed'),
  post(
    'bool-as-string',
    'a boolean given as a string',
    json(indicator({ minValue: 'true' })),
    400,
    'validation_failed',
  ),
  post('array-as-string', 'an array for a string', json(indicator({ nameVi: ['a'] })), 400, 'validation_failed'),
  post('object-as-string', 'an object for a string', json(indicator({ nameVi: { a: 1 } })), 400, 'validation_failed'),
  post('null-required', 'null in a required field', json(indicator({ nameVi: null })), 400, 'validation_failed'),
  post(
    'empty-required',
    'an empty string in a required field',
    json(indicator({ nameVi: '' })),
    400,
    'validation_failed',
  ),
  post(
    'blank-required',
    'only spaces in a required field',
    json(indicator({ nameVi: '   ' })),
    400,
    'validation_failed',
  ),
  post(
    'missing-required',
    'a required field missing',
    json({ code: 'hostile_missing', nameEn: 'a', unitVi: 'a', unitEn: 'a', aggregation: 'sum' }),
    400,
    'validation_failed',
  ),
  post('enum-bad', 'a value outside an enum', json(indicator({ aggregation: 'sum; drop' })), 400, 'validation_failed'),
  post('int-float', 'a float for an integer', json(indicator({ decimals: 1.5 })), 400, 'validation_failed'),
  post('int-huge', 'an integer beyond the range', json(indicator({ decimals: 1e308 })), 400, 'validation_failed'),
  post('number-1e309', '1e309 in JSON is Infinity', '{"minValue":1e309}', 400, 'validation_failed'),
  post('negative-zero', '-0 as a period', json(indicator({ minPeriod: -0 })), 400, 'validation_failed'),
  // Content-type tricks: each must still reach schema validation (or be refused as unsupported), never bypass it.
  ...[
    ['ct-tab', 'application/json\t;'],
    ['ct-space', ' application/json'],
    ['ct-upper', 'APPLICATION/JSON;charset=utf-8'],
    ['ct-semicolon', 'application/json;'],
    ['ct-charset-latin1', 'application/json; charset=latin1'],
  ].map(([id, ct]) =>
    post(id, `content type "${ct}" with an invalid body`, json(indicator({ colour: 'x' })), [400, 415], undefined, {
      'content-type': ct,
    }),
  ),
  post('ct-form', 'a form-encoded body (CSRF-style simple request)', 'code=x&nameVi=a', [400, 415], undefined, {
    'content-type': 'application/x-www-form-urlencoded',
  }),
  post('ct-text', 'a text/plain body (CSRF-style simple request)', json(indicator()), [400, 415], undefined, {
    'content-type': 'text/plain',
  }),
  post('ct-none', 'no content type', json(indicator()), [400, 415], undefined, {}),
  post('ct-multipart', 'multipart instead of JSON', 'x', [400, 406, 415], undefined, {
    'content-type': 'multipart/form-data; boundary=x',
  }),
  post('ct-xml', 'XML instead of JSON', '<x/>', [400, 415], undefined, { 'content-type': 'application/xml' }),
];

const get = (
  id: string,
  why: string,
  url: string,
  status: number | number[],
  code?: string,
  user?: string,
): RequestCase => ({ id: `query.${id}`, why, method: 'GET', url, status, code, user });

const SQLI = [
  ['quote', "' or '1'='1"],
  ['comment', '1;--'],
  ['union', '1 union select password_hash from users'],
  ['sleep', '1;select pg_sleep(5)'],
  ['stacked', "x'); drop table users; --"],
  ['list', "population,area' or 1=1--"],
  ['list-sleep', '20,01;select pg_sleep(5)'],
  ['ident', 'name"; drop table users; --'],
] as const;
const enc = encodeURIComponent;

export const QUERY_CASES: RequestCase[] = [
  get('projects-ok', 'a valid project list (control)', '/api/v1/projects?limit=5', 200),
  get('limit-huge', 'limit=1e9', '/api/v1/projects?limit=1e9', 400, 'validation_failed'),
  get('limit-negative', 'limit=-1', '/api/v1/projects?limit=-1', 400, 'validation_failed'),
  get('limit-zero', 'limit=0', '/api/v1/projects?limit=0', 400, 'validation_failed'),
  get('limit-nan', 'limit=NaN', '/api/v1/projects?limit=NaN', 400, 'validation_failed'),
  get('limit-float', 'limit=1.5', '/api/v1/projects?limit=1.5', 400, 'validation_failed'),
  get('limit-hex', 'limit=0x10', '/api/v1/projects?limit=0x10', [200, 400]),
  get('offset-negative', 'offset=-5', '/api/v1/projects?offset=-5', 400, 'validation_failed'),
  get('limit-repeated', 'a repeated limit', '/api/v1/projects?limit=10&limit=20', 400, 'validation_failed'),
  get('sort-outside', 'sort outside the allow-list', '/api/v1/projects?sort=password_hash', 400, 'validation_failed'),
  get('sort-sqli', 'SQL in sort', `/api/v1/projects?sort=${enc('name; drop table projects')}`, 400),
  get('sort-repeated', 'a repeated sort', '/api/v1/projects?sort=name&sort=code', 400, 'validation_failed'),
  get('unknown-param', 'an unknown parameter', '/api/v1/projects?orderBy=id', 400, 'validation_failed'),
  get('q-long', 'q over 200 characters', `/api/v1/projects?q=${'a'.repeat(50_000)}!`, 400, 'validation_failed'),
  get('q-nul', 'NUL in q', '/api/v1/projects?q=a%00b', 400, 'bad_text'),
  get('q-bidi', 'a bidi override in q', `/api/v1/projects?q=${enc('a\u202Eb')}`, 400, 'bad_text'),
  get('q-bad-utf8', 'invalid percent-encoded UTF-8 in q', '/api/v1/projects?q=%E4%F2ng', [400]),
  get('q-lone-surrogate', 'a percent-encoded lone surrogate in q', '/api/v1/projects?q=%ED%A0%80', [400]),
  get('format-bad', 'format outside the list', '/api/v1/projects?format=exe', 400, 'validation_failed'),
  get('interprov-bad', 'a boolean that is not one', '/api/v1/projects?interProvincial=yes', 400),
  get('at-bad', 'a date that does not exist', '/api/v1/projects?at=2025-02-30', 400, 'validation_failed'),
  get('at-sqli', 'SQL in a date', `/api/v1/projects?at=${enc("2025-01-01' or 1=1")}`, 400, 'validation_failed'),
  ...SQLI.map(([k, v]) => get(`projects-q-sqli-${k}`, `SQL in q (${k})`, `/api/v1/projects?q=${enc(v)}`, 200)),
  ...SQLI.map(([k, v]) =>
    get(`projects-region-sqli-${k}`, `SQL in region (${k})`, `/api/v1/projects?region=${enc(v)}`, [400, 404]),
  ),
  ...SQLI.map(([k, v]) =>
    get(`projects-province-sqli-${k}`, `SQL in province (${k})`, `/api/v1/projects?province=${enc(v)}`, [400, 404]),
  ),
  ...SQLI.map(([k, v]) =>
    get(`projects-plan-sqli-${k}`, `SQL in plan (${k})`, `/api/v1/projects?plan=${enc(v)}`, [200, 400, 404]),
  ),
  get('data-ok', 'a valid data query (control)', '/api/v1/data?indicator=population&level=province&period=2024', 200),
  ...SQLI.map(([k, v]) =>
    get(`data-indicator-sqli-${k}`, `SQL in indicator (${k})`, `/api/v1/data?indicator=${enc(v)}`, 400),
  ),
  ...SQLI.map(([k, v]) =>
    get(`data-unit-sqli-${k}`, `SQL in unit (${k})`, `/api/v1/data?indicator=population&unit=${enc(v)}`, 400),
  ),
  ...SQLI.map(([k, v]) =>
    get(
      `data-grouping-sqli-${k}`,
      `SQL in grouping (${k})`,
      `/api/v1/data?indicator=population&grouping=${enc(v)}`,
      400,
    ),
  ),
  ...SQLI.map(([k, v]) =>
    get(`data-at-sqli-${k}`, `SQL in at (${k})`, `/api/v1/data?indicator=population&at=${enc(v)}`, 400),
  ),
  get('data-period-huge', 'period=1e9', '/api/v1/data?indicator=population&period=1e9', 400),
  get('data-period-nan', 'period=NaN', '/api/v1/data?indicator=population&period=NaN', 400),
  get('data-release-negative', 'release=-1', '/api/v1/data?indicator=population&release=-1', 400),
  get(
    'data-release-missing',
    'a release that does not exist',
    '/api/v1/data?indicator=population&release=999999',
    [404, 422],
  ),
  get('data-level-bad', 'an unknown level', '/api/v1/data?indicator=population&level=planet', 400),
  get('data-format-bad', 'an unknown format', '/api/v1/data?indicator=population&format=exe', 400),
  get('data-indicator-repeated', 'indicator repeated', '/api/v1/data?indicator=population&indicator=area', 400),
  get('data-indicator-unknown', 'an unknown indicator', '/api/v1/data?indicator=no_such_thing', 404),
  get(
    'data-indicator-many',
    '201 indicators',
    `/api/v1/data?indicator=${Array(201).fill('population').join(',')}`,
    400,
  ),
  get('data-redos-indicator', 'ReDoS probe on indicator', `/api/v1/data?indicator=${'a'.repeat(50_000)}!`, 400),
  get('data-redos-unit', 'ReDoS probe on unit', `/api/v1/data?indicator=population&unit=${'a,'.repeat(25_000)}!`, 400),
  get('data-from-after-to', 'from after to', '/api/v1/data?indicator=population&from=2024&to=2010', [400, 422]),
  get('geo-level-bad', 'an unknown level', '/api/v1/geo/units?level=planet', 400),
  get('geo-parent-sqli', 'SQL in parent', `/api/v1/geo/units?level=commune&parent=${enc("20' or 1=1")}`, 400),
  get('geo-at-bad', 'a date that does not exist', '/api/v1/geo/units?at=2025-13-01', 400),
  get('geo-unit-traversal', 'a path in the unit code', '/api/v1/geo/units/..%2F..%2Fetc', [400, 404]),
  get('geo-crosswalk-missing', 'crosswalk without dates', '/api/v1/geo/crosswalk', 400),
  get('dataset-id-sqli', 'SQL in a dataset id', `/api/v1/datasets/${enc("1' or 1=1")}`, [400, 404]),
  get('dataset-id-huge', 'a huge dataset id', '/api/v1/datasets/99999999999999999999999', [400, 404]),
  get('dataset-diff-bad', 'diff with bad releases', '/api/v1/datasets/1/diff?from=x&to=y', [400, 404]),
  get('indicator-code-traversal', 'a path as indicator code', '/api/v1/indicators/by-code/..%2F..%2Fetc', [400, 404]),
  get('indicator-code-sqli', 'SQL as indicator code', `/api/v1/indicators/by-code/${enc("x' or 1=1")}`, [400, 404]),
  get('template-format-bad', 'an unknown template format', '/api/v1/imports/template?format=exe', 400),
  get('progress-id-bad', 'a malformed progress id', `/api/v1/imports/progress/${enc("' or 1=1")}`, [400, 401]),
  get('search-short', 'a one-letter search', '/api/v1/submissions/search?q=a', 400, undefined, 'admin.mof'),
  ...SQLI.map(([k, v]) =>
    get(
      `search-sqli-${k}`,
      `SQL in search (${k})`,
      `/api/v1/submissions/search?q=${enc(v)}`,
      200,
      undefined,
      'admin.mof',
    ),
  ),
  get('search-nul', 'NUL in search', '/api/v1/submissions/search?q=ab%00cd', 400, 'bad_text', 'admin.mof'),
  get(
    'search-redos',
    'ReDoS probe in search',
    `/api/v1/submissions/search?q=${'a'.repeat(50_000)}!`,
    400,
    undefined,
    'admin.mof',
  ),
  get(
    'search-cycle-bad',
    'a malformed cycle id',
    '/api/v1/submissions/search?q=ab&cycleId=x',
    400,
    undefined,
    'admin.mof',
  ),
  get(
    'analytics-ranks-sqli',
    'SQL in an analytics indicator',
    `/api/v1/analytics/ranks?indicator=${enc("x' or 1=1")}`,
    400,
  ),
  get(
    'analytics-shares-sqli',
    'SQL in an analytics indicator',
    `/api/v1/analytics/shares?indicator=${enc("x' or 1=1")}`,
    400,
  ),
  get(
    'analytics-inequality-sqli',
    'SQL in an analytics indicator',
    `/api/v1/analytics/inequality?indicator=${enc("x' or 1=1")}`,
    400,
  ),
  get('analytics-groupings-at-bad', 'a bad date', '/api/v1/analytics/groupings?at=x', 400),
];
