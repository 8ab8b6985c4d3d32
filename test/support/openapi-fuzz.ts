/**
 * Requests generated from the OpenAPI document (GET /api/openapi.json) for the fuzz test of
 * issue 8 (test/security/fuzz.int.test.ts): per operation, path parameters, query strings and
 * bodies built from their JSON Schemas, mostly plausible (so they reach the handlers) and then
 * made hostile — odd number notations, impossible dates, NUL and lone surrogates, wrong types,
 * bodies that are empty, not JSON, of another content type, too large, malformed multipart.
 * Deterministic for a seed (fast-check's `sample`).
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  default?: unknown;
}

export interface Param {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the document: `/api/meetings/{id}`. */
  path: string;
  params: Param[];
  query: Param[];
  /** JSON body schema, when the operation takes one. */
  body?: JsonSchema;
  /** multipart/form-data upload (documented in the description; no JSON body). */
  upload: boolean;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        description?: string;
        parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in as 'path' | 'query',
        required: p.required ?? false,
        schema: p.schema,
      }));
      out.push({
        method: m.toUpperCase() as Operation['method'],
        path,
        params: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
        upload: /multipart\/form-data/.test(op.description ?? ''),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Strings that have broken something somewhere: notations, days, encodings, injections. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '0',
  '0x10',
  '1e3',
  ' 3',
  '3 ',
  '+3',
  '-1',
  '3.5',
  '03',
  '99999999999',
  '2147483648',
  '9223372036854775808',
  '1'.repeat(40),
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  'false',
  '[]',
  '{}',
  '2026-02-31',
  '2026-02-29',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '2026-02-31T19:30:00+07:00',
  '0000-01-01T00:00:00Z',
  '2026-12-10T19:30:00+25:00',
  '24:00',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFFFE',
  '\r',
  'a\rb\nc',
  '%',
  '%00',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  "'; DROP TABLE members; --",
  '" OR 1=1 --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '😀',
  'Nguyễn Văn Ánh',
  'Ω'.repeat(300),
  'ạ'.repeat(2500),
];

const HOSTILE_NUMBERS = [
  -1, 0, 0.5, 3.5, -0, 2147483647, 2147483648, -2147483649, 99999999999, 1e21, 1e308, -1e308,
];

const VALID_DATES = ['2026-11-21', '2026-12-10', '2024-02-29', '2025-01-01', '1970-06-15'];
const VALID_MONTHS = ['2026-11', '2026-12', '2026-01', '2025-12'];
const VALID_DATE_TIMES = ['2026-12-10T19:30:00+07:00', '2027-01-05T08:00:00+07:00', '2026-11-21T12:00:00Z'];
const VIETNAMESE = ['Chi bộ Khu phố 5', 'Nguyễn Thị Ánh', 'Hội trường', 'Ý kiến đóng góp', 'Nội dung'];

export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 2], { a: 1 }), weight: 2 },
);

/** Where the generator takes ids that exist (so requests reach the services and the database). */
export interface IdPools {
  /** Ids for a property or parameter name (`memberId`, `ownerIds`, `id` under a path…). */
  forName(name: string, path?: string): number[];
}

function stringFor(s: JsonSchema, name: string): fc.Arbitrary<string> {
  if (s.format === 'date-time') {
    return fc.oneof(
      fc.constantFrom(...VALID_DATE_TIMES),
      fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
    );
  }
  if (s.format === 'email') return fc.constantFrom('a@example.com', 'nguyen.van.a@chibo.vn', 'x@y');
  if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
    return fc.oneof(
      { arbitrary: fc.constantFrom(...VALID_DATES), weight: 3 },
      fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    );
  }
  if (s.pattern === '^\\d{4}-(0[1-9]|1[0-2])$') {
    // Months, like dates: mostly plausible ones (a from–to range is bounded), some random.
    return fc.oneof(
      { arbitrary: fc.constantFrom(...VALID_MONTHS), weight: 3 },
      fc.stringMatching(/^\d{4}-(0[1-9]|1[0-2])$/),
    );
  }
  if (s.pattern) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern);
    } catch {
      re = undefined;
    }
    if (re) return fc.stringMatching(re).filter((x) => x.length <= (s.maxLength ?? 200));
  }
  const max = Math.min(s.maxLength ?? 60, 60);
  const min = Math.min(s.minLength ?? 0, max);
  const words = VIETNAMESE.filter((x) => x.length >= min && x.length <= (s.maxLength ?? 1e9));
  return fc.oneof(
    { arbitrary: words.length > 0 ? fc.constantFrom(...words) : fc.constant(name), weight: 3 },
    { arbitrary: fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }), weight: 2 },
    { arbitrary: fc.constant(name), weight: 1 },
  );
}

function numberFor(s: JsonSchema, integer: boolean, name: string, pools: IdPools): fc.Arbitrary<number> {
  const ids = pools.forName(name);
  const lo = typeof s.minimum === 'number' ? s.minimum + (s.exclusiveMinimum === true ? 1 : 0) : -1000;
  const hi = typeof s.maximum === 'number' ? Math.min(s.maximum, 1_000_000) : 1_000_000;
  const inRange = integer
    ? fc.integer({ min: Math.ceil(Math.max(lo, -1e6)), max: Math.max(Math.ceil(Math.max(lo, -1e6)), hi) })
    : fc.double({ min: Math.max(lo, -1e6), max: Math.max(Math.max(lo, -1e6), hi), noNaN: true });
  const small = fc.integer({
    min: Math.max(Math.ceil(lo), 0),
    max: Math.max(Math.max(Math.ceil(lo), 0), Math.min(hi, 12)),
  });
  return ids.length > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: inRange, weight: 1 })
    : fc.oneof({ arbitrary: small, weight: 2 }, { arbitrary: inRange, weight: 1 });
}

/** A value for a JSON Schema, mostly valid; `depth` bounds recursion of free-form values. */
export function valueFor(
  s: JsonSchema | undefined,
  name: string,
  pools: IdPools,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!s || Object.keys(s).length === 0) {
    // Free-form (z.unknown()): any JSON.
    return depth > 2 ? fc.jsonValue({ maxDepth: 1 }) : fc.jsonValue({ maxDepth: 3 });
  }
  const variants = s.oneOf ?? s.anyOf;
  let base: fc.Arbitrary<unknown>;
  if (variants) base = fc.oneof(...variants.map((v) => valueFor(v, name, pools, depth + 1)));
  else if (s.enum) base = fc.constantFrom(...s.enum);
  else if (s.const !== undefined) base = fc.constant(s.const);
  else {
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type) {
      case 'string':
        base = stringFor(s, name);
        break;
      case 'integer':
        base = numberFor(s, true, name, pools);
        break;
      case 'number':
        base = numberFor(s, false, name, pools);
        break;
      case 'boolean':
        base = fc.boolean();
        break;
      case 'array': {
        const item = valueFor(s.items, name.replace(/s$/, ''), pools, depth + 1);
        base = fc.array(item, {
          minLength: s.minItems ?? 0,
          maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
        });
        break;
      }
      case 'object': {
        const props = s.properties ?? {};
        const record = fc.record(
          Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueFor(v, k, pools, depth + 1)])),
          { requiredKeys: (s.required ?? []).filter((k) => k in props) },
        );
        const extra =
          s.additionalProperties && typeof s.additionalProperties === 'object'
            ? fc.dictionary(
                fc.constantFrom('guiding', 'content', 'x', 'a\u0000', '__proto__'),
                valueFor(s.additionalProperties, name, pools, depth + 1),
                { maxKeys: 3 },
              )
            : fc.constant({});
        base = fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
        break;
      }
      default:
        base = fc.jsonValue({ maxDepth: 2 });
    }
  }
  return s.nullable
    ? fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 })
    : base;
}

/** Replaces the `pick`-th leaf (modulo the number of leaves) of `value` by `by`. */
export function replaceLeaf(value: unknown, pick: number, by: unknown): unknown {
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v) && v.length > 0) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v !== null && typeof v === 'object' && Object.keys(v).length > 0)
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else leaves.push(path);
  };
  walk(value, []);
  const target = leaves[pick % Math.max(leaves.length, 1)] ?? [];
  if (target.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const k of target.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[target[target.length - 1]!] = by;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** One generated request, before the client adds its cookie and CSRF token. */
export type FuzzRequest = Pick<InjectOptions, 'method' | 'url' | 'headers' | 'payload'> & { url: string };

const JSON_HEADERS = { 'content-type': 'application/json' };

interface RawBody {
  headers?: Record<string, string>;
  payload?: InjectOptions['payload'];
}

/** Raw bodies that are not what a JSON route expects. */
const TOO_LARGE = JSON.stringify({ text: 'a'.repeat(2 * 1024 * 1024 + 10) });
const rawBody: fc.Arbitrary<RawBody> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom<RawBody>(
      { headers: JSON_HEADERS, payload: '' },
      { headers: JSON_HEADERS, payload: '{' },
      { headers: JSON_HEADERS, payload: 'not json' },
      { headers: JSON_HEADERS, payload: 'null' },
      { headers: JSON_HEADERS, payload: '[]' },
      { headers: JSON_HEADERS, payload: '"x"' },
      { headers: JSON_HEADERS, payload: '{"__proto__":{"admin":true}}' },
      { headers: JSON_HEADERS, payload: '{"constructor":{"prototype":{"x":1}}}' },
      { headers: JSON_HEADERS, payload: `${'['.repeat(5000)}${']'.repeat(5000)}` },
      { headers: { 'content-type': 'application/json; charset=utf-16' }, payload: '{}' },
      { headers: { 'content-type': 'text/plain' }, payload: 'xin chào' },
      { headers: { 'content-type': 'application/xml' }, payload: '<a>1</a>' },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1&b=2' },
      { headers: { 'content-type': 'multipart/form-data' }, payload: 'abc' },
      { headers: { 'content-type': 'image/png' }, payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { headers: { 'content-type': '' }, payload: '{}' },
      { headers: { 'content-type': 'application/json', 'content-length': '3' }, payload: '{"a":1}' },
    ),
  },
  // Just over the 2 MB body limit (rarely: it is the one expensive body).
  { arbitrary: fc.constant<RawBody>({ headers: JSON_HEADERS, payload: TOO_LARGE }), weight: 1 },
);

const BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';
function multipart(
  parts: { name: string; filename?: string; type?: string; data: string | Buffer }[],
  end = true,
) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`,
      ),
      Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
      Buffer.from('\r\n'),
    );
  }
  if (end) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const CSV = 'Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng\nNguyễn Văn Thử,01/02/1970,Nam,03/02/2000\n';
const fileContents = fc.constantFrom<Buffer>(
  Buffer.from(CSV),
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]),
  Buffer.from(CSV, 'utf16le'),
  Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]),
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.from('a,b\n\u0000\n'),
  Buffer.alloc(0),
);

/** Bodies for an upload route: mostly multipart, good or broken. */
const uploadBody: fc.Arbitrary<RawBody> = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fileContents,
        fc.constantFrom('ds.csv', 'tai-lieu.pdf', 'a\u0000.pdf', 'anh.png', '', 'Danh sách.xlsx'),
        fc.constantFrom('Biên bản', 'a\u0000b', '\uD800', undefined),
        fc.constantFrom('material', 'final', 'x', undefined),
      )
      .map(([data, filename, title, purpose]) => ({
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart([
          ...(title !== undefined ? [{ name: 'title', data: title }] : []),
          ...(purpose !== undefined ? [{ name: 'purpose', data: purpose }] : []),
          { name: 'file', filename, type: 'application/octet-stream', data },
        ]),
      })),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom<RawBody>(
      // Truncated: no closing boundary, the part never ends.
      {
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart([{ name: 'file', filename: 'a.csv', data: CSV }], false).subarray(0, 60),
      },
      { headers: { 'content-type': 'multipart/form-data' }, payload: 'abc' },
      { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: 'garbage' },
      { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: '' },
      {
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart([{ name: '__proto__', data: 'x' }]),
      },
      {
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart(Array.from({ length: 1100 }, (_, i) => ({ name: `f${i}`, data: 'x' }))),
      },
      {
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart([
          { name: 'file', filename: 'a.csv', data: CSV },
          { name: 'file', filename: 'b.csv', data: CSV },
        ]),
      },
    ),
    weight: 2,
  },
  { arbitrary: rawBody, weight: 1 },
);

/** Percent-encodes for a URL; a lone surrogate as its (invalid) three UTF-8-like bytes. */
function encodeSegment(v: string): string {
  // Keep a deliberately broken escape as it is; encode everything else.
  if (v === '%E0%A4%A' || v === '%') return v;
  return v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (ch) => {
    if (ch.length === 1 && ch >= '\uD800' && ch <= '\uDFFF') {
      const u = ch.charCodeAt(0);
      return [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
    return encodeURIComponent(ch);
  });
}

/** The arbitrary of requests for one operation. */
export function requestsFor(op: Operation, pools: IdPools): fc.Arbitrary<FuzzRequest> {
  const pathValue = (p: Param) => {
    const ids = pools.forName(p.name, op.path);
    const plausible =
      p.schema.enum !== undefined
        ? fc.constantFrom(...p.schema.enum.map(String))
        : ids.length > 0
          ? fc.constantFrom(...ids.map(String))
          : (valueFor(p.schema, p.name, pools) as fc.Arbitrary<unknown>).map(String);
    return fc.oneof(
      { arbitrary: plausible, weight: 6 },
      { arbitrary: hostileString, weight: 3 },
      { arbitrary: fc.nat().map(String), weight: 1 },
    );
  };
  const path = fc
    .tuple(...op.params.map((p) => pathValue(p).map((v) => [p.name, v] as const)))
    .map((pairs) => pairs.reduce((url, [name, v]) => url.replace(`{${name}}`, encodeSegment(v)), op.path));

  const queryPart = fc
    .tuple(
      ...op.query.map((q) =>
        fc
          .oneof(
            // A keyset cursor (ADR 026) is opaque: no generated text is one, so a plausible cursor
            // is the first page's (none); hostile ones below still check its refusal.
            { arbitrary: fc.constant<string[] | null>(null), weight: q.name === 'cursor' ? 6 : 3 },
            {
              arbitrary: (valueFor(q.schema, q.name, pools) as fc.Arbitrary<unknown>).map((v) => [String(v)]),
              weight: q.name === 'cursor' ? 0 : 3,
            },
            { arbitrary: hostileString.map((v) => [v]), weight: 2 },
            // Repeated key: the parser makes it an array.
            { arbitrary: fc.tuple(hostileString, hostileString).map(([a, b]) => [a, b]), weight: 1 },
          )
          .map((vs) => [q.name, vs] as const),
      ),
      fc.option(fc.tuple(fc.constantFrom('x', '__proto__', 'constructor', 'id'), hostileString), {
        nil: undefined,
      }),
    )
    .map((parts) => {
      const extra = parts.pop() as [string, string] | undefined;
      const pairs: string[] = [];
      for (const [name, vs] of parts as (readonly [string, string[] | null])[])
        for (const v of vs ?? []) pairs.push(`${encodeSegment(name)}=${encodeSegment(v)}`);
      if (extra) pairs.push(`${encodeSegment(extra[0])}=${encodeSegment(extra[1])}`);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });

  let body: fc.Arbitrary<RawBody>;
  if (op.upload) body = uploadBody;
  else if (op.body) {
    const plausible = valueFor(op.body, 'body', pools);
    const mutated = plausible.chain((v) =>
      fc.tuple(fc.nat(), hostileValue).map(([i, h]) => replaceLeaf(v, i, h)),
    );
    body = fc.oneof(
      { arbitrary: plausible.map((v) => ({ headers: JSON_HEADERS, payload: JSON.stringify(v) })), weight: 4 },
      { arbitrary: mutated.map((v) => ({ headers: JSON_HEADERS, payload: JSON.stringify(v) })), weight: 4 },
      { arbitrary: rawBody, weight: 2 },
      { arbitrary: fc.constant({}), weight: 1 },
    );
  } else {
    body = fc.oneof(
      { arbitrary: fc.constant({}), weight: 6 },
      { arbitrary: rawBody, weight: 1 },
      {
        arbitrary: hostileValue.map((v) => ({ headers: JSON_HEADERS, payload: JSON.stringify(v) ?? 'null' })),
        weight: 1,
      },
    );
  }
  return fc.tuple(path, queryPart, body).map(([p, q, b]) => ({
    method: op.method,
    url: `${p}${q}`,
    headers: b.headers ?? {},
    ...(b.payload !== undefined ? { payload: b.payload } : {}),
  }));
}
