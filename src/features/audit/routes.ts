import { z } from 'zod';
import { authorize } from '../../server/access.js';
import { type App, actorOf, idParams, paging, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';

export async function auditRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  r.get(
    '/api/org-units/:id/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi trong đơn vị và các đơn vị trực thuộc (mới nhất trước)',
        params: idParams,
        querystring: z.object({
          entityType: z.string().max(50).optional(),
          ...paging,
          limit: paging.limit.default(50),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'audit.read', unit.path);
      const params: unknown[] = [`${unit.path}%`, req.query.limit, req.query.offset];
      const typeCond = req.query.entityType
        ? `AND a.entity_type = $${params.push(req.query.entityType)}`
        : '';
      const rows = await db.query<{
        id: number;
        at: Date;
        action: string;
        entity_type: string;
        entity_id: string | null;
        org_unit_id: number | null;
        unit_name: string | null;
        actor_name: string | null;
        actor_username: string | null;
        before: unknown;
        after: unknown;
        total: number;
      }>(
        `SELECT a.id, a.at, a.action, a.entity_type, a.entity_id, a.org_unit_id, u.name AS unit_name,
                us.display_name AS actor_name, us.username AS actor_username, a.before, a.after,
                count(*) OVER ()::int AS total
           FROM audit_log a LEFT JOIN org_units u ON u.id = a.org_unit_id LEFT JOIN users us ON us.id = a.actor_user_id
          WHERE a.org_path LIKE $1 ${typeCond}
          ORDER BY a.at DESC, a.id DESC LIMIT $2 OFFSET $3`,
        params,
      );
      return {
        items: rows.map((x) => ({
          id: Number(x.id),
          at: new Date(x.at).toISOString(),
          action: x.action,
          entityType: x.entity_type,
          entityId: x.entity_id,
          orgUnitId: x.org_unit_id,
          orgUnitName: x.unit_name,
          actor: x.actor_username ? { username: x.actor_username, displayName: x.actor_name } : null,
          before: x.before,
          after: x.after,
        })),
        total: rows[0]?.total ?? 0,
      };
    },
  );
}
