/**
 * The authorisation matrix's routes of the background exports (issue 12, ADR 028). Queuing an
 * export is authorised like the members list (member.read at the unit: every role in its
 * scope). A job belongs to its requester alone, so the job routes hold no scoped ids here: every
 * case (own job, another user's job → 404) is in src/features/exports/exports.int.test.ts.
 */
import type { Case } from './matrix-roles.js';
import { all } from './matrix-roles.js';

export const EXPORT_CASES: Case[] = [
  {
    method: 'POST',
    route: '/api/org-units/{id}/exports',
    url: (i) => `/api/org-units/${i.unit}/exports`,
    body: () => ({ kind: 'members' }),
    inside: all('ok'),
  },
];

/** The caller's own jobs. */
export const EXPORT_UNSCOPED = ['GET /api/exports'];

export const EXPORT_COVERED_ELSEWHERE = ['GET /api/exports/{id}', 'GET /api/exports/{id}/file'];
