/**
 * The authorisation matrix's routes of issue 9 (committee oversight): subtree lists, reviews,
 * recognition and the overview. See matrix-cases.ts for the rest and the meaning of a case.
 */
import { all, type Case, CELL_ROLES_404, MANAGERS, only } from './matrix-roles.js';

export const OVERSIGHT_CASES: Case[] = [
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
