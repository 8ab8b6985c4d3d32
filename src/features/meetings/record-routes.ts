import { z } from 'zod';
import { renderMinutesDocx } from '../../documents/minutes-docx.js';
import { renderMinutesPdf } from '../../documents/minutes-pdf.js';
import { renderResolutionDocx } from '../../documents/resolution-docx.js';
import { renderResolutionPdf } from '../../documents/resolution-pdf.js';
import { safeFileName } from '../../domain/vietnamese.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, dbId, idParams, sendFile, typed } from '../../server/http.js';
import { adoptRecord, openCorrection, saveDraftText, signDraft, versions } from './record.js';
import { recordForRendering } from './record-render.js';
import { visibleMeeting } from './service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function meetingRecordRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['meetings'];
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
    {
      schema: {
        tags,
        summary:
          'Thông qua và khóa biên bản (mã băm nối chuỗi). Thông qua khi buổi sinh hoạt đang diễn ra (kết thúc buổi họp tại thời điểm đó) ' +
          'hoặc ngay sau khi kết thúc (trong số phút theo bộ quy định); muộn hơn thì thông qua tại buổi sinh hoạt kế tiếp đang diễn ra (`atMeetingId`).',
        params: idParams,
        body: z.object({ atMeetingId: dbId.optional() }).nullish(),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) =>
        adoptRecord(tx, actor, req.params.id, { ip: req.ip, atMeetingId: req.body?.atMeetingId }),
      );
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
        if (m.status !== 'held' && m.status !== 'in_progress')
          throw new AppError('MEETING_NOT_STARTED', 'Biên bản có khi buổi sinh hoạt đã bắt đầu.');
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
