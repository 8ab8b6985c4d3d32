/** Personal API tokens (issue 13 item 6, ADR 039): bearer auth as the user, revocation, storage. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { API_TOKEN_RULES, INVALID_TOKEN_MESSAGE, TOKEN_CANNOT_MINT_MESSAGE } from '../api-tokens/rules.js';

describe('personal API tokens', () => {
  let t: TestApp;
  let staff: Client;
  let admin: Client;
  let cellId: number;
  let otherCellId: number;
  let memberId: number;
  let otherMemberId: number;
  let staffId: number;
  let lanId: number;
  let provinceId: number;

  const bearer = (token: string, cookie?: string | null) => ({
    authorization: `Bearer ${token}`,
    ...(cookie ? { cookie } : {}),
  });
  const asToken = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload: payload as object } : {}) });
  const create = async (c: Client, name: string, extra: Record<string, unknown> = {}) => {
    const res = await c.post('/api/me/api-tokens', { name, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; name: string; prefix: string; expiresAt: string; token: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    provinceId = province.id;
    const ward = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Một' });
    const otherWard = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Hai' });
    cellId = (await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' })).id;
    otherCellId = (
      await unit(t.db, { parentId: otherWard.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' })
    ).id;
    memberId = await member(t.db, { unitId: cellId, fullName: 'Trần Thị Lan' });
    otherMemberId = await member(t.db, { unitId: otherCellId, fullName: 'Lê Văn Xa' });
    staffId = await user(t.db, 'vanphong1', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(t.db, 'vanphong2', [{ role: 'committee_staff', unitId: otherWard.id }]);
    lanId = await user(t.db, 'lan', [{ role: 'member', unitId: cellId }], memberId);
    await user(t.db, 'quantri', [{ role: 'admin', unitId: province.id }]);
    staff = await t.login('vanphong1');
    admin = await t.login('quantri');
  });
  afterAll(() => t.close());

  it('answers the secret once and authenticates as the user, with the same scope as a session', async () => {
    const created = await create(staff, 'Đồng bộ CSDL đảng viên');
    expect(created.token).toMatch(/^chibo_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 16));
    const days = (new Date(created.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);

    const me = await asToken(created.token, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.headers['www-authenticate']).toBeUndefined();
    expect(me.json().user.username).toBe('vanphong1');

    const viaSession = await staff.get(`/api/org-units/${cellId}/members`);
    const viaToken = await asToken(created.token, 'GET', `/api/org-units/${cellId}/members`);
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json()).toEqual(viaSession.json());

    // Outside the scope: 404 as with the session.
    const outSession = await staff.get(`/api/members/${otherMemberId}`);
    const outToken = await asToken(created.token, 'GET', `/api/members/${otherMemberId}`);
    expect(outSession.statusCode).toBe(404);
    expect(outToken.statusCode).toBe(404);
    expect(outToken.json()).toEqual(outSession.json());

    const list = (await staff.get('/api/me/api-tokens')).json();
    expect(list.items).toEqual([
      expect.objectContaining({ id: created.id, name: 'Đồng bộ CSDL đảng viên', status: 'active' }),
    ]);
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(JSON.stringify(list)).not.toMatch(/hash/i);
    expect(list.items[0].lastUsedAt).not.toBeNull();
  });

  it('writes with a bearer token and no CSRF token; a session without one is still refused', async () => {
    const { token } = await create(staff, 'Ghi thử');
    const res = await asToken(token, 'PATCH', `/api/members/${memberId}`, { phone: '0912345678' });
    expect(res.statusCode, res.body).toBe(200);
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${memberId}`,
      headers: { cookie: staff.cookie! },
      payload: { phone: '0912345679' },
    });
    expect(noCsrf.json().code).toBe('CSRF_MISMATCH');
  });

  it('refuses a bad, revoked or expired token with 401, even beside a valid cookie', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: bearer(`chibo_pat_${'A'.repeat(43)}`, staff.cookie),
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: INVALID_TOKEN_MESSAGE });
    expect(bad.headers['www-authenticate']).toBe('Bearer');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer('xyz') })).statusCode).toBe(
      401,
    );

    const revoked = await create(staff, 'Sẽ thu hồi');
    expect((await asToken(revoked.token, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await staff.del(`/api/me/api-tokens/${revoked.id}`)).statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: bearer(revoked.token, staff.cookie),
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toBe(INVALID_TOKEN_MESSAGE);

    const expired = await create(staff, 'Hết hạn', { expiresInDays: 1 });
    await t.asOwner((db) =>
      db.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.id]),
    );
    expect((await asToken(expired.token, 'GET', '/api/me')).statusCode).toBe(401);
    const statuses = (await staff.get('/api/me/api-tokens'))
      .json()
      .items.map((i: { id: number; status: string }) => [i.id, i.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        [revoked.id, 'revoked'],
        [expired.id, 'expired'],
      ]),
    );
  });

  it('refuses lifetimes beyond the rule, and names outside 1–100 characters', async () => {
    expect((await staff.post('/api/me/api-tokens', { name: 'x', expiresInDays: 731 })).statusCode).toBe(400);
    expect((await staff.post('/api/me/api-tokens', { name: ' ' })).statusCode).toBe(400);
    expect((await staff.post('/api/me/api-tokens', { name: 'x'.repeat(101) })).statusCode).toBe(400);
  });

  it('keeps only the hash: no column of the table holds the secret', async () => {
    const { token, id } = await create(staff, 'Kiểm tra lưu trữ');
    const rows = await t.asOwner((db) =>
      db.query<{ row: string }>('SELECT t::text AS row FROM api_tokens t WHERE id = $1', [id]),
    );
    const audit = await t.asOwner((db) =>
      db.query<{ row: string }>('SELECT a::text AS row FROM audit_log a'),
    );
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(token).digest('hex');
    expect(rows[0]!.row).not.toContain(token);
    expect(rows[0]!.row).not.toContain(token.slice(16));
    expect(rows[0]!.row).toContain(hash);
    expect(audit.map((r) => r.row).join('\n')).not.toContain(token);
  });

  it('lists at most the rule’s number, those in force first, and counts every token in total', async () => {
    const ownerId = await user(t.db, 'nhieuma', [{ role: 'member', unitId: cellId }]);
    const owner = await t.login('nhieuma');
    const live = await create(owner, 'Mã đang dùng');
    // Many ended tokens from long ago, older than the live one (written as the tables' owner).
    const ended = API_TOKEN_RULES.listLimit + 5;
    await t.asOwner((db) =>
      db.query(
        `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, revoked_at, revoked_by)
         SELECT $1, 'Mã cũ ' || g, md5(g::text) || md5((g + 1000)::text), 'chibo_pat_old' || g,
                now() - (g || ' days')::interval, now() - (g || ' days')::interval, $1
           FROM generate_series(1, $2) g`,
        [ownerId, ended],
      ),
    );
    const res = await owner.get('/api/me/api-tokens');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: number; status?: string }[]; total: number };
    expect(body.total).toBe(ended + 1);
    expect(body.items).toHaveLength(API_TOKEN_RULES.listLimit);
    expect(body.items[0]!.id).toBe(live.id);
  });

  it('a token cannot mint tokens (403); another user’s token id answers 404', async () => {
    const { token, id } = await create(staff, 'Không được tạo thêm');
    const res = await asToken(token, 'POST', '/api/me/api-tokens', { name: 'Mã lậu' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: TOKEN_CANNOT_MINT_MESSAGE });

    const lan = await t.login('lan');
    expect((await lan.del(`/api/me/api-tokens/${id}`)).statusCode).toBe(404);
    expect((await lan.del('/api/me/api-tokens/999999')).statusCode).toBe(404);
    expect((await asToken(token, 'GET', '/api/me')).statusCode).toBe(200);
  });

  it('an administrator lists and revokes the tokens of accounts in scope, 404 outside', async () => {
    const lan = await t.login('lan');
    const own = await create(lan, 'Lịch của Lan');
    const other = await t.login('vanphong2');
    expect((await other.get(`/api/users/${lanId}/api-tokens`)).statusCode).toBe(404);
    expect((await other.del(`/api/users/${lanId}/api-tokens/${own.id}`)).statusCode).toBe(404);
    expect((await lan.get(`/api/users/${staffId}/api-tokens`)).statusCode).toBe(404);

    const list = await staff.get(`/api/users/${lanId}/api-tokens`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: own.id, prefix: own.prefix })]);
    // A token id of someone else through this account's path: 404.
    const staffToken = (await staff.get('/api/me/api-tokens')).json().items[0].id;
    expect((await admin.del(`/api/users/${lanId}/api-tokens/${staffToken}`)).statusCode).toBe(404);

    expect((await staff.del(`/api/users/${lanId}/api-tokens/${own.id}`)).statusCode).toBe(204);
    expect((await asToken(own.token, 'GET', '/api/me')).statusCode).toBe(401);
    const [row] = await t.db.query<{ revoked_by: number }>(
      'SELECT revoked_by FROM api_tokens WHERE id = $1',
      [own.id],
    );
    expect(row!.revoked_by).toBe(staffId);
  });

  it('stops working when the user is disabled, and an admin’s password reset revokes them', async () => {
    const lan = await t.login('lan');
    const a = await create(lan, 'Trước khi khóa');
    // Disabled straight in the table: refused at once, whatever else happens.
    await t.db.query('UPDATE users SET is_active = false WHERE id = $1', [lanId]);
    expect((await asToken(a.token, 'GET', '/api/me')).statusCode).toBe(401);
    await t.db.query('UPDATE users SET is_active = true WHERE id = $1', [lanId]);
    expect((await asToken(a.token, 'GET', '/api/me')).statusCode).toBe(200);

    // Disabled by an administrator: revoked, so re-enabling does not revive it.
    expect((await staff.patch(`/api/users/${lanId}`, { active: false })).statusCode).toBe(200);
    expect((await asToken(a.token, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await staff.patch(`/api/users/${lanId}`, { active: true })).statusCode).toBe(200);
    expect((await asToken(a.token, 'GET', '/api/me')).statusCode).toBe(401);

    const lan2 = await t.login('lan');
    const b = await create(lan2, 'Trước khi đặt lại mật khẩu');
    expect((await staff.patch(`/api/users/${lanId}`, { password: 'mat-khau-moi-2026' })).statusCode).toBe(
      200,
    );
    expect((await asToken(b.token, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('writes audit rows on create and revoke, with the prefix and never the secret', async () => {
    const rows = await t.db.query<{ action: string; after: Record<string, unknown>; actor_user_id: number }>(
      `SELECT action, after, actor_user_id FROM audit_log WHERE action LIKE 'api_token.%' ORDER BY id`,
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('api_token.create');
    expect(actions).toContain('api_token.revoke');
    expect(actions).toContain('api_token.revoke_all');
    const createRow = rows.find((r) => r.action === 'api_token.create')!;
    const after = typeof createRow.after === 'string' ? JSON.parse(createRow.after) : createRow.after;
    expect(after).toMatchObject({
      name: 'Đồng bộ CSDL đảng viên',
      prefix: expect.stringMatching(/^chibo_pat_/),
    });
    expect(createRow.actor_user_id).toBe(staffId);
    // The log reads them as Vietnamese sentences.
    const log = await admin.get(`/api/org-units/${provinceId}/audit?entityType=user&limit=200`);
    expect(log.statusCode).toBe(200);
    const summaries = (log.json().items as { summary: string }[]).map((i) => i.summary);
    const mine = `vanphong1 tạo mã truy cập API "Đồng bộ CSDL đảng viên" (${after.prefix}…) của mình, hiệu lực đến `;
    expect(summaries.some((x) => x.startsWith(mine))).toBe(true);
    const revoked = rows.find((r) => r.action === 'api_token.revoke' && r.after.name === 'Lịch của Lan')!;
    expect(summaries).toContain(
      `vanphong1 thu hồi mã truy cập API "Lịch của Lan" (${revoked.after.prefix}…) của tài khoản "lan"`,
    );
    expect(
      summaries.some((x) => x.includes('đặt lại mật khẩu: 1 mã truy cập API của tài khoản "lan" bị thu hồi')),
    ).toBe(true);
  });

  it('updates last_used_at at most once a minute', async () => {
    const { token, id } = await create(staff, 'Đếm lần dùng');
    await asToken(token, 'GET', '/api/me');
    const [first] = await t.db.query<{ last_used_at: Date }>(
      'SELECT last_used_at FROM api_tokens WHERE id = $1',
      [id],
    );
    await asToken(token, 'GET', '/api/me');
    const [second] = await t.db.query<{ last_used_at: Date }>(
      'SELECT last_used_at FROM api_tokens WHERE id = $1',
      [id],
    );
    expect(new Date(second!.last_used_at).getTime()).toBe(new Date(first!.last_used_at).getTime());
  });
});
