/**
 * The authorisation matrix's routes of the chi ủy as a body and the locality's organisations
 * (issue 11 part E, ADR 025): the chi ủy is read with `member.read` (everyone) and recorded with
 * `member.manage` (the registry); organisations are read with `meeting.read` and kept with
 * `meeting.manage` (the registry). Each actor's cell has one organisation (`matrixOrganisation`).
 */
import type { Executor } from '../../src/db/executor.js';
import type { Case } from './matrix-roles.js';
import { all, only, REGISTRY } from './matrix-roles.js';

/** An organisation of the locality of `unitId`; returns its id. */
export async function matrixOrganisation(db: Executor, unitId: number): Promise<{ organisation: number }> {
  const [o] = await db.query<{ id: number }>(
    `INSERT INTO local_organisations (unit_id, kind, name, contact_name, contact_phone)
     VALUES ($1, 'phu_nu', 'Chi hội Phụ nữ thử', 'Người thử', '0905000000') RETURNING id`,
    [unitId],
  );
  return { organisation: o!.id };
}

export const CELL_BODY_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/cell-committee',
    url: (i) => `/api/org-units/${i.unit}/cell-committee`,
    inside: all('ok'),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/cell-committee',
    url: (i) => `/api/org-units/${i.unit}/cell-committee`,
    body: (i, n) => ({
      termLabel: `Thử ${n}`,
      electedOn: '2025-05-10',
      members: [{ memberId: i.member, role: 'bi_thu' }],
    }),
    inside: only(REGISTRY),
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/cell-committee',
    url: (i) => `/api/meetings/${i.meeting}/cell-committee`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/organisations',
    url: (i) => `/api/org-units/${i.unit}/organisations`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/organisations',
    url: (i) => `/api/org-units/${i.unit}/organisations`,
    body: (_i, n) => ({ kind: 'doan_thanh_nien', name: `Chi đoàn thử ${n}` }),
    inside: only(REGISTRY),
  },
  {
    method: 'PATCH',
    route: '/api/organisations/{id}',
    url: (i) => `/api/organisations/${i.organisation}`,
    body: () => ({ contactName: 'Người liên hệ mới' }),
    inside: only(REGISTRY),
  },
];
