/**
 * The authorisation matrix's routes of the year's review (issue 10 items 2–4, ADR 024):
 * `grading.read` (every role but a plain member) reads a cell's session and a member's year;
 * `grading.vote` (the cell's secretary, the committee's staff) records votes and the cell's own
 * assessment; `grading.decide` (staff) opens campaigns and records discipline and commendations.
 * Only the member themself writes their self-review (the matrix's accounts are not linked to the
 * member: 403 to readers; a plain member who is not that member gets 404, as if absent).
 */
import { todayIso } from '../../src/domain/format.js';
import type { Case } from './matrix-roles.js';
import { MANAGERS, only, REGISTRY, RUNNERS } from './matrix-roles.js';

const YEAR = Number(todayIso().slice(0, 4));
const READERS = [...RUNNERS, 'supervisor' as const];
const VOTERS = REGISTRY;
const NOT_SELF = { member: 404 } as const;

export const GRADING_REVIEW_CASES: Case[] = [
  {
    method: 'POST',
    route: '/api/org-units/{id}/grading-campaigns',
    url: (i) => `/api/org-units/${i.parent}/grading-campaigns`,
    body: (_, n) => {
      const year = 2000 + (n % 100);
      return {
        year,
        selfReviewDue: `${year}-12-10`,
        cellSessionDue: `${year}-12-20`,
        decisionDue: `${year}-12-31`,
      };
    },
    // Staff open it (again in a year already opened: 409); the đảng bộ is outside cell roles' scope.
    inside: only(MANAGERS, 404),
  },
  {
    method: 'POST',
    route: '/api/grading-campaigns/{id}/close',
    url: (i) => `/api/grading-campaigns/${i.campaign}/close`,
    // Staff of the đảng bộ close it (its cell's readers see it: 403; a plain member does not: 404).
    inside: only(MANAGERS, 403, NOT_SELF),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/grading-campaigns',
    url: (i) => `/api/org-units/${i.unit}/grading-campaigns?limit=5`,
    inside: only(READERS),
  },
  {
    method: 'GET',
    route: '/api/members/{id}/year/{year}',
    url: (i) => `/api/members/${i.member}/year/${YEAR}`,
    inside: only(READERS, 404),
  },
  {
    method: 'GET',
    route: '/api/members/{id}/grading/{year}/self-review',
    url: (i) => `/api/members/${i.member}/grading/${YEAR}/self-review`,
    inside: only(READERS, 404),
  },
  {
    method: 'PUT',
    route: '/api/members/{id}/grading/{year}/self-review',
    url: (i) => `/api/members/${i.member}/grading/${YEAR}/self-review`,
    body: () => ({ sections: { tasks: 'Nội dung' }, proposedLevel: 'tot' }),
    inside: only([], 403, NOT_SELF),
  },
  {
    method: 'POST',
    route: '/api/members/{id}/grading/{year}/self-review/return',
    url: (i) => `/api/members/${i.member}/grading/${YEAR}/self-review/return`,
    body: () => ({}),
    // Nothing submitted: 409 for those allowed to return it.
    inside: only(VOTERS, 403, NOT_SELF),
  },
  {
    method: 'GET',
    route: '/api/members/{id}/grading/{year}/self-review.docx',
    url: (i) => `/api/members/${i.member}/grading/${YEAR}/self-review.docx`,
    inside: only(READERS, 404),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/grading/{year}/session',
    url: (i) => `/api/org-units/${i.unit}/grading/${YEAR}/session`,
    inside: only(READERS),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/grading/{year}/session/votes/{memberId}',
    url: (i) => `/api/org-units/${i.unit}/grading/${YEAR}/session/votes/${i.member}`,
    body: () => ({
      votes: { xuat_sac: 0, tot: 1, hoan_thanh: 0, khong_hoan_thanh: 0 },
      proposedLevel: 'tot',
    }),
    inside: only(VOTERS),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/grading/{year}/session/self-assessment',
    url: (i) => `/api/org-units/${i.unit}/grading/${YEAR}/session/self-assessment`,
    body: () => ({ scores: { leadership: 25 }, proposedLevel: 'hoan_thanh' }),
    inside: only(VOTERS),
  },
  ...(['disciplines', 'commendations'] as const).flatMap((what): Case[] => [
    {
      method: 'GET',
      route: `/api/members/{id}/${what}`,
      url: (i) => `/api/members/${i.member}/${what}`,
      inside: only(READERS, 404),
    },
    {
      method: 'POST',
      route: `/api/members/{id}/${what}`,
      url: (i) => `/api/members/${i.member}/${what}`,
      body: () =>
        what === 'disciplines'
          ? { form: 'khien_trach', decidedOn: `${YEAR}-03-01`, reason: 'Vi phạm thử' }
          : { title: 'Giấy khen', decidedOn: `${YEAR}-03-01` },
      inside: only(MANAGERS, 403, NOT_SELF),
    },
  ]),
];
