/**
 * The authorisation matrix's routes of inspection and supervision plans (issue 11 item 4, ADR 025
 * part D): `inspection.read` (every role but a plain member) at the inspected cell,
 * `inspection.manage` (admin, committee staff) at the committee that writes the plan,
 * `inspection.answer` (the cell's secretary, and the staff) at the inspected cell. A draft
 * conclusion does not exist for the cell (404); the committee's plan at the đảng bộ is outside the
 * cell roles' scope (404).
 *
 * Routes on an inspection or a remedy need rows of their own for each actor, inside and outside:
 * `seedInspectionFixtures` (called once per actor and side by the matrix's setup) writes a plan
 * (approved, a year of its own), a draft inspection, and an issued one with three remedies (one to
 * answer, two answered: to close and to return), keyed by the actor's target account.
 */
import type { Executor } from '../../src/db/executor.js';
import { todayIso } from '../../src/domain/format.js';
import type { Case, Ids } from './matrix-roles.js';
import { MANAGERS, only, RUNNERS } from './matrix-roles.js';

const YEAR = todayIso().slice(0, 4);
const READERS = [...RUNNERS, 'supervisor' as const];
const ANSWERERS = ['admin' as const, 'committee_staff' as const, 'cell_secretary' as const];

interface Fixture {
  plan: number;
  year: number;
  draft: number;
  toAnswer: number;
  toClose: number;
  toReturn: number;
}
const fixtures = new Map<number, Fixture>();
let nextYear = 2000;

/** Rows for one actor and side of the matrix (`ids.user` is unique per actor and side). */
export async function seedInspectionFixtures(ex: Executor, ids: Pick<Ids, 'unit' | 'parent' | 'user'>) {
  const year = nextYear++;
  const [plan] = await ex.query<{ id: number }>(
    `INSERT INTO inspection_plans (unit_id, year, title, status, approved_at) VALUES ($1, $2, 'Kế hoạch thử', 'approved', now())
     RETURNING id`,
    [ids.parent, year],
  );
  const insert = (kind: string) =>
    ex.query<{ id: number }>(
      `INSERT INTO inspections (plan_id, unit_id, kind, content, planned_month, conclusion)
       VALUES ($1, $2, $3, 'Chất lượng sinh hoạt chi bộ', $4, 'Kết luận thử') RETURNING id`,
      [plan!.id, ids.unit, kind, `${year}-03`],
    );
  const [draft] = await ex.query<{ id: number }>(
    `INSERT INTO inspections (plan_id, unit_id, kind, content, planned_month)
     VALUES ($1, $2, 'inspection', 'Việc thực hiện nghị quyết', $3) RETURNING id`,
    [plan!.id, ids.unit, `${year}-02`],
  );
  const [issued] = await insert('inspection');
  const remedies = await ex.query<{ id: number }>(
    `INSERT INTO inspection_remedies (inspection_id, position, content, due_on, answer, answered_at)
     VALUES ($1, 1, 'Khắc phục một', $2, NULL, NULL), ($1, 2, 'Khắc phục hai', $2, 'Đã làm', now()),
            ($1, 3, 'Khắc phục ba', $2, 'Đã làm', now())
     RETURNING id`,
    [issued!.id, `${year}-12-31`],
  );
  await ex.query(
    `UPDATE inspections SET status = 'concluded', conclusion_no = '01-TB/ĐU', concluded_on = $2,
            content_hash = repeat('0', 64), issued_at = now() WHERE id = $1`,
    [issued!.id, `${year}-04-01`],
  );
  const [a, c, r] = remedies.map((x) => x.id) as [number, number, number];
  fixtures.set(ids.user, { plan: plan!.id, year, draft: draft!.id, toAnswer: a, toClose: c, toReturn: r });
}

const fx = (i: Ids): Fixture => {
  const f = fixtures.get(i.user);
  if (!f) throw new Error('seedInspectionFixtures was not called for this actor');
  return f;
};

export const INSPECTION_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/inspections',
    url: (i) => `/api/org-units/${i.unit}/inspections`,
    inside: only(READERS),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/inspections',
    url: (i) => `/api/org-units/${i.parent}/inspections?year=${YEAR}`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/inspection-plans/{year}',
    url: (i) => `/api/org-units/${i.parent}/inspection-plans/${YEAR}`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/inspection-plans/{year}',
    url: (i) => `/api/org-units/${i.unit}/inspection-plans/${YEAR}`,
    inside: only(READERS),
  },
  {
    method: 'PUT',
    route: '/api/org-units/{id}/inspection-plans/{year}',
    url: (i) => `/api/org-units/${i.parent}/inspection-plans/${YEAR}`,
    body: () => ({ title: `Kế hoạch kiểm tra, giám sát năm ${YEAR}`, status: 'draft' }),
    inside: only(MANAGERS, 404),
  },
  {
    method: 'POST',
    route: '/api/inspection-plans/{id}/inspections',
    url: (i) => `/api/inspection-plans/${fx(i).plan}/inspections`,
    body: (i) => ({
      unitId: i.unit,
      kind: 'supervision',
      content: 'Việc chấp hành Điều lệ Đảng',
      plannedMonth: `${fx(i).year}-05`,
    }),
    inside: only(MANAGERS, 404),
  },
  {
    method: 'GET',
    route: '/api/inspections/{id}',
    url: (i) => `/api/inspections/${fx(i).draft}`,
    inside: only(READERS, 404),
  },
  {
    method: 'PATCH',
    route: '/api/inspections/{id}',
    url: (i) => `/api/inspections/${fx(i).draft}`,
    body: () => ({ strengths: 'Sinh hoạt đều đặn.' }),
    inside: only(MANAGERS, 403, { member: 404 }),
  },
  {
    method: 'POST',
    route: '/api/inspections/{id}/remedies',
    url: (i) => `/api/inspections/${fx(i).draft}/remedies`,
    body: (i) => ({ content: 'Bổ sung biên bản', dueOn: `${fx(i).year}-12-31` }),
    inside: only(MANAGERS, 403, { member: 404 }),
  },
  {
    // The draft has no conclusion yet: authorised, then refused (400).
    method: 'POST',
    route: '/api/inspections/{id}/issue',
    url: (i) => `/api/inspections/${fx(i).draft}/issue`,
    body: (i) => ({ conclusionNo: '02-TB/ĐU', concludedOn: `${fx(i).year}-04-02` }),
    inside: only(MANAGERS, 403, { member: 404 }),
  },
  ...(['docx', 'pdf'] as const).map(
    (format): Case => ({
      method: 'GET',
      route: `/api/inspections/{id}/conclusion.${format}`,
      url: (i) => `/api/inspections/${fx(i).draft}/conclusion.${format}`,
      inside: only(MANAGERS, 404),
    }),
  ),
  {
    method: 'POST',
    route: '/api/remedies/{id}/answer',
    url: (i) => `/api/remedies/${fx(i).toAnswer}/answer`,
    body: () => ({ answer: 'Chi bộ đã khắc phục.' }),
    inside: only(ANSWERERS, 403, { member: 404 }),
  },
  {
    method: 'POST',
    route: '/api/remedies/{id}/close',
    url: (i) => `/api/remedies/${fx(i).toClose}/close`,
    inside: only(MANAGERS, 403, { member: 404 }),
  },
  {
    method: 'POST',
    route: '/api/remedies/{id}/return',
    url: (i) => `/api/remedies/${fx(i).toReturn}/return`,
    body: () => ({ comment: 'Cần nêu kết quả cụ thể.' }),
    inside: only(MANAGERS, 403, { member: 404 }),
  },
];
