import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { allPacks } from '../../rules/store.js';
import { authorize } from '../../server/access.js';
import { type App, actorOf, idParams, isoMonth, typed } from '../../server/http.js';
import { visibleMeeting } from '../meetings/service.js';
import { visibleUnit } from '../org/service.js';
import { confirmScore, meetingScoreView, reviseScore, saveJudgement } from './service.js';

/** A month's regular meeting: held, not yet due (pending) or missed. */
export function monthState(
  held: boolean,
  dueDate: string | null,
  today: string,
): 'held' | 'pending' | 'missed' {
  if (held) return 'held';
  return dueDate !== null && today <= dueDate ? 'pending' : 'missed';
}

const scorerParams = idParams.extend({ scorer: z.enum(['cell', 'supervisor']) });
const month = isoMonth;

export async function scoringRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['quality'];
  const view = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const actor = actorOf(req);
    return meetingScoreView(db, actor, await visibleMeeting(db, actor, id));
  };

  r.get(
    '/api/meetings/:id/score',
    {
      schema: {
        tags,
        summary:
          'Điểm chất lượng buổi sinh hoạt: hai cột (chi bộ tự chấm, cấp trên chấm), từng tiêu chí với căn cứ',
        params: idParams,
      },
    },
    async (req) => view(req, req.params.id),
  );

  r.put(
    '/api/meetings/:id/score/:scorer',
    {
      schema: {
        tags,
        summary: 'Nhập điểm các mục chấm theo đánh giá (chưa xác nhận)',
        params: scorerParams,
        body: z.object({ judgement: z.record(z.string(), z.number().min(0).max(100)) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        saveJudgement(tx, actor, req.params.id, req.params.scorer, req.body.judgement, req.ip),
      );
      return view(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/score/:scorer/confirm',
    {
      schema: {
        tags,
        summary: 'Xác nhận điểm (khóa; thay đổi sau đó là bản chấm lại)',
        params: scorerParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => confirmScore(tx, actor, req.params.id, req.params.scorer, req.ip));
      return view(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/score/:scorer/revisions',
    {
      schema: {
        tags,
        summary: 'Chấm lại một cột đã xác nhận (ghi lý do; bản cũ được giữ nguyên)',
        params: scorerParams,
        body: z.object({ note: z.string().trim().min(3, 'Cần ghi lý do chấm lại').max(1000) }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const revision = await db.transaction((tx) =>
        reviseScore(tx, actor, req.params.id, req.params.scorer, req.body.note, req.ip),
      );
      reply.code(201);
      return { revision };
    },
  );

  r.get(
    '/api/org-units/:id/month-status',
    {
      schema: {
        tags,
        summary: 'Tình hình từng chi bộ theo tháng (nề nếp, chuyên đề, thời lượng, dự họp, điểm, xếp loại)',
        params: idParams,
        querystring: z.object({ from: month, to: month }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const rows = await db.query<{
        unit_id: number;
        unit_name: string;
        month: string;
        regular_held: boolean;
        regular_on_time: boolean;
        thematic_in_quarter: boolean;
        meeting_id: number | null;
        length_minutes: number | null;
        min_minutes: number | null;
        attendance_percent: string | null;
        cell_score: string | null;
        supervisor_score: string | null;
        rating: string | null;
        documents_on_time: boolean | null;
        minutes_on_time: boolean | null;
        due_date: string | null;
        regular_planned: boolean;
      }>(
        `SELECT s.*, u.name AS unit_name FROM cell_month_status s JOIN org_units u ON u.id = s.unit_id
          WHERE u.path LIKE $1 AND s.month BETWEEN $2 AND $3 ORDER BY u.sort_order, u.name, s.month`,
        [`${unit.path}%`, req.query.from, req.query.to],
      );
      const num = (v: string | null) => (v === null ? null : Number(v));
      // Band keys by label across every pack, so the UI colours by key, not by text.
      const keyOf = new Map(
        (await allPacks(db)).flatMap((p) => p.scoring.rubric.bands.map((b) => [b.label, b.key] as const)),
      );
      const cells = await db.query<{ id: number; name: string }>(
        `SELECT id, name FROM org_units WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL
          ORDER BY sort_order, name`,
        [`${unit.path}%`],
      );
      const today = todayIso();
      return {
        today,
        cells: cells.map((c) => ({ unitId: c.id, unitName: c.name })),
        items: rows.map((x) => ({
          unitId: x.unit_id,
          unitName: x.unit_name,
          month: x.month,
          regularHeld: x.regular_held,
          regularOnTime: x.regular_on_time,
          thematicInQuarter: x.thematic_in_quarter,
          meetingId: x.meeting_id,
          lengthMinutes: x.length_minutes,
          minMinutes: x.min_minutes,
          attendancePercent: num(x.attendance_percent),
          cellScore: num(x.cell_score),
          supervisorScore: num(x.supervisor_score),
          rating: x.rating,
          ratingKey: x.rating ? (keyOf.get(x.rating) ?? null) : null,
          documentsOnTime: x.documents_on_time,
          minutesOnTime: x.minutes_on_time,
          dueDate: x.due_date,
          regularPlanned: x.regular_planned,
          // Not held yet: pending until its due date, missed after it (HD 42: monthly).
          state: monthState(x.regular_held, x.due_date, today),
        })),
        total: rows.length,
      };
    },
  );
}
