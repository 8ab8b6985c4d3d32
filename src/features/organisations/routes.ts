/** Routes of the locality's organisations (issue 11 item 6, ADR 025 part E): thin. */
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { organisationBody, organisationPatch, organisationsQuery } from './schema.js';
import {
  cellForOrganisations,
  createOrganisation,
  listOrganisations,
  updateOrganisation,
} from './service.js';

export async function organisationRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['organisations'];

  r.get(
    '/api/org-units/:id/organisations',
    {
      schema: {
        tags,
        summary:
          'Các tổ chức ở địa bàn của chi bộ (Mặt trận, đoàn thể, công an viên, dân quân) với nhiệm vụ đang thực hiện và báo cáo gần nhất',
        params: idParams,
        querystring: organisationsQuery,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const unit = await cellForOrganisations(db, actor, req.params.id, 'meeting.read');
      return listOrganisations(db, actor, unit, req.query);
    },
  );

  r.post(
    '/api/org-units/:id/organisations',
    {
      schema: {
        tags,
        summary: 'Thêm một tổ chức ở địa bàn (loại, tên, người liên hệ, số điện thoại)',
        params: idParams,
        body: organisationBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const unit = await cellForOrganisations(db, actor, req.params.id, 'meeting.manage');
      const out = await db.transaction((tx) => createOrganisation(tx, actor, unit, req.body, req.ip));
      reply.code(201);
      return out;
    },
  );

  r.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Sửa hoặc ngừng theo dõi một tổ chức (không xóa: nhiệm vụ đã giao vẫn giữ)',
        params: idParams,
        body: organisationPatch,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction((tx) => updateOrganisation(tx, actor, req.params.id, req.body, req.ip));
    },
  );
}
