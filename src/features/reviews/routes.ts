/**
 * Periodic reviews (sơ kết / tổng kết) of a committee, ADR 021 routes and ADR 022: create a draft
 * for a unit and a period, write it, preview its statistics, issue it (frozen, locked), list its
 * versions and download it as Word, PDF and Excel (appendix tables).
 */
import { renderReviewDocx } from '../../documents/review-docx.js';
import { renderReviewPdf } from '../../documents/review-pdf.js';
import { statisticsSentences } from '../../documents/review-sentences.js';
import { reviewTables } from '../../documents/review-text.js';
import { renderReviewXlsx } from '../../documents/review-xlsx.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { readDb } from '../../server/read-db.js';
import { createReviewBody, reviewListQuery, updateReviewBody } from './schema.js';
import {
  auditDownload,
  createReview,
  issueReview,
  listReviews,
  listVersions,
  loadReview,
  reviewData,
  reviewView,
  updateReview,
} from './service.js';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function reviewRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['reviews'];

  r.post(
    '/api/org-units/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Lập dự thảo báo cáo sơ kết, tổng kết của đơn vị cho một kỳ (tháng bắt đầu, tháng kết thúc)',
        params: idParams,
        body: createReviewBody,
      },
    },
    async (req, reply) => {
      const created = await createReview(db, actorOf(req), Number(req.params.id), req.body, req.ip);
      reply.code(201);
      return created;
    },
  );

  r.get(
    '/api/org-units/:id/reviews',
    {
      schema: {
        tags,
        summary: 'Các báo cáo sơ kết, tổng kết của đơn vị (mới nhất trước), theo trang',
        params: idParams,
        querystring: reviewListQuery,
      },
    },
    async (req) => listReviews(db, actorOf(req), Number(req.params.id), req.query),
  );

  r.get(
    '/api/reviews/:id',
    {
      schema: {
        tags,
        summary: 'Một báo cáo sơ kết, tổng kết: thể thức, các phần nội dung, trạng thái',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return reviewView(await loadReview(db, actor, Number(req.params.id)), actor);
    },
  );

  r.put(
    '/api/reviews/:id',
    {
      schema: {
        tags,
        summary:
          'Sửa dự thảo: số, ký hiệu, địa danh, ngày, người ký, nơi nhận và các phần mở đầu, ưu điểm, hạn chế, nguyên nhân, bài học, phương hướng (báo cáo đã ban hành: 409)',
        params: idParams,
        body: updateReviewBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return reviewView(await updateReview(db, actor, Number(req.params.id), req.body, req.ip), actor);
    },
  );

  r.post(
    '/api/reviews/:id/issue',
    {
      schema: {
        tags,
        summary:
          'Ban hành báo cáo: chốt số liệu và nội dung thành một phiên bản có mã băm; sau đó không sửa được',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const id = Number(req.params.id);
      const issued = await issueReview(db, actor, id, req.ip);
      return { ...reviewView(await loadReview(db, actor, id), actor), ...issued };
    },
  );

  r.get(
    '/api/reviews/:id/versions',
    {
      schema: {
        tags,
        summary: 'Các phiên bản đã lưu của báo cáo (mỗi lần lưu dự thảo và lần ban hành), mới nhất trước',
        params: idParams,
        querystring: reviewListQuery,
      },
    },
    async (req) => listVersions(db, actorOf(req), Number(req.params.id), req.query),
  );

  r.get(
    '/api/reviews/:id/statistics',
    {
      schema: {
        tags,
        summary:
          'Xem trước phần số liệu của báo cáo: các câu thống kê và bảng theo năm, theo đơn vị (dự thảo: số liệu hiện tại; đã ban hành: số liệu đã chốt)',
        params: idParams,
      },
    },
    async (req) => {
      const data = await reviewData(readDb(req), actorOf(req), Number(req.params.id));
      const unitName = data.statistics.unit.name;
      return {
        statistics: data.statistics,
        sentences: statisticsSentences(data.statistics, unitName),
        tables: reviewTables(data),
        frozen: !data.draft,
      };
    },
  );

  const renderers = { docx: renderReviewDocx, pdf: renderReviewPdf, xlsx: renderReviewXlsx } as const;
  const labels = { docx: 'Word', pdf: 'PDF', xlsx: 'Excel (các bảng phụ lục)' } as const;
  for (const format of ['docx', 'pdf', 'xlsx'] as const) {
    r.get(
      `/api/reviews/:id/report.${format}`,
      {
        schema: {
          tags,
          summary: `Tải báo cáo sơ kết, tổng kết — ${labels[format]}; dự thảo ghi “DỰ THẢO”, báo cáo đã ban hành in từ phiên bản đã chốt`,
          params: idParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const id = Number(req.params.id);
        const data = await reviewData(readDb(req), actor, id);
        const bytes = await renderers[format](data);
        await auditDownload(db, actor, id, data, format, req.ip);
        const prefix = format === 'xlsx' ? 'Phu-luc-bao-cao' : 'Bao-cao';
        const name = safeFileName(
          `${prefix}${data.draft ? '-du-thao' : ''} - ${data.statistics.unit.name} - ${data.statistics.period.from}-${data.statistics.period.to}.${format}`,
        );
        return sendFile(reply, bytes, name, MIME[format]);
      },
    );
  }
}
