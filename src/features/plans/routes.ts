/**
 * Routes of implementation plans (issue 11 part B, ADR 025): thin — validate, authorise (in the
 * service: a plan is read by `unit.read` at its unit or, once published, from inside its subtree;
 * changed with `plan.manage`), call the service, present.
 */
import { z } from 'zod';
import { safeFileName } from '../../domain/vietnamese.js';
import { type App, actorOf, idParams, idText, sendFile, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';
import {
  createMilestone,
  createResponsibility,
  createTarget,
  deleteMilestone,
  deleteResponsibility,
  deleteTarget,
  setManualValue,
  updateMilestone,
  updateResponsibility,
  updateTarget,
} from './items.js';
import { planDocx } from './plan-docx.js';
import { planProgress } from './progress.js';
import {
  createPlanBody,
  manualValueBody,
  milestoneBody,
  milestonePatch,
  planListQuery,
  progressQuery,
  responsibilityBody,
  responsibilityPatch,
  targetBody,
  targetPatch,
  updatePlanBody,
} from './schema.js';
import { changeStatus, createPlan, getPlan, listPlans, updatePlan } from './service.js';

const targetParams = z.object({ id: idText, targetId: idText });
const milestoneParams = z.object({ id: idText, milestoneId: idText });
const responsibilityParams = z.object({ id: idText, responsibilityId: idText });

export async function planRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['plans'];

  r.get(
    '/api/org-units/:id/plans',
    {
      schema: {
        tags,
        summary: 'Kế hoạch thực hiện của đơn vị (và, với chi bộ, kế hoạch đang thực hiện của cấp trên)',
        params: idParams,
        querystring: planListQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      return listPlans(db, actor, unit, req.query);
    },
  );

  r.post(
    '/api/org-units/:id/plans',
    {
      schema: { tags, summary: 'Lập kế hoạch thực hiện (dự thảo)', params: idParams, body: createPlanBody },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      const plan = await db.transaction((tx) => createPlan(tx, actor, unit, req.body, req.ip));
      reply.code(201);
      return plan;
    },
  );

  r.get(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: 'Kế hoạch thực hiện: mục đích, chỉ tiêu, lộ trình, phân công',
        params: idParams,
      },
    },
    async (req) => getPlan(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/plans/:id',
    { schema: { tags, summary: 'Sửa kế hoạch thực hiện', params: idParams, body: updatePlanBody } },
    async (req) => db.transaction((tx) => updatePlan(tx, actorOf(req), req.params.id, req.body, req.ip)),
  );

  r.post(
    '/api/plans/:id/activate',
    { schema: { tags, summary: 'Ban hành kế hoạch (các chi bộ trực thuộc xem được)', params: idParams } },
    async (req) => db.transaction((tx) => changeStatus(tx, actorOf(req), req.params.id, 'active', req.ip)),
  );

  r.post(
    '/api/plans/:id/close',
    { schema: { tags, summary: 'Kết thúc kế hoạch', params: idParams } },
    async (req) => db.transaction((tx) => changeStatus(tx, actorOf(req), req.params.id, 'closed', req.ip)),
  );

  r.get(
    '/api/plans/:id/progress',
    {
      schema: {
        tags,
        summary: 'Tiến độ các chỉ tiêu: kết quả đo từ sổ sách, trạng thái, theo từng đơn vị trực thuộc',
        params: idParams,
        querystring: progressQuery,
      },
    },
    async (req) => planProgress(db, actorOf(req), req.params.id, { units: req.query.units }),
  );

  r.get(
    '/api/plans/:id/plan.docx',
    { schema: { tags, summary: 'Tải kế hoạch (Word, thể thức HD 36)', params: idParams } },
    async (req, reply) => {
      const { bytes, title } = await planDocx(db, actorOf(req), req.params.id);
      const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return sendFile(reply, bytes, `${safeFileName(title).slice(0, 100)}.docx`, docx);
    },
  );

  // Targets ---------------------------------------------------------------------------------
  r.post(
    '/api/plans/:id/targets',
    { schema: { tags, summary: 'Thêm chỉ tiêu', params: idParams, body: targetBody } },
    async (req, reply) => {
      const t = await db.transaction((tx) => createTarget(tx, actorOf(req), req.params.id, req.body, req.ip));
      reply.code(201);
      return t;
    },
  );
  r.patch(
    '/api/plans/:id/targets/:targetId',
    { schema: { tags, summary: 'Sửa chỉ tiêu', params: targetParams, body: targetPatch } },
    async (req) =>
      db.transaction((tx) =>
        updateTarget(tx, actorOf(req), req.params.id, req.params.targetId, req.body, req.ip),
      ),
  );
  r.delete(
    '/api/plans/:id/targets/:targetId',
    { schema: { tags, summary: 'Xóa chỉ tiêu', params: targetParams } },
    async (req) =>
      db.transaction((tx) => deleteTarget(tx, actorOf(req), req.params.id, req.params.targetId, req.ip)),
  );
  r.put(
    '/api/plans/:id/targets/:targetId/value',
    {
      schema: {
        tags,
        summary: 'Nhập kết quả của chỉ tiêu theo dõi thủ công (kèm ghi chú)',
        params: targetParams,
        body: manualValueBody,
      },
    },
    async (req) =>
      db.transaction((tx) =>
        setManualValue(tx, actorOf(req), req.params.id, req.params.targetId, req.body, req.ip),
      ),
  );

  // Milestones ------------------------------------------------------------------------------
  r.post(
    '/api/plans/:id/milestones',
    { schema: { tags, summary: 'Thêm mốc lộ trình', params: idParams, body: milestoneBody } },
    async (req, reply) => {
      const m = await db.transaction((tx) =>
        createMilestone(tx, actorOf(req), req.params.id, req.body, req.ip),
      );
      reply.code(201);
      return m;
    },
  );
  r.patch(
    '/api/plans/:id/milestones/:milestoneId',
    {
      schema: {
        tags,
        summary: 'Sửa mốc lộ trình (ghi ngày hoàn thành)',
        params: milestoneParams,
        body: milestonePatch,
      },
    },
    async (req) =>
      db.transaction((tx) =>
        updateMilestone(tx, actorOf(req), req.params.id, req.params.milestoneId, req.body, req.ip),
      ),
  );
  r.delete(
    '/api/plans/:id/milestones/:milestoneId',
    { schema: { tags, summary: 'Xóa mốc lộ trình', params: milestoneParams } },
    async (req) =>
      db.transaction((tx) =>
        deleteMilestone(tx, actorOf(req), req.params.id, req.params.milestoneId, req.ip),
      ),
  );

  // Responsibilities ------------------------------------------------------------------------
  r.post(
    '/api/plans/:id/responsibilities',
    { schema: { tags, summary: 'Thêm phân công trách nhiệm', params: idParams, body: responsibilityBody } },
    async (req, reply) => {
      const x = await db.transaction((tx) =>
        createResponsibility(tx, actorOf(req), req.params.id, req.body, req.ip),
      );
      reply.code(201);
      return x;
    },
  );
  r.patch(
    '/api/plans/:id/responsibilities/:responsibilityId',
    {
      schema: {
        tags,
        summary: 'Sửa phân công trách nhiệm',
        params: responsibilityParams,
        body: responsibilityPatch,
      },
    },
    async (req) =>
      db.transaction((tx) =>
        updateResponsibility(tx, actorOf(req), req.params.id, req.params.responsibilityId, req.body, req.ip),
      ),
  );
  r.delete(
    '/api/plans/:id/responsibilities/:responsibilityId',
    { schema: { tags, summary: 'Xóa phân công trách nhiệm', params: responsibilityParams } },
    async (req) =>
      db.transaction((tx) =>
        deleteResponsibility(tx, actorOf(req), req.params.id, req.params.responsibilityId, req.ip),
      ),
  );
}
