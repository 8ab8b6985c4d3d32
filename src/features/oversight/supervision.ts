/**
 * Supervision by the committee above (seed 002; Kon Tum's minimum visits per year): a
 * supervisor assigned to a cell records visits (usually attending its meeting) with comments,
 * and recommendations (kiến nghị) raised by the cell, which the cell or the committee answers
 * and closes. Staff see visits against the pack's minimum and open recommendations by age.
 */
import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import {
  type App,
  actorOf,
  dbId,
  idParams,
  intText,
  isoDate,
  queryBoolean,
  typed,
} from '../../server/http.js';
import { findMeeting } from '../meetings/service.js';
import { rulePackForUnit, visibleUnit } from '../org/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import {
  SUBTREE_NOTE,
  subtreeRecommendations,
  subtreeRecommendationsQuery,
  subtreeVisits,
  subtreeVisitsQuery,
} from './subtree-routes.js';

function isSupervisorOf(actor: Actor, path: string) {
  return actor.grants.some((g) => g.role === 'supervisor' && path.startsWith(g.path));
}

export async function supervisionRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['supervision'];

  r.get(
    '/api/org-units/:id/supervision',
    {
      schema: {
        tags,
        summary:
          'Giám sát trong năm: từng chi bộ, cấp ủy viên phụ trách, số lần dự so với mức tối thiểu, kiến nghị đang mở',
        params: idParams,
        querystring: z.object({ year: intText(2000, 2100, 'Năm').optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const year = req.query.year ?? Number(todayIso().slice(0, 4));
      const pack = await rulePackForUnit(db, unit.path, `${year}-12-31`);
      const rows = await db.query<{
        id: number;
        name: string;
        supervisors: { userId: number; name: string }[] | null;
        visits: number;
        open_recs: number;
        oldest_open: string | null;
      }>(
        `SELECT u.id, u.name,
                (SELECT json_agg(json_build_object('userId', us.id, 'name', us.display_name) ORDER BY us.display_name)
                   FROM role_grants g JOIN users us ON us.id = g.user_id
                  WHERE g.org_unit_id = u.id AND g.role = 'supervisor'
                    AND (g.valid_from IS NULL OR g.valid_from <= CURRENT_DATE) AND (g.valid_to IS NULL OR g.valid_to >= CURRENT_DATE)) AS supervisors,
                (SELECT count(*)::int FROM supervision_visits v WHERE v.unit_id = u.id AND extract(year FROM v.visited_on) = $2) AS visits,
                (SELECT count(*)::int FROM recommendations rc WHERE rc.unit_id = u.id AND rc.closed_at IS NULL) AS open_recs,
                (SELECT min(raised_on)::text FROM recommendations rc WHERE rc.unit_id = u.id AND rc.closed_at IS NULL) AS oldest_open
           FROM org_units u
          WHERE u.path LIKE $1 AND u.kind IN ('chi_bo', 'chi_bo_co_so') AND u.archived_at IS NULL
          ORDER BY u.sort_order, u.name`,
        [`${unit.path}%`, year],
      );
      const today = todayIso();
      const age = (d: string | null) =>
        d ? Math.floor((Date.parse(today) - Date.parse(d)) / 86_400_000) : null;
      return {
        year,
        minVisitsPerYear: pack.oversight.minVisitsPerYear,
        items: rows.map((x) => ({
          unitId: x.id,
          unitName: x.name,
          supervisors: x.supervisors ?? [],
          visits: x.visits,
          belowMinimum: x.visits < pack.oversight.minVisitsPerYear,
          openRecommendations: x.open_recs,
          oldestOpenDays: age(x.oldest_open),
        })),
        total: rows.length,
      };
    },
  );

  r.get(
    '/api/org-units/:id/visits',
    {
      schema: {
        tags,
        summary: 'Các lần giám sát, dự sinh hoạt tại chi bộ',
        description: `${SUBTREE_NOTE} Lọc theo \`from\`, \`to\` (YYYY-MM-DD).`,
        params: idParams,
        querystring: z.object(subtreeVisitsQuery),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.subtree) return subtreeVisits(db, actor, req.params.id, req.query);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const rows = await db.query<{
        id: number;
        visited_on: string;
        comments: string | null;
        meeting_id: number | null;
        inspection_id: number | null;
        supervisor: string;
      }>(
        `SELECT v.id, v.visited_on, v.comments, v.meeting_id, v.inspection_id, us.display_name AS supervisor FROM supervision_visits v
           JOIN users us ON us.id = v.supervisor_id WHERE v.unit_id = $1 ORDER BY v.visited_on DESC`,
        [unit.id],
      );
      return {
        items: rows.map((v) => ({
          id: v.id,
          visitedOn: v.visited_on,
          comments: v.comments,
          meetingId: v.meeting_id,
          inspectionId: v.inspection_id,
          supervisor: v.supervisor,
        })),
        total: rows.length,
      };
    },
  );

  r.post(
    '/api/org-units/:id/visits',
    {
      schema: {
        tags,
        summary: 'Cấp ủy viên phụ trách ghi nhận một lần dự sinh hoạt, giám sát (kèm nhận xét)',
        params: idParams,
        body: z.object({
          visitedOn: isoDate,
          meetingId: dbId.nullish(),
          comments: z.string().trim().max(5000).nullish(),
          // A visit made under a supervision of the committee's inspection plan (ADR 025 part D).
          inspectionId: dbId.nullish(),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction(async (tx) => {
        const unit = await visibleUnit(tx, actor, req.params.id);
        if (!isSupervisorOf(actor, unit.path))
          throw new AppError(
            'FORBIDDEN',
            'Chỉ cấp ủy viên được phân công phụ trách chi bộ ghi lần giám sát.',
          );
        if (req.body.visitedOn > todayIso())
          throw new AppError('VALIDATION_FAILED', 'Ngày giám sát không được ở tương lai.', {
            field: 'visitedOn',
          });
        if (req.body.meetingId) {
          const m = await findMeeting(tx, req.body.meetingId);
          if (!m || m.unit_id !== unit.id)
            throw new AppError('VALIDATION_FAILED', 'Buổi sinh hoạt không thuộc chi bộ này.', {
              field: 'meetingId',
            });
        }
        if (req.body.inspectionId) {
          const [insp] = await tx.query(
            "SELECT 1 FROM inspections WHERE id = $1 AND unit_id = $2 AND kind = 'supervision'",
            [req.body.inspectionId, unit.id],
          );
          if (!insp)
            throw new AppError(
              'VALIDATION_FAILED',
              'Cuộc giám sát trong kế hoạch không có, không thuộc chi bộ này hoặc không phải một cuộc giám sát.',
              { field: 'inspectionId' },
            );
        }
        const [row] = await tx.query<{ id: number }>(
          'INSERT INTO supervision_visits (unit_id, supervisor_id, meeting_id, visited_on, comments, inspection_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [
            unit.id,
            actor.userId,
            req.body.meetingId ?? null,
            req.body.visitedOn,
            req.body.comments ?? null,
            req.body.inspectionId ?? null,
          ],
        );
        // The month's summary row counts visits (ADR 021).
        await refreshCellMonth(tx, unit.id, req.body.visitedOn.slice(0, 7));
        await audit(
          tx,
          actor,
          {
            action: 'supervision.visit',
            entityType: 'org_unit',
            entityId: unit.id,
            orgUnitId: unit.id,
            after: req.body,
          },
          req.ip,
        );
        return row!.id;
      });
      reply.code(201);
      return { id };
    },
  );

  r.get(
    '/api/org-units/:id/recommendations',
    {
      schema: {
        tags,
        summary: 'Kiến nghị của các chi bộ (đang mở trước, cũ nhất trước)',
        description: `${SUBTREE_NOTE} Lọc theo \`open\` (true, false; bỏ trống: tất cả), \`olderThanDays\`.`,
        params: idParams,
        querystring: z.object({ open: queryBoolean.optional(), ...subtreeRecommendationsQuery }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.subtree) return subtreeRecommendations(db, actor, req.params.id, req.query);
      const open = req.query.open ?? true;
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const rows = await db.query<{
        id: number;
        unit_id: number;
        unit_name: string;
        raised_on: string;
        content: string;
        answer: string | null;
        answered_at: Date | null;
        closed_at: Date | null;
        raised_by: string | null;
      }>(
        `SELECT rc.id, rc.unit_id, u.name AS unit_name, rc.raised_on, rc.content, rc.answer, rc.answered_at, rc.closed_at,
                us.display_name AS raised_by
           FROM recommendations rc JOIN org_units u ON u.id = rc.unit_id LEFT JOIN users us ON us.id = rc.raised_by
          WHERE u.path LIKE $1 ${open ? 'AND rc.closed_at IS NULL' : ''}
          ORDER BY rc.closed_at NULLS FIRST, rc.raised_on`,
        [`${unit.path}%`],
      );
      const today = todayIso();
      return {
        items: rows.map((x) => ({
          id: x.id,
          unitId: x.unit_id,
          unitName: x.unit_name,
          raisedOn: x.raised_on,
          raisedBy: x.raised_by,
          ageDays: Math.floor((Date.parse(today) - Date.parse(x.raised_on)) / 86_400_000),
          content: x.content,
          answer: x.answer,
          answeredAt: x.answered_at ? new Date(x.answered_at).toISOString() : null,
          closed: x.closed_at !== null,
        })),
        total: rows.length,
      };
    },
  );

  r.post(
    '/api/org-units/:id/recommendations',
    {
      schema: {
        tags,
        summary: 'Ghi một kiến nghị của chi bộ (chi bộ hoặc cấp ủy viên phụ trách ghi)',
        params: idParams,
        body: z.object({
          content: z.string().trim().min(5, 'Cần ghi nội dung kiến nghị').max(5000),
          visitId: dbId.nullish(),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction(async (tx) => {
        const unit = await visibleUnit(tx, actor, req.params.id);
        if (!can(actor, 'meeting.run', unit.path) && !isSupervisorOf(actor, unit.path))
          throw new AppError('FORBIDDEN');
        if (req.body.visitId) {
          const [visit] = await tx.query('SELECT 1 FROM supervision_visits WHERE id = $1 AND unit_id = $2', [
            req.body.visitId,
            unit.id,
          ]);
          if (!visit)
            throw new AppError('VALIDATION_FAILED', 'Lần giám sát không thuộc chi bộ này.', {
              field: 'visitId',
            });
        }
        const [row] = await tx.query<{ id: number }>(
          'INSERT INTO recommendations (unit_id, visit_id, raised_by, raised_on, content) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [unit.id, req.body.visitId ?? null, actor.userId, todayIso(), req.body.content],
        );
        await audit(
          tx,
          actor,
          {
            action: 'recommendation.raise',
            entityType: 'recommendation',
            entityId: row!.id,
            orgUnitId: unit.id,
            after: req.body,
          },
          req.ip,
        );
        return row!.id;
      });
      reply.code(201);
      return { id };
    },
  );

  r.post(
    '/api/recommendations/:id/answer',
    {
      schema: {
        tags,
        summary: 'Trả lời (và đóng) một kiến nghị',
        params: idParams,
        body: z.object({
          answer: z.string().trim().min(3, 'Cần ghi nội dung trả lời').max(5000),
          close: z.boolean().default(true),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        const [rc] = await tx.query<{ id: number; unit_id: number; path: string; closed_at: Date | null }>(
          'SELECT rc.id, rc.unit_id, u.path, rc.closed_at FROM recommendations rc JOIN org_units u ON u.id = rc.unit_id WHERE rc.id = $1',
          [req.params.id],
        );
        if (!rc || !can(actor, 'meeting.read', rc.path)) throw notFound('kiến nghị');
        // The cell answers what it can; the committee above answers the rest.
        if (!can(actor, 'meeting.manage', rc.path)) throw new AppError('FORBIDDEN');
        if (rc.closed_at) throw new AppError('CONFLICT', 'Kiến nghị đã đóng.');
        await tx.query(
          `UPDATE recommendations SET answer = $2, answered_by = $3, answered_at = now(), closed_at = CASE WHEN $4 THEN now() END WHERE id = $1`,
          [rc.id, req.body.answer, actor.userId, req.body.close],
        );
        await audit(
          tx,
          actor,
          {
            action: 'recommendation.answer',
            entityType: 'recommendation',
            entityId: rc.id,
            orgUnitId: rc.unit_id,
            after: req.body,
          },
          req.ip,
        );
      });
      return { ok: true };
    },
  );
}
