/**
 * Issue 8, reliability: every bad input gets a 4xx with a Vietnamese message and a code of
 * src/server/errors.ts, before it reaches the database. The sweeps read the OpenAPI document,
 * so a route added later is covered without being listed here. See ADR 019.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ERRORS } from '../../src/server/errors.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { meeting, member, unit, user } from '../support/factory.js';
import { type JsonSchema, type Operation, operationsOf } from '../support/openapi-fuzz.js';

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const DIGITS_PATTERN = '^(0|[1-9]\\d*)$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** A 4xx of the app's own: the expected status and code, a Vietnamese message. */
function expectRefusal(res: LightMyRequestResponse, status: number, code: keyof typeof ERRORS, label = '') {
  expect(res.statusCode, `${label} ${res.body}`).toBe(status);
  const body = res.json();
  expect(body.code, label).toBe(code);
  expect(body.message, label).toMatch(VIETNAMESE_LETTER);
  return body as {
    code: string;
    message: string;
    details?: { issues?: { field: string; message: string }[] };
  };
}

/** Fills the path of an operation: `values[name]` for the named parameters, else an id no row has (or the first enum value). */
function urlOf(op: Operation, values: Record<string, string> = {}): string {
  let url = op.path;
  for (const p of op.params) {
    const v =
      values[p.name] ??
      (p.schema.enum
        ? String(p.schema.enum[0])
        : p.name === 'year'
          ? '2026'
          : p.name === 'month'
            ? '2026-01'
            : '2147483647');
    url = url.replace(`{${p.name}}`, v);
  }
  return url;
}

/** Paths to every date (or date-time) string in a body schema, with the branch that holds it. */
function dateFields(
  s: JsonSchema | undefined,
  path: (string | number)[] = [],
  branch: Record<string, unknown> = {},
): { path: (string | number)[]; branch: Record<string, unknown>; kind: 'date' | 'date-time' }[] {
  if (!s) return [];
  if (s.oneOf ?? s.anyOf) {
    return (s.oneOf ?? s.anyOf)!.flatMap((v) => {
      // The discriminator of a union branch (`type: "exempt"`), so zod judges that branch.
      const tag = Object.entries(v.properties ?? {}).find(([, p]) => p.enum?.length === 1);
      return dateFields(v, path, tag ? { ...branch, [tag[0]]: tag[1].enum![0] } : branch);
    });
  }
  if (s.type === 'string' && s.pattern === DATE_PATTERN) return [{ path, branch, kind: 'date' }];
  if (s.type === 'string' && s.format === 'date-time') return [{ path, branch, kind: 'date-time' }];
  if (s.type === 'array') return dateFields(s.items, [...path, 0], branch);
  if (s.type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => dateFields(v, [...path, k], branch));
  return [];
}

/** A plain valid-looking value for a schema (the other required fields of a body). */
function filler(s: JsonSchema | undefined): unknown {
  if (!s) return null;
  if (s.enum) return s.enum[0];
  if (s.oneOf ?? s.anyOf) return filler((s.oneOf ?? s.anyOf)![0]);
  switch (s.type) {
    case 'string':
      return s.pattern === DATE_PATTERN
        ? '2026-03-02'
        : s.format === 'date-time'
          ? '2026-12-10T19:30:00+07:00'
          : 'Nội dung thử';
    case 'integer':
    case 'number':
      return Math.max(1, typeof s.minimum === 'number' ? s.minimum : 1);
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, filler(s.properties?.[k])]));
    default:
      return null;
  }
}

/** A body with `value` at `path`, the branch's tag, and every other required field filled. */
function bodyWith(
  s: JsonSchema | undefined,
  path: (string | number)[],
  value: unknown,
  branch: Record<string, unknown>,
): unknown {
  if (path.length === 0) return value;
  const variants = s?.oneOf ?? s?.anyOf;
  if (variants) {
    const chosen =
      variants.find((v) =>
        Object.entries(branch).every(([k, tag]) => v.properties?.[k]?.enum?.[0] === tag),
      ) ?? variants[0];
    return bodyWith(chosen, path, value, branch);
  }
  const [head, ...rest] = path;
  if (typeof head === 'number') return [bodyWith(s?.items, rest, value, branch)];
  const base = (filler(s) ?? {}) as Record<string, unknown>;
  return { ...base, ...branch, [head!]: bodyWith(s?.properties?.[head!], rest, value, branch) };
}

describe('bad input is refused with a Vietnamese 4xx', () => {
  let t: TestApp;
  let admin: Client;
  let plain: Client;
  let ops: Operation[];
  let ward: { id: number; path: string };
  let cell: { id: number; path: string };
  let cell2: { id: number; path: string };
  let memberId: number;
  let meetingId: number;

  beforeAll(async () => {
    t = await createTestApp({ uploadLimitMb: 1 });
    ward = await unit(t.db, { name: 'Đảng bộ phường Nhập Liệu' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    cell2 = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    memberId = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn Một' });
    const other = await member(t.db, { unitId: cell.id, fullName: 'Trần Thị Hai' });
    meetingId = await meeting(t.db, { unitId: cell.id });
    await user(t.db, 'nl.admin', [{ role: 'admin', unitId: ward.id }]);
    await user(t.db, 'nl.member', [{ role: 'member', unitId: cell.id }], other);
    admin = await t.login('nl.admin');
    plain = await t.login('nl.member');
    ops = operationsOf((await t.anonymous.get('/api/openapi.json')).json());
  });
  afterAll(() => t.close());

  it('every integer path parameter takes decimal digits within int4 only: 0x10, 1e3, " 3", -1, 3.5, 99999999999… are a 400 naming the parameter', async () => {
    const odd = [
      '0x10',
      '1e3',
      '%203',
      '3%20',
      '-1',
      '+3',
      '3.5',
      '03',
      '0',
      '99999999999',
      '2147483648',
      'abc',
    ];
    const integerParams = ops.flatMap((op) =>
      op.params.filter((p) => p.schema.pattern === DIGITS_PATTERN).map((p) => ({ op, p })),
    );
    // Every id in a path is one of these (the calendar token and the scorer are not numbers).
    expect(integerParams.length).toBeGreaterThan(80);
    for (const { op, p } of integerParams) {
      for (const v of odd) {
        const res = await admin.request({ method: op.method, url: urlOf(op, { [p.name]: v }) });
        const label = `${op.method} ${op.path} ${p.name}=${v}`;
        const body = expectRefusal(res, 400, 'VALIDATION_FAILED', label);
        expect(body.details?.issues?.[0]?.field, label).toBe(p.name);
      }
      // Plain digits pass validation: the largest int4 for an id (no such row, nothing touched), a year.
      const digits = p.name === 'year' ? '2026' : '2147483647';
      const fine = await admin.request({ method: op.method, url: urlOf(op, { [p.name]: digits }) });
      const issues = fine.statusCode === 400 ? (fine.json().details?.issues ?? []) : [];
      expect(
        issues.filter((i: { field: string }) => i.field === p.name),
        `${op.method} ${op.path} ${p.name}=${digits}`,
      ).toEqual([]);
    }
  });

  it('every date in a query string or a body refuses a day that is not on the calendar (2026-02-31, 2026-02-29)', async () => {
    let checked = 0;
    for (const op of ops) {
      for (const q of op.query.filter((x) => x.schema.pattern === DATE_PATTERN)) {
        for (const day of ['2026-02-31', '2026-02-29', '2025-04-31']) {
          const label = `${op.method} ${op.path}?${q.name}=${day}`;
          const body = expectRefusal(
            await admin.request({ method: op.method, url: `${urlOf(op)}?${q.name}=${day}` }),
            400,
            'VALIDATION_FAILED',
            label,
          );
          expect(body.details?.issues, label).toContainEqual({
            field: q.name,
            message: 'Ngày không có thật trên lịch',
          });
          checked++;
        }
      }
      for (const f of dateFields(op.body)) {
        const bad = f.kind === 'date' ? '2026-02-31' : '2026-02-31T19:30:00+07:00';
        const label = `${op.method} ${op.path} ${f.path.join('.')}=${bad}`;
        const res = await admin.request({
          method: op.method,
          url: urlOf(op),
          payload: bodyWith(op.body, f.path, bad, f.branch) as object,
        });
        const body = expectRefusal(res, 400, 'VALIDATION_FAILED', label);
        const field = f.path.join('.');
        const issue = (body.details?.issues ?? []).find(
          (i) => i.field === field || i.field === String(f.path[0]),
        );
        expect(issue, `${label}: ${JSON.stringify(body.details)}`).toBeDefined();
        expect(issue!.message).toMatch(VIETNAMESE_LETTER);
        checked++;
      }
    }
    // Members, status changes, meetings, tasks, grants, visits, holiday decisions, lists by date…
    expect(checked).toBeGreaterThan(40);
  });

  it('ids and counts in JSON bodies stay within int4: 99999999999 is a 400 naming the field, not a database error', async () => {
    const cases: [string, string, object, string][] = [
      [
        'POST',
        '/api/org-units',
        { parentId: 99_999_999_999, name: 'Chi bộ mới', kind: 'chi_bo', cellType: 'khu_dan_cu' },
        'parentId',
      ],
      ['PATCH', `/api/org-units/${cell.id}`, { sortOrder: 2_147_483_648 }, 'sortOrder'],
      ['PATCH', `/api/meetings/${meetingId}`, { chairMemberId: 2_147_483_648 }, 'chairMemberId'],
      [
        'POST',
        `/api/meetings/${meetingId}/tasks`,
        { title: 'Việc thử', ownerIds: [memberId, 1e11] },
        'ownerIds.1',
      ],
      [
        'POST',
        `/api/meetings/${meetingId}/votes`,
        { subject: 'Biểu quyết', for: 1e10, against: 0, abstain: 0 },
        'for',
      ],
      [
        'POST',
        `/api/members/${memberId}/status-changes`,
        { type: 'contact_213', date: '2026-03-02', unitId: 3e9 },
        'unitId',
      ],
    ];
    for (const [method, url, payload, field] of cases) {
      const body = expectRefusal(
        await admin.request({ method: method as 'POST', url, payload }),
        400,
        'VALIDATION_FAILED',
        url,
      );
      expect(
        body.details?.issues?.map((i) => i.field),
        url,
      ).toContain(field);
    }
  });

  it('a rule pack (checked by its own schema inside the handler) refuses a day that does not exist too', async () => {
    const [current] = (await admin.get('/api/rule-packs')).json().items as {
      pack: Record<string, unknown>;
    }[];
    const pack = { ...current!.pack, version: '2099.02.31', effectiveFrom: '2099-02-31' };
    const body = expectRefusal(await admin.post('/api/rule-packs', { pack }), 400, 'VALIDATION_FAILED');
    expect(body.message).toContain('effectiveFrom: Ngày không có thật trên lịch');
  });

  it('a real day still passes: 2024-02-29 in a query string', async () => {
    const res = await admin.get(`/api/org-units/${ward.id}/members?date=2024-02-29`);
    expect(res.statusCode).toBe(200);
    expect(res.json().date).toBe('2024-02-29');
  });

  it('NUL and lone surrogates are refused in a body, a JSON key, a query string and a path, and nothing is written', async () => {
    const units = async () => (await t.db.query('SELECT 1 FROM org_units')).length;
    const before = await units();
    const cases: [string, () => Promise<LightMyRequestResponse>, string, RegExp][] = [
      [
        'body NUL',
        () =>
          admin.post('/api/org-units', {
            parentId: ward.id,
            name: 'Chi bộ\u0000 mới',
            kind: 'chi_bo',
            cellType: 'khu_dan_cu',
          }),
        'name',
        /NUL/,
      ],
      [
        'body lone surrogate',
        () =>
          admin.post('/api/org-units', {
            parentId: ward.id,
            name: 'Chi bộ \uD800 mới',
            kind: 'chi_bo',
            cellType: 'khu_dan_cu',
          }),
        'name',
        /nửa cặp UTF-16/,
      ],
      [
        'nested',
        () =>
          admin.request({
            method: 'PUT',
            url: `/api/meetings/${meetingId}/agenda`,
            payload: {
              items: [
                { section: 'body', title: 'Mục một' },
                { section: 'body', title: 'Mục\u0000 hai' },
              ],
            },
          }),
        'items.1.title',
        /NUL/,
      ],
      [
        'JSON key',
        () =>
          admin.request({
            method: 'PUT',
            url: `/api/meetings/${meetingId}/score/cell`,
            payload: { judgement: { 'guiding\u0000': 1 } },
          }),
        'judgement (tên trường)',
        /NUL/,
      ],
      ['query', () => admin.get(`/api/org-units/${ward.id}/members?q=An%00`), 'q', /NUL/],
      ['path', () => t.anonymous.get('/api/calendar/abc%00def'), 'token', /NUL/],
    ];
    for (const [label, send, field, problem] of cases) {
      const body = expectRefusal(await send(), 400, 'VALIDATION_FAILED', label);
      expect(body.details?.issues?.[0]?.field, label).toBe(field);
      expect(body.message, label).toMatch(problem);
    }
    expect(await units()).toBe(before);
    // A proper pair (an emoji) is text like any other.
    const ok = await admin.post('/api/org-units', {
      parentId: ward.id,
      name: 'Chi bộ 🌾 Đồng',
      kind: 'chi_bo',
      cellType: 'nong_thon',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().name).toBe('Chi bộ 🌾 Đồng');
  });

  it('bodies that are empty, not JSON, of another type, too large or miscounted: 400/413/415 in Vietnamese', async () => {
    const url = '/api/org-units';
    const send = (headers: Record<string, string>, payload?: string) =>
      admin.request({ method: 'POST', url, headers, ...(payload !== undefined ? { payload } : {}) });
    const json = { 'content-type': 'application/json' };
    expect(expectRefusal(await send(json, ''), 400, 'VALIDATION_FAILED').message).toMatch(
      /không gửi dữ liệu nào/,
    );
    expect(expectRefusal(await send(json, '{"parentId":'), 400, 'VALIDATION_FAILED').message).toBe(
      'Dữ liệu gửi lên không phải JSON hợp lệ.',
    );
    expectRefusal(await send(json, '{"__proto__":{"admin":true}}'), 400, 'VALIDATION_FAILED');
    expectRefusal(
      await send({ 'content-type': 'application/xml' }, '<unit/>'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectRefusal(await send({ 'content-type': 'text/plain' }, 'Chi bộ mới'), 400, 'VALIDATION_FAILED');
    expectRefusal(await send({}), 400, 'VALIDATION_FAILED');
    expect(
      expectRefusal(await send({ ...json, 'content-length': '3' }, '{"a":1}'), 400, 'VALIDATION_FAILED')
        .message,
    ).toMatch(/Content-Length/);
    const big = JSON.stringify({ parentId: ward.id, name: 'x'.repeat(2 * 1024 * 1024) });
    expect(expectRefusal(await send(json, big), 413, 'PAYLOAD_TOO_LARGE').message).toBe(
      'Dữ liệu gửi lên quá lớn (tối đa 2 MB).',
    );
  });

  it('unknown addresses are a Vietnamese 404, a known one with another method a 405 with Allow, a broken escape a 400', async () => {
    expect(expectRefusal(await admin.get('/api/khong-co'), 404, 'NOT_FOUND').message).toBe(
      'Không có địa chỉ này.',
    );
    const wrong = await admin.del(`/api/org-units/${cell.id}`);
    expect(expectRefusal(wrong, 405, 'METHOD_NOT_ALLOWED').message).toBe(
      'Địa chỉ này không nhận phương thức DELETE; chỉ nhận GET, HEAD, PATCH.',
    );
    expect(wrong.headers.allow).toBe('GET, HEAD, PATCH');
    expectRefusal(
      await admin.request({ method: 'PUT', url: `/api/meetings/${meetingId}/minutes.pdf` }),
      405,
      'METHOD_NOT_ALLOWED',
    );
    expectRefusal(await admin.get('/api/org-units/%E0%A4%A'), 400, 'VALIDATION_FAILED');
    expectRefusal(await admin.get(`/api/org-units/${'1'.repeat(150)}`), 400, 'VALIDATION_FAILED');
  });

  it('?subtree=false, ?includeArchived=false and ?open=false mean false (z.coerce.boolean read "false" as true)', async () => {
    const total = async (q: string) =>
      (await admin.get(`/api/org-units/${ward.id}/members?${q}`)).json().total;
    expect(await total('subtree=false')).toBe(0);
    expect(await total('subtree=0')).toBe(0);
    expect(await total('subtree=true')).toBe(2);
    expect(await total('subtree=1')).toBe(2);
    expectRefusal(await admin.get(`/api/org-units/${ward.id}/members?subtree=yes`), 400, 'VALIDATION_FAILED');

    const archived = await unit(t.db, {
      parentId: ward.id,
      name: 'Chi bộ đã giải thể',
      cellType: 'khu_dan_cu',
    });
    await t.db.query('UPDATE org_units SET archived_at = now() WHERE id = $1', [archived.id]);
    const children = async (q: string) =>
      ((await admin.get(`/api/org-units/${ward.id}/children?${q}`)).json().items as { id: number }[]).map(
        (u) => u.id,
      );
    expect(await children('includeArchived=false')).not.toContain(archived.id);
    expect(await children('includeArchived=true')).toContain(archived.id);

    await t.db.query(
      "INSERT INTO recommendations (unit_id, raised_on, content, closed_at) VALUES ($1, '2026-10-01', 'Đã xong', now()), ($1, '2026-11-01', 'Đang mở', NULL)",
      [cell2.id],
    );
    const recs = async (q: string) =>
      (await admin.get(`/api/org-units/${cell2.id}/recommendations?${q}`)).json().items.length;
    expect(await recs('open=true')).toBe(1);
    expect(await recs('open=false')).toBe(2);
  });

  it('malformed multipart on both upload routes: 400/413/415 with a Vietnamese message, never 500', async () => {
    const b = 'in-put-boundary';
    const part = (name: string, data: string, filename?: string) =>
      `--${b}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${data}\r\n`;
    const mp = { 'content-type': `multipart/form-data; boundary=${b}` };
    for (const [url, code] of [
      [`/api/org-units/${cell.id}/member-imports`, 'IMPORT_FILE_INVALID'],
      [`/api/meetings/${meetingId}/documents`, 'VALIDATION_FAILED'],
    ] as const) {
      const send = (headers: Record<string, string>, payload: string | Buffer) =>
        admin.request({ method: 'POST', url, headers, payload });
      // JSON where a file is expected.
      expect(expectRefusal(await admin.post(url, { file: 'x' }), 400, code, url).message).toMatch(
        /multipart\/form-data/,
      );
      // No boundary, cut short, garbage: the body cannot be read.
      for (const [headers, payload] of [
        [{ 'content-type': 'multipart/form-data' }, 'abc'],
        [mp, `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc`],
        [mp, 'garbage'],
      ] as const) {
        expect(expectRefusal(await send(headers, payload), 400, code, url).message).toMatch(
          /bị hỏng hoặc không đầy đủ/,
        );
      }
      // Too many parts, a file over the limit (1 MB in this app), NUL in a file name.
      expectRefusal(
        await send(mp, `${Array.from({ length: 1100 }, (_, i) => part(`f${i}`, 'x')).join('')}--${b}--\r\n`),
        413,
        'PAYLOAD_TOO_LARGE',
        url,
      );
      const big = Buffer.concat([
        Buffer.from(part('file', '', 'lon.pdf').slice(0, -2)),
        Buffer.alloc(1.2 * 1024 * 1024, 0x41),
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
      expect(expectRefusal(await send(mp, big), 413, 'PAYLOAD_TOO_LARGE', url).message).toBe(
        'Tệp quá lớn (tối đa 1 MB).',
      );
      const nul = expectRefusal(
        await send(mp, `${part('file', '%PDF-1.4', 'a\u0000.pdf')}--${b}--\r\n`),
        400,
        'VALIDATION_FAILED',
        url,
      );
      expect(nul.details?.issues?.[0]?.field).toBe('tên tệp');
      expectRefusal(
        await send({ 'content-type': 'application/xml' }, '<file/>'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        url,
      );
    }
  });

  it('a CSV saved by Excel as "Unicode Text" (UTF-16 with BOM, tab-separated) is imported like UTF-8', async () => {
    const rows = [
      ['STT', 'Họ và tên*', 'Sinh ngày', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức', 'Chi bộ'],
      ['1', 'Nguyễn Văn Mười', '05/01/1960', 'Nam', '12/03/1985', '12/03/1986', 'Chi bộ Khu phố 1'],
      ['2', 'Đặng Thị Ánh', '20/10/1975', 'Nữ', '03/02/2000', '03/02/2001', 'Chi bộ Khu phố 1'],
    ];
    const text = `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const b = 'utf16-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="danh-sach.txt"\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const res = await admin.request({
      method: 'POST',
      url: `/api/org-units/${cell.id}/member-imports`,
      headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(202);
    let job: { status: string; fileError?: string; preview?: { create: { fullName: string }[] } } = {
      status: 'validating',
    };
    for (let i = 0; i < 200 && ['queued', 'validating'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.get(`/api/member-imports/${res.json().id}`)).json();
    }
    expect(job.fileError ?? null).toBeNull();
    expect(job.preview?.create.map((r) => r.fullName)).toEqual(['Nguyễn Văn Mười', 'Đặng Thị Ánh']);
  });

  it('the iCalendar feed escapes a bare CR in a place: no line of the feed can be injected', async () => {
    await t.db.query('UPDATE meetings SET place = $2 WHERE id = $1', [
      meetingId,
      'Nhà văn hóa\rBEGIN:VALARM\rTRIGGER:-PT1M',
    ]);
    const { token } = (await plain.post('/api/me/calendar-token')).json();
    const ics = await t.anonymous.get(`/api/calendar/${token}.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.body.replace(/\r\n/g, '')).not.toMatch(/\r/);
    const lines = ics.body.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('LOCATION:Nhà văn hóa\\nBEGIN:VALARM\\nTRIGGER:-PT1M');
    expect(lines.filter((l) => l.startsWith('BEGIN:VALARM') || l.startsWith('TRIGGER'))).toEqual([]);
  });

  it('a plain member meets the same refusals (validation comes before authorisation, in Vietnamese)', async () => {
    expectRefusal(await plain.get('/api/members/0x10'), 400, 'VALIDATION_FAILED');
    expectRefusal(await plain.get(`/api/members/${memberId}?date=2026-02-31`), 400, 'VALIDATION_FAILED');
    expectRefusal(
      await plain.request({
        method: 'POST',
        url: '/api/org-units',
        headers: { 'content-type': 'application/xml' },
        payload: '<a/>',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });
});
