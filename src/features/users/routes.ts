import { z } from 'zod';
import { authorize, canManageAccount, ROLES } from '../../server/access.js';
import { type App, actorOf, idParams, idText, isoDate, typed } from '../../server/http.js';
import { auditingRefusals } from '../../server/refusals.js';
import { visibleUnit } from '../org/service.js';
import {
  addGrant,
  createUser,
  grantsOf,
  listUsersOfSubtree,
  removeGrant,
  updateUser,
  visibleUser,
} from './service.js';

/** A database id in a body: PostgreSQL `integer`, so larger numbers are refused before any query. */
const dbId = z.number().int().positive().max(2_147_483_647);

/** A role on a unit, optionally for a period (e.g. a superior committee member assigned to a cell for a term). */
const grantBody = z.object({
  role: z.enum(ROLES),
  orgUnitId: dbId,
  validFrom: isoDate.nullish(),
  validTo: isoDate.nullish(),
});

export async function userRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['users'];

  r.get(
    '/api/org-units/:id/users',
    { schema: { tags, summary: 'Tài khoản có quyền hoặc hồ sơ trong đơn vị', params: idParams } },
    async (req) => {
      const actor = actorOf(req);
      const unit = await visibleUnit(db, actor, req.params.id);
      authorize(actor, 'user.read', unit.path);
      const items = await listUsersOfSubtree(db, actor, unit.path);
      return { items, total: items.length };
    },
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Tạo tài khoản (gắn với hồ sơ đảng viên nếu có) và giao quyền',
        body: z.object({
          username: z.string().min(3).max(40),
          displayName: z.string().trim().min(2).max(120),
          password: z.string().min(1).max(200),
          memberId: dbId.nullish(),
          grants: z.array(grantBody).min(1, 'Cần giao ít nhất một quyền').max(20),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await auditingRefusals(db, actor, req.ip, () =>
        db.transaction((tx) => createUser(tx, actor, req.body, req.ip)),
      );
      reply.code(201);
      return { id };
    },
  );

  r.get(
    '/api/users/:id',
    { schema: { tags, summary: 'Một tài khoản và các quyền', params: idParams } },
    async (req) => {
      const actor = actorOf(req);
      const u = await visibleUser(db, actor, req.params.id);
      return {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        memberId: u.member_id,
        active: u.is_active,
        lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
        grants: await grantsOf(db, [u.id]),
        permissions: { canManage: canManageAccount(actor, u.reach) },
      };
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Sửa tên hiển thị, tên đăng nhập, hồ sơ đảng viên gắn kèm; khóa/mở khóa; đặt lại mật khẩu',
        description:
          'Only on an account the caller manages as a whole: every grant (and the member record) of the account ' +
          'must lie where the caller holds user.manage; 404 when none is visible, 403 when only part is.',
        params: idParams,
        body: z.object({
          displayName: z.string().trim().min(2).max(120).optional(),
          active: z.boolean().optional(),
          password: z.string().min(1).max(200).optional(),
          username: z.string().min(3).max(40).optional(),
          memberId: dbId.nullish(),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await auditingRefusals(db, actor, req.ip, () =>
        db.transaction((tx) => updateUser(tx, actor, req.params.id, req.body, req.ip)),
      );
      return { ok: true };
    },
  );

  r.post(
    '/api/users/:id/grants',
    { schema: { tags, summary: 'Giao thêm quyền trên một đơn vị', params: idParams, body: grantBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction((tx) => addGrant(tx, actor, req.params.id, req.body, req.ip));
      reply.code(201);
      return { id };
    },
  );

  r.delete(
    '/api/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        summary: 'Thu hồi một quyền',
        params: idParams.extend({ grantId: idText }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction((tx) => removeGrant(tx, actor, req.params.id, req.params.grantId, req.ip));
      return { ok: true };
    },
  );
}
