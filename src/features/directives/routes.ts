/**
 * The directives library's routes (issue 11 part A, ADR 025 "Routes"). Thin: validate → service
 * (which authorises: outside scope 404, seen but not allowed 403) → present.
 */
import { z } from 'zod';
import { safeFileName } from '../../domain/vietnamese.js';
import { type App, actorOf, idParams, readUpload, sendFile, typed } from '../../server/http.js';
import {
  listDissemination,
  meetingDirectives,
  recordDissemination,
  remindPending,
  undoDissemination,
} from './dissemination.js';
import { addDirectiveFile, getDirectiveFile, removeDirectiveFile } from './files.js';
import {
  createBody,
  disseminationQuery,
  fileParams,
  listQuery,
  meetingDirectiveParams,
  patchBody,
  withdrawBody,
} from './schema.js';
import {
  createDirective,
  directiveDetail,
  listUnitDirectives,
  managedDirective,
  markRead,
  publishDirective,
  updateDirective,
  withdrawDirective,
} from './service.js';

export async function directiveRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['directives'];

  r.get(
    '/api/org-units/:id/directives',
    {
      schema: {
        tags,
        summary:
          'Văn bản chỉ đạo đến đơn vị: do đơn vị hoặc cấp trên ban hành (mới nhất trước; cán bộ văn phòng thấy cả dự thảo của mình). Tìm theo số, trích yếu (`q`); lọc `status`; `unread=true`: văn bản đảng viên chưa đọc. Mỗi văn bản có ngày chi bộ quán triệt và đã đọc chưa. limit ≤ 100',
        params: idParams,
        querystring: listQuery,
      },
    },
    async (req) => listUnitDirectives(db, actorOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/org-units/:id/directives',
    {
      schema: {
        tags,
        summary:
          'Soạn văn bản (dự thảo): loại, số/ký hiệu, ngày ban hành, cơ quan ban hành, trích yếu, tóm tắt, có yêu cầu quán triệt và hạn quán triệt',
        params: idParams,
        body: createBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction((tx) => createDirective(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return directiveDetail(db, actor, id);
    },
  );

  r.get(
    '/api/directives/:id',
    {
      schema: {
        tags,
        summary:
          'Một văn bản: số, ngày, cơ quan ban hành, trích yếu, tóm tắt, tệp đính kèm, chi bộ và dấu đã đọc của tôi',
        params: idParams,
      },
    },
    async (req) => directiveDetail(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/directives/:id',
    {
      schema: {
        tags,
        summary:
          'Sửa văn bản: dự thảo sửa được mọi trường; văn bản đã ban hành chỉ sửa tóm tắt và hạn quán triệt (DIRECTIVE_LOCKED)',
        params: idParams,
        body: patchBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => updateDirective(tx, actor, req.params.id, req.body, req.ip));
      return directiveDetail(db, actor, req.params.id);
    },
  );

  r.post(
    '/api/directives/:id/publish',
    {
      schema: {
        tags,
        summary:
          'Ban hành văn bản đến các chi bộ của đơn vị: báo bí thư chi bộ khi cần quán triệt, báo đảng viên "Có văn bản mới"; sau khi ban hành không sửa được số, ngày, cơ quan, trích yếu',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const sent = await db.transaction((tx) => publishDirective(tx, actor, req.params.id, req.ip));
      return { ...sent, directive: await directiveDetail(db, actor, req.params.id) };
    },
  );

  r.post(
    '/api/directives/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Thu hồi văn bản đã ban hành (ghi lý do)',
        params: idParams,
        body: withdrawBody,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => withdrawDirective(tx, actor, req.params.id, req.body.reason, req.ip));
      return directiveDetail(db, actor, req.params.id);
    },
  );

  r.post(
    '/api/directives/:id/remind',
    {
      schema: {
        tags,
        summary:
          'Nhắc bí thư các chi bộ chưa quán triệt văn bản; mỗi ngày một lần (DIRECTIVE_REMIND_TOO_SOON)',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => remindPending(tx, actor, req.params.id, req.ip));
    },
  );

  r.post(
    '/api/directives/:id/files',
    {
      schema: {
        tags,
        summary:
          'Đính kèm tệp vào dự thảo văn bản (PDF, DOCX, ảnh; kiểm tra theo nội dung tệp, giới hạn dung lượng)',
        description: 'multipart/form-data: `file`.',
        params: idParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await managedDirective(db, actor, req.params.id);
      const { bytes, fileName } = await readUpload(req, 'VALIDATION_FAILED');
      const file = await db.transaction((tx) =>
        addDirectiveFile(tx, actor, req.params.id, { bytes, fileName: fileName || 'van-ban' }, req.ip),
      );
      reply.code(201);
      return file;
    },
  );

  r.get(
    '/api/directives/:id/files/:fileId',
    { schema: { tags, summary: 'Tải một tệp của văn bản', params: fileParams } },
    async (req, reply) => {
      const f = await getDirectiveFile(db, actorOf(req), req.params.id, req.params.fileId);
      return sendFile(reply, f.bytes, safeFileName(f.fileName), f.mime);
    },
  );

  r.delete(
    '/api/directives/:id/files/:fileId',
    { schema: { tags, summary: 'Gỡ một tệp khỏi dự thảo văn bản', params: fileParams } },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => removeDirectiveFile(tx, actor, req.params.id, req.params.fileId, req.ip));
      return { ok: true };
    },
  );

  r.post(
    '/api/directives/:id/read',
    {
      schema: {
        tags,
        summary: 'Đảng viên đánh dấu "đã đọc" văn bản (chính mình; gọi lại không đổi gì)',
        params: idParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => markRead(tx, actor, req.params.id, req.ip));
    },
  );

  r.get(
    '/api/directives/:id/dissemination',
    {
      schema: {
        tags,
        summary:
          'Tình hình quán triệt theo chi bộ (các chi bộ của đơn vị ban hành lúc ban hành): ngày, buổi sinh hoạt, số dự/tổng số, tỷ lệ, quá hạn, số đảng viên đã đọc; lọc `state=done|pending|late`; tổng hợp `summary`. limit ≤ 200',
        params: idParams,
        querystring: disseminationQuery,
      },
    },
    async (req) => listDissemination(db, actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/meetings/:id/directives',
    {
      schema: {
        tags,
        summary:
          'Văn bản cấp trên chi bộ cần quán triệt (chưa quán triệt) và văn bản đã quán triệt tại buổi này',
        params: idParams,
      },
    },
    async (req) => meetingDirectives(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/meetings/:id/directives/:directiveId',
    {
      schema: {
        tags,
        summary:
          'Ghi nhận chi bộ đã quán triệt văn bản tại buổi sinh hoạt (đang họp, hoặc đã họp mà biên bản chưa thông qua): ngày họp, số dự/tổng số',
        params: meetingDirectiveParams,
        body: z.object({}).strict().nullish(),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const done = await db.transaction((tx) =>
        recordDissemination(tx, actor, req.params.id, req.params.directiveId, req.ip),
      );
      reply.code(201);
      return done;
    },
  );

  r.delete(
    '/api/meetings/:id/directives/:directiveId',
    {
      schema: {
        tags,
        summary: 'Bỏ ghi nhận quán triệt tại buổi sinh hoạt (chỉ khi đang họp)',
        params: meetingDirectiveParams,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) =>
        undoDissemination(tx, actor, req.params.id, req.params.directiveId, req.ip),
      );
      return { ok: true };
    },
  );
}
