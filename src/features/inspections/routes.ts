/**
 * Routes of inspection and supervision plans (issue 11 item 4, ADR 025 part D). Thin: validate →
 * service (which authorises) → present.
 */
import { type InspectionConclusionData, renderInspectionDocx } from '../../documents/inspection-docx.js';
import { renderInspectionPdf } from '../../documents/inspection-pdf.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { audit } from '../../server/audit.js';
import { notFound } from '../../server/errors.js';
import { type App, actorOf, idParams, sendFile, typed } from '../../server/http.js';
import { issueInspection } from './issue.js';
import { addRemedy, answerRemedy, decideRemedy } from './remedies.js';
import {
  answerBody,
  inspectionBody,
  issueBody,
  listQuery,
  MAX_INSPECTIONS_LIMIT,
  patchInspectionBody,
  planBody,
  remedyInput,
  remedyParams,
  returnBody,
  yearParams,
} from './schema.js';
import {
  createInspection,
  getInspection,
  getPlan,
  listInspections,
  loadInspection,
  patchInspection,
  remediesOf,
  savePlan,
} from './service.js';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export async function inspectionRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['inspections'];

  r.get(
    '/api/org-units/:id/inspections',
    {
      schema: {
        tags,
        summary: `Các cuộc kiểm tra, giám sát đối với đơn vị và các đơn vị trực thuộc, mỗi cuộc kèm yêu cầu khắc phục; lọc theo năm (year), trạng thái (status: planned, in_progress, concluded); phân trang (limit ≤ ${MAX_INSPECTIONS_LIMIT}, offset). Chi bộ chỉ thấy các cuộc của kế hoạch đã duyệt; nhận xét, kết luận và yêu cầu khắc phục khi kết luận đã ban hành`,
        params: idParams,
        querystring: listQuery,
      },
    },
    async (req) => listInspections(db, actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/org-units/:id/inspection-plans/:year',
    {
      schema: {
        tags,
        summary:
          'Kế hoạch kiểm tra, giám sát năm của cấp ủy và các cuộc kiểm tra, giám sát trong kế hoạch (theo tháng); plan = null khi chưa lập (hoặc còn dự thảo với người không lập)',
        params: yearParams,
      },
    },
    async (req) => getPlan(db, actorOf(req), req.params.id, req.params.year),
  );

  r.put(
    '/api/org-units/:id/inspection-plans/:year',
    {
      schema: {
        tags,
        summary: 'Lập hoặc sửa kế hoạch kiểm tra, giám sát năm (tên, trạng thái dự thảo/đã duyệt)',
        params: yearParams,
        body: planBody,
      },
    },
    async (req) => savePlan(db, actorOf(req), req.params.id, req.params.year, req.body, req.ip),
  );

  r.post(
    '/api/inspection-plans/:id/inspections',
    {
      schema: {
        tags,
        summary:
          'Thêm một cuộc kiểm tra, giám sát vào kế hoạch: đơn vị trực thuộc, loại, nội dung, tháng thực hiện (trong năm của kế hoạch), đoàn',
        params: idParams,
        body: inspectionBody,
      },
    },
    async (req, reply) => {
      const created = await createInspection(db, actorOf(req), req.params.id, req.body, req.ip);
      reply.code(201);
      return created;
    },
  );

  r.get(
    '/api/inspections/:id',
    {
      schema: {
        tags,
        summary:
          'Một cuộc kiểm tra, giám sát: nhận xét (ưu điểm, hạn chế, khuyết điểm), kết luận, yêu cầu khắc phục (kèm báo cáo đã bị trả lại), các lần giám sát gắn với cuộc này',
        params: idParams,
      },
    },
    async (req) => getInspection(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/inspections/:id',
    {
      schema: {
        tags,
        summary:
          'Sửa cuộc kiểm tra, giám sát trước khi ban hành kết luận: nội dung, tháng, đoàn, nhận xét, kết luận, danh sách yêu cầu khắc phục (thay toàn bộ); đã ban hành: 409',
        params: idParams,
        body: patchInspectionBody,
      },
    },
    async (req) => patchInspection(db, actorOf(req), req.params.id, req.body, req.ip),
  );

  r.post(
    '/api/inspections/:id/remedies',
    {
      schema: {
        tags,
        summary: 'Thêm một yêu cầu khắc phục (nội dung, hạn) trước khi ban hành kết luận',
        params: idParams,
        body: remedyInput,
      },
    },
    async (req, reply) => {
      const updated = await addRemedy(db, actorOf(req), req.params.id, req.body, req.ip);
      reply.code(201);
      return updated;
    },
  );

  r.post(
    '/api/inspections/:id/issue',
    {
      schema: {
        tags,
        summary:
          'Ban hành thông báo kết luận (số, ngày): tính mã SHA-256 của nội dung, khóa kết luận và yêu cầu khắc phục, báo cho bí thư chi bộ được kiểm tra',
        params: idParams,
        body: issueBody,
      },
    },
    async (req) => issueInspection(db, actorOf(req), req.params.id, req.body, req.ip),
  );

  r.post(
    '/api/remedies/:id/answer',
    {
      schema: {
        tags,
        summary: 'Chi bộ báo cáo kết quả khắc phục một yêu cầu của kết luận đã ban hành',
        params: remedyParams,
        body: answerBody,
      },
    },
    async (req) => answerRemedy(db, actorOf(req), req.params.id, req.body.answer, req.ip),
  );

  r.post(
    '/api/remedies/:id/close',
    {
      schema: {
        tags,
        summary: 'Cấp ủy xác nhận đã khắc phục và đóng yêu cầu (chi bộ phải báo cáo trước)',
        params: remedyParams,
      },
    },
    async (req) => decideRemedy(db, actorOf(req), req.params.id, { outcome: 'closed' }, req.ip),
  );

  r.post(
    '/api/remedies/:id/return',
    {
      schema: {
        tags,
        summary: 'Cấp ủy trả lại báo cáo khắc phục (kèm lý do); báo cáo cũ được lưu lại',
        params: remedyParams,
        body: returnBody,
      },
    },
    async (req) =>
      decideRemedy(
        db,
        actorOf(req),
        req.params.id,
        { outcome: 'returned', comment: req.body.comment },
        req.ip,
      ),
  );

  for (const format of ['docx', 'pdf'] as const) {
    r.get(
      `/api/inspections/:id/conclusion.${format}`,
      {
        schema: {
          tags,
          summary: `Tải thông báo kết luận kiểm tra, giám sát — ${format === 'docx' ? 'Word' : 'PDF'} (mẫu HD 36); trước khi ban hành ghi “DỰ THẢO”, sau khi ban hành in số, ngày và mã SHA-256`,
          params: idParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { row, manager } = await loadInspection(db, actor, req.params.id);
        // The draft conclusion does not exist for the inspected unit.
        if (!manager && !row.issued_at) throw notFound('thông báo kết luận');
        const remedies = (await remediesOf(db, [row.id])).get(row.id) ?? [];
        const data: InspectionConclusionData = {
          committeeUnitName: row.plan_unit_name,
          committeeUnitKind: row.plan_unit_kind,
          superiorUnitName: row.superior_name,
          superiorUnitKind: row.superior_kind,
          year: row.plan_year,
          unitName: row.unit_name,
          kind: row.kind,
          content: row.content,
          plannedMonth: row.planned_month,
          team: row.team,
          strengths: row.strengths,
          limitations: row.limitations,
          shortcomings: row.shortcomings,
          conclusion: row.conclusion,
          remedies: remedies.map((x) => ({ position: x.position, content: x.content, dueOn: x.due_on })),
          conclusionNo: row.conclusion_no,
          concludedOn: row.concluded_on,
          contentHash: row.content_hash,
          issued: row.issued_at !== null,
        };
        const bytes = format === 'docx' ? await renderInspectionDocx(data) : await renderInspectionPdf(data);
        await audit(
          db,
          actor,
          {
            action: 'inspection.download',
            entityType: 'inspection',
            entityId: row.id,
            orgUnitId: row.unit_id,
            after: { format, ...(data.issued ? { number: row.conclusion_no } : { draft: true }) },
          },
          req.ip,
        );
        const name = safeFileName(
          `Thong-bao-ket-luan${data.issued ? '' : '-du-thao'} - ${row.unit_name} - ${row.planned_month}.${format}`,
        );
        return sendFile(reply, bytes, name, MIME[format]);
      },
    );
  }
}
