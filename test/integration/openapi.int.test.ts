/**
 * Issue 13 item 6, "must show": GET /api/openapi.json is a contract an integrator can rely on
 * (ADR 038). Every operation has a unique operationId, a 2xx response with a schema (or a
 * binary download, or 204) and error responses of the one error shape; every upload route
 * documents its multipart body. Then the demo organisation is driven as the demo users and every
 * real 2xx body is validated against the documented schema, so the document cannot drift from
 * the code silently. Runs on PGlite and on PostgreSQL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveGets, loginCookie } from '../../scripts/openapi-drive.js';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../src/features/demo/seed.js';
import { ERRORS } from '../../src/server/errors.js';
import { successSource } from '../../src/server/openapi.js';
import { createTestApp, type TestApp } from '../support/app.js';

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  op: Json;
}

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>))
    for (const method of METHODS) if (item[method]) out.push({ method, path, op: item[method] });
  return out;
}

function successOf(op: Json): [string, Json] | undefined {
  return Object.entries(op.responses as Record<string, Json>).find(([status]) => /^2\d\d$/.test(status));
}

/** Source files that read an upload (multipart), under src/. */
function uploadCallSites(): number {
  let n = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (
        /\.ts$/.test(e.name) &&
        !/\.test\.ts$/.test(e.name) &&
        !p.endsWith(join('server', 'http.ts'))
      ) {
        const text = readFileSync(p, 'utf8');
        n += (text.match(/readUpload\(|req\.file\(|saveRequestFiles\(|\.parts\(/g) ?? []).length;
      }
    }
  };
  walk(join(__dirname, '..', '..', 'src'));
  return n;
}

describe('OpenAPI contract (issue 13 item 6)', () => {
  let t: TestApp;
  let doc: Json;
  let ops: Operation[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIfEmpty(t.db);
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
    ops = operations(doc);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives every operation a unique operationId', () => {
    expect(ops.length).toBeGreaterThan(200);
    const ids = ops.map((o) => o.op.operationId);
    const missing = ops.filter((o) => typeof o.op.operationId !== 'string' || !o.op.operationId);
    expect(missing.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dup).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('gives every operation a 2xx response with a schema, a binary download or 204', () => {
    const bad: string[] = [];
    for (const { method, path, op } of ops) {
      const ok = successOf(op);
      if (!ok) {
        bad.push(`${method} ${path}: no 2xx`);
        continue;
      }
      const [status, response] = ok;
      if (status === '204') continue;
      const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
      const documented = Object.values(content).some((c) => c.schema && typeof c.schema === 'object');
      if (!documented) bad.push(`${method} ${path}: ${status} without a schema`);
    }
    expect(bad).toEqual([]);
  });

  it('takes success schemas from the hand-written registry or the recording, rarely the fallback', () => {
    const count = { hand: 0, recorded: 0, fallback: 0 };
    const fallback: string[] = [];
    for (const { method, path } of ops) {
      const source = successSource(method, path);
      count[source]++;
      if (source === 'fallback') fallback.push(`${method.toUpperCase()} ${path}`);
    }
    console.info(`openapi: ${ops.length} operations, success schemas ${JSON.stringify(count)}`, fallback);
    expect(count.hand).toBeGreaterThanOrEqual(7);
    // A new route shows up here until `scripts/openapi-record.ts` is run again (docs/api.md).
    expect(fallback.length, fallback.join(', ')).toBeLessThanOrEqual(10);
  });

  it('documents the error shape and the error responses of every operation', () => {
    const components = doc.components as Json;
    const error = (components.schemas as Json).Error as Json;
    expect(error.required).toEqual(['code', 'message']);
    expect(Object.keys(error.properties as Json).sort()).toEqual(['code', 'details', 'message']);
    const responses = components.responses as Record<string, Json>;
    for (const { method, path, op } of ops) {
      const errors = Object.entries(op.responses as Record<string, Json>).filter(([s]) => /^[45]/.test(s));
      expect(errors.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [, r] of errors) {
        const name = String(r.$ref).replace('#/components/responses/', '');
        expect(responses[name], `${method} ${path} ${r.$ref}`).toBeDefined();
      }
      const statuses = errors.map(([s]) => s);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expect(statuses, `${method} ${path}`).toContain('401');
      if (path.includes('{')) expect(statuses, `${method} ${path}`).toContain('404');
      if (method !== 'get') expect(statuses, `${method} ${path}`).toContain('400');
    }
    const login = ops.find((o) => o.path === '/api/auth/login' && o.method === 'post')!;
    expect(Object.keys(login.op.responses as Json)).toContain('429');
    // Descriptions an integrator reads are Vietnamese.
    for (const r of Object.values(responses))
      expect(String(r.description)).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i);
  });

  it('documents a multipart body with a binary `file` for every upload route', () => {
    const uploads = ops.filter((o) => {
      const content = ((o.op.requestBody as Json | undefined)?.content ?? {}) as Json;
      return 'multipart/form-data' in content;
    });
    expect(uploads.length).toBe(uploadCallSites());
    for (const { method, path, op } of ops) {
      if (!/multipart\/form-data/.test(String(op.description ?? ''))) continue;
      const content = ((op.requestBody as Json | undefined)?.content ?? {}) as Record<
        string,
        { schema: Json }
      >;
      const schema = content['multipart/form-data']?.schema;
      expect(schema, `${method} ${path}`).toBeDefined();
      expect((schema!.properties as Record<string, Json>).file).toMatchObject({
        type: 'string',
        format: 'binary',
      });
      expect(schema!.required).toContain('file');
    }
  });

  it('matches real responses of the demo organisation, as the demo users', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const byPath = new Map(ops.filter((o) => o.method === 'get').map((o) => [o.path, o.op]));
    const validated = new Set<string>();
    const failures: string[] = [];
    const validators = new Map<string, ReturnType<Ajv['compile']>>();
    for (const username of ['quantri', 'bithu1', 'dangvien1']) {
      const cookie = await loginCookie(t.app, username, DEMO_PASSWORD);
      const calls = await driveGets(t.app, doc, cookie, {
        perParam: 1,
        // Files are rendered (slow) and documented as binary; one of each is enough below.
        skip: (path) => /\.(docx|pdf|xlsx)$/.test(path),
      });
      for (const { path, url, res } of calls) {
        if (res.statusCode >= 400) {
          // An error answer still has the one documented shape.
          const body = res.json() as Json;
          if (!(String(body.code) in ERRORS) || typeof body.message !== 'string')
            failures.push(`${username} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          continue;
        }
        const op = byPath.get(path)!;
        const [status, response] = successOf(op)!;
        if (String(res.statusCode) !== status) {
          failures.push(`${username} ${url}: ${res.statusCode}, documented ${status}`);
          continue;
        }
        const contentType = String(res.headers['content-type']).split(';')[0]!;
        const content = (response.content ?? {}) as Record<string, { schema: Json }>;
        const documented = content[contentType];
        if (!documented) {
          failures.push(`${username} ${url}: ${contentType} not documented`);
          continue;
        }
        if (contentType !== 'application/json') {
          validated.add(path);
          continue;
        }
        let validate = validators.get(path);
        if (!validate) {
          validate = ajv.compile({ ...documented.schema, components: doc.components });
          validators.set(path, validate);
        }
        if (validate(res.json())) validated.add(path);
        else failures.push(`${username} ${url}: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
      }
    }
    console.info(`openapi: ${validated.size} operations validated against real responses`);
    expect(failures).toEqual([]);
    expect(validated.size).toBeGreaterThanOrEqual(30);
  });
});
