import { z } from 'zod';
import { authorize, can, scopePrefixes } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, intText, paging, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';
import { ALERT_KINDS, dismissAlert } from './alerts.js';
import { runOversightJobs } from './jobs.js';
import { SUBTREE_NOTE, subtreeAlerts, subtreeAlertsQuery } from './subtree-routes.js';

export async function oversightRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['quality'];

  r.get(
    '/api/org-units/:id/alerts',
    {
      schema: {
        tags,
        summary: 'Cảnh báo đang mở trong đơn vị và các đơn vị trực thuộc',
        description: `${SUBTREE_NOTE} Lọc theo \`kind\`, \`status\` (open, dismissed, resolved).`,
        params: idParams,
        querystring: z.object({
          kind: z.string().max(50).optional(),
          limit: intText(1, 500, 'limit').optional(),
          offset: paging.offset,
          ...subtreeAlertsQuery,
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.subtree) return subtreeAlerts(db, actor, req.params.id, req.query);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const params: unknown[] = [`${unit.path}%`, req.query.limit ?? 200, req.query.offset];
      const kind = req.query.kind ? `AND a.kind = $${params.push(req.query.kind)}` : '';
      const rows = await db.query<{
        id: number;
        unit_id: number;
        unit_name: string;
        kind: keyof typeof ALERT_KINDS;
        severity: string;
        title: string;
        detail: string | null;
        link: string | null;
        member_id: number | null;
        meeting_id: number | null;
        due_date: string | null;
        opened_at: Date;
        path: string;
        total: number;
      }>(
        `SELECT a.id, a.unit_id, u.name AS unit_name, a.kind, a.severity, a.title, a.detail, a.link, a.member_id, a.meeting_id,
                a.due_date, a.opened_at, u.path, count(*) OVER ()::int AS total
           FROM alerts a JOIN org_units u ON u.id = a.unit_id
          WHERE a.resolved_at IS NULL AND u.path LIKE $1 ${kind}
          ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.opened_at DESC, a.id DESC
          LIMIT $2 OFFSET $3`,
        params,
      );
      return {
        items: rows.map((a) => ({
          id: a.id,
          unitId: a.unit_id,
          unitName: a.unit_name,
          kind: a.kind,
          kindLabel: ALERT_KINDS[a.kind] ?? a.kind,
          severity: a.severity,
          title: a.title,
          detail: a.detail,
          link: a.link,
          memberId: a.member_id,
          meetingId: a.meeting_id,
          dueDate: a.due_date,
          openedAt: new Date(a.opened_at).toISOString(),
          canDismiss: can(actor, 'meeting.manage', a.path),
        })),
        total: rows[0]?.total ?? 0,
      };
    },
  );
}

export async function alertActionRoutes(app: App) {
  const { db } = app.ctx;
  typed(app).post(
    '/api/alerts/:id/dismiss',
    {
      schema: {
        tags: ['quality'],
        summary: 'Đóng một cảnh báo đã xử lý (ghi nội dung xử lý); cảnh báo đó không mở lại',
        params: idParams,
        body: z.object({ note: z.string().trim().min(5, 'Cần ghi nội dung đã xử lý').max(1000) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => dismissAlert(tx, actor, req.params.id, req.body.note, req.ip));
      return { ok: true };
    },
  );
}

export async function jobRoutes(app: App) {
  const { db } = app.ctx;
  typed(app).post(
    '/api/jobs/oversight',
    {
      schema: {
        tags: ['quality'],
        summary: 'Chạy ngay việc cập nhật tình hình chi bộ và cảnh báo (máy chủ tự chạy mỗi 15 phút)',
        description:
          'Chỉ cập nhật các đơn vị trong phạm vi quản lý của người gọi (số liệu tháng này và tháng trước, tổng hợp của cấp trên, cảnh báo); trả về số dòng đã cập nhật và số cảnh báo mở mới, đã xử lý, đang mở trong phạm vi.',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const roots = scopePrefixes(actor, 'unit.manage').map((p) => p.slice(0, -1));
      if (roots.length === 0) throw new AppError('FORBIDDEN');
      // The caller's subtrees only: their rows, their ancestors' roll-ups, their alerts (ADR 029).
      return runOversightJobs(db, undefined, roots);
    },
  );
}
