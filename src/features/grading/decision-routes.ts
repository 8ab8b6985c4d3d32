/**
 * The committee's grading decisions (issue 10 items 5, 6 and 8; ADR 024 "Decisions"): proposals
 * with the evidence, the draft levels in bulk, the quota and hard-rule check, the issue, revisions
 * and a member's grades over the years. Thin: validate → service (which authorises) → present.
 */

import { authorize } from '../../server/access.js';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { issueSet, reviseDecision } from './decision-issue.js';
import {
  checkBody,
  issueBody,
  proposalsQuery,
  revisionBody,
  saveDecisionsBody,
  yearParams,
} from './decision-schema.js';
import { checkSet, loadUnit, packFor, saveDecisions } from './decisions.js';
import { listDecisionProposals, memberGrades } from './proposals.js';

export async function gradingDecisionRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['grading'];

  r.get(
    '/api/org-units/:id/grading/:year/proposals',
    {
      schema: {
        tags,
        summary:
          'Đề xuất xếp loại của năm: đảng viên (tự nhận mức, chi bộ biểu quyết, dữ kiện của năm, mức tối đa theo quy định) hoặc tổ chức đảng trực thuộc (tự đánh giá, nền nếp sinh hoạt); kèm mức dự thảo và quyết định hiện hành. Phân trang bằng con trỏ (limit ≤ 200)',
        params: yearParams,
        querystring: proposalsQuery,
      },
    },
    async (req) => listDecisionProposals(db, actorOf(req), req.params.id, req.params.year, req.query),
  );

  r.put(
    '/api/org-units/:id/grading/:year/decisions',
    {
      schema: {
        tags,
        summary:
          'Ghi mức xếp loại vào dự thảo quyết định của đơn vị (tạo dự thảo khi ghi lần đầu); tất cả hoặc không; quyết định đã ban hành: 409',
        params: yearParams,
        body: saveDecisionsBody,
      },
    },
    async (req) => saveDecisions(db, actorOf(req), req.params.id, req.params.year, req.body, req.ip),
  );

  r.post(
    '/api/org-units/:id/grading/:year/decisions/check',
    {
      schema: {
        tags,
        summary:
          'Kiểm tra dự thảo theo tỷ lệ tối đa (từng đơn vị và toàn bộ) và các quy định hạn chế mức xếp loại; không ghi gì',
        params: yearParams,
        body: checkBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const u = await loadUnit(db, req.params.id);
      authorize(actor, 'grading.decide', u.path, 'đơn vị');
      const pack = await packFor(db, u, req.params.year);
      return checkSet(db, u, req.params.year, req.body.type, pack);
    },
  );

  r.post(
    '/api/org-units/:id/grading/:year/decisions/issue',
    {
      schema: {
        tags,
        summary:
          'Ban hành quyết định xếp loại (số, ngày): từ chối khi vượt tỷ lệ tối đa (GRADING_QUOTA_EXCEEDED), trái quy định (GRADING_RULE_BROKEN) hoặc còn đối tượng chưa có mức (GRADING_INCOMPLETE); sau khi ban hành không sửa được',
        params: yearParams,
        body: issueBody,
      },
    },
    async (req) => issueSet(db, actorOf(req), req.params.id, req.params.year, req.body, req.ip),
  );

  r.post(
    '/api/grading-decisions/:id/revisions',
    {
      schema: {
        tags,
        summary:
          'Điều chỉnh một quyết định xếp loại đã ban hành: quyết định mới (số, ngày, lý do) thay thế quyết định hiện hành; quyết định cũ giữ nguyên',
        params: idParams,
        body: revisionBody,
      },
    },
    async (req, reply) => {
      const created = await reviseDecision(db, actorOf(req), req.params.id, req.body, req.ip);
      reply.code(201);
      return created;
    },
  );

  r.get(
    '/api/members/:id/grades',
    {
      schema: {
        tags,
        summary:
          'Kết quả xếp loại của đảng viên qua các năm: mức hiện hành, số và ngày quyết định, các lần điều chỉnh, bản kiểm điểm',
        params: idParams,
      },
    },
    async (req) => memberGrades(db, actorOf(req), req.params.id),
  );
}
