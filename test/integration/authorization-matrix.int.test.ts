/**
 * Every route × every role × inside/outside the role's scope, straight through the API
 * ("the UI may only hide a button"). Outside the scope an object answers 404 exactly as if
 * absent; inside, a role without the capability gets 403; allowed calls pass authorisation
 * (2xx, or a business answer such as 409 that only an authorised caller can reach).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/access.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { meeting, member, unit, user } from '../support/factory.js';

/** 'ok': authorised; 'any': authorised to try, the answer may be a business refusal (even 403). */
type Outcome = 'ok' | 'any' | 403 | 404;
const ROLES: Role[] = [
  'admin',
  'committee_staff',
  'supervisor',
  'cell_secretary',
  'cell_committee',
  'member',
];

interface Ids {
  unit: number; // a cell
  parent: number; // its đảng bộ
  member: number;
  user: number;
  grant: number;
  meeting: number; // a planned meeting of the cell
  held: number; // a held meeting of the cell
  task: number; // a task set at the held meeting
  document: number;
  agendaItem: number;
  recommendation: number;
}

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string; // as in the OpenAPI document
  url: (ids: Ids) => string;
  body?: (ids: Ids, n: number) => object;
  inside: Record<Role, Outcome>;
}

const all = (o: Outcome) => Object.fromEntries(ROLES.map((r) => [r, o])) as Record<Role, Outcome>;
const only = (allowed: Role[], otherwise: Outcome = 403, extra: Partial<Record<Role, Outcome>> = {}) =>
  Object.fromEntries(ROLES.map((r) => [r, extra[r] ?? (allowed.includes(r) ? 'ok' : otherwise)])) as Record<
    Role,
    Outcome
  >;
const MANAGERS: Role[] = ['admin', 'committee_staff'];
const REGISTRY: Role[] = ['admin', 'committee_staff', 'cell_secretary'];
const RUNNERS: Role[] = [...REGISTRY, 'cell_committee'];
const CELL_ROLES_404 = { supervisor: 404, cell_secretary: 404, cell_committee: 404, member: 404 } as const;

const CASES: Case[] = [
  { method: 'GET', route: '/api/org-units/{id}', url: (i) => `/api/org-units/${i.unit}`, inside: all('ok') },
  {
    method: 'GET',
    route: '/api/org-units/{id}/children',
    url: (i) => `/api/org-units/${i.unit}/children`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/tree',
    url: (i) => `/api/org-units/${i.unit}/tree`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/counts',
    url: (i) => `/api/org-units/${i.unit}/counts`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/members',
    url: (i) => `/api/org-units/${i.unit}/members`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/members.xlsx',
    url: (i) => `/api/org-units/${i.unit}/members.xlsx`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/audit',
    url: (i) => `/api/org-units/${i.unit}/audit`,
    inside: only(REGISTRY),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/users',
    url: (i) => `/api/org-units/${i.unit}/users`,
    inside: only(REGISTRY),
  },
  {
    method: 'POST',
    route: '/api/org-units',
    url: () => '/api/org-units',
    body: (i, n) => ({ parentId: i.parent, name: `Chi bộ mới ${n}`, kind: 'chi_bo', cellType: 'co_quan' }),
    // The parent đảng bộ is outside the scope of cell-level roles: for them it does not exist.
    inside: only(MANAGERS, 404),
  },
  {
    method: 'PATCH',
    route: '/api/org-units/{id}',
    url: (i) => `/api/org-units/${i.unit}`,
    body: (_, n) => ({ code: `M${n}` }),
    inside: only(MANAGERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/move',
    url: (i) => `/api/org-units/${i.unit}/move`,
    body: (i) => ({ parentId: i.parent }),
    inside: only(MANAGERS, 403, CELL_ROLES_404),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/archive',
    url: (i) => `/api/org-units/${i.unit}/archive`,
    inside: only(MANAGERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/unarchive',
    url: (i) => `/api/org-units/${i.unit}/unarchive`,
    inside: only(MANAGERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/members',
    url: (i) => `/api/org-units/${i.unit}/members`,
    body: (_, n) => ({
      fullName: `Nguyễn Văn Mới ${n}`,
      admissionDate: '2000-01-01',
      officialDate: '2001-01-01',
      relation: 'existing',
    }),
    inside: only(REGISTRY),
  },
  { method: 'GET', route: '/api/members/{id}', url: (i) => `/api/members/${i.member}`, inside: all('ok') },
  {
    method: 'PATCH',
    route: '/api/members/{id}',
    url: (i) => `/api/members/${i.member}`,
    body: () => ({ ethnicity: 'Kinh' }),
    inside: only(REGISTRY),
  },
  {
    method: 'POST',
    route: '/api/members/{id}/status-changes',
    url: (i) => `/api/members/${i.member}/status-changes`,
    body: () => ({ type: 'end_exemption', date: '2026-01-01' }),
    inside: only(REGISTRY),
  },
  {
    method: 'POST',
    route: '/api/users',
    url: () => '/api/users',
    body: (i, n) => ({
      username: `moi.${n}`,
      displayName: 'Người mới',
      password: 'mat-khau-moi-1',
      grants: [{ role: 'member', orgUnitId: i.unit }],
    }),
    inside: only(MANAGERS),
  },
  {
    method: 'GET',
    route: '/api/users/{id}',
    url: (i) => `/api/users/${i.user}`,
    inside: only(REGISTRY, 404),
  },
  {
    method: 'PATCH',
    route: '/api/users/{id}',
    url: (i) => `/api/users/${i.user}`,
    body: () => ({ displayName: 'Đổi tên' }),
    inside: only(MANAGERS, 404, { cell_secretary: 403 }),
  },
  {
    method: 'POST',
    route: '/api/users/{id}/grants',
    url: (i) => `/api/users/${i.user}/grants`,
    body: (i) => ({ role: 'cell_committee', orgUnitId: i.unit }),
    inside: only(MANAGERS, 404, { cell_secretary: 403 }),
  },
  {
    method: 'DELETE',
    route: '/api/users/{id}/grants/{grantId}',
    url: (i) => `/api/users/${i.user}/grants/${i.grant}`,
    inside: only(MANAGERS, 404, { cell_secretary: 403 }),
  },
  // ---- meetings --------------------------------------------------------------------------------
  {
    method: 'GET',
    route: '/api/org-units/{id}/meetings',
    url: (i) => `/api/org-units/${i.unit}/meetings`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/meeting-plan',
    url: (i) => `/api/org-units/${i.unit}/meeting-plan`,
    inside: all('ok'),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/meeting-series',
    url: (i) => `/api/org-units/${i.unit}/meeting-series`,
    body: () => ({ dayOfMonth: 10, startTime: '19:30', place: 'Hội trường' }),
    inside: only(REGISTRY),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/meetings/generate',
    url: (i) => `/api/org-units/${i.unit}/meetings/generate`,
    body: () => ({}),
    inside: only(REGISTRY),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/thematic-plans/{year}',
    url: (i) => `/api/org-units/${i.unit}/thematic-plans/2027`,
    body: () => ({ items: [{ quarter: 1, topic: 'Chuyên đề thử' }] }),
    inside: only(REGISTRY),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/meetings',
    url: (i) => `/api/org-units/${i.unit}/meetings`,
    body: () => ({ kind: 'extraordinary', scheduledAt: '2027-01-05T08:00:00+07:00' }),
    inside: only(REGISTRY),
  },
  { method: 'GET', route: '/api/meetings/{id}', url: (i) => `/api/meetings/${i.meeting}`, inside: all('ok') },
  {
    method: 'PATCH',
    route: '/api/meetings/{id}',
    url: (i) => `/api/meetings/${i.meeting}`,
    body: () => ({ content: 'Nội dung' }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/prep-steps',
    url: (i) => `/api/meetings/${i.meeting}/prep-steps`,
    body: () => ({ step: 'prep_meeting' }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/invitations',
    url: (i) => `/api/meetings/${i.meeting}/invitations`,
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/documents',
    url: (i) => `/api/meetings/${i.meeting}/documents`,
    body: () => ({}),
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/documents/{itemId}',
    url: (i) => `/api/meetings/${i.held}/documents/${i.document}`,
    inside: all('ok'),
  },
  {
    method: 'PATCH',
    route: '/api/meetings/{id}/agenda/{itemId}',
    url: (i) => `/api/meetings/${i.meeting}/agenda/${i.agendaItem}`,
    body: () => ({ done: true }),
    inside: only(RUNNERS),
  },
  // After the item update: replacing the agenda removes that item.
  {
    method: 'PUT',
    route: '/api/meetings/{id}/agenda',
    url: (i) => `/api/meetings/${i.meeting}/agenda`,
    body: () => ({ items: [{ section: 'body', title: 'Nội dung chính' }] }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/start',
    url: (i) => `/api/meetings/${i.meeting}/start`,
    inside: only(RUNNERS),
  },
  {
    method: 'PUT',
    route: '/api/meetings/{id}/attendance',
    url: (i) => `/api/meetings/${i.meeting}/attendance`,
    body: (i) => ({ items: [{ memberId: i.member, status: 'present' }] }),
    inside: only(RUNNERS),
  },
  {
    method: 'PUT',
    route: '/api/meetings/{id}/attendance/{itemId}',
    url: (i) => `/api/meetings/${i.meeting}/attendance/${i.member}`,
    body: () => ({ status: 'present' }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/check-in',
    url: (i) => `/api/meetings/${i.meeting}/check-in`,
    body: () => ({ code: '123456' }),
    inside: all('any'),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/guests',
    url: (i) => `/api/meetings/${i.meeting}/guests`,
    body: () => ({ name: 'Khách mời' }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/speeches',
    url: (i) => `/api/meetings/${i.meeting}/speeches`,
    body: (i) => ({ memberId: i.member, summary: 'Ý kiến' }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/votes',
    url: (i) => `/api/meetings/${i.meeting}/votes`,
    body: () => ({ subject: 'Thử', for: 0, against: 0, abstain: 0 }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/tasks',
    url: (i) => `/api/meetings/${i.meeting}/tasks`,
    body: (i) => ({ title: 'Nhiệm vụ thử', ownerIds: [i.member] }),
    inside: only(RUNNERS),
  },
  {
    method: 'PATCH',
    route: '/api/tasks/{id}',
    url: (i) => `/api/tasks/${i.task}`,
    body: (i) => ({ result: 'achieved', meetingId: i.meeting }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/end',
    url: (i) => `/api/meetings/${i.meeting}/end`,
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/record',
    url: (i) => `/api/meetings/${i.held}/record`,
    inside: all('ok'),
  },
  {
    method: 'PUT',
    route: '/api/meetings/{id}/record',
    url: (i) => `/api/meetings/${i.held}/record`,
    body: () => ({ conclusion: 'Kết luận' }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/record/sign',
    url: (i) => `/api/meetings/${i.held}/record/sign`,
    inside: all('any'),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/record/adopt',
    url: (i) => `/api/meetings/${i.held}/record/adopt`,
    inside: only(REGISTRY),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/record/corrections',
    url: (i) => `/api/meetings/${i.held}/record/corrections`,
    body: () => ({ note: 'Đính chính thử' }),
    inside: only(REGISTRY),
  },
  ...(['minutes.docx', 'minutes.pdf', 'resolution.docx', 'resolution.pdf'] as const).map(
    (f): Case => ({
      method: 'GET',
      route: `/api/meetings/{id}/${f}`,
      url: (i) => `/api/meetings/${i.held}/${f}`,
      inside: all('ok'),
    }),
  ),
  {
    method: 'DELETE',
    route: '/api/meetings/{id}/documents/{itemId}',
    url: (i) => `/api/meetings/${i.held}/documents/${i.document}`,
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/cancel',
    url: (i) => `/api/meetings/${i.meeting}/cancel`,
    body: () => ({ reason: 'Lý do thử' }),
    inside: only(REGISTRY),
  },
  // ---- quality -----------------------------------------------------------------------------------
  {
    method: 'GET',
    route: '/api/meetings/{id}/score',
    url: (i) => `/api/meetings/${i.held}/score`,
    inside: all('ok'),
  },
  ...(['cell', 'supervisor'] as const).flatMap((scorer): Case[] => {
    const who = scorer === 'cell' ? only(RUNNERS) : only(['admin', 'committee_staff', 'supervisor']);
    return [
      {
        method: 'PUT',
        route: '/api/meetings/{id}/score/{scorer}',
        url: (i) => `/api/meetings/${i.held}/score/${scorer}`,
        body: () => ({ judgement: { guiding: 1 } }),
        inside: who,
      },
      {
        method: 'POST',
        route: '/api/meetings/{id}/score/{scorer}/confirm',
        url: (i) => `/api/meetings/${i.held}/score/${scorer}/confirm`,
        inside: who,
      },
      {
        method: 'POST',
        route: '/api/meetings/{id}/score/{scorer}/revisions',
        url: (i) => `/api/meetings/${i.held}/score/${scorer}/revisions`,
        body: () => ({ note: 'Chấm lại' }),
        inside: who,
      },
    ];
  }),
  {
    method: 'GET',
    route: '/api/org-units/{id}/month-status',
    url: (i) => `/api/org-units/${i.unit}/month-status?from=2026-01&to=2026-12`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/alerts',
    url: (i) => `/api/org-units/${i.unit}/alerts`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/supervision',
    url: (i) => `/api/org-units/${i.unit}/supervision`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/visits',
    url: (i) => `/api/org-units/${i.unit}/visits`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/visits',
    url: (i) => `/api/org-units/${i.unit}/visits`,
    body: () => ({ visitedOn: '2026-11-01' }),
    inside: only(['supervisor']),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/recommendations',
    url: (i) => `/api/org-units/${i.unit}/recommendations`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/recommendations',
    url: (i) => `/api/org-units/${i.unit}/recommendations`,
    body: () => ({ content: 'Kiến nghị mới của chi bộ' }),
    inside: only([...RUNNERS, 'supervisor']),
  },
  {
    method: 'POST',
    route: '/api/recommendations/{id}/answer',
    url: (i) => `/api/recommendations/${i.recommendation}/answer`,
    body: () => ({ answer: 'Đã trả lời', close: false }),
    inside: only(REGISTRY),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/rule-pack',
    url: (i) => `/api/org-units/${i.unit}/rule-pack`,
    body: () => ({ packId: null }),
    inside: only(MANAGERS),
  },
];

/** Routes that hold no object of a unit: every signed-in role may call them. */
const UNSCOPED = [
  'POST /api/jobs/oversight',
  'GET /api/rule-packs',
  'POST /api/rule-packs',
  'GET /api/me',
  'GET /api/me/meetings',
  'GET /api/me/tasks',
  'GET /api/me/notifications',
  'POST /api/me/notifications/{id}/read',
  'POST /api/me/calendar-token',
  'DELETE /api/me/calendar-token',
  'POST /api/me/password',
  'GET /api/org-units',
  'GET /api/reference/org',
  'POST /api/auth/logout',
];
const PUBLIC = ['GET /api/health', 'POST /api/auth/login', 'GET /api/calendar/{token}'];
/** Routes of the import feature have their own matrix (src/features/members/import/import.int.test.ts). */
const COVERED_ELSEWHERE = [
  'POST /api/org-units/{id}/member-imports',
  'GET /api/org-units/{id}/member-imports',
  'GET /api/member-imports/{id}',
  'POST /api/member-imports/{id}/commit',
];

describe('authorisation matrix', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  const inside = new Map<Role, Ids>();
  const outside = new Map<Role, Ids>();

  beforeAll(async () => {
    t = await createTestApp();
    const province = await unit(t.db, { name: 'Đảng bộ tỉnh', kind: 'dang_bo_tinh' });
    const ward = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Trong' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Trong', cellType: 'khu_dan_cu' });
    const otherWard = await unit(t.db, { parentId: province.id, name: 'Đảng bộ xã Ngoài' });
    const otherCell = await unit(t.db, {
      parentId: otherWard.id,
      name: 'Chi bộ Ngoài',
      cellType: 'nong_thon',
    });
    const m1 = await member(t.db, { unitId: cell.id, fullName: 'Lê Văn Trong' });
    const m2 = await member(t.db, { unitId: otherCell.id, fullName: 'Lê Văn Ngoài' });
    const meetingSet = async (unitId: number, memberId: number) => {
      const planned = await meeting(t.db, { unitId });
      const held = await meeting(t.db, { unitId, status: 'held', scheduledAt: '2026-10-10T19:30:00+07:00' });
      const [task] = await t.db.query<{ id: number }>(
        "INSERT INTO tasks (unit_id, meeting_id, title) VALUES ($1, $2, 'Việc thử') RETURNING id",
        [unitId, held],
      );
      await t.db.query('INSERT INTO task_owners (task_id, member_id) VALUES ($1, $2)', [task!.id, memberId]);
      const [doc] = await t.db.query<{ id: number }>(
        `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content)
         VALUES ($1, 'material', 'Tài liệu', 'tai-lieu.pdf', 'application/pdf', 9, 'x', '\\x255044462d312e340a'::bytea) RETURNING id`,
        [held],
      );
      const [item] = await t.db.query<{ id: number }>(
        "INSERT INTO agenda_items (meeting_id, position, section, title) VALUES ($1, 1, 'body', 'Mục thử') RETURNING id",
        [planned],
      );
      const [rec] = await t.db.query<{ id: number }>(
        "INSERT INTO recommendations (unit_id, raised_on, content) VALUES ($1, '2026-11-01', 'Kiến nghị thử') RETURNING id",
        [unitId],
      );
      return {
        meeting: planned,
        held,
        task: task!.id,
        document: doc!.id,
        agendaItem: item!.id,
        recommendation: rec!.id,
      };
    };
    const grantId = async (userId: number, unitId: number) => {
      const [g] = await t.db.query<{ id: number }>(
        "INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, 'cell_committee', $2) RETURNING id",
        [userId, unitId],
      );
      return g!.id;
    };
    for (const [i, role] of ROLES.entries()) {
      // Admins and staff hold the ward; everyone else holds the cell. The other ward is outside all.
      const username = `u.${role.replace('_', '-')}`;
      await user(t.db, username, [
        { role, unitId: role === 'admin' || role === 'committee_staff' ? ward.id : cell.id },
      ]);
      clients.set(role, await t.login(username));
      // Each actor gets its own target accounts (one inside, one outside) with a grant to revoke.
      const tin = await user(t.db, `dich.trong.${i}`, [{ role: 'member', unitId: cell.id }]);
      const tout = await user(t.db, `dich.ngoai.${i}`, [{ role: 'member', unitId: otherCell.id }]);
      inside.set(role, {
        unit: cell.id,
        parent: ward.id,
        member: m1,
        user: tin,
        grant: await grantId(tin, cell.id),
        ...(await meetingSet(cell.id, m1)),
      });
      outside.set(role, {
        unit: otherCell.id,
        parent: otherWard.id,
        member: m2,
        user: tout,
        grant: await grantId(tout, otherCell.id),
        ...(await meetingSet(otherCell.id, m2)),
      });
    }
  });
  afterAll(() => t.close());

  it('covers every route in the OpenAPI document', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const known = new Set([
      ...CASES.map((c) => `${c.method} ${c.route}`),
      ...UNSCOPED,
      ...PUBLIC,
      ...COVERED_ELSEWHERE,
    ]);
    expect(documented.filter((r) => !known.has(r))).toEqual([]);
    expect(documented.length).toBeGreaterThan(20);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    for (const c of CASES) {
      const ids = inside.get('admin')!;
      const res = await t.anonymous.request({ method: c.method, url: c.url(ids), payload: c.body?.(ids, 0) });
      expect(res.statusCode, `${c.method} ${c.route}`).toBe(401);
    }
  });

  let n = 0;
  for (const c of CASES) {
    for (const role of ROLES) {
      it(`${c.method} ${c.route} as ${role}: inside → ${c.inside[role]}, outside → 404`, async () => {
        const client = clients.get(role)!;
        for (const [where, ids, expected] of [
          ['in', inside.get(role)!, c.inside[role]],
          ['out', outside.get(role)!, 404],
        ] as const) {
          const res = await client.request({
            method: c.method,
            url: c.url(ids),
            payload: c.body?.(ids, ++n),
          });
          const label = `${role} ${where} ${c.method} ${c.url(ids)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (expected === 'ok') {
            expect([401, 403, 404], label).not.toContain(res.statusCode);
            expect(res.statusCode, label).toBeLessThan(500);
          } else if (expected === 'any') {
            expect([401, 404], label).not.toContain(res.statusCode);
            expect(res.statusCode, label).toBeLessThan(500);
          } else {
            expect(res.statusCode, label).toBe(expected);
            if (expected === 404) expect(res.json().code, label).toBe('NOT_FOUND');
          }
        }
      });
    }
  }

  it('lets every role read its own profile and its scope roots, and nothing of another ward', async () => {
    for (const role of ROLES) {
      const c = clients.get(role)!;
      expect((await c.get('/api/me')).json().grants[0].role).toBe(role);
      const roots = (await c.get('/api/org-units')).json().items.map((u: { name: string }) => u.name);
      expect(roots).toHaveLength(1);
      expect(roots[0]).not.toMatch(/Ngoài/);
    }
  });
});
