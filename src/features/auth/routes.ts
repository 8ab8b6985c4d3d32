import { z } from 'zod';
import { todayIso } from '../../domain/format.js';
import { ROLE_LABELS } from '../../server/access.js';
import { type App, actorOf, typed } from '../../server/http.js';
import {
  findMember,
  loadMemberships,
  loadPeriods,
  memberFieldAccess,
  presentMember,
  statusOn,
} from '../members/service.js';
import { changeOwnPassword } from './password-change.js';
import { login, logout } from './service.js';
import type { LockoutPolicy } from './throttle.js';
import { normalizeUsername } from './username.js';

export const SESSION_COOKIE = 'chibo_session';

export async function authRoutes(app: App) {
  const { db, config } = app.ctx;
  const policy = { ttlMinutes: config.sessionTtlMinutes, idleMinutes: config.sessionIdleMinutes };
  const lockout: LockoutPolicy = {
    maxFailures: config.loginLockoutFailures,
    windowMinutes: config.loginLockoutWindowMinutes,
    lockMinutes: config.loginLockoutMinutes,
  };
  const r = typed(app);

  r.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: config.loginRateLimitPerMinute,
          timeWindow: 60_000,
          // Per address and normalised username: a shared office IP does not lock out colleagues.
          // req.ip is the socket's peer unless TRUST_PROXY names the proxy (X-Forwarded-For is not
          // believed from anyone else). The per-account lock across addresses lives in the database.
          keyGenerator: (req) =>
            `${req.ip}|${normalizeUsername(String((req.body as { username?: unknown } | undefined)?.username ?? ''))}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        description:
          'Sets the httpOnly session cookie `chibo_session`. The response carries `csrfToken`: every later ' +
          'POST/PUT/PATCH/DELETE must send it in the `X-CSRF-Token` header (CSRF protection bound to the session). ' +
          'The username is compared trimmed, NFC, lower case. Wrong passwords are counted per account in the ' +
          'database (all processes, all addresses): after the limit the account answers 429 `ACCOUNT_LOCKED` ' +
          '(Vietnamese message with the end time, `details.lockedUntil`) until the lock ends, even with the right ' +
          'password. Per address and username at most LOGIN_RATE_LIMIT_PER_MINUTE attempts a minute (429 `RATE_LIMITED`).',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => {
      const s = await login(db, policy, lockout, {
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
      if (token) await logout(db, token, req.ip);
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
        description:
          'Wrong current passwords are counted per account like logins: after the limit the check answers ' +
          '429 `PASSWORD_CHECK_LOCKED` with `details.lockedUntil` until the lock ends.',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(200) }),
      },
    },
    async (req) => {
      await changeOwnPassword(db, actorOf(req), req.body, lockout, req.ip);
      return { ok: true };
    },
  );
}
