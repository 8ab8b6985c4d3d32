/**
 * The authorisation matrix's routes of implementation plans (issue 11 part B, ADR 025): a plan is
 * read with `unit.read` at its unit, or from inside its subtree once published (the cell's roles
 * read the đảng bộ's active plan); it is written with `plan.manage` at its unit (the committee's
 * staff and admins) — the cell's roles get 403 on an active plan and 404 on a draft (a draft does
 * not exist for the cell) and on the đảng bộ's list and its "new plan".
 *
 * Routes on a plan need rows of their own for each actor, inside and outside: `seedPlanFixtures`
 * (called once per actor and side by the matrix's setup) writes at the đảng bộ an active plan
 * with a bound target, a manual target, a target to delete, two milestones and two
 * responsibilities (one of each to delete), another active plan to close, and a draft with a
 * target to activate, keyed by the actor's target account.
 */
import type { Executor } from '../../src/db/executor.js';
import { todayIso } from '../../src/domain/format.js';
import type { Case, Ids } from './matrix-roles.js';
import { all, MANAGERS, only } from './matrix-roles.js';

const YEAR = todayIso().slice(0, 4);

interface Fixture {
  plan: number;
  toClose: number;
  draft: number;
  bound: number;
  manual: number;
  targetToDelete: number;
  milestone: number;
  milestoneToDelete: number;
  responsibility: number;
  responsibilityToDelete: number;
}
const fixtures = new Map<number, Fixture>();

/** Rows for one actor and side of the matrix (`ids.user` is unique per actor and side). */
export async function seedPlanFixtures(ex: Executor, ids: Pick<Ids, 'parent' | 'user'>) {
  const plan = async (status: 'active' | 'draft') => {
    const [p] = await ex.query<{ id: number }>(
      `INSERT INTO plans (unit_id, title, period_from, period_to, status, activated_at)
       VALUES ($1, 'Kế hoạch thử', $2, $3, $4, CASE WHEN $4 = 'active' THEN now() END) RETURNING id`,
      [ids.parent, `${YEAR}-01`, `${YEAR}-12`, status],
    );
    return p!.id;
  };
  const target = async (planId: number, indicator: string | null) => {
    const [t] = await ex.query<{ id: number }>(
      `INSERT INTO plan_targets (plan_id, title, indicator, threshold, deadline) VALUES ($1, 'Chỉ tiêu thử', $2, 90, $3)
       RETURNING id`,
      [planId, indicator, `${YEAR}-12-31`],
    );
    return t!.id;
  };
  const id = await plan('active');
  const toClose = await plan('active');
  const draft = await plan('draft');
  await target(draft, 'attendance');
  await target(toClose, 'attendance');
  const milestone = async () =>
    (
      await ex.query<{ id: number }>(
        `INSERT INTO plan_milestones (plan_id, due_on, title) VALUES ($1, $2, 'Mốc thử') RETURNING id`,
        [id, `${YEAR}-06-30`],
      )
    )[0]!.id;
  const responsibility = async () =>
    (
      await ex.query<{ id: number }>(
        `INSERT INTO plan_responsibilities (plan_id, who, what) VALUES ($1, 'Văn phòng', 'Theo dõi') RETURNING id`,
        [id],
      )
    )[0]!.id;
  fixtures.set(ids.user, {
    plan: id,
    toClose,
    draft,
    bound: await target(id, 'attendance'),
    manual: await target(id, null),
    targetToDelete: await target(id, null),
    milestone: await milestone(),
    milestoneToDelete: await milestone(),
    responsibility: await responsibility(),
    responsibilityToDelete: await responsibility(),
  });
}

const fx = (i: Ids): Fixture => {
  const f = fixtures.get(i.user);
  if (!f) throw new Error('seedPlanFixtures was not called for this actor');
  return f;
};
const p = (i: Ids) => `/api/plans/${fx(i).plan}`;
const WRITERS = only(MANAGERS);

export const PLAN_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/plans',
    url: (i) => `/api/org-units/${i.unit}/plans`,
    inside: all('ok'),
  },
  {
    method: 'GET',
    route: '/api/org-units/{id}/plans',
    url: (i) => `/api/org-units/${i.parent}/plans`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/plans',
    url: (i) => `/api/org-units/${i.parent}/plans`,
    body: () => ({ title: 'Kế hoạch mới', periodFrom: `${YEAR}-01`, periodTo: `${YEAR}-12` }),
    inside: only(MANAGERS, 404),
  },
  { method: 'GET', route: '/api/plans/{id}', url: p, inside: all('ok') },
  {
    method: 'GET',
    route: '/api/plans/{id}',
    url: (i) => `/api/plans/${fx(i).draft}`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{id}',
    url: p,
    body: () => ({ goals: 'Mục đích mới' }),
    inside: WRITERS,
  },
  {
    method: 'POST',
    route: '/api/plans/{id}/activate',
    url: (i) => `/api/plans/${fx(i).draft}/activate`,
    inside: only(MANAGERS, 404),
  },
  {
    method: 'POST',
    route: '/api/plans/{id}/close',
    url: (i) => `/api/plans/${fx(i).toClose}/close`,
    inside: WRITERS,
  },
  { method: 'GET', route: '/api/plans/{id}/progress', url: (i) => `${p(i)}/progress`, inside: all('ok') },
  { method: 'GET', route: '/api/plans/{id}/plan.docx', url: (i) => `${p(i)}/plan.docx`, inside: all('ok') },
  {
    method: 'POST',
    route: '/api/plans/{id}/targets',
    url: (i) => `${p(i)}/targets`,
    body: () => ({
      title: 'Chỉ tiêu mới',
      indicator: 'regular_monthly',
      threshold: 100,
      deadline: `${YEAR}-12-31`,
    }),
    inside: WRITERS,
  },
  {
    method: 'PATCH',
    route: '/api/plans/{id}/targets/{targetId}',
    url: (i) => `${p(i)}/targets/${fx(i).bound}`,
    body: () => ({ threshold: 95 }),
    inside: WRITERS,
  },
  {
    method: 'DELETE',
    route: '/api/plans/{id}/targets/{targetId}',
    url: (i) => `${p(i)}/targets/${fx(i).targetToDelete}`,
    inside: WRITERS,
  },
  {
    method: 'PUT',
    route: '/api/plans/{id}/targets/{targetId}/value',
    url: (i) => `${p(i)}/targets/${fx(i).manual}/value`,
    body: () => ({ value: 5, note: 'Theo báo cáo' }),
    inside: WRITERS,
  },
  {
    method: 'POST',
    route: '/api/plans/{id}/milestones',
    url: (i) => `${p(i)}/milestones`,
    body: () => ({ dueOn: `${YEAR}-09-30`, title: 'Mốc mới' }),
    inside: WRITERS,
  },
  {
    method: 'PATCH',
    route: '/api/plans/{id}/milestones/{milestoneId}',
    url: (i) => `${p(i)}/milestones/${fx(i).milestone}`,
    body: () => ({ doneOn: `${YEAR}-06-20` }),
    inside: WRITERS,
  },
  {
    method: 'DELETE',
    route: '/api/plans/{id}/milestones/{milestoneId}',
    url: (i) => `${p(i)}/milestones/${fx(i).milestoneToDelete}`,
    inside: WRITERS,
  },
  {
    method: 'POST',
    route: '/api/plans/{id}/responsibilities',
    url: (i) => `${p(i)}/responsibilities`,
    body: () => ({ who: 'Ban Tuyên giáo', what: 'Hướng dẫn' }),
    inside: WRITERS,
  },
  {
    method: 'PATCH',
    route: '/api/plans/{id}/responsibilities/{responsibilityId}',
    url: (i) => `${p(i)}/responsibilities/${fx(i).responsibility}`,
    body: () => ({ what: 'Hướng dẫn, kiểm tra' }),
    inside: WRITERS,
  },
  {
    method: 'DELETE',
    route: '/api/plans/{id}/responsibilities/{responsibilityId}',
    url: (i) => `${p(i)}/responsibilities/${fx(i).responsibilityToDelete}`,
    inside: WRITERS,
  },
];

/**
 * For the fuzz's id pools: an active plan of `unitId` over 2024–2033 (the fuzz's dates fall
 * inside) with two manual targets (one for DELETE), a milestone and a responsibility; another
 * active plan to close and a draft to activate, so neither step leaves the first plan locked.
 */
export async function matrixPlans(ex: Executor, unitId: number) {
  const plan = async (status: string) =>
    (
      await ex.query<{ id: number }>(
        `INSERT INTO plans (unit_id, title, period_from, period_to, status, activated_at)
         VALUES ($1, 'Kế hoạch thử', '2024-01', '2033-12', $2, CASE WHEN $2 = 'active' THEN now() END) RETURNING id`,
        [unitId, status],
      )
    )[0]!.id;
  const id = await plan('active');
  const toClose = await plan('active');
  const draft = await plan('draft');
  const one = async (sql: string, planId = id) => (await ex.query<{ id: number }>(sql, [planId]))[0]!.id;
  const target = (planId = id) =>
    one(
      `INSERT INTO plan_targets (plan_id, title, threshold, deadline) VALUES ($1, 'Chỉ tiêu thử', 10, '2026-12-31') RETURNING id`,
      planId,
    );
  await target(draft);
  return {
    plan: id,
    toClose,
    draft,
    target: await target(),
    targetToDelete: await target(),
    milestone: await one(
      `INSERT INTO plan_milestones (plan_id, due_on, title) VALUES ($1, '2026-06-30', 'Mốc thử') RETURNING id`,
    ),
    responsibility: await one(
      `INSERT INTO plan_responsibilities (plan_id, who, what) VALUES ($1, 'Văn phòng', 'Theo dõi') RETURNING id`,
    ),
  };
}
