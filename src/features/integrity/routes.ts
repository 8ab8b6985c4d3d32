import { z } from 'zod';
import { connectionRole } from '../../db/connect.js';
import { type App, actorOf, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';
import { verifyScope } from './policy.js';
import { verifyIntegrity } from './verify.js';

export async function integrityRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  r.get(
    '/api/admin/verify',
    {
      schema: {
        tags: ['admin'],
        summary: 'Kiểm tra toàn vẹn: chuỗi biên bản đã thông qua và điểm đã xác nhận (chỉ quản trị hệ thống)',
        description:
          'Checks every cell chain of adopted records and every confirmed score under the keyed hashes (ADR 017), ' +
          'in the subtree of `unitId` or in every subtree the administrator holds. `breaks` lists the first break of ' +
          'each chain and every mismatching score, each with a Vietnamese `message` (unit, meeting, version, what ' +
          'mismatched). `connection` tells whether the application connects as a role that owns the tables.',
        querystring: z.object({ unitId: z.coerce.number().int().positive().optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = req.query.unitId ? await visibleUnit(db, actor, req.query.unitId) : undefined;
      const prefixes = verifyScope(actor, unit?.path);
      const [report, connection] = [await verifyIntegrity(db, prefixes), await connectionRole(db)];
      return { ...report, connection: { kind: db.kind, ...connection } };
    },
  );
}
