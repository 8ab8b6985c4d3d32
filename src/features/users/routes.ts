import { z } from 'zod';
import { authorize, can, ROLES } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { type App, actorOf, idParams, typed } from '../../server/http.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/service.js';
import { findMember } from '../members/service.js';
import { visibleUnit } from '../org/service.js';
import { addGrant, grantsOf, insertUser, listUsersOfSubtree, removeGrant, visibleUser } from './service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
/** A role on a unit, optionally for a period (e.g. a superior committee member assigned to a cell for a term). */
const grantBody = z.object({
  role: z.enum(ROLES),
  orgUnitId: z.number().int().positive(),
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
      const items = await listUsersOfSubtree(db, unit.path);
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
          memberId: z.number().int().positive().nullish(),
          grants: z.array(grantBody).min(1, 'Cần giao ít nhất một quyền'),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction(async (tx) => {
        if (req.body.memberId) {
          const m = await findMember(tx, req.body.memberId);
          if (!m || !can(actor, 'member.read', m.unit_path)) throw notFound('đảng viên');
          authorize(actor, 'user.manage', m.unit_path, 'đảng viên');
          const [linked] = await tx.query('SELECT 1 FROM users WHERE member_id = $1', [m.id]);
          if (linked) throw new AppError('CONFLICT', 'Đảng viên này đã có tài khoản.');
        }
        const userId = await insertUser(tx, req.body);
        for (const g of req.body.grants) await addGrant(tx, actor, userId, g.role, g.orgUnitId, req.ip, g);
        await audit(
          tx,
          actor,
          {
            action: 'user.create',
            entityType: 'user',
            entityId: userId,
            orgUnitId: req.body.grants[0]!.orgUnitId,
            after: {
              username: req.body.username,
              displayName: req.body.displayName,
              memberId: req.body.memberId ?? null,
            },
          },
          req.ip,
        );
        return userId;
      });
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
      };
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Sửa tên hiển thị, khóa/mở khóa, đặt lại mật khẩu',
        params: idParams,
        body: z.object({
          displayName: z.string().trim().min(2).max(120).optional(),
          active: z.boolean().optional(),
          password: z.string().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        const u = await visibleUser(tx, actor, req.params.id, true);
        if (req.body.password !== undefined) {
          const problem = passwordProblem(req.body.password);
          if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' });
        }
        await tx.query(
          `UPDATE users SET display_name = coalesce($2, display_name), is_active = coalesce($3, is_active),
             password_hash = coalesce($4, password_hash), updated_at = now() WHERE id = $1`,
          [
            u.id,
            req.body.displayName ?? null,
            req.body.active ?? null,
            req.body.password !== undefined ? await hashPassword(req.body.password) : null,
          ],
        );
        if (req.body.active === false || req.body.password !== undefined) await endSessionsOf(tx, u.id);
        await audit(
          tx,
          actor,
          {
            action: 'user.update',
            entityType: 'user',
            entityId: u.id,
            before: { displayName: u.display_name, active: u.is_active },
            after: {
              displayName: req.body.displayName,
              active: req.body.active,
              passwordReset: req.body.password !== undefined,
            },
          },
          req.ip,
        );
      });
      return { ok: true };
    },
  );

  r.post(
    '/api/users/:id/grants',
    { schema: { tags, summary: 'Giao thêm quyền trên một đơn vị', params: idParams, body: grantBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await db.transaction(async (tx) => {
        await visibleUser(tx, actor, req.params.id);
        return addGrant(tx, actor, req.params.id, req.body.role, req.body.orgUnitId, req.ip, req.body);
      });
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
        params: idParams.extend({ grantId: z.coerce.number().int().positive() }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        await visibleUser(tx, actor, req.params.id);
        await removeGrant(tx, actor, req.params.id, req.params.grantId, req.ip);
      });
      return { ok: true };
    },
  );
}
