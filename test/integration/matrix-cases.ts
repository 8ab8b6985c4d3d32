/**
 * The route table of the authorisation matrix (authorization-matrix.int.test.ts): for every
 * route, what each role gets inside its scope. Outside the scope every object answers 404.
 */
import type { Role } from '../../src/server/access.js';

/** 'ok': authorised; 'any': authorised to try, the answer may be a business refusal (even 403). */
export type Outcome = 'ok' | 'any' | 403 | 404;
export const ROLES: Role[] = [
  'admin',
  'committee_staff',
  'supervisor',
  'cell_secretary',
  'cell_committee',
  'member',
];

export interface Ids {
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
  alert: number; // an open alert of the cell
}

export interface Case {
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

export const CASES: Case[] = [
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
    method: 'POST',
    route: '/api/meetings/{id}/revert-start',
    url: (i) => `/api/meetings/${i.meeting}/revert-start`,
    body: () => ({ reason: 'Bắt đầu nhầm' }),
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/invitations.pdf',
    url: (i) => `/api/meetings/${i.meeting}/invitations.pdf`,
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/invitations.docx',
    url: (i) => `/api/meetings/${i.meeting}/invitations.docx`,
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/alerts/{id}/dismiss',
    url: (i) => `/api/alerts/${i.alert}/dismiss`,
    body: () => ({ note: 'Chi bộ đã họp bù, đã nhắc nhở' }),
    inside: only(REGISTRY),
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
  // Subtree lists (issue 9): on a cell every role lists it; on its đảng bộ staff list the whole
  // subtree and a supervisor their assigned cells; other cell roles do not see the đảng bộ.
  ...(['meetings', 'alerts', 'visits', 'recommendations'] as const).flatMap((list): Case[] => [
    {
      method: 'GET',
      route: `/api/org-units/{id}/${list}`,
      url: (i) => `/api/org-units/${i.unit}/${list}?subtree=true&limit=5`,
      inside: all('ok'),
    },
    {
      method: 'GET',
      route: `/api/org-units/{id}/${list}`,
      url: (i) => `/api/org-units/${i.parent}/${list}?subtree=true`,
      inside: only(MANAGERS, 404, { supervisor: 'ok' }),
    },
  ]),
  {
    method: 'PUT',
    route: '/api/org-units/{id}/rule-pack',
    url: (i) => `/api/org-units/${i.unit}/rule-pack`,
    body: () => ({ packId: null }),
    inside: only(MANAGERS),
  },
  {
    // Periodic reviews are the office's (ADR 022): on the đảng bộ, which cell roles do not reach.
    method: 'POST',
    route: '/api/org-units/{id}/reviews',
    url: (i) => `/api/org-units/${i.parent}/reviews`,
    body: (_, n) => ({
      title: `Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU (${n})`,
      from: '2024-01',
      to: '2026-12',
    }),
    inside: only(MANAGERS, 403, CELL_ROLES_404),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/reviews',
    url: (i) => `/api/org-units/${i.parent}/reviews`,
    inside: only(MANAGERS, 403, CELL_ROLES_404),
  },
  {
    // The integrity check of a subtree: administrators only (ADR 017).
    method: 'GET',
    route: '/api/admin/verify',
    url: (i) => `/api/admin/verify?unitId=${i.unit}`,
    inside: only(['admin']),
  },
  // Commendations, reminders and model meetings (src/features/recognition; ADR 023). The scope of a
  // model meeting's read-only view (the marking committee's subtree) is tested in recognition.int.test.ts.
  {
    method: 'GET',
    route: '/api/org-units/{id}/commendation-proposals',
    url: (i) => `/api/org-units/${i.unit}/commendation-proposals?from=2026-01&to=2026-10`,
    inside: only(MANAGERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/commendations',
    url: (i) => `/api/org-units/${i.parent}/commendations`,
    body: (i, n) => ({
      subjectUnitId: i.unit,
      kind: 'bieu_duong',
      decidedOn: '2026-11-20',
      reason: `Lý do thử ${n}`,
    }),
    // The deciding đảng bộ is outside the scope of cell-level roles: for them it does not exist.
    inside: only(MANAGERS, 404),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/commendations',
    url: (i) => `/api/org-units/${i.unit}/commendations`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/model',
    url: (i) => `/api/meetings/${i.held}/model`,
    body: () => ({ note: 'Buổi sinh hoạt mẫu' }),
    // Staff of the ward may try (the held meeting has no adopted minutes: 409); the cell's roles may not.
    inside: only([], 403, { admin: 'any', committee_staff: 'any' }),
  },
  {
    method: 'DELETE',
    route: '/api/meetings/{id}/model',
    url: (i) => `/api/meetings/${i.held}/model`,
    inside: only([], 403, { admin: 404, committee_staff: 404 }),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/model-meetings',
    url: (i) => `/api/org-units/${i.unit}/model-meetings`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/model-meetings/{meetingId}',
    url: (i) => `/api/model-meetings/${i.held}`,
    // Not marked as a model: absent for everyone.
    inside: all(404),
  },
  {
    method: 'GET',
    route: '/api/model-meetings/{meetingId}/documents/{documentId}',
    url: (i) => `/api/model-meetings/${i.held}/documents/${i.document}`,
    inside: all(404),
  },
  // Committee overview (ADR 021): staff and admins see all; a supervisor or a secretary sees their
  // cell, and of its đảng bộ the totals and their own row (limited); a member or chi ủy viên of
  // the cell is refused, and their đảng bộ is outside their reach (404).
  ...(['overview', 'overview/trend', 'overview.xlsx'] as const).flatMap((p): Case[] => [
    {
      method: 'GET',
      route: `/api/org-units/{id}/${p}`,
      url: (i) => `/api/org-units/${i.unit}/${p}?from=2026-01&to=2026-03`,
      inside: only(['admin', 'committee_staff', 'supervisor', 'cell_secretary']),
    },
    {
      method: 'GET',
      route: `/api/org-units/{id}/${p}`,
      url: (i) => `/api/org-units/${i.parent}/${p}?from=2026-01&to=2026-03`,
      inside: only(['admin', 'committee_staff', 'supervisor', 'cell_secretary'], 404),
    },
  ]),
];

/** Routes that hold no object of a unit: every signed-in role may call them. */
export const UNSCOPED = [
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
  'GET /api/holiday-decisions',
  'GET /api/holiday-calendar',
];
export const PUBLIC = ['GET /api/health', 'POST /api/auth/login', 'GET /api/calendar/{token}'];
/** Routes of the import feature have their own matrix (src/features/members/import/import.int.test.ts). */
export const COVERED_ELSEWHERE = [
  'POST /api/org-units/{id}/member-imports',
  'GET /api/org-units/{id}/member-imports',
  'GET /api/member-imports/{id}',
  'POST /api/member-imports/{id}/commit',
  // Holiday decisions are national and admin-only: every role in src/features/calendar/calendar.int.test.ts.
  'PUT /api/holiday-decisions/{year}',
  'DELETE /api/holiday-decisions/{year}',
  // The whole-database backup is admin-only: every demo role in test/security/backup.int.test.ts.
  'POST /api/admin/backup',
  // One review's routes: every demo role in and out of scope in src/features/reviews/reviews.int.test.ts.
  'GET /api/reviews/{id}',
  'PUT /api/reviews/{id}',
  'POST /api/reviews/{id}/issue',
  'GET /api/reviews/{id}/versions',
  'GET /api/reviews/{id}/statistics',
  'GET /api/reviews/{id}/report.docx',
  'GET /api/reviews/{id}/report.pdf',
  'GET /api/reviews/{id}/report.xlsx',
];
