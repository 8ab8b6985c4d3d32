import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, actorOf, dbId, idParams, typed } from '../../server/http.js';
import { meetingDetailFor, meetingItem } from './detail.js';
import { reviewTask } from './follow-up.js';
import {
  addGuest,
  addSpeech,
  addTask,
  endMeeting,
  recordVote,
  selfCheckIn,
  setAttendance,
} from './running.js';
import {
  attendanceSchema,
  checkInSchema,
  guestSchema,
  speechSchema,
  taskReviewSchema,
  taskSchema,
  voteSchema,
} from './schema.js';
import { revertStart, startMeeting } from './start.js';

export async function meetingRunRoutes(app: App) {
  const { db, config } = app.ctx;
  const r = typed(app);
  const tags = ['meetings'];
  const detail = (req: FastifyRequest, id: number) => meetingDetailFor(db, actorOf(req), id);

  // ---- run -----------------------------------------------------------------------------------
  r.post(
    '/api/meetings/:id/start',
    {
      schema: {
        tags,
        summary:
          'Bắt đầu buổi sinh hoạt (ghi thời điểm, lập danh sách điểm danh). Chỉ trong khoảng thời gian quanh giờ đã lên lịch ' +
          '(theo bộ quy định); ngoài khoảng đó trả 409 MEETING_START_OUTSIDE_WINDOW, trừ khi gửi `rescheduleReason` để dời lịch sang bây giờ.',
        params: idParams,
        body: z
          .object({
            rescheduleReason: z.string().trim().min(3, 'Cần ghi lý do dời lịch').max(500).optional(),
          })
          .nullish(),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        startMeeting(tx, actor, req.params.id, { ip: req.ip, rescheduleReason: req.body?.rescheduleReason }),
      );
      return detail(req, req.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/revert-start',
    {
      schema: {
        tags,
        summary: 'Đưa buổi sinh hoạt đã bắt đầu nhầm về trạng thái chưa họp (khi chưa ghi nhận gì)',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(3, 'Cần ghi lý do').max(500) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => revertStart(tx, actor, req.params.id, req.body.reason, req.ip));
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
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Điểm danh nhiều đảng viên một lần (ví dụ: có mặt cho những người còn lại)',
        params: idParams,
        body: z.object({
          items: z
            .array(attendanceSchema.extend({ memberId: dbId }))
            .min(1)
            .max(500),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        for (const { memberId, ...status } of req.body.items)
          await setAttendance(tx, actor, req.params.id, memberId, status, req.ip);
      });
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
      const lockout = {
        maxFailures: config.checkinLockoutFailures,
        lockMinutes: config.checkinLockoutMinutes,
      };
      return selfCheckIn(db, actor, req.params.id, req.body.code, lockout, req.ip);
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
}
