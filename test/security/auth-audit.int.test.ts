/**
 * Logins, logouts, failed logins and exports of personal data leave audit rows that an
 * administrator can read; answers with personal data are never cached (issue 8, point 8; ADR 016).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { meeting, member, unit, user } from '../support/factory.js';

interface Entry {
  actionLabel: string;
  summary: string;
  orgUnitId: number | null;
  raw?: { action: string; after: Record<string, unknown> | null };
}

describe('audit of logins and exports, no-store on personal data', () => {
  let t: TestApp;
  let admin: Client;
  let secretary: Client;
  let wardId: number;
  let cellId: number;
  let memberId: number;
  let meetingId: number;
  let documentId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Nhật Ký' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 5', cellType: 'khu_dan_cu' });
    wardId = ward.id;
    cellId = cell.id;
    memberId = await member(t.db, { unitId: cell.id, fullName: 'Hoàng Thị Mai', nationalId: '001180000555' });
    await user(t.db, 'quantri', [{ role: 'admin', unitId: ward.id }]);
    await user(t.db, 'bithu.nk', [{ role: 'cell_secretary', unitId: cell.id }], memberId);
    meetingId = await meeting(t.db, { unitId: cell.id });
    const [doc] = await t.db.query<{ id: number }>(
      `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content)
       VALUES ($1, 'material', 'Danh sách đảng viên dự họp', 'danh-sach.pdf', 'application/pdf', 4, 'x', '\\x25504446')
       RETURNING id`,
      [meetingId],
    );
    documentId = doc!.id;
    admin = await t.login('quantri');
    secretary = await t.login('bithu.nk');
  });
  afterAll(() => t.close());

  const auditOf = async (c: Client, unitId: number): Promise<Entry[]> => {
    const res = await c.get(`/api/org-units/${unitId}/audit?limit=200`);
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };

  it('writes login.success, login.failure (normalised name, no password) and logout rows the administrator reads', async () => {
    const wrong = await t.anonymous.post('/api/auth/login', {
      username: ' BiThu.NK ',
      password: 'doan-sai-123',
    });
    expect(wrong.statusCode).toBe(401);
    const unknown = await t.anonymous.post('/api/auth/login', {
      username: 'Khong.Ai',
      password: 'doan-sai-456',
    });
    expect(unknown.statusCode).toBe(401);
    const c = await t.login('bithu.nk');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);

    const items = await auditOf(admin, wardId);
    const byAction = (a: string) => items.filter((i) => i.raw?.action === a);
    const failures = byAction('login.failure');
    expect(failures.map((f) => f.raw!.after)).toEqual(
      expect.arrayContaining([
        { username: 'bithu.nk', reason: 'sai mật khẩu' },
        { username: 'khong.ai', reason: 'không có tên đăng nhập này' },
      ]),
    );
    expect(failures.map((f) => f.summary)).toContain(
      'Đăng nhập không thành công vào tài khoản "bithu.nk" (lý do: sai mật khẩu)',
    );
    // A name that matches no account is filed under the root of the tree.
    expect(failures.find((f) => f.raw!.after?.username === 'khong.ai')!.orgUnitId).toBe(wardId);
    expect(byAction('login.success').map((s) => s.summary)).toContain('bithu.nk đăng nhập');
    expect(byAction('user.logout').map((s) => s.summary)).toEqual(['bithu.nk đăng xuất']);
    expect(JSON.stringify(items)).not.toMatch(/doan-sai|mat-khau-thu/);

    // The secretary's own login rows are filed under the home cell (the member's unit).
    const cellRows = await auditOf(secretary, cellId);
    expect(cellRows.some((r) => r.summary === 'bithu.nk đăng xuất')).toBe(true);
    expect(cellRows.some((r) => r.summary.includes('khong.ai'))).toBe(false);
  });

  it('audits a members.xlsx export and a document download', async () => {
    const xlsx = await secretary.get(`/api/org-units/${cellId}/members.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const doc = await secretary.get(`/api/meetings/${meetingId}/documents/${documentId}`);
    expect(doc.statusCode).toBe(200);
    const items = await auditOf(admin, wardId);
    const exp = items.find((i) => i.raw?.action === 'member.export')!;
    expect(exp.summary).toMatch(
      /^bithu\.nk xuất danh sách đảng viên của Chi bộ Khu phố 5 ra Excel \(1 người, tính đến ngày \d{2}\/\d{2}\/\d{4}\)$/,
    );
    const dl = items.find((i) => i.raw?.action === 'meeting.document_download')!;
    expect(dl.summary).toBe(
      'bithu.nk tải tài liệu "Danh sách đảng viên dự họp" của buổi sinh hoạt "Sinh hoạt thử"',
    );
    expect(dl.orgUnitId).toBe(cellId);
  });

  it('a download refused (outside the scope) leaves no download row', async () => {
    const other = await unit(t.db, { name: 'Đảng bộ phường Khác' });
    await user(t.db, 'ngoai', [{ role: 'cell_secretary', unitId: other.id }]);
    const outsider = await t.login('ngoai');
    expect((await outsider.get(`/api/meetings/${meetingId}/documents/${documentId}`)).statusCode).toBe(404);
    const [{ n }] = (await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.document_download'",
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('sends Cache-Control: no-store on answers with personal data, errors included', async () => {
    const urls = [
      '/api/me',
      `/api/org-units/${cellId}/members`,
      `/api/members/${memberId}`,
      `/api/org-units/${cellId}/users`,
      `/api/org-units/${wardId}/audit`,
      `/api/org-units/${cellId}/members.xlsx`,
      `/api/meetings/${meetingId}/documents/${documentId}`,
      `/api/meetings/${meetingId}`,
    ];
    for (const url of urls) {
      const res = await admin.get(url);
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect([url, res.headers['cache-control']]).toEqual([url, 'no-store']);
    }
    const anonymous = await t.anonymous.get(`/api/members/${memberId}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const login = await t.anonymous.post('/api/auth/login', { username: 'quantri', password: TEST_PASSWORD });
    expect(login.headers['cache-control']).toBe('no-store');
  });
});
