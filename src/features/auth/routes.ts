import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { ROLE_LABELS } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, typed } from '../../server/http.js';
import {
  findMember,
  loadMemberships,
  loadPeriods,
  memberFieldAccess,
  presentMember,
  statusOn,
} from '../members/service.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { endSessionsOf, login, logout } from './service.js';

export const SESSION_COOKIE = 'chibo_session';

export async function authRoutes(app: App) {
  const { db, config } = app.ctx;
  const policy = { ttlMinutes: config.sessionTtlMinutes, idleMinutes: config.sessionIdleMinutes };
  const r = typed(app);

  r.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: config.loginRateLimitPerMinute,
          timeWindow: 60_000,
          // Per address and username: a shared office IP does not lock out colleagues.
          keyGenerator: (req) =>
            `${req.ip}:${String((req.body as { username?: string } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        description:
          'Sets the httpOnly session cookie `chibo_session`. The response carries `csrfToken`: every later ' +
          'POST/PUT/PATCH/DELETE must send it in the `X-CSRF-Token` header (CSRF protection bound to the session).',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => {
      const s = await login(db, policy, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, s.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        expires: s.expiresAt,
      });
      return { ok: true, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Đăng xuất' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'Người dùng hiện tại, hồ sơ đảng viên, quyền và đơn vị' } },
    async (req) => {
      const actor = actorOf(req);
      let member = null;
      if (actor.memberId) {
        const m = await findMember(db, actor.memberId);
        if (m) {
          const [periods, memberships] = await Promise.all([
            loadPeriods(db, [m.id]),
            loadMemberships(db, [m.id]),
          ]);
          member = presentMember(
            m,
            memberFieldAccess(actor, m),
            statusOn(m, periods, memberships, todayIso()),
          );
        }
      }
      // Home: the unit the user belongs to (their cell) or, failing that, the widest unit they administer.
      const homeUnitId = member?.unitId ?? actor.grants[0]?.orgUnitId ?? null;
      return {
        user: { id: actor.userId, username: actor.username, displayName: actor.displayName },
        member,
        grants: actor.grants.map((g) => ({
          id: g.id,
          role: g.role,
          roleLabel: ROLE_LABELS[g.role],
          orgUnitId: g.orgUnitId,
          orgUnitName: g.unitName,
        })),
        homeUnitId,
        csrfToken: actor.csrfToken,
      };
    },
  );

  r.post(
    '/api/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của chính mình (các phiên khác bị đăng xuất)',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(200) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const [u] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
        actor.userId,
      ]);
      if (!u || !(await verifyPassword(u.password_hash, req.body.currentPassword))) {
        throw new AppError('VALIDATION_FAILED', 'Mật khẩu hiện tại không đúng.', {
          field: 'currentPassword',
        });
      }
      const problem = passwordProblem(req.body.newPassword);
      if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'newPassword' });
      const hash = await hashPassword(req.body.newPassword);
      await db.transaction(async (tx) => {
        await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
          actor.userId,
          hash,
        ]);
        await endSessionsOf(tx, actor.userId, actor.sessionId);
        await audit(
          tx,
          actor,
          { action: 'user.password_change', entityType: 'user', entityId: actor.userId },
          req.ip,
        );
      });
      return { ok: true };
    },
  );
}
