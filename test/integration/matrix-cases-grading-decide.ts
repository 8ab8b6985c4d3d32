/**
 * The authorisation matrix's routes of the committee's grading decisions (issue 10, ADR 024):
 * proposals read with `grading.read` (a cell's roles on their cell, except plain members); the
 * draft, the check and the issue need `grading.decide` (staff, admins) on the deciding đảng bộ,
 * which the cell's roles do not reach (404). Revisions need an issued decision: every role in and
 * out of scope in src/features/grading/decisions.int.test.ts.
 */
import { type Case, MANAGERS, only } from './matrix-roles.js';

const YEAR = 2025;
const READERS = ['admin', 'committee_staff', 'supervisor', 'cell_secretary', 'cell_committee'] as const;

export const GRADING_DECIDE_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/grading/{year}/proposals',
    url: (i) => `/api/org-units/${i.unit}/grading/${YEAR}/proposals?type=member&limit=5`,
    inside: only([...READERS]),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/grading/{year}/proposals',
    url: (i) => `/api/org-units/${i.parent}/grading/${YEAR}/proposals?type=organisation`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/grading/{year}/decisions',
    url: (i) => `/api/org-units/${i.parent}/grading/${YEAR}/decisions`,
    body: (i) => ({ type: 'organisation', items: [{ unitId: i.unit, level: 'tot' }] }),
    inside: only(MANAGERS, 404),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/grading/{year}/decisions/check',
    url: (i) => `/api/org-units/${i.parent}/grading/${YEAR}/decisions/check`,
    body: () => ({ type: 'member' }),
    inside: only(MANAGERS, 404),
  },
  {
    // The member set is empty or incomplete in the fixture: staff get a business refusal.
    method: 'POST',
    route: '/api/org-units/{id}/grading/{year}/decisions/issue',
    url: (i) => `/api/org-units/${i.parent}/grading/${YEAR}/decisions/issue`,
    body: () => ({ type: 'member', decisionNo: '125-QĐ/ĐU', decisionDate: `${YEAR + 1}-01-20` }),
    inside: only(MANAGERS, 404, { admin: 'any', committee_staff: 'any' }),
  },
  {
    method: 'GET',
    route: '/api/members/{id}/grades',
    url: (i) => `/api/members/${i.member}/grades`,
    inside: only([...READERS], 404),
  },
];
