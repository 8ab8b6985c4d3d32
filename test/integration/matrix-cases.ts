/**
 * The route table of the authorisation matrix (authorization-matrix.int.test.ts): for every
 * route, what each role gets inside its scope. Outside the scope every object answers 404.
 */

import { ACTIVITY_PLAN_CASES } from './matrix-cases-activity-plans.js';
import { CELL_BODY_CASES } from './matrix-cases-cell-body.js';
import { DIRECTIVE_CASES } from './matrix-cases-directives.js';
import { DUES_CASES } from './matrix-cases-dues.js';
import { EXPORT_CASES, EXPORT_COVERED_ELSEWHERE, EXPORT_UNSCOPED } from './matrix-cases-exports.js';
import { GRADING_DECIDE_CASES } from './matrix-cases-grading-decide.js';
import { GRADING_REVIEW_CASES } from './matrix-cases-grading-review.js';
import { GRADING_STATS_CASES } from './matrix-cases-grading-stats.js';
import { INSPECTION_CASES } from './matrix-cases-inspections.js';
import { OVERSIGHT_CASES } from './matrix-cases-oversight.js';
import { PLAN_CASES } from './matrix-cases-plans.js';
import { all, type Case, CELL_ROLES_404, MANAGERS, only, REGISTRY, RUNNERS } from './matrix-roles.js';

export { type Case, type Ids, type Outcome, ROLES } from './matrix-roles.js';

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
    route: '/api/org-units/{id}/units',
    url: (i) => `/api/org-units/${i.unit}/units`,
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
  ...OVERSIGHT_CASES,
  ...GRADING_STATS_CASES,
  ...GRADING_DECIDE_CASES,
  ...DUES_CASES,
  ...GRADING_REVIEW_CASES,
  ...DIRECTIVE_CASES,
  ...CELL_BODY_CASES,
  ...INSPECTION_CASES,
  ...ACTIVITY_PLAN_CASES,
  ...PLAN_CASES,
  ...EXPORT_CASES,
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
  // Personal API tokens: only the caller's own (src/features/auth/api-tokens.int.test.ts).
  'GET /api/me/api-tokens',
  'POST /api/me/api-tokens',
  'DELETE /api/me/api-tokens/{id}',
  'GET /api/org-units',
  'GET /api/reference/org',
  'POST /api/auth/logout',
  'GET /api/holiday-decisions',
  'GET /api/holiday-calendar',
  // What the year's review asks of the signed-in person: only their own record and cells.
  'GET /api/me/grading',
  ...EXPORT_UNSCOPED,
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
  // A revision needs an issued decision: staff, a secretary and another ward's staff in src/features/grading/decisions.int.test.ts.
  'POST /api/grading-decisions/{id}/revisions',
  // A campaign is opened on a đảng bộ: staff, the cell's secretary (their cell's row), a member and
  // another ward in src/features/grading/review.int.test.ts.
  'GET /api/grading-campaigns/{id}',
  // Another account's API tokens: user.manage over the whole account, an admin, a ward's staff in and
  // out of scope and a member in src/features/auth/api-tokens.int.test.ts.
  'GET /api/users/{id}/api-tokens',
  'DELETE /api/users/{id}/api-tokens/{tokenId}',
  ...EXPORT_COVERED_ELSEWHERE,
];
