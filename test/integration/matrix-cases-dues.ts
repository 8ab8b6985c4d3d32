/**
 * The authorisation matrix's routes of the dues ledger (issue 10 item 1, ADR 024): `dues.read`
 * (every role but a plain member) and `dues.manage` (the cell's keepers and the committee's staff).
 * A plain member reads only their own year (the matrix's member accounts are not linked to the
 * member record: 403); the đảng bộ above the cell is outside the cell roles' scope (404).
 */
import { todayIso } from '../../src/domain/format.js';
import type { Case } from './matrix-roles.js';
import { MANAGERS, only, RUNNERS } from './matrix-roles.js';

const MONTH = todayIso().slice(0, 7);
const READERS = [...RUNNERS, 'supervisor' as const];

export const DUES_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/dues',
    url: (i) => `/api/org-units/${i.unit}/dues?month=${MONTH}`,
    inside: only(READERS),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/dues',
    url: (i) => `/api/org-units/${i.parent}/dues?month=${MONTH}`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/dues/{month}',
    url: (i) => `/api/org-units/${i.unit}/dues/${MONTH}`,
    body: (i) => ({ entries: [{ memberId: i.member, paid: 0 }] }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/dues/{month}/remittance',
    url: (i) => `/api/org-units/${i.unit}/dues/${MONTH}/remittance`,
    body: () => ({ amount: 0, remittedOn: todayIso() }),
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/dues/statement.xlsx',
    url: (i) => `/api/org-units/${i.unit}/dues/statement.xlsx?month=${MONTH}`,
    inside: only(READERS),
  },
  {
    method: 'PUT',
    route: '/api/members/{id}/dues-base',
    url: (i) => `/api/members/${i.member}/dues-base`,
    body: () => ({ category: 'other', from: MONTH }),
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/members/{id}/dues',
    url: (i) => `/api/members/${i.member}/dues?year=${MONTH.slice(0, 4)}`,
    inside: only(READERS),
  },
];
