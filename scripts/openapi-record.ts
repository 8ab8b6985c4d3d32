/**
 * Writes src/server/openapi-responses.generated.json (ADR 038): the success response of every
 * operation that answered one, its status, content type and a JSON Schema inferred from real
 * bodies (the types of all samples merged).
 *
 * Samples come from (1) this script: the demo organisation (`chibo demo --demo`'s data) on a
 * throwaway PGlite, every GET operation of the document called as each demo user, path
 * parameters taken from the ids earlier answers listed; and (2) any JSON-lines files given as
 * arguments, written by the recorder (CHIBO_OPENAPI_RECORD=<file>, src/server/openapi.ts) while
 * other code drove the app, e.g. the authorisation matrix, which reaches every mutation:
 *
 *   CHIBO_OPENAPI_RECORD=/tmp/matrix.jsonl npx vitest run --project pglite \
 *     test/integration/authorization-matrix.int.test.ts
 *   npx tsx scripts/openapi-record.ts /tmp/matrix.jsonl
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/features/demo/seed.js';
import { openapiPath } from '../src/server/openapi.js';
import { buildScriptApp, openapiDocument } from './openapi-app.js';
import { driveGets, loginSession } from './openapi-drive.js';

type Json = Record<string, unknown>;
interface Sample {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: unknown;
}

const DEMO_USERS = ['quantri', 'danguy', 'bithu1', 'dangvien1', 'giamsat1'];
const OUT = new URL('../src/server/openapi-responses.generated.json', import.meta.url);

// ---------------------------------------------------------------- schema inference

/** A schema node being merged: per JSON type, what was seen. */
interface Shape {
  count: number;
  nullSeen: boolean;
  string?: { n: number; dateTime: number; date: number; values: Set<string> };
  number?: { n: number; integer: number };
  boolean?: boolean;
  array?: { items: Shape };
  object?: { n: number; props: Map<string, Shape>; present: Map<string, number> };
}

const emptyShape = (): Shape => ({ count: 0, nullSeen: false });
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Keys that are data (ids, dates, months), not field names: the object is a map. */
const DATA_KEY = /^(\d+|\d{4}-\d{2}(-\d{2})?)$/;

function add(shape: Shape, value: unknown): void {
  shape.count++;
  if (value === null || value === undefined) {
    shape.nullSeen = true;
  } else if (typeof value === 'string') {
    shape.string ??= { n: 0, dateTime: 0, date: 0, values: new Set() };
    shape.string.n++;
    if (DATE_TIME.test(value)) shape.string.dateTime++;
    if (DATE.test(value)) shape.string.date++;
    if (shape.string.values.size <= 50) shape.string.values.add(value);
  } else if (typeof value === 'number') {
    shape.number ??= { n: 0, integer: 0 };
    shape.number.n++;
    if (Number.isInteger(value)) shape.number.integer++;
  } else if (typeof value === 'boolean') {
    shape.boolean = true;
  } else if (Array.isArray(value)) {
    shape.array ??= { items: emptyShape() };
    for (const item of value) add(shape.array.items, item);
  } else if (typeof value === 'object') {
    shape.object ??= { n: 0, props: new Map(), present: new Map() };
    const o = shape.object;
    o.n++;
    for (const [k, v] of Object.entries(value as Json)) {
      if (!o.props.has(k)) o.props.set(k, emptyShape());
      add(o.props.get(k)!, v);
      o.present.set(k, (o.present.get(k) ?? 0) + 1);
    }
  }
}

/** An OpenAPI 3.0 schema of a merged shape (nullable for null, anyOf for mixed types). */
function toSchema(shape: Shape, depth = 0): Json {
  // Deeper than this (free-form audit snapshots) the document says "any JSON" rather than grow.
  if (depth > 7) return { description: 'Dữ liệu JSON tự do (không mô tả chi tiết ở độ sâu này).' };
  const variants: Json[] = [];
  if (shape.string) {
    const s = shape.string;
    const v: Json = { type: 'string' };
    if (s.dateTime === s.n) v.format = 'date-time';
    else if (s.date === s.n) v.format = 'date';
    variants.push(v);
  }
  if (shape.number) variants.push({ type: shape.number.integer === shape.number.n ? 'integer' : 'number' });
  if (shape.boolean) variants.push({ type: 'boolean' });
  if (shape.array) {
    const items = shape.array.items.count > 0 ? toSchema(shape.array.items, depth + 1) : {};
    variants.push({ type: 'array', items });
  }
  if (shape.object) {
    const o = shape.object;
    const keys = [...o.props.keys()];
    if (keys.length > 0 && keys.every((k) => DATA_KEY.test(k))) {
      const merged = emptyShape();
      for (const p of o.props.values()) mergeInto(merged, p);
      variants.push({ type: 'object', additionalProperties: toSchema(merged, depth + 1) });
    } else {
      const properties: Json = {};
      for (const k of keys.sort()) properties[k] = toSchema(o.props.get(k)!, depth + 1);
      const required = keys.filter((k) => o.present.get(k) === o.n).sort();
      variants.push({
        type: 'object',
        properties,
        ...(required.length > 0 ? { required } : {}),
      });
    }
  }
  if (variants.length === 0) {
    // Only null (or nothing) was seen: the type is unknown, say so rather than guess.
    return { description: 'Chỉ thấy giá trị null trong các mẫu; kiểu chưa xác định.' };
  }
  if (variants.length === 1) return shape.nullSeen ? { ...variants[0], nullable: true } : variants[0]!;
  return shape.nullSeen ? { anyOf: variants, nullable: true } : { anyOf: variants };
}

/** Merges shape `b` into `a` (for the values of a map). */
function mergeInto(a: Shape, b: Shape): void {
  a.count += b.count;
  a.nullSeen ||= b.nullSeen;
  if (b.string) {
    a.string ??= { n: 0, dateTime: 0, date: 0, values: new Set() };
    a.string.n += b.string.n;
    a.string.dateTime += b.string.dateTime;
    a.string.date += b.string.date;
  }
  if (b.number) {
    a.number ??= { n: 0, integer: 0 };
    a.number.n += b.number.n;
    a.number.integer += b.number.integer;
  }
  if (b.boolean) a.boolean = true;
  if (b.array) {
    a.array ??= { items: emptyShape() };
    mergeInto(a.array.items, b.array.items);
  }
  if (b.object) {
    a.object ??= { n: 0, props: new Map(), present: new Map() };
    a.object.n += b.object.n;
    for (const [k, p] of b.object.props) {
      if (!a.object.props.has(k)) a.object.props.set(k, emptyShape());
      mergeInto(a.object.props.get(k)!, p);
      a.object.present.set(k, (a.object.present.get(k) ?? 0) + (b.object.present.get(k) ?? 0));
    }
  }
}

// ---------------------------------------------------------------- driving the demo

async function driveDemo(): Promise<Sample[]> {
  const file = join(tmpdir(), `chibo-openapi-record-${process.pid}.jsonl`);
  rmSync(file, { force: true });
  process.env.CHIBO_OPENAPI_RECORD = file;
  const s = await buildScriptApp();
  delete process.env.CHIBO_OPENAPI_RECORD;
  try {
    await seedDemoIfEmpty(s.db);
    const doc = await openapiDocument(s.app);
    for (const username of DEMO_USERS) {
      const session = await loginSession(s.app, username, DEMO_PASSWORD);
      await driveGets(s.app, doc, session.cookie);
      await driveOwnMutations(s.app, session);
    }
  } finally {
    await s.close();
  }
  const samples = readSamples(file);
  rmSync(file, { force: true });
  return samples;
}

/** The user's own, reversible changes no feature test makes: an API token, the calendar link. */
async function driveOwnMutations(app: FastifyInstance, session: { cookie: string; csrf: string }) {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Json) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const token = await call('POST', '/api/me/api-tokens', { name: 'openapi-record', expiresInDays: 1 });
  if (token.statusCode === 201) await call('DELETE', `/api/me/api-tokens/${token.json().id}`);
  const calendar = await call('POST', '/api/me/calendar-token');
  if (calendar.statusCode < 300) {
    const url = String(calendar.json().url ?? '');
    const path = url.slice(url.indexOf('/api/calendar/'));
    if (path.startsWith('/api/calendar/')) await app.inject({ method: 'GET', url: path });
    await call('DELETE', '/api/me/calendar-token');
  }
}

function readSamples(file: string): Sample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sample);
}

// ---------------------------------------------------------------- main

const samples = [...(await driveDemo()), ...process.argv.slice(2).flatMap(readSamples)];
/** Per operation: the success status seen most, its content type and the merged shape. */
const byOp = new Map<string, Map<string, { status: number; contentType: string; shape: Shape }>>();
for (const s of samples) {
  if (s.status < 200 || s.status >= 300) continue;
  const op = `${s.method} ${openapiPath(s.url)}`;
  if (!byOp.has(op)) byOp.set(op, new Map());
  const variants = byOp.get(op)!;
  const key = `${s.status} ${s.contentType}`;
  if (!variants.has(key))
    variants.set(key, { status: s.status, contentType: s.contentType, shape: emptyShape() });
  const v = variants.get(key)!;
  if (s.contentType === 'application/json') add(v.shape, s.body);
  else v.shape.count++;
}

const out: Json = {};
for (const op of [...byOp.keys()].sort()) {
  const variants = [...byOp.get(op)!.values()].sort(
    (a, b) => b.shape.count - a.shape.count || a.status - b.status,
  );
  const v = variants[0]!;
  const entry: Json = {
    status: v.status,
    contentType: v.contentType || 'application/json',
    samples: v.shape.count,
  };
  if (v.contentType === 'application/json') entry.schema = toSchema(v.shape);
  out[op] = entry;
}
// One line per operation: readable diffs without a multi-megabyte file.
const lines = Object.entries(out).map(([op, entry]) => `  ${JSON.stringify(op)}: ${JSON.stringify(entry)}`);
writeFileSync(OUT, `{\n${lines.join(',\n')}\n}\n`);
// Formatted as `biome check .` (in `npm run check`) expects it.
spawnSync(join(process.cwd(), 'node_modules', '.bin', 'biome'), ['format', '--write', OUT.pathname], {
  stdio: 'ignore',
});
console.log(`openapi-record: ${samples.length} mẫu, ${Object.keys(out).length} thao tác → ${OUT.pathname}`);
