/**
 * The authorisation matrix's routes of the cell's yearly programme (issue 11 item 3, ADR 025 part
 * C): reading with `unit.read` at the cell, writing and submitting with `activityPlan.write`
 * (the cell's keepers and the committee's staff), approving and returning with `plan.manage` at
 * the committee above — the cell's own roles get 403 there. The committee's list at the đảng bộ is
 * outside the cell roles' scope (404). Marking an item at the planned meeting is refused as not
 * started (409) once authorised.
 */
import { todayIso } from '../../src/domain/format.js';
import type { Case } from './matrix-roles.js';
import { all, MANAGERS, only, RUNNERS } from './matrix-roles.js';

const YEAR = todayIso().slice(0, 4);
const plan = (unit: number) => `/api/org-units/${unit}/activity-plans/${YEAR}`;

export const ACTIVITY_PLAN_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/activity-plans/{year}',
    url: (i) => plan(i.unit),
    inside: all('ok'),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/activity-plans/{year}',
    url: (i) => plan(i.unit),
    body: () => ({ items: [{ month: 1, kind: 'key_task', title: 'Thu đảng phí đúng quy định' }] }),
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/activity-plans/{year}/submit',
    url: (i) => `${plan(i.unit)}/submit`,
    inside: only(RUNNERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/activity-plans/{year}/approve',
    url: (i) => `${plan(i.unit)}/approve`,
    body: () => ({}),
    inside: only(MANAGERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/activity-plans/{year}/return',
    url: (i) => `${plan(i.unit)}/return`,
    body: () => ({ comment: 'Bổ sung nhiệm vụ tháng sáu' }),
    inside: only(MANAGERS),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/activity-plans/{year}/reopen',
    url: (i) => `${plan(i.unit)}/reopen`,
    body: () => ({ reason: 'Điều chỉnh nhiệm vụ quý bốn' }),
    inside: only(RUNNERS),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/activity-plans/{year}/plan.docx',
    url: (i) => `${plan(i.unit)}/plan.docx`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/activity-plans',
    url: (i) => `/api/org-units/${i.parent}/activity-plans?year=${YEAR}`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/activity-plans',
    url: (i) => `/api/org-units/${i.unit}/activity-plans?year=${YEAR}`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/activity-items',
    url: (i) => `/api/meetings/${i.held}/activity-items`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/activity-items/{itemId}',
    url: (i) => `/api/meetings/${i.meeting}/activity-items/1`,
    body: () => ({ covered: true }),
    inside: only(RUNNERS),
  },
];
