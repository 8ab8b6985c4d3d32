import { z } from 'zod';
import { renderMinutesDocx } from '../../documents/minutes-docx.js';
import { renderMinutesPdf } from '../../documents/minutes-pdf.js';
import { renderResolutionDocx } from '../../documents/resolution-docx.js';
import { renderResolutionPdf } from '../../documents/resolution-pdf.js';
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { authorize } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, isoDate, sendFile, typed } from '../../server/http.js';
import { rulePackForUnit, visibleUnit } from '../org/service.js';
import { meetingDetail } from './detail.js';
import { getDocument, postDocument, removeDocument } from './documents.js';
import { MEETING_KINDS } from './labels.js';
import {
  activeSeries,
  cancelMeeting,
  createMeeting,
  generateMeetings,
  markPrepStep,
  saveSeries,
  saveThematicPlan,
  sendInvitations,
  updateMeeting,
} from './plan.js';
import {
  adoptRecord,
  openCorrection,
  recordForRendering,
  saveDraftText,
  signDraft,
  versions,
} from './record.js';
import {
  addGuest,
  addSpeech,
  addTask,
  endMeeting,
  recordVote,
  reviewTask,
  selfCheckIn,
  setAttendance,
  startMeeting,
} from './running.js';
import {
  agendaItemSchema,
  agendaSchema,
  attendanceSchema,
  cancelSchema,
  checkInSchema,
  createMeetingSchema,
  guestSchema,
  prepStepSchema,
  seriesSchema,
  speechSchema,
  taskReviewSchema,
  taskSchema,
  thematicPlanSchema,
  updateMeetingSchema,
  voteSchema,
} from './schema.js';
import { listUnitMeetings, presentMeetingSummary, visibleMeeting } from './service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const meetingItem = idParams.extend({ itemId: z.coerce.number().int().positive() });

export async function meetingRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['meetings'];
  const detail = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const actor = actorOf(req);
    return meetingDetail(db, actor, await visibleMeeting(db, actor, id));
  };

  // ---- plan ----------------------------------------------------------------------------------
  r.get(
    '/api/org-units/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Các buổi sinh hoạt của chi bộ trong một khoảng ngày',
        params: idParams,
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const today = todayIso();
      const from = req.query.from ?? `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
      const to = req.query.to ?? `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
      const items = (await listUnitMeetings(db, unit.id, from, to)).map(presentMeetingSummary);
      return { items, total: items.length, from, to };
    },
  );

  r.get(
    '/api/org-units/:id/meeting-plan',
    {
      schema: {
        tags,
        summary: 'Lịch sinh hoạt thường kỳ và kế hoạch chuyên đề năm của chi bộ',
        params: idParams,
        querystring: z.object({ year: z.coerce.number().int().optional() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'meeting.read', unit.path);
      const year = req.query.year ?? Number(todayIso().slice(0, 4));
      const series = await activeSeries(db, unit.id);
      const plans = await db.query<{
        quarter: number;
        topic: string;
        month: number | null;
        presenter_member_id: number | null;
      }>(
        'SELECT quarter, topic, month, presenter_member_id FROM thematic_plans WHERE unit_id = $1 AND year = $2 ORDER BY quarter',
        [unit.id, year],
      );
      const pack = await rulePackForUnit(db, unit.path, todayIso());
      return {
        series: series
          ? { dayOfMonth: series.day_of_month, startTime: series.start_time, place: series.place }
          : null,
        year,
        thematic: plans.map((p) => ({
          quarter: p.quarter,
          topic: p.topic,
          month: p.month,
          presenterMemberId: p.presenter_member_id,
        })),
        suggestions: [
          ...(pack.meetings.thematicSuggestions[unit.cell_type ?? ''] ?? []),
          ...(pack.meetings.thematicSuggestions.default ?? []),
        ],
        minDurationMinutes: pack.meetings.minDurationMinutes,
        kinds: Object.entries(MEETING_KINDS).map(([value, label]) => ({ value, label })),
      };
    },
  );

  r.put(
    '/api/org-units/:id/meeting-series',
    {
      schema: {
        tags,
        summary: 'Đặt lịch sinh hoạt thường kỳ (ngày trong tháng, giờ, địa điểm) và lập lịch các tháng tới',
        params: idParams,
        body: seriesSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const s = await saveSeries(tx, actor, req.params.id, req.body, req.ip);
        const unit = await visibleUnit(tx, actor, req.params.id);
        const created = await generateMeetings(tx, unit, { createdBy: actor.userId });
        return {
          series: { dayOfMonth: s.day_of_month, startTime: s.start_time, place: s.place },
          created: created.length,
        };
      });
    },
  );

  r.post(
    '/api/org-units/:id/meetings/generate',
    {
      schema: {
        tags,
        summary: 'Lập lịch các tháng tới theo lịch thường kỳ (chạy lại không tạo trùng)',
        params: idParams,
        body: z.object({ months: z.number().int().min(1).max(12).optional() }).optional(),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const unit = await visibleUnit(tx, actor, req.params.id);
        authorize(actor, 'meeting.manage', unit.path);
        const created = await generateMeetings(tx, unit, {
          months: req.body?.months,
          createdBy: actor.userId,
        });
        return { created: created.length, ids: created };
      });
    },
  );

  r.put(
    '/api/org-units/:id/thematic-plans/:year',
    {
      schema: {
        tags,
        summary: 'Kế hoạch sinh hoạt chuyên đề trong năm (mỗi quý một chuyên đề)',
        params: idParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: thematicPlanSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        saveThematicPlan(tx, actor, req.params.id, req.params.year, req.body.items, req.ip),
      );
      return { ok: true };
    },
  );

  r.post(
    '/api/org-units/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Tạo một buổi sinh hoạt (chuyên đề, họp chi ủy, bất thường…)',
        params: idParams,
        body: createMeetingSchema,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction((tx) => createMeeting(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return detail(req, id);
    },
  );

  r.get(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Một buổi sinh hoạt: chuẩn bị, điểm danh, phát biểu, biểu quyết, nhiệm vụ, biên bản',
        params: idParams,
      },
    },
    async (req) => detail(req, req.params.id),
  );

  r.patch(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Sửa nội dung, người chuẩn bị, chủ trì, thư ký; dời thời gian/địa điểm (cần lý do)',
        params: idParams,
        body: updateMeetingSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => updateMeeting(tx, actor, req.params.id, req.body, req.ip));
      return detail(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Hủy buổi sinh hoạt (có lý do, thông báo đảng viên)',
        params: idParams,
        body: cancelSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => cancelMeeting(tx, actor, req.params.id, req.body.reason, req.ip));
      return detail(req, req.params.id);
    },
  );

  // ---- prepare -------------------------------------------------------------------------------
  r.post(
    '/api/meetings/:id/prep-steps',
    {
      schema: {
        tags,
        summary: 'Đánh dấu một bước chuẩn bị đã làm (có thời điểm)',
        params: idParams,
        body: prepStepSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        const m = await visibleMeeting(tx, actor, req.params.id);
        authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
        await markPrepStep(tx, actor, m.id, req.body.step, req.body.note);
      });
      return detail(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Gửi thông báo mời họp tới đảng viên và cấp ủy viên phụ trách',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const sent = await db.transaction((tx) => sendInvitations(tx, actor, req.params.id, req.ip));
      return { ...sent, meeting: await detail(req, req.params.id) };
    },
  );

  r.post(
    '/api/meetings/:id/documents',
    {
      schema: {
        tags,
        summary: 'Đăng tài liệu (PDF, DOCX, XLSX, ảnh; kiểm tra theo nội dung tệp)',
        description: 'multipart/form-data: `file`, optional `title`, optional `purpose` (material | final).',
        params: idParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const meeting = await visibleMeeting(db, actor, req.params.id);
      authorize(actor, 'meeting.run', meeting.unit_path, 'buổi sinh hoạt');
      if (!req.isMultipart())
        throw new AppError('VALIDATION_FAILED', 'Hãy gửi tệp theo dạng multipart/form-data, trường "file".');
      const part = await req.file();
      if (!part) throw new AppError('VALIDATION_FAILED', 'Chưa chọn tệp.');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      const field = (name: string) => {
        const f = part.fields[name] as { value?: unknown } | undefined;
        return typeof f?.value === 'string' ? f.value : undefined;
      };
      const purpose = field('purpose') === 'final' ? 'final' : 'material';
      const id = await db.transaction((tx) =>
        postDocument(
          tx,
          actor,
          req.params.id,
          { bytes, fileName: part.filename || 'tai-lieu', title: field('title'), purpose },
          req.ip,
        ),
      );
      reply.code(201);
      return { id };
    },
  );

  r.get(
    '/api/meetings/:id/documents/:itemId',
    { schema: { tags, summary: 'Tải một tài liệu', params: meetingItem } },
    async (req, reply) => {
      const d = await getDocument(db, actorOf(req), req.params.id, req.params.itemId);
      return sendFile(reply, d.bytes, safeFileName(d.fileName), d.mime);
    },
  );

  r.delete(
    '/api/meetings/:id/documents/:itemId',
    { schema: { tags, summary: 'Gỡ một tài liệu', params: meetingItem } },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => removeDocument(tx, actor, req.params.id, req.params.itemId, req.ip));
      return { ok: true };
    },
  );

  r.put(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Sửa chương trình (thay toàn bộ, trước khi họp)',
        params: idParams,
        body: agendaSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        const m = await visibleMeeting(tx, actor, req.params.id);
        authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
        if (m.status === 'held' || m.status === 'cancelled') throw new AppError('MEETING_ALREADY_HELD');
        const [used] = await tx.query(
          'SELECT 1 FROM speeches s JOIN agenda_items a ON a.id = s.agenda_item_id WHERE a.meeting_id = $1 LIMIT 1',
          [m.id],
        );
        if (used) throw new AppError('CONFLICT', 'Chương trình đã có ý kiến phát biểu; hãy sửa từng mục.');
        await tx.query('DELETE FROM agenda_items WHERE meeting_id = $1', [m.id]);
        const items = req.body.items;
        await tx.query(
          `INSERT INTO agenda_items (meeting_id, position, section, step_key, title)
         SELECT $1, p, s, k, t FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS x(p, s, k, t)`,
          [
            m.id,
            items.map((_, i) => i + 1),
            items.map((i) => i.section),
            items.map((i) => i.stepKey ?? null),
            items.map((i) => i.title),
          ],
        );
      });
      return detail(req, req.params.id);
    },
  );

  r.patch(
    '/api/meetings/:id/agenda/:itemId',
    {
      schema: {
        tags,
        summary: 'Đánh dấu một mục chương trình đã xong, ghi kết luận của chủ trì',
        params: meetingItem,
        body: agendaItemSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        const m = await visibleMeeting(tx, actor, req.params.id);
        authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
        if (m.status === 'held' || m.status === 'cancelled') throw new AppError('MEETING_ALREADY_HELD');
        const rows = await tx.query(
          `UPDATE agenda_items SET done_at = CASE WHEN $3::bool IS NULL THEN done_at WHEN $3 THEN coalesce(done_at, now()) ELSE NULL END,
             conclusion = CASE WHEN $4::bool THEN $5 ELSE conclusion END, title = coalesce($6, title)
           WHERE id = $1 AND meeting_id = $2 RETURNING id`,
          [
            req.params.itemId,
            m.id,
            req.body.done ?? null,
            req.body.conclusion !== undefined,
            req.body.conclusion ?? null,
            req.body.title ?? null,
          ],
        );
        if (rows.length === 0) throw new AppError('NOT_FOUND', 'Không tìm thấy mục chương trình.');
      });
      return detail(req, req.params.id);
    },
  );

  // ---- run -----------------------------------------------------------------------------------
  r.post(
    '/api/meetings/:id/start',
    {
      schema: {
        tags,
        summary: 'Bắt đầu buổi sinh hoạt (ghi thời điểm, lập danh sách điểm danh)',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => startMeeting(tx, actor, req.params.id, req.ip));
      return detail(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/end',
    { schema: { tags, summary: 'Kết thúc buổi sinh hoạt (ghi thời điểm)', params: idParams } },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => endMeeting(tx, actor, req.params.id, req.ip));
      return detail(req, req.params.id);
    },
  );

  r.put(
    '/api/meetings/:id/attendance/:itemId',
    {
      schema: {
        tags,
        summary: 'Điểm danh một đảng viên (itemId = mã đảng viên)',
        params: meetingItem,
        body: attendanceSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        setAttendance(tx, actor, req.params.id, req.params.itemId, req.body, req.ip),
      );
      return detail(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/check-in',
    {
      schema: {
        tags,
        summary: 'Đảng viên tự điểm danh bằng mã (hoặc mã QR) khi buổi sinh hoạt đang diễn ra',
        params: idParams,
        body: checkInSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => selfCheckIn(tx, actor, req.params.id, req.body.code, req.ip));
    },
  );

  r.post(
    '/api/meetings/:id/guests',
    { schema: { tags, summary: 'Thêm khách mời', params: idParams, body: guestSchema } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction((tx) => addGuest(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return { id };
    },
  );

  r.post(
    '/api/meetings/:id/speeches',
    { schema: { tags, summary: 'Ghi ý kiến phát biểu', params: idParams, body: speechSchema } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction((tx) => addSpeech(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return { id };
    },
  );

  r.post(
    '/api/meetings/:id/votes',
    {
      schema: {
        tags,
        summary: 'Ghi kết quả biểu quyết (tính trên số đảng viên chính thức được triệu tập)',
        params: idParams,
        body: voteSchema,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const out = await db.transaction((tx) => recordVote(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return out;
    },
  );

  r.post(
    '/api/meetings/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Giao nhiệm vụ (nội dung nghị quyết): người thực hiện, thời hạn',
        params: idParams,
        body: taskSchema,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction((tx) => addTask(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return { id };
    },
  );

  r.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags,
        summary: 'Đánh giá kết quả một nhiệm vụ tháng trước tại buổi sinh hoạt sau',
        params: idParams,
        body: taskReviewSchema,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => reviewTask(tx, actor, req.params.id, req.body, req.ip));
      return { ok: true };
    },
  );

  // ---- record --------------------------------------------------------------------------------
  r.get(
    '/api/meetings/:id/record',
    {
      schema: {
        tags,
        summary: 'Các phiên bản biên bản: nháp, chữ ký, đã thông qua (mã băm)',
        params: idParams,
      },
    },
    async (req) => {
      const m = await visibleMeeting(db, actorOf(req), req.params.id);
      const all = await versions(db, m.id);
      return {
        items: all.map((v) => ({
          version: v.version,
          status: v.status,
          text: v.content.text ?? {},
          correctionNote: v.correction_note,
          contentHash: v.content_hash,
          prevHash: v.prev_hash,
          adoptedAt: v.adopted_at ? new Date(v.adopted_at).toISOString() : null,
          chairSignedAt: v.chair_signed_at ? new Date(v.chair_signed_at).toISOString() : null,
          secretarySignedAt: v.secretary_signed_at ? new Date(v.secretary_signed_at).toISOString() : null,
        })),
        total: all.length,
      };
    },
  );

  r.put(
    '/api/meetings/:id/record',
    {
      schema: {
        tags,
        summary: 'Sửa phần lời văn của biên bản nháp (xóa chữ ký đã có)',
        params: idParams,
        body: z.object({
          opening: z.string().max(20_000).optional(),
          situation: z.string().max(20_000).optional(),
          directions: z.string().max(20_000).optional(),
          conclusion: z.string().max(20_000).optional(),
          other: z.string().max(20_000).optional(),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => saveDraftText(tx, actor, req.params.id, req.body, req.ip));
      return { ok: true };
    },
  );

  r.post(
    '/api/meetings/:id/record/sign',
    {
      schema: { tags, summary: 'Chủ trì hoặc thư ký ký biên bản bằng tài khoản của mình', params: idParams },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => signDraft(tx, actor, req.params.id, req.ip));
    },
  );

  r.post(
    '/api/meetings/:id/record/adopt',
    { schema: { tags, summary: 'Thông qua và khóa biên bản (mã băm nối chuỗi)', params: idParams } },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => adoptRecord(tx, actor, req.params.id, req.ip));
    },
  );

  r.post(
    '/api/meetings/:id/record/corrections',
    {
      schema: {
        tags,
        summary: 'Mở bản đính chính (phiên bản mới) cho biên bản đã thông qua',
        params: idParams,
        body: z.object({ note: z.string().trim().min(3, 'Cần ghi nội dung đính chính').max(1000) }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const version = await db.transaction((tx) =>
        openCorrection(tx, actor, req.params.id, req.body.note, req.ip),
      );
      reply.code(201);
      return { version };
    },
  );

  const renderers = {
    'minutes.docx': [renderMinutesDocx, DOCX, 'Bien-ban'],
    'minutes.pdf': [renderMinutesPdf, 'application/pdf', 'Bien-ban'],
    'resolution.docx': [renderResolutionDocx, DOCX, 'Nghi-quyet'],
    'resolution.pdf': [renderResolutionPdf, 'application/pdf', 'Nghi-quyet'],
  } as const;
  for (const [file, [render, mime, prefix]] of Object.entries(renderers)) {
    r.get(
      `/api/meetings/:id/${file}`,
      {
        schema: {
          tags,
          summary: `Tải ${prefix === 'Bien-ban' ? 'biên bản' : 'nghị quyết'} (${file.endsWith('pdf') ? 'PDF' : 'Word'}) theo mẫu văn bản Đảng`,
          params: idParams,
        },
      },
      async (req, reply) => {
        const m = await visibleMeeting(db, actorOf(req), req.params.id);
        if (m.status !== 'held')
          throw new AppError('MEETING_NOT_STARTED', 'Biên bản có sau khi buổi sinh hoạt kết thúc.');
        const { record, adopted } = await recordForRendering(db, m);
        const bytes = await render(record);
        const date = record.scheduledAt.slice(0, 10);
        const name = safeFileName(
          `${prefix}${adopted ? '' : '-du-thao'} - ${m.unit_name} - ${date}.${file.split('.')[1]}`,
        );
        return sendFile(reply, bytes, name, mime);
      },
    );
  }
}
