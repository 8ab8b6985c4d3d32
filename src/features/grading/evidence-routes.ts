/**
 * Evidence of a member's year kept by the committee (issue 10, ADR 024): discipline and
 * commendations. The committee's staff (grading.decide) record them; those who read grading in
 * the member's unit, and the member themself, read them. Each record is audited.
 */
import type { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import { formatDate } from '../../domain/format.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { commendationBody, disciplineBody, MAX_EVIDENCE_LIMIT, pageQuery } from './review-schema.js';
import { DISCIPLINE_FORMS, type DisciplineForm, gradingMember } from './self-review.js';

type DisciplineInput = z.infer<typeof disciplineBody>;
type CommendationInput = z.infer<typeof commendationBody>;

interface Page {
  limit: number;
  offset: number;
}

async function listDisciplines(db: Executor, actor: Actor, memberId: number, page: Page) {
  await gradingMember(db, actor, memberId);
  const rows = await db.query<{
    id: number;
    form: DisciplineForm;
    decided_on: string;
    decision_no: string | null;
    reason: string;
    total: number;
  }>(
    `SELECT id, form, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decision_no, reason, count(*) OVER ()::int AS total
       FROM member_disciplines WHERE member_id = $1 ORDER BY decided_on DESC, id DESC LIMIT $2 OFFSET $3`,
    [memberId, page.limit, page.offset],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      form: r.form,
      formLabel: DISCIPLINE_FORMS[r.form],
      decidedOn: r.decided_on,
      decidedOnText: formatDate(r.decided_on),
      decisionNo: r.decision_no,
      reason: r.reason,
    })),
    total: rows[0]?.total ?? 0,
    ...page,
  };
}

async function addDiscipline(
  db: Executor,
  actor: Actor,
  memberId: number,
  input: DisciplineInput,
  ip?: string,
) {
  const m = await gradingMember(db, actor, memberId, 'grading.decide');
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO member_disciplines (member_id, form, decided_on, decision_no, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [memberId, input.form, input.decidedOn, input.decisionNo ?? null, input.reason, actor.userId],
    );
    await audit(
      tx,
      actor,
      {
        action: 'member.discipline_add',
        entityType: 'member',
        entityId: memberId,
        orgUnitId: m.unit_id,
        after: { id: row!.id, ...input },
      },
      ip,
    );
    return { id: row!.id, ...input, formLabel: DISCIPLINE_FORMS[input.form] };
  });
}

async function listCommendations(db: Executor, actor: Actor, memberId: number, page: Page) {
  await gradingMember(db, actor, memberId);
  const rows = await db.query<{
    id: number;
    title: string;
    decided_on: string;
    decision_no: string | null;
    issuer: string | null;
    total: number;
  }>(
    `SELECT id, title, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decision_no, issuer, count(*) OVER ()::int AS total
       FROM member_commendations WHERE member_id = $1 ORDER BY decided_on DESC, id DESC LIMIT $2 OFFSET $3`,
    [memberId, page.limit, page.offset],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      decidedOn: r.decided_on,
      decidedOnText: formatDate(r.decided_on),
      decisionNo: r.decision_no,
      issuer: r.issuer,
    })),
    total: rows[0]?.total ?? 0,
    ...page,
  };
}

async function addCommendation(
  db: Executor,
  actor: Actor,
  memberId: number,
  input: CommendationInput,
  ip?: string,
) {
  const m = await gradingMember(db, actor, memberId, 'grading.decide');
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO member_commendations (member_id, title, decided_on, decision_no, issuer, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [memberId, input.title, input.decidedOn, input.decisionNo ?? null, input.issuer ?? null, actor.userId],
    );
    await audit(
      tx,
      actor,
      {
        action: 'member.commendation_add',
        entityType: 'member',
        entityId: memberId,
        orgUnitId: m.unit_id,
        after: { id: row!.id, ...input },
      },
      ip,
    );
    return { id: row!.id, ...input };
  });
}

export async function gradingEvidenceRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['grading'];
  const query = pageQuery(MAX_EVIDENCE_LIMIT);

  r.get(
    '/api/members/:id/disciplines',
    {
      schema: {
        tags,
        summary: 'Các quyết định kỷ luật của đảng viên (mới nhất trước), theo trang',
        params: idParams,
        querystring: query,
      },
    },
    async (req) => listDisciplines(db, actorOf(req), Number(req.params.id), req.query),
  );
  r.post(
    '/api/members/:id/disciplines',
    {
      schema: {
        tags,
        summary: 'Ghi một quyết định kỷ luật đảng viên (hình thức, ngày, số quyết định, lý do)',
        params: idParams,
        body: disciplineBody,
      },
    },
    async (req, reply) => {
      const created = await addDiscipline(db, actorOf(req), Number(req.params.id), req.body, req.ip);
      reply.code(201);
      return created;
    },
  );
  r.get(
    '/api/members/:id/commendations',
    {
      schema: {
        tags,
        summary: 'Các khen thưởng của đảng viên (mới nhất trước), theo trang',
        params: idParams,
        querystring: query,
      },
    },
    async (req) => listCommendations(db, actorOf(req), Number(req.params.id), req.query),
  );
  r.post(
    '/api/members/:id/commendations',
    {
      schema: {
        tags,
        summary: 'Ghi một khen thưởng của đảng viên (hình thức, ngày, số quyết định, cấp khen)',
        params: idParams,
        body: commendationBody,
      },
    },
    async (req, reply) => {
      const created = await addCommendation(db, actorOf(req), Number(req.params.id), req.body, req.ip);
      reply.code(201);
      return created;
    },
  );
}
