/**
 * Routes of the year's review (issue 10 items 2–4, ADR 024): the committee's campaign, what is
 * due from the signed-in person, the member's self-review and year's record (and its Word form),
 * and the cell's session — the vote on each member and the cell's own assessment.
 */
import { renderSelfReviewDocx } from '../../documents/self-review-docx.js';
import { formatDate } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { audit } from '../../server/audit.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { placeOf } from '../meetings/record-build.js';
import { closeCampaign } from './campaign-close.js';
import { campaignView, createCampaign, listCampaigns, myGrading } from './campaigns.js';
import {
  campaignBody,
  MAX_CAMPAIGN_LIMIT,
  pageQuery,
  returnBody,
  selfAssessmentBody,
  selfReviewBody,
  voteBody,
  voteParams,
  yearParams,
} from './review-schema.js';
import {
  gradingMember,
  returnSelfReview,
  saveSelfReview,
  selfReviewView,
  yearRecord,
} from './self-review.js';
import { recordSelfAssessment, recordVote, sessionView } from './session.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function gradingReviewRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['grading'];

  r.post(
    '/api/org-units/:id/grading-campaigns',
    {
      schema: {
        tags,
        summary:
          'Mở đợt kiểm điểm, đánh giá, xếp loại năm cho các chi bộ trực thuộc: hạn nộp bản kiểm điểm, hạn chi bộ họp, hạn cấp ủy quyết định (mỗi đơn vị một đợt mỗi năm)',
        params: idParams,
        body: campaignBody,
      },
    },
    async (req, reply) => {
      const created = await createCampaign(db, actorOf(req), Number(req.params.id), req.body, req.ip);
      reply.code(201);
      return created;
    },
  );

  r.get(
    '/api/org-units/:id/grading-campaigns',
    {
      schema: {
        tags,
        summary:
          'Các đợt kiểm điểm, xếp loại áp dụng cho đơn vị (của đơn vị, cấp trên và cấp dưới), theo trang',
        params: idParams,
        querystring: pageQuery(MAX_CAMPAIGN_LIMIT),
      },
    },
    async (req) => listCampaigns(db, actorOf(req), Number(req.params.id), req.query),
  );

  r.get(
    '/api/grading-campaigns/:id',
    {
      schema: {
        tags,
        summary:
          'Một đợt kiểm điểm, xếp loại và tiến độ theo từng đơn vị trực thuộc: số đảng viên kiểm điểm, bản kiểm điểm đã nộp, số đã biểu quyết, chi bộ đã tự đánh giá',
        params: idParams,
      },
    },
    async (req) => campaignView(db, actorOf(req), Number(req.params.id)),
  );

  r.post(
    '/api/grading-campaigns/:id/close',
    {
      schema: {
        tags,
        summary:
          'Kết thúc đợt kiểm điểm, xếp loại: từ đó các chi bộ trực thuộc không ghi thêm bản kiểm điểm, kết quả biểu quyết, tự đánh giá của năm (đã kết thúc: 409)',
        params: idParams,
      },
    },
    async (req) => closeCampaign(db, actorOf(req), Number(req.params.id), req.ip),
  );

  r.get(
    '/api/me/grading',
    {
      schema: {
        tags,
        summary:
          'Việc kiểm điểm của tôi: các đợt đang mở cho chi bộ của tôi và bản kiểm điểm của tôi; với bí thư, tình hình buổi kiểm điểm của chi bộ',
      },
    },
    async (req) => myGrading(db, actorOf(req)),
  );

  r.get(
    '/api/members/:id/year/:year',
    {
      schema: {
        tags,
        summary:
          'Một năm của đảng viên theo sổ sách: sinh hoạt (dự, vắng và lý do), nhiệm vụ (được giao, hoàn thành, chậm), đảng phí, khen thưởng, kỷ luật; có xếp loại hay không',
        params: yearParams,
      },
    },
    async (req) => {
      const { id, year } = req.params;
      await gradingMember(db, actorOf(req), id);
      return yearRecord(db, id, year);
    },
  );

  r.get(
    '/api/members/:id/grading/:year/self-review',
    {
      schema: {
        tags,
        summary:
          'Bản kiểm điểm cá nhân của năm: các mục theo mẫu và nội dung đảng viên viết, mức tự nhận, trạng thái, kết quả trong năm theo sổ sách',
        params: yearParams,
      },
    },
    async (req) => selfReviewView(db, actorOf(req), req.params.id, req.params.year),
  );

  r.put(
    '/api/members/:id/grading/:year/self-review',
    {
      schema: {
        tags,
        summary:
          'Đảng viên lưu bản nháp hoặc nộp bản kiểm điểm của mình (submit: true); đã nộp thì không sửa được đến khi bí thư trả lại; bản cũ hơn bản đã lưu: 409',
        params: yearParams,
        body: selfReviewBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { id, year } = req.params;
      await saveSelfReview(db, actor, id, year, req.body, req.ip);
      return selfReviewView(db, actor, id, year);
    },
  );

  r.post(
    '/api/members/:id/grading/:year/self-review/return',
    {
      schema: {
        tags,
        summary: 'Bí thư chi bộ trả lại bản kiểm điểm đã nộp để đảng viên sửa',
        params: yearParams,
        body: returnBody,
      },
    },
    async (req) => {
      const { id, year } = req.params;
      const revision = await returnSelfReview(db, actorOf(req), id, year, req.body?.note ?? null, req.ip);
      return { revision, status: 'draft' as const };
    },
  );

  r.get(
    '/api/members/:id/grading/:year/self-review.docx',
    {
      schema: {
        tags,
        summary:
          'Tải bản kiểm điểm cá nhân của năm (Word, mẫu HD 36): các mục, bảng kết quả trong năm, mức tự nhận, chữ ký',
        params: yearParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { id, year } = req.params;
      const view = await selfReviewView(db, actor, id, year);
      const [info] = await db.query<{ birth_date: string | null; superior: string | null }>(
        `SELECT to_char(m.birth_date, 'YYYY-MM-DD') AS birth_date, p.name AS superior
           FROM members m JOIN org_units c ON c.id = $2 LEFT JOIN org_units p ON p.id = c.parent_id WHERE m.id = $1`,
        [id, view.cellId],
      );
      const superior = info?.superior ?? '';
      const level = view.levels.find((l) => l.key === view.proposedLevel);
      const bytes = await renderSelfReviewDocx({
        year,
        fullName: view.fullName,
        birthDate: info?.birth_date ? formatDate(info.birth_date) : null,
        cellName: view.cellName,
        superiorName: superior,
        placeName: placeOf(superior),
        status: view.status,
        submittedOn: view.submittedAt ? formatDate(view.submittedAt) : null,
        sections: view.sections.map((s) => ({ title: s.title, text: s.text })),
        proposedLevelLabel: level?.label ?? null,
        notGradedReason: view.notGradedReason,
        record: {
          meetings: view.record.meetings,
          missed: view.record.meetings.missed,
          tasks: view.record.tasks,
          dues: view.record.dues,
          commendations: view.record.commendations,
          disciplines: view.record.disciplines,
        },
      });
      await audit(
        db,
        actor,
        {
          action: 'grading.self_review_download',
          entityType: 'member',
          entityId: id,
          orgUnitId: view.cellId,
          after: { year, format: 'docx' },
        },
        req.ip,
      );
      return sendFile(reply, bytes, safeFileName(`Ban-kiem-diem-${year} - ${view.fullName}.docx`), DOCX);
    },
  );

  r.get(
    '/api/org-units/:id/grading/:year/session',
    {
      schema: {
        tags,
        summary:
          'Buổi kiểm điểm của chi bộ: từng đảng viên với bản kiểm điểm, mức tự nhận, kết quả trong năm, kết quả biểu quyết trên số đảng viên chính thức; tự đánh giá của chi bộ',
        params: yearParams,
      },
    },
    async (req) => sessionView(db, actorOf(req), req.params.id, req.params.year),
  );

  r.put(
    '/api/org-units/:id/grading/:year/session/votes/:memberId',
    {
      schema: {
        tags,
        summary:
          'Ghi ý kiến góp ý, số phiếu biểu quyết từng mức (tổng không quá số đảng viên chính thức) và mức chi ủy đề xuất cho một đảng viên',
        params: voteParams,
        body: voteBody,
      },
    },
    async (req) => {
      const { id, year, memberId } = req.params;
      return recordVote(db, actorOf(req), id, year, memberId, req.body, req.ip);
    },
  );

  r.put(
    '/api/org-units/:id/grading/:year/session/self-assessment',
    {
      schema: {
        tags,
        summary:
          'Chi bộ tự chấm điểm theo từng tiêu chí (không quá điểm tối đa), tổng điểm do hệ thống tính, mức tự xếp loại và nhận xét',
        params: yearParams,
        body: selfAssessmentBody,
      },
    },
    async (req) => recordSelfAssessment(db, actorOf(req), req.params.id, req.params.year, req.body, req.ip),
  );
}
