/**
 * Background exports (issue 12, ADR 026 part 2, ADR 028): queue an export of a unit's member
 * list, follow its progress, download the file, list my exports. Everything is the requester's
 * own: another user's job answers 404, as if absent.
 */
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { authorize } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, intText, isoDate, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';
import { decodeCursor, encodeCursor } from '../oversight/subtree-cursor.js';
import { createExportRunner } from './runner.js';
import {
  countJobs,
  createExportJob,
  EXPORT_KINDS,
  exportDirOf,
  jobFileFor,
  listJobs,
  presentJob,
  visibleJob,
} from './service.js';

export const EXPORTS_MAX_LIMIT = 100;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const createBody = z.object({
  kind: z.enum(EXPORT_KINDS, { error: 'Loại tệp xuất không hợp lệ (chỉ có "members").' }),
  date: isoDate.optional(),
});

const listQuery = z.object({
  limit: intText(1, 1_000_000, 'limit').optional(),
  cursor: z.string({ error: 'Con trỏ trang (cursor) phải là chuỗi ký tự' }).max(800).optional(),
});

export async function exportRoutes(app: App) {
  const { db, config } = app.ctx;
  const dir = exportDirOf(config);
  const runner = createExportRunner(db, {
    dir,
    keepHours: config.exportKeepHours,
    onError: (err) => app.log.error({ err }, 'export job failed'),
  });
  app.addHook('onClose', async () => runner.stop());
  const r = typed(app);
  const tags = ['exports'];

  r.post(
    '/api/org-units/:id/exports',
    {
      schema: {
        tags,
        summary: 'Xuất tệp chạy nền: danh sách đảng viên của đơn vị (cả các đơn vị trực thuộc)',
        description:
          'Trả về 202 với `job`; theo dõi bằng GET /api/exports/{id}, tải bằng GET /api/exports/{id}/file. Mỗi người có tối đa EXPORT_MAX_JOBS_PER_USER tệp đang chạy (429 EXPORT_TOO_MANY_JOBS).',
        params: idParams,
        body: createBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'member.read', unit.path);
      const job = await createExportJob(
        db,
        actor,
        unit,
        { kind: req.body.kind, date: req.body.date ?? todayIso() },
        { maxJobsPerUser: config.exportMaxJobsPerUser, ip: req.ip },
      );
      runner.kick();
      return reply.code(202).send({ job: presentJob(job) });
    },
  );

  r.get(
    '/api/exports',
    {
      schema: {
        tags,
        summary: 'Các tệp tôi đã xuất (mới nhất trước), phân trang bằng con trỏ',
        querystring: listQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
      if (limit > EXPORTS_MAX_LIMIT)
        throw new AppError(
          'VALIDATION_FAILED',
          `Mỗi trang lấy tối đa ${EXPORTS_MAX_LIMIT} dòng (limit từ 1 đến ${EXPORTS_MAX_LIMIT}).`,
          { field: 'limit', max: EXPORTS_MAX_LIMIT },
        );
      const cursor = req.query.cursor ? decodeCursor('exports', 'text', req.query.cursor) : null;
      const total = cursor ? cursor.total : await countJobs(db, actor);
      const rows = await listJobs(db, actor, { limit, beforeId: cursor?.id ?? null });
      const last = rows[rows.length - 1];
      return {
        items: rows.map(presentJob),
        total,
        nextCursor:
          last && rows.length === limit ? encodeCursor('exports', { key: '', id: last.id, total }) : null,
      };
    },
  );

  r.get(
    '/api/exports/:id',
    { schema: { tags, summary: 'Tiến độ của một tệp xuất (chỉ người yêu cầu xem được)', params: idParams } },
    async (req) => ({ job: presentJob(await visibleJob(db, actorOf(req), Number(req.params.id))) }),
  );

  r.get(
    '/api/exports/:id/file',
    {
      schema: {
        tags,
        summary: 'Tải tệp đã xuất (409 khi chưa xong, 410 khi đã hết hạn)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const job = await visibleJob(db, actor, Number(req.params.id));
      // The requester must still be allowed to read the members of that unit.
      const unit = await visibleUnit(db, actor, job.org_unit_id);
      authorize(actor, 'member.read', unit.path);
      const file = await jobFileFor(db, actor, job.id, dir, req.ip);
      return reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('Content-Length', String(file.bytes))
        .header('Cache-Control', 'no-store')
        .send(createReadStream(file.path));
    },
  );
}
