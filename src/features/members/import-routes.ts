import { z } from 'zod';
import { authorize } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, readUpload, typed } from '../../server/http.js';
import { visibleUnit } from '../org/service.js';
import {
  commitImport,
  createImportJobs,
  importLimitsFrom,
  importView,
  listImports,
  startImport,
  visibleImport,
} from './imports.js';

export async function memberImportRoutes(app: App) {
  const { db, config } = app.ctx;
  // This process's import checks: stopped (and their jobs failed) when the server closes.
  const jobs = createImportJobs(db, {
    limits: importLimitsFrom(config),
    onError: (err) => app.log.error({ err }, 'member import jobs'),
  });
  app.addHook('onClose', () => jobs.stop());
  const r = typed(app);
  const tags = ['members'];

  r.post(
    '/api/org-units/:id/member-imports',
    {
      schema: {
        tags,
        summary: 'Tải lên tệp đảng viên (.xlsx/.csv) để kiểm tra trước khi nhập',
        description:
          'multipart/form-data with one field `file`. Answers 202 with the job id; poll GET /api/member-imports/{id} ' +
          'for progress (processed/totalRows), errors (row, column, message) and the preview; then commit.',
        params: idParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'member.import', unit.path);
      const { bytes, fileName } = await readUpload(req, 'IMPORT_FILE_INVALID');
      if (bytes.length === 0) throw new AppError('IMPORT_FILE_INVALID', 'Tệp rỗng.');
      const id = await startImport(
        db,
        actor,
        unit.id,
        { bytes, fileName: fileName || 'tep-nhap' },
        (err) => req.log.error({ err }, 'member import validation failed'),
        jobs,
        req.ip,
      );
      reply.code(202);
      return { id, status: 'validating' };
    },
  );

  r.get(
    '/api/org-units/:id/member-imports',
    { schema: { tags, summary: 'Các lần nhập gần đây của đơn vị', params: idParams } },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'member.import', unit.path);
      const items = await listImports(db, unit.id);
      return { items, total: items.length };
    },
  );

  r.get(
    '/api/member-imports/:id',
    {
      schema: { tags, summary: 'Tiến độ, lỗi từng dòng và bản xem trước của một lần nhập', params: idParams },
    },
    async (req) => importView(db, await visibleImport(db, actorOf(req), req.params.id)),
  );

  r.post(
    '/api/member-imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Ghi bản nhập đã kiểm tra vào hệ thống (tất cả hoặc không dòng nào)',
        params: idParams,
        body: z.object({}).optional(),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await commitImport(db, actor, req.params.id, req.ip);
      return { ...(await importView(db, await visibleImport(db, actor, req.params.id))), result };
    },
  );
}
