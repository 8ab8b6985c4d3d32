/**
 * Attacks on the login limit (issue 8, point 6; ADR 016): a forged X-Forwarded-For, spelling
 * variants of one username, another address, another app process, parallel guesses, and the
 * current-password check of a stolen session.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/executor.js';
import { openPostgres } from '../../src/db/open.js';
import { buildApp } from '../../src/server/app.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { createTestDb } from '../support/db.js';
import { member, unit, user } from '../support/factory.js';

const LIMITS = { loginLockoutFailures: 5, loginLockoutWindowMinutes: 15, loginLockoutMinutes: 15 };

function tryLogin(
  app: FastifyInstance,
  username: string,
  password: string,
  opts: { remoteAddress?: string; forwardedFor?: string } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    headers: opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {},
  });
}

async function auditRows(db: Db, action: string, username: string) {
  return db.query<{
    after: { username?: string; reason?: string };
    org_path: string | null;
    ip: string | null;
  }>(`SELECT after, org_path, ip FROM audit_log WHERE action = $1 AND after->>'username' = $2 ORDER BY id`, [
    action,
    username,
  ]);
}

describe('the per-address limiter believes X-Forwarded-For only from the named proxy', () => {
  let t: TestApp;
  let behindProxy: TestApp;

  beforeAll(async () => {
    // The account lock is set out of reach here: these tests watch the per-address limiter alone.
    const perAddress = { loginRateLimitPerMinute: 3, loginLockoutFailures: 100 };
    t = await createTestApp(perAddress);
    behindProxy = await createTestApp({ ...perAddress, trustProxy: ['127.0.0.1'] });
    for (const app of [t, behindProxy]) {
      const ward = await unit(app.db, { name: 'Đảng bộ phường Thử' });
      await user(app.db, 'forger', [{ role: 'member', unitId: ward.id }]);
    }
  });
  afterAll(async () => {
    await t.close();
    await behindProxy.close();
  });

  it('a fresh X-Forwarded-For on every try does not reset the limit (TRUST_PROXY unset)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await tryLogin(t.app, 'forger', 'sai-1', { forwardedFor: `203.0.113.${i + 1}` });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    // The audit keeps the socket's address, not the forged one.
    const rows = await auditRows(t.db, 'login.failure', 'forger');
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });

  it('behind the named proxy each client has its own bucket, and a direct client cannot forge one', async () => {
    // Through the proxy (127.0.0.1): the forwarded address is the client.
    for (let i = 0; i < 3; i++) {
      expect(
        (await tryLogin(behindProxy.app, 'forger', 'sai-1', { forwardedFor: '198.51.100.1' })).statusCode,
      ).toBe(401);
    }
    expect(
      (await tryLogin(behindProxy.app, 'forger', 'sai-1', { forwardedFor: '198.51.100.1' })).statusCode,
    ).toBe(429);
    // Another client behind the same proxy is not blocked by the first one's bucket.
    expect(
      (await tryLogin(behindProxy.app, 'forger', 'sai-1', { forwardedFor: '198.51.100.2' })).statusCode,
    ).toBe(401);
    // A client calling the app directly (not the proxy) forges X-Forwarded-For in vain.
    const direct = { remoteAddress: '192.0.2.50' };
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (await tryLogin(behindProxy.app, 'forger', 'sai-1', { ...direct, forwardedFor: `10.9.9.${i}` }))
          .statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    const ips = (await auditRows(behindProxy.db, 'login.failure', 'forger')).map((r) => r.ip);
    expect(ips).toEqual([
      '198.51.100.1',
      '198.51.100.1',
      '198.51.100.1',
      '198.51.100.2',
      '192.0.2.50',
      '192.0.2.50',
      '192.0.2.50',
    ]);
  });
});

describe('the account lock: per normalised username, every address, every process', () => {
  let db: Db;
  let db2: Db;
  let dispose: () => Promise<void>;
  let app1: FastifyInstance;
  let app2: FastifyInstance;
  let cellPath: string;
  let config: Config;

  beforeAll(async () => {
    const created = await createTestDb();
    db = created.db;
    dispose = created.dispose;
    // A second process: on PostgreSQL its own connection pool to the same database; PGlite is
    // embedded (one process owns it), so the second app shares the handle.
    db2 = created.url ? await openPostgres(created.url) : db;
    config = loadConfig(
      {},
      { logLevel: 'silent', webDir: undefined, loginRateLimitPerMinute: 1000, ...LIMITS },
    );
    app1 = await buildApp({ config, db, logger: false });
    app2 = await buildApp({ config, db: db2, logger: false });
    await app1.ready();
    await app2.ready();
    const ward = await unit(db, { name: 'Đảng bộ phường Khóa' });
    const cell = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 3', cellType: 'khu_dan_cu' });
    cellPath = cell.path;
    const m = await member(db, { unitId: cell.id, fullName: 'Trần Văn Thư' });
    await user(db, 'bithu1', [{ role: 'cell_secretary', unitId: cell.id }], m);
    await user(db, 'bithu2', [{ role: 'cell_secretary', unitId: cell.id }]);
    await user(db, 'burst', [{ role: 'member', unitId: cell.id }]);
  });
  afterAll(async () => {
    await app1.close();
    await app2.close();
    if (db2 !== db) await db2.close();
    await dispose();
  });

  it('"BiThu1 " and "bithu1" share one count; after the limit the right password from another address is refused', async () => {
    const spellings = ['BiThu1 ', 'bithu1', ' BITHU1', 'bithu1', 'BiThu1 '];
    const answers = [];
    for (const [i, name] of spellings.entries()) {
      answers.push(await tryLogin(app1, name, `sai-mat-khau-${i}`, { remoteAddress: '10.0.0.1' }));
    }
    expect(answers.slice(0, 4).map((r) => r.json().code)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    const locked = answers[4]!;
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(locked.json().message).toMatch(
      /^Tài khoản tạm khóa đăng nhập vì nhập sai mật khẩu 5 lần liên tiếp\. Vui lòng thử lại sau \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/,
    );
    const until = new Date(locked.json().details.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);

    // The right password, from another address: still locked (the password is not even checked).
    const right = await tryLogin(app1, 'bithu1', TEST_PASSWORD, { remoteAddress: '172.16.5.5' });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    // Another account is not touched.
    expect((await tryLogin(app1, 'bithu2', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a second app process on the same database sees the lock', async () => {
    const res = await tryLogin(app2, 'bithu1', TEST_PASSWORD, { remoteAddress: '172.16.9.9' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('ACCOUNT_LOCKED');
    const [row] = await db2.query<{ locked: boolean; failures: number }>(
      "SELECT locked_until > now() AS locked, failures FROM auth_throttle WHERE scope = 'login' AND subject = 'bithu1'",
    );
    expect(row).toEqual({ locked: true, failures: 5 });
  });

  it('audits each failure with the normalised name (never the password), the lock once, under the home unit', async () => {
    const failures = await auditRows(db, 'login.failure', 'bithu1');
    expect(failures.map((r) => r.after.reason)).toEqual([
      ...Array(5).fill('sai mật khẩu'),
      'tài khoản đang tạm khóa',
      'tài khoản đang tạm khóa',
    ]);
    expect(failures.every((r) => r.org_path === cellPath)).toBe(true);
    const lockouts = await auditRows(db, 'login.lockout', 'bithu1');
    expect(lockouts).toHaveLength(1);
    const [{ n }] = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE after::text LIKE '%sai-mat-khau-%' OR after::text LIKE $1",
      [`%${TEST_PASSWORD}%`],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('after the lock ends the right password works and clears the count', async () => {
    await db.query(
      "UPDATE auth_throttle SET locked_until = now() - interval '1 second' WHERE subject = 'bithu1'",
    );
    const res = await tryLogin(app2, 'BiThu1', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(
      await db.query("SELECT 1 FROM auth_throttle WHERE scope = 'login' AND subject = 'bithu1'"),
    ).toEqual([]);
    expect(await auditRows(db, 'login.success', 'bithu1')).toHaveLength(1);
  });

  it('a burst of parallel guesses gets no more than the limit checked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        tryLogin(i % 2 ? app1 : app2, 'burst', `doan-${i}`, { remoteAddress: `10.1.0.${i}` }),
      ),
    );
    const checked = (await auditRows(db, 'login.failure', 'burst')).filter(
      (r) => r.after.reason === 'sai mật khẩu',
    );
    expect(checked).toHaveLength(5);
    expect(answers.filter((r) => r.json().code === 'INVALID_CREDENTIALS')).toHaveLength(4);
    expect(answers.filter((r) => r.json().code === 'ACCOUNT_LOCKED')).toHaveLength(8);
  });

  it('names that match no account are counted and locked alike (a lock does not reveal an account)', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await tryLogin(app1, 'khong-co-ai', `x-${i}`)).json());
    expect(answers.slice(0, 4).every((a) => a.code === 'INVALID_CREDENTIALS')).toBe(true);
    expect(answers[4].code).toBe('ACCOUNT_LOCKED');
    expect(answers[5].code).toBe('ACCOUNT_LOCKED');
  });
});

describe('the current-password check of POST /api/me/password is limited too', () => {
  let t: TestApp;
  let resetId: number;

  beforeAll(async () => {
    t = await createTestApp(LIMITS);
    const ward = await unit(t.db, { name: 'Đảng bộ phường Đổi' });
    await user(t.db, 'doimk', [{ role: 'member', unitId: ward.id }]);
    await user(t.db, 'quantri.dm', [{ role: 'admin', unitId: ward.id }]);
    resetId = await user(t.db, 'quen.mk', [{ role: 'member', unitId: ward.id }]);
  });
  afterAll(() => t.close());

  it('wrong current passwords lock the check, even for the right one, until the lock ends', async () => {
    const c = await t.login('doimk');
    const change = (currentPassword: string) =>
      c.post('/api/me/password', { currentPassword, newPassword: 'MatKhauMoi2026' });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await change(`doan-sai-${i}`));
    expect(answers.slice(0, 4).map((r) => r.statusCode)).toEqual([400, 400, 400, 400]);
    expect(answers[0]!.json().message).toBe(
      'Mật khẩu hiện tại không đúng. Còn 4 lần thử trước khi bị tạm khóa.',
    );
    expect(answers[3]!.json().details).toMatchObject({ field: 'currentPassword', attemptsLeft: 1 });
    expect(answers[4]!.statusCode).toBe(429);
    expect(answers[4]!.json().code).toBe('PASSWORD_CHECK_LOCKED');
    expect(answers[4]!.json().message).toMatch(
      /^Bạn đã nhập sai mật khẩu hiện tại 5 lần\. Vui lòng thử lại sau \d{2}:\d{2} ngày/,
    );

    const right = await change(TEST_PASSWORD);
    expect(right.json().code).toBe('PASSWORD_CHECK_LOCKED');
    // The password did not change: the old one still logs in.
    expect(
      (await t.anonymous.post('/api/auth/login', { username: 'doimk', password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.password_lockout' AND org_path IS NOT NULL",
    );
    expect(audit!.n).toBe(1);

    await t.db.query(
      "UPDATE auth_throttle SET locked_until = now() - interval '1 second' WHERE scope = 'password'",
    );
    const after = await change(TEST_PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(
      (await t.anonymous.post('/api/auth/login', { username: 'doimk', password: 'MatKhauMoi2026' }))
        .statusCode,
    ).toBe(200);
  });

  it('an administrator resetting the password lifts a login lock', async () => {
    for (let i = 0; i < 5; i++)
      await t.anonymous.post('/api/auth/login', { username: 'quen.mk', password: `x-${i}` });
    const locked = await t.anonymous.post('/api/auth/login', {
      username: 'quen.mk',
      password: TEST_PASSWORD,
    });
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const admin = await t.login('quantri.dm');
    expect((await admin.patch(`/api/users/${resetId}`, { password: 'DatLai2026x' })).statusCode).toBe(200);
    const after = await t.anonymous.post('/api/auth/login', { username: 'quen.mk', password: 'DatLai2026x' });
    expect(after.statusCode).toBe(200);
  });
});
