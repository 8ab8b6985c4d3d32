/**
 * Routes of the cell's yearly programme (ADR 025 part C): thin — validate, authorise, call the
 * service, present. Reading: `unit.read` at the cell; writing and submitting: `activityPlan.write`
 * at the cell; approving and returning: `plan.manage` at the committee above (the parent's path).
 */

import { renderActivityPlanDocx } from '../../documents/activity-plan-docx.js';
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { findUnit, visibleUnit } from '../org/service.js';
import { listCellPlans } from './list.js';
import { coverItem, meetingPlanItems } from './meeting-items.js';
import {
  approveBody,
  coverBody,
  listQuery,
  meetingItemParams,
  planBody,
  reopenBody,
  returnBody,
  yearParams,
} from './schema.js';
import { decidePlan, planView, reopenPlan, savePlan, submitPlan, visibleCell } from './service.js';

const DESCRIPTION =
  'Chương trình công tác năm của chi bộ: nhiệm vụ trọng tâm từng tháng, chuyên đề từng quý (lấy từ kế hoạch sinh hoạt chuyên đề), công việc khác; trạng thái từng mục (Đã thực hiện / Chưa thực hiện / Chưa đến hạn) tính từ sinh hoạt của chi bộ.';

export async function activityPlanRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['activity-plans'];

  r.get(
    '/api/org-units/:id/activity-plans/:year',
    {
      schema: {
        tags,
        summary: 'Chương trình công tác năm của chi bộ (năm chưa lập: bản nháp trống kèm gợi ý)',
        description: DESCRIPTION,
        params: yearParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const cell = await visibleCell(db, actor, req.params.id);
      return planView(db, actor, cell, req.params.year);
    },
  );

  r.put(
    '/api/org-units/:id/activity-plans/:year',
    {
      schema: {
        tags,
        summary: 'Lưu toàn bộ bản nháp chương trình (tối đa 200 mục; ghi hết hoặc không ghi gì)',
        description:
          'Mục có `id` là mục cũ (giữ nguyên đánh dấu đã thực hiện), mục không có `id` là mục mới, mục cũ không gửi lên bị xóa. `thematic` (nếu có) được ghi vào kế hoạch sinh hoạt chuyên đề như PUT /api/org-units/{id}/thematic-plans/{year} (cần quyền lập lịch sinh hoạt).',
        params: yearParams,
        body: planBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => savePlan(tx, actor, req.params.id, req.params.year, req.body, req.ip));
      return planView(db, actor, await visibleCell(db, actor, req.params.id), req.params.year);
    },
  );

  r.post(
    '/api/org-units/:id/activity-plans/:year/submit',
    {
      schema: {
        tags,
        summary: 'Gửi chương trình công tác năm lên cấp ủy cấp trên duyệt',
        params: yearParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => submitPlan(tx, actor, req.params.id, req.params.year, req.ip));
      return planView(db, actor, await visibleCell(db, actor, req.params.id), req.params.year);
    },
  );

  r.post(
    '/api/org-units/:id/activity-plans/:year/approve',
    {
      schema: {
        tags,
        summary: 'Cấp ủy cấp trên duyệt chương trình công tác năm của chi bộ',
        params: yearParams,
        body: approveBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        decidePlan(tx, actor, req.params.id, req.params.year, 'approve', req.body?.comment ?? null, req.ip),
      );
      return planView(db, actor, await visibleCell(db, actor, req.params.id), req.params.year);
    },
  );

  r.post(
    '/api/org-units/:id/activity-plans/:year/return',
    {
      schema: {
        tags,
        summary: 'Cấp ủy cấp trên trả lại chương trình để chi bộ sửa (bắt buộc ghi ý kiến)',
        params: yearParams,
        body: returnBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        decidePlan(tx, actor, req.params.id, req.params.year, 'return', req.body.comment, req.ip),
      );
      return planView(db, actor, await visibleCell(db, actor, req.params.id), req.params.year);
    },
  );

  r.post(
    '/api/org-units/:id/activity-plans/:year/reopen',
    {
      schema: {
        tags,
        summary: 'Điều chỉnh chương trình đã duyệt: mở lại thành bản nháp (ghi lý do, báo cấp ủy cấp trên)',
        params: yearParams,
        body: reopenBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        reopenPlan(tx, actor, req.params.id, req.params.year, req.body.reason, req.ip),
      );
      return planView(db, actor, await visibleCell(db, actor, req.params.id), req.params.year);
    },
  );

  r.get(
    '/api/org-units/:id/activity-plans/:year/plan.docx',
    { schema: { tags, summary: 'Tải chương trình công tác năm (Word, thể thức HD 36)', params: yearParams } },
    async (req, reply) => {
      const actor = actorOf(req);
      const cell = await visibleCell(db, actor, req.params.id);
      const view = await planView(db, actor, cell, req.params.year);
      const parent = cell.parent_id ? await findUnit(db, cell.parent_id) : undefined;
      const bytes = await renderActivityPlanDocx({
        year: view.year,
        cell: { name: cell.name, kind: cell.kind },
        superiorName: parent?.name ?? null,
        status: view.plan.status,
        decidedAt: view.plan.decidedAt,
        rows: [
          ...view.items.map((i) => ({
            month: i.month,
            quarter: i.quarter,
            kindLabel: i.kindLabel,
            title: i.title,
            responsible: i.responsibleName ?? i.responsible,
            statusLabel: i.statusLabel,
          })),
          ...view.thematic.map((th) => ({
            month: th.month ?? th.quarter * 3 - 2,
            quarter: th.quarter,
            kindLabel: 'Chuyên đề',
            title: th.topic,
            responsible: th.presenterName,
            statusLabel: th.statusLabel,
          })),
        ],
        generatedOn: todayIso(),
      });
      // The programme names the members responsible: its export is audited.
      await audit(
        db,
        actor,
        {
          action: 'activity_plan.export',
          entityType: 'activity_plan',
          entityId: view.plan.id,
          orgUnitId: cell.id,
          after: { year: view.year },
        },
        req.ip,
      );
      return sendFile(
        reply,
        bytes,
        `${safeFileName(`chuong-trinh-cong-tac-${view.year}-${cell.name}`)}.docx`,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
    },
  );

  r.get(
    '/api/org-units/:id/activity-plans',
    {
      schema: {
        tags,
        summary: 'Chương trình công tác năm của các chi bộ trực thuộc: trạng thái duyệt và tiến độ thực hiện',
        description:
          'Một dòng mỗi chi bộ của cây đơn vị (phân trang, limit ≤ 200, vượt quá trả 400). `status=none`: chi bộ chưa lập chương trình.',
        params: idParams,
        querystring: listQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'unit.read', unit.path);
      const today = todayIso();
      return listCellPlans(db, unit, req.query.year ?? Number(today.slice(0, 4)), req.query, today);
    },
  );

  r.get(
    '/api/meetings/:id/activity-items',
    {
      schema: {
        tags,
        summary: 'Nhiệm vụ trong chương trình công tác năm của tháng có buổi sinh hoạt',
        params: idParams,
      },
    },
    async (req) => meetingPlanItems(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/meetings/:id/activity-items/:itemId',
    {
      schema: {
        tags,
        summary:
          'Ghi nhận buổi sinh hoạt đã triển khai một nhiệm vụ của chương trình (covered=false: bỏ ghi nhận)',
        params: meetingItemParams,
        body: coverBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        coverItem(tx, actor, req.params.id, req.params.itemId, req.body?.covered ?? true, req.ip),
      );
      return meetingPlanItems(db, actor, req.params.id);
    },
  );
}
