/**
 * Routes of commendations, reminders and model meetings (issue 9 items 5–6, ADR 021 / 023): thin —
 * validate, authorise, call the service, present.
 */
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { authorize } from '../../server/access.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { rulePackForUnit, visibleUnit } from '../org/service.js';
import { createDecision, listDecisions } from './decisions.js';
import { listModels, markModel, modelDocument, modelView, unmarkModel } from './model-meetings.js';
import { listProposals, periodLabel } from './proposals.js';
import {
  decisionBody,
  decisionQuery,
  meetingIdParams,
  modelBody,
  modelDocumentParams,
  modelListQuery,
  proposalQuery,
} from './schema.js';

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export async function recognitionRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['recognition'];

  r.get(
    '/api/org-units/:id/commendation-proposals',
    {
      schema: {
        tags,
        summary: 'Đề xuất khen thưởng, biểu dương và nhắc nhở các chi bộ trực thuộc theo số liệu của kỳ',
        params: idParams,
        querystring: proposalQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'unit.manage', unit.path);
      const pack = await rulePackForUnit(db, unit.path, lastDayOf(req.query.to));
      const result = await listProposals(db, unit, pack, req.query, todayIso());
      return {
        unit: { id: unit.id, name: unit.name },
        period: { from: req.query.from, to: req.query.to, label: periodLabel(req.query.from, req.query.to) },
        thresholds: pack.recognition,
        ...result,
      };
    },
  );

  r.post(
    '/api/org-units/:id/commendations',
    {
      schema: {
        tags,
        summary: 'Ghi quyết định khen thưởng, biểu dương hoặc nhắc nhở một đơn vị trực thuộc',
        params: idParams,
        body: decisionBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      const decision = await db.transaction((tx) => createDecision(tx, actor, unit, req.body, req.ip));
      reply.code(201);
      return decision;
    },
  );

  r.get(
    '/api/org-units/:id/commendations',
    {
      schema: {
        tags,
        summary: 'Quyết định khen thưởng, nhắc nhở của đơn vị và về các đơn vị trực thuộc',
        params: idParams,
        querystring: decisionQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      return listDecisions(db, unit, req.query);
    },
  );

  r.post(
    '/api/meetings/:id/model',
    {
      schema: {
        tags,
        summary: 'Chọn buổi sinh hoạt làm sinh hoạt mẫu cho các chi bộ trực thuộc học tập',
        params: idParams,
        body: modelBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => markModel(tx, actor, req.params.id, req.body, req.ip));
    },
  );

  r.delete(
    '/api/meetings/:id/model',
    { schema: { tags, summary: 'Bỏ chọn sinh hoạt mẫu', params: idParams } },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => unmarkModel(tx, actor, req.params.id, req.ip));
      return { ok: true };
    },
  );

  r.get(
    '/api/org-units/:id/model-meetings',
    {
      schema: {
        tags,
        summary: 'Sinh hoạt mẫu mà chi bộ của đơn vị được học tập (do cấp ủy cấp trên chọn)',
        params: idParams,
        querystring: modelListQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      return listModels(db, actor, unit, req.query);
    },
  );

  r.get(
    '/api/model-meetings/:meetingId',
    {
      schema: {
        tags,
        summary: 'Xem một buổi sinh hoạt mẫu (chỉ đọc; thông tin cá nhân của đảng viên được ẩn)',
        params: meetingIdParams,
      },
    },
    async (req) => modelView(db, actorOf(req), req.params.meetingId),
  );

  r.get(
    '/api/model-meetings/:meetingId/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Tải tài liệu của một buổi sinh hoạt mẫu',
        params: modelDocumentParams,
      },
    },
    async (req, reply) => {
      const d = await modelDocument(db, actorOf(req), req.params.meetingId, req.params.documentId, req.ip);
      return sendFile(reply, d.bytes, safeFileName(d.fileName), d.mime);
    },
  );
}
