import { z } from 'zod';
import { authorize } from '../../server/access.js';
import { type App, actorOf, idParams, paging, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';
import { listAudit } from './service.js';

export async function auditRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  r.get(
    '/api/org-units/:id/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi trong đơn vị và các đơn vị trực thuộc (mới nhất trước)',
        description:
          'Mỗi dòng có câu mô tả tiếng Việt (`summary`: ai làm gì với đối tượng nào), tên thao tác (`actionLabel`) ' +
          'và các thông tin thay đổi đã gắn nhãn (`changes`). Số CCCD, số thẻ, số điện thoại bị ẩn nếu người xem ' +
          'không có quyền xem thông tin định danh. Dữ liệu gốc (`raw`: mã thao tác, before/after) chỉ dành cho quản trị hệ thống.',
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
      return listAudit(db, actor, unit.path, req.query);
    },
  );
}
