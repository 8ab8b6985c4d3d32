/**
 * Issue 8, "must show": a fuzz run over every operation of the OpenAPI document. Requests are
 * generated from the document itself (test/support/openapi-fuzz.ts), seeded and of fixed number,
 * as an administrator and as a plain member (with the session cookie and the CSRF token), plus
 * a few anonymous ones and unknown addresses and methods. Every answer must be below 500, and
 * every error must carry a code of ERRORS and a Vietnamese message (no "Bad Request", "body
 * must…", "Unsupported Media Type"). Runs in `npm test` on PGlite and on PostgreSQL.
 *
 * Nothing is skipped: destructive calls (logout, an account disabled or renamed, a grant taken
 * away) are allowed to happen; the fixture accounts are healed in SQL and logged in again when
 * an answer shows the session gone, so later requests still reach the services.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/server/errors.js';
import { matrixOrganisation } from '../integration/matrix-cases-cell-body.js';
import { matrixDirective } from '../integration/matrix-cases-directives.js';
import { matrixPlans } from '../integration/matrix-cases-plans.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { testDbKind } from '../support/db.js';
import { meeting, member, unit, user } from '../support/factory.js';
import {
  type FuzzRequest,
  type IdPools,
  type Operation,
  operationsOf,
  requestsFor,
} from '../support/openapi-fuzz.js';

const SEED = 20261201;
/** Requests over the operations, per authenticated actor (admin, member). */
const BUDGET_PER_ACTOR = 2450;
const ANONYMOUS_PER_OPERATION = 2;

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const ENGLISH =
  /\b(Bad Request|Not Found|Method Not Allowed|Unsupported Media Type|Payload Too Large|Request Entity|Internal Server Error|body must|must be|must have|is not|is required|Invalid|Expected|Unexpected|Request body|request file|reach (parts|files|fields) limit|JSON at position|prototype property|Cannot|cannot|Error:)\b/;

interface Violation {
  op: string;
  actor: string;
  reason: string;
  request: string;
  response: string;
}

/** Why an answer breaks the contract, or undefined when it keeps it. */
function violationOf(res: LightMyRequestResponse, method: string): string | undefined {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  // A HEAD answer has no body by definition (RFC 9110 §9.3.2): only its status is judged.
  if (res.statusCode < 400 || method === 'HEAD') return undefined;
  let body: { code?: unknown; message?: unknown; details?: { issues?: (string | { message?: unknown })[] } };
  try {
    body = res.json();
  } catch {
    return `error body is not JSON (${res.headers['content-type']})`;
  }
  if (typeof body.code !== 'string' || !(body.code in ERRORS))
    return `code ${String(body.code)} is not in ERRORS`;
  if (ERRORS[body.code as keyof typeof ERRORS].status !== res.statusCode)
    return `status ${res.statusCode} is not that of ${body.code}`;
  if (typeof body.message !== 'string' || !VIETNAMESE_LETTER.test(body.message))
    return 'message is not Vietnamese';
  if (ENGLISH.test(body.message)) return 'message has English in it';
  // Issues are `{ field, message }` (zod) or plain lines (a rule pack's problems).
  for (const issue of body.details?.issues ?? []) {
    const m = typeof issue === 'string' ? issue : issue.message;
    if (typeof m !== 'string') continue;
    if (!VIETNAMESE_LETTER.test(m) || ENGLISH.test(m)) return `issue message is not Vietnamese: ${m}`;
  }
  return undefined;
}

const show = (v: unknown, n = 300) => {
  const s = Buffer.isBuffer(v) ? `<${v.length} bytes>` : typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > n ? `${s.slice(0, n)}…(${s.length})` : s;
};

describe(`fuzz over the OpenAPI document (${testDbKind()})`, () => {
  let t: TestApp;
  const pools = new Map<string, number[]>();
  const accounts: {
    username: string;
    id: number;
    grants: { role: string; unit: number }[];
    memberId: number | null;
  }[] = [];
  let passwordHash = '';
  const clients: Record<'admin' | 'member', Client | null> = { admin: null, member: null };
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    const province = await unit(db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    const ward = await unit(db, { parentId: province.id, name: 'Đảng bộ phường Một' });
    const cell = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    const cell2 = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    const otherWard = await unit(db, { parentId: province.id, name: 'Đảng bộ xã Hai' });
    const otherCell = await unit(db, {
      parentId: otherWard.id,
      name: 'Chi bộ Thôn 3',
      cellType: 'nong_thon',
    });
    const units = [province.id, ward.id, cell.id, cell2.id, otherWard.id, otherCell.id];

    const members = [
      await member(db, { unitId: cell.id, fullName: 'Trần Văn Chủ', nationalId: '001070000001' }),
      await member(db, { unitId: cell.id, fullName: 'Lê Thị Thư' }),
      await member(db, { unitId: cell.id, fullName: 'Nguyễn Văn An', phone: '0912345678' }),
      await member(db, {
        unitId: cell2.id,
        fullName: 'Phạm Thị Bình',
        officialDate: null,
        admissionDate: '2026-03-01',
      }),
      await member(db, { unitId: otherCell.id, fullName: 'Đỗ Văn Cường' }),
    ];
    const fixtureUsers = [
      { username: 'fz.admin', grants: [{ role: 'admin', unit: province.id }], memberId: null },
      { username: 'fz.member', grants: [{ role: 'member', unit: cell.id }], memberId: members[2]! },
    ];
    for (const a of fixtureUsers) {
      const id = await user(
        db,
        a.username,
        a.grants.map((g) => ({ role: g.role as 'admin', unitId: g.unit })),
        a.memberId ?? undefined,
      );
      accounts.push({ ...a, id });
    }
    const [h] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
      accounts[0]!.id,
    ]);
    passwordHash = h!.password_hash;
    // Accounts the fuzz may edit, disable or strip of grants.
    const targets = [
      await user(db, 'fz.dich1', [{ role: 'cell_committee', unitId: cell.id }], members[1]),
      await user(db, 'fz.dich2', [{ role: 'member', unitId: otherCell.id }], members[4]),
    ];
    const grants = (
      await db.query<{ id: number }>('SELECT id FROM role_grants WHERE user_id = ANY($1::int[])', [targets])
    ).map((g) => g.id);

    const meetings = [
      await meeting(db, { unitId: cell.id }),
      await meeting(db, { unitId: cell.id, status: 'in_progress', scheduledAt: new Date().toISOString() }),
      await meeting(db, { unitId: cell.id, status: 'held', scheduledAt: '2026-10-10T19:30:00+07:00' }),
      await meeting(db, { unitId: cell2.id, status: 'held', scheduledAt: '2026-09-10T19:30:00+07:00' }),
      await meeting(db, { unitId: otherCell.id }),
    ];
    const [task] = await db.query<{ id: number }>(
      "INSERT INTO tasks (unit_id, meeting_id, title) VALUES ($1, $2, 'Việc thử') RETURNING id",
      [cell.id, meetings[2]],
    );
    await db.query('INSERT INTO task_owners (task_id, member_id) VALUES ($1, $2)', [task!.id, members[2]]);
    const [doc] = await db.query<{ id: number }>(
      `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, 'material', 'Tài liệu', 'tai-lieu.pdf', 'application/pdf', 9, 'x', '\\x255044462d312e340a'::bytea) RETURNING id`,
      [meetings[0]],
    );
    const [item] = await db.query<{ id: number }>(
      "INSERT INTO agenda_items (meeting_id, position, section, title) VALUES ($1, 1, 'body', 'Mục thử') RETURNING id",
      [meetings[0]],
    );
    const [rec] = await db.query<{ id: number }>(
      "INSERT INTO recommendations (unit_id, raised_on, content) VALUES ($1, '2026-11-01', 'Kiến nghị thử') RETURNING id",
      [cell.id],
    );
    const [alert] = await db.query<{ id: number }>(
      `INSERT INTO alerts (unit_id, kind, subject_key, severity, title) VALUES ($1, 'no_regular_meeting', 'fz:1', 'critical', 'Chưa họp')
       RETURNING id`,
      [cell.id],
    );
    const [notification] = await db.query<{ id: number }>(
      "INSERT INTO notifications (user_id, kind, title, body) VALUES ($1, 'test', 'Thông báo thử', 'Nội dung') RETURNING id",
      [accounts[1]!.id],
    );

    await login('admin');
    await login('member');
    const token = (await clients.member!.post('/api/me/calendar-token')).json().token as string;
    const csv = 'Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng\nNguyễn Văn Nhập,01/02/1970,Nam,03/02/2000\n';
    const boundary = 'b0undary';
    const upload = await clients.admin!.request({
      method: 'POST',
      url: `/api/org-units/${cell.id}/member-imports`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    });
    const importId = upload.json().id as number;

    pools.set('unit', units);
    pools.set('meeting', meetings);
    pools.set('member', members);
    pools.set('user', targets);
    pools.set('grant', grants);
    pools.set('task', [task!.id]);
    pools.set('document', [doc!.id]);
    pools.set('agenda', [item!.id]);
    pools.set('recommendation', [rec!.id]);
    pools.set('alert', [alert!.id]);
    pools.set('notification', [notification!.id]);
    pools.set('import', [importId]);
    pools.set('year', [2025, 2026, 2027]);
    // An organisation of the cell's locality (issue 11 part E).
    pools.set('organisation', [(await matrixOrganisation(db, cell.id)).organisation]);
    // A published directive of the ward, with its file (issue 11 part A).
    const directive = await matrixDirective(db, ward.id);
    pools.set('directive', [directive.directive]);
    pools.set('directiveFile', [directive.directiveFile]);
    // An active plan of the ward with its parts, one to close, a draft to activate (issue 11 part B).
    const plans = await matrixPlans(db, ward.id);
    pools.set('plan', [plans.plan]);
    pools.set('planToClose', [plans.toClose]);
    pools.set('planDraft', [plans.draft]);
    pools.set('planTarget', [plans.target]);
    pools.set('planTargetToDelete', [plans.targetToDelete]);
    pools.set('planMilestone', [plans.milestone]);
    pools.set('planResponsibility', [plans.responsibility]);
    tokens.push(token);
  });
  afterAll(async () => {
    // Imports started by the fuzz are still being checked in the background; wait for them.
    for (let i = 0; i < 100; i++) {
      const running = await t.db
        .query("SELECT 1 FROM member_imports WHERE status IN ('queued', 'validating') LIMIT 1")
        .catch(() => []);
      if (running.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await t.close();
  });

  /** Ids that exist for a parameter or property name, by what the path is about. */
  const idPools: IdPools = {
    forName(name: string, path?: string) {
      const p = (k: string) => pools.get(k) ?? [];
      if (name === 'id' && path?.startsWith('/api/plans/'))
        return p(path.endsWith('/close') ? 'planToClose' : path.endsWith('/activate') ? 'planDraft' : 'plan');
      if (name === 'id' && path) {
        const head = path.split('/')[2];
        const byHead: Record<string, string> = {
          'org-units': 'unit',
          meetings: 'meeting',
          members: 'member',
          users: 'user',
          'member-imports': 'import',
          tasks: 'task',
          alerts: 'alert',
          recommendations: 'recommendation',
          me: 'notification',
          organisations: 'organisation',
          directives: 'directive',
          plans: 'plan',
        };
        return p(byHead[head ?? ''] ?? 'unit');
      }
      if (name === 'itemId') return [...p('agenda'), ...p('document'), ...p('member')];
      if (name === 'grantId') return p('grant');
      if (name === 'organisationId') return p('organisation');
      if (name === 'directiveId') return p('directive');
      if (name === 'targetId') return p(path?.endsWith('{targetId}') ? 'planTargetToDelete' : 'planTarget');
      if (name === 'milestoneId') return p('planMilestone');
      if (name === 'responsibilityId') return p('planResponsibility');
      if (name === 'fileId') return p('directiveFile');
      if (name === 'year' || name === 'months') return name === 'year' ? p('year') : [1, 3, 12];
      if (/^(parentId|orgUnitId|unitId|hostUnitId|toUnitId|ownerUnitId)$/.test(name)) return p('unit');
      if (/member|owner|presenter|chair|secretary|preparer/i.test(name)) return p('member');
      if (/meeting/i.test(name)) return p('meeting');
      if (/agendaItem/.test(name)) return p('agenda');
      if (/visit/.test(name)) return [1, 2];
      return [];
    },
  };

  async function login(role: 'admin' | 'member') {
    const account = accounts[role === 'admin' ? 0 : 1]!;
    clients[role] = await t.login(account.username);
  }

  /** Puts the fixture accounts back as they were (the fuzz may have renamed or disabled them). */
  async function heal() {
    for (const a of accounts) {
      await t.db.query(
        'UPDATE users SET username = $2, is_active = true, password_hash = $3, member_id = $4 WHERE id = $1',
        [a.id, a.username, passwordHash, a.memberId],
      );
      for (const g of a.grants)
        await t.db.query(
          `INSERT INTO role_grants (user_id, role, org_unit_id) SELECT $1, $2, $3
            WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = $1 AND role = $2 AND org_unit_id = $3)`,
          [a.id, g.role, g.unit],
        );
    }
    await t.db.query("DELETE FROM auth_throttle WHERE scope = 'login'").catch(() => {});
  }

  it('≥ 5,000 generated requests: no answer ≥ 500, every error a code of ERRORS with a Vietnamese message', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(90);
    expect(ops.filter((o) => o.upload).map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/org-units/{id}/member-imports',
        'POST /api/meetings/{id}/documents',
      ]),
    );
    const weight = (o: Operation) =>
      6 + 2 * o.params.length + 4 * o.query.length + (o.body ? 24 : 0) + (o.upload ? 24 : 0);
    const totalWeight = ops.reduce((s, o) => s + weight(o), 0);

    const violations: Violation[] = [];
    const perOp = new Map<string, { sent: number; statuses: Map<number, number> }>();
    let sent = 0;
    const started = Date.now();
    const slowest: { op: string; ms: number }[] = [];
    const spent = new Map<string, number>();

    const send = async (op: Operation, actor: 'admin' | 'member' | 'anonymous', req: FuzzRequest) => {
      const client = actor === 'anonymous' ? t.anonymous : clients[actor]!;
      const key = `${op.method} ${op.path}`;
      const t0 = Date.now();
      // Login attempts come from another address, so the fuzz cannot throttle the fixtures' logins.
      const res = await client.request({
        ...req,
        ...(op.path === '/api/auth/login' ? { remoteAddress: '203.0.113.9' } : {}),
      });
      const ms = Date.now() - t0;
      slowest.push({ op: key, ms });
      spent.set(key, (spent.get(key) ?? 0) + ms);
      sent++;
      const stats = perOp.get(key) ?? { sent: 0, statuses: new Map() };
      stats.sent++;
      stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1);
      perOp.set(key, stats);
      const reason = violationOf(res, String(req.method));
      if (reason)
        violations.push({
          op: key,
          actor,
          reason,
          request: `${req.method} ${show(req.url, 200)} ${show(req.headers)} ${show(req.payload, 200)}`,
          response: `${res.statusCode} ${show(res.body)}`,
        });
      // The session is gone (logout, account disabled, renamed, password changed): heal, log in again.
      if (actor !== 'anonymous' && res.statusCode === 401) {
        await heal();
        await login(actor);
      }
    };

    for (const [i, op] of ops.entries()) {
      const n = Math.max(6, Math.round((BUDGET_PER_ACTOR * weight(op)) / totalWeight));
      for (const [j, actor] of (['admin', 'member'] as const).entries()) {
        const reqs = fc.sample(requestsFor(op, idPools), { seed: SEED + i * 31 + j, numRuns: n });
        // Now and then a real calendar token, where a token is asked for.
        for (const [k, req] of reqs.entries()) {
          if (op.path === '/api/calendar/{token}' && k % 3 === 0) req.url = `/api/calendar/${tokens[0]}.ics`;
          await send(op, actor, req);
        }
      }
      for (const req of fc.sample(requestsFor(op, idPools), {
        seed: SEED + i * 31 + 7,
        numRuns: ANONYMOUS_PER_OPERATION,
      }))
        await send(op, 'anonymous', req);
    }

    // Addresses that do not exist, and known addresses with a method they do not take.
    const strays = fc.sample(
      fc.tuple(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
        fc.oneof(
          fc.constantFrom(...ops.map((o) => o.path.replace(/\{[^}]+\}/g, '1'))),
          fc.constantFrom(
            '/api/nope',
            '/api/',
            '/api/meetings',
            '/api/org-units/1/nope',
            '/api/%E0%A4%A',
            '/api/a/b/c/d/e',
          ),
          fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `/api/${encodeURIComponent(s)}`),
        ),
      ),
      { seed: SEED + 99, numRuns: 120 },
    );
    const stray: Operation = { method: 'GET', path: '(stray)', params: [], query: [], upload: false };
    for (const [k, [method, url]] of strays.entries())
      await send(stray, k % 2 ? 'admin' : 'member', { method: method as 'GET', url, headers: {} });

    const seconds = (Date.now() - started) / 1000;
    const byStatus = new Map<number, number>();
    for (const s of perOp.values())
      for (const [code, c] of s.statuses) byStatus.set(code, (byStatus.get(code) ?? 0) + c);
    const reached = [...perOp.entries()].filter(([, s]) =>
      [...s.statuses.keys()].some((c) => c < 300),
    ).length;
    slowest.sort((a, b) => b.ms - a.ms);
    console.info(
      JSON.stringify({
        fuzz: testDbKind(),
        requests: sent,
        operations: ops.length,
        seconds,
        operationsWith2xx: reached,
        statuses: Object.fromEntries([...byStatus.entries()].sort(([a], [b]) => a - b)),
        slowest: slowest.slice(0, 5),
        heaviest: [...spent.entries()].sort(([, a], [, b]) => b - a).slice(0, 8),
      }),
    );

    const distinct = new Map<string, Violation>();
    for (const v of violations)
      if (!distinct.has(`${v.op}|${v.reason}`)) distinct.set(`${v.op}|${v.reason}`, v);
    expect([...distinct.values()].slice(0, 40), `${violations.length} violations`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(5000);
    // Every operation was exercised by both actors, and the fuzz got past validation and
    // authorisation often enough to mean something (a broken CSRF token would make it all 4xx).
    for (const op of ops) expect(perOp.get(`${op.method} ${op.path}`)?.sent ?? 0).toBeGreaterThanOrEqual(12);
    expect(reached).toBeGreaterThan(ops.length / 2);
  }, 240_000);
});
