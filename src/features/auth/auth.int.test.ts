import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { testDbKind } from '../../../test/support/db.js';
import { member, unit, user } from '../../../test/support/factory.js';

describe('authentication and sessions', () => {
  let t: TestApp;
  let cellId: number;
  let memberId: number;

  beforeAll(async () => {
    // The account lock (ADR 016) is out of reach: this file watches the per-address limiter.
    t = await createTestApp({
      loginRateLimitPerMinute: 8,
      sessionIdleMinutes: 30,
      loginLockoutFailures: 100,
    });
    const ward = await unit(t.db, { name: 'Đảng bộ phường Thử' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    cellId = cell.id;
    memberId = await member(t.db, {
      unitId: cell.id,
      fullName: 'Nguyễn Thị Lan',
      nationalId: '001170000001',
    });
    await user(t.db, 'lan', [{ role: 'member', unitId: cell.id }], memberId);
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.json()).toEqual({
      status: 'ok',
      db: testDbKind(),
    });
  });

  it('sends secure headers (CSP without inline scripts, no sniffing, no framing)', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('refuses anonymous calls with a Vietnamese message', async () => {
    const res = await t.anonymous.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.' });
  });

  it('logs in with an httpOnly cookie and returns user, member, grants and home unit', async () => {
    const login = await t.anonymous.post('/api/auth/login', { username: 'lan', password: 'mat-khau-thu-1' });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/chibo_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const c = await t.login('lan');
    const me = (await c.get('/api/me')).json();
    expect(me.user.username).toBe('lan');
    expect(me.member).toMatchObject({ id: memberId, fullName: 'Nguyễn Thị Lan', nationalId: '001170000001' });
    expect(me.member.status.labels).toEqual(['Chính thức']);
    expect(me.grants).toEqual([expect.objectContaining({ role: 'member', orgUnitId: cellId })]);
    expect(me.homeUnitId).toBe(cellId);
  });

  it('rejects a wrong password without saying whether the user exists', async () => {
    const a = await t.anonymous.post('/api/auth/login', { username: 'lan', password: 'sai-mat-khau' });
    const b = await t.anonymous.post('/api/auth/login', { username: 'khong-co', password: 'sai-mat-khau' });
    expect(a.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('rate-limits repeated logins for the same username', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push(
        (await t.anonymous.post('/api/auth/login', { username: 'vanphong', password: 'sai' })).statusCode,
      );
    }
    expect(codes.slice(0, 8).every((c) => c === 401)).toBe(true);
    expect(codes[9]).toBe(429);
  });

  it('requires the CSRF token on writes', async () => {
    const c = await t.login('lan');
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: c.cookie! },
      payload: { currentPassword: 'x', newPassword: 'y' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('CSRF_MISMATCH');
    const res = await c.request({
      method: 'POST',
      url: '/api/me/password',
      headers: { 'x-csrf-token': 'wrong' },
      payload: { currentPassword: 'x', newPassword: 'y' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_MISMATCH');
  });

  it('ends the session on logout and after the idle timeout', async () => {
    const c = await t.login('lan');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    await c.post('/api/auth/logout');
    expect((await c.get('/api/me')).statusCode).toBe(401);

    const d = await t.login('lan');
    await t.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes'");
    const res = await d.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('stores passwords as argon2id hashes and session ids as hashes', async () => {
    const [u] = await t.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE username = 'lan'",
    );
    expect(u!.password_hash).toMatch(/^\$argon2id\$/);
    const c = await t.login('lan');
    expect(c.username).toBe('lan');
    const sessions = await t.db.query<{ id: string }>('SELECT id FROM sessions');
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
  });

  it('serves the OpenAPI document describing the routes', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/me',
      '/api/org-units/{id}',
      '/api/org-units/{id}/children',
      '/api/org-units/{id}/members',
      '/api/members/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const ui = await t.anonymous.get('/api/docs');
    expect([200, 302]).toContain(ui.statusCode);
  });
});
