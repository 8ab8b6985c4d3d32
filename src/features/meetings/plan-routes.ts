import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import {
  type App,
  actorOf,
  idParams,
  intText,
  isoDate,
  readUpload,
  sendFile,
  typed,
} from '../../server/http.js';
import { rulePackForUnit, visibleUnit } from '../org/service.js';
import { SUBTREE_NOTE, subtreeMeetings, subtreeMeetingsQuery } from '../oversight/subtree-routes.js';
import { replaceAgenda, updateAgendaItem } from './agenda.js';
import { meetingDetailFor, meetingItem } from './detail.js';
import { getDocument, postDocument, removeDocument } from './documents.js';
import { sendInvitations } from './invitations.js';
import { MEETING_KINDS } from './labels.js';
import {
  activeSeries,
  cancelMeeting,
  createMeeting,
  generateMeetings,
  recordPrepStep,
  saveSeries,
  saveThematicPlan,
  updateMeeting,
} from './plan.js';
import {
  agendaItemSchema,
  agendaSchema,
  cancelSchema,
  createMeetingSchema,
  prepStepSchema,
  seriesSchema,
  thematicPlanSchema,
  updateMeetingSchema,
} from './schema.js';
import { listUnitMeetings, presentMeetingSummary, visibleMeeting } from './service.js';

export async function meetingPlanRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['meetings'];
  const detail = (req: FastifyRequest, id: number) => meetingDetailFor(db, actorOf(req), id);

  // ---- plan ----------------------------------------------------------------------------------
  r.get(
    '/api/org-units/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Các buổi sinh hoạt của chi bộ trong một khoảng ngày',
        description: `${SUBTREE_NOTE} Lọc theo \`month\` (YYYY-MM), \`kind\`, \`status\`, \`rating\`.`,
        params: idParams,
        querystring: z.object({ from: isoDate.optional(), to: isoDate.optional(), ...subtreeMeetingsQuery }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.subtree) return subtreeMeetings(db, actor, req.params.id, req.query);
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
        querystring: z.object({ year: intText(2000, 2100, 'Năm').optional() }),
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
        params: idParams.extend({ year: intText(2000, 2100, 'Năm') }),
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
      await db.transaction((tx) =>
        recordPrepStep(tx, actor, req.params.id, req.body.step, req.body.note, req.ip),
      );
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
      const { bytes, fileName, fields } = await readUpload(req, 'VALIDATION_FAILED');
      const purpose = fields.purpose === 'final' ? 'final' : 'material';
      const id = await db.transaction((tx) =>
        postDocument(
          tx,
          actor,
          req.params.id,
          { bytes, fileName: fileName || 'tai-lieu', title: fields.title, purpose },
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
      const actor = actorOf(req);
      const meeting = await visibleMeeting(db, actor, req.params.id);
      const d = await getDocument(db, actor, req.params.id, req.params.itemId);
      // A download of a meeting's papers is audited like any export of personal data.
      await audit(
        db,
        actor,
        {
          action: 'meeting.document_download',
          entityType: 'meeting',
          entityId: meeting.id,
          orgUnitId: meeting.unit_id,
          after: { documentId: req.params.itemId, fileName: d.fileName },
        },
        req.ip,
      );
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
      await db.transaction((tx) => replaceAgenda(tx, actor, req.params.id, req.body.items, req.ip));
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
      await db.transaction((tx) =>
        updateAgendaItem(tx, actor, req.params.id, req.params.itemId, req.body, req.ip),
      );
      return detail(req, req.params.id);
    },
  );
}
