import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { type Capability, ROLE_CAPS } from '../../server/access.js';
import type { AuditEntryDto } from './service.js';
import { formatDateTimeVi } from './values.js';

const CCCD = '001190000777';
const CCCD_NEW = '001190000888';
const PHONE = '0912000777';
const PHONE_NEW = '0912000888';
const TITLE = 'Sinh hoạt thường kỳ tháng 11/2026';
const WHO = 'Nguyễn Văn An (bithu1)';

describe('audit log in Vietnamese', () => {
  let t: TestApp;
  let bithu: Client;
  let staff: Client;
  let admin: Client;
  let ward: { id: number; path: string };
  let cell: { id: number; path: string };
  let chairId: number;
  let secretaryId: number;
  let anhId: number;
  let meetingId: number;
  let scheduledAt: string;
  let startedAt: string;

  const page = async (c: Client, query = '') => {
    const res = await c.get(`/api/org-units/${ward.id}/audit${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: AuditEntryDto[]; total: number };
  };
  const entry = (items: AuditEntryDto[], sentence: string | RegExp) => {
    const found = items.find((e) =>
      typeof sentence === 'string' ? e.summary === sentence : sentence.test(e.summary),
    );
    if (!found) throw new Error(`no entry "${sentence}" in:\n${items.map((e) => e.summary).join('\n')}`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường An Hội' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    chairId = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn An' });
    // The secretary of the meeting has no account: the chair's signature is enough then.
    secretaryId = await member(t.db, { unitId: cell.id, fullName: 'Phạm Thị Thư' });
    await user(t.db, 'bithu1', [{ role: 'cell_secretary', unitId: cell.id }], chairId);
    await t.db.query("UPDATE users SET display_name = 'Nguyễn Văn An' WHERE username = 'bithu1'");
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(t.db, 'quantri', [{ role: 'admin', unitId: ward.id }]);
    await user(t.db, 'chiuy', [{ role: 'cell_committee', unitId: cell.id }]);
    bithu = await t.login('bithu1');
    staff = await t.login('vanphong');
    admin = await t.login('quantri');

    // Real actions through the API, as a cell secretary does them.
    const created = await bithu.post(`/api/org-units/${cell.id}/members`, {
      fullName: 'Lê Thị Ánh',
      relation: 'existing',
      admissionDate: '2010-05-19',
      officialDate: '2011-05-19',
      birthDate: '1985-02-03',
      nationalId: CCCD,
      phone: PHONE,
    });
    expect(created.statusCode).toBe(201);
    anhId = created.json().id;
    const updated = await bithu.patch(`/api/members/${anhId}`, {
      gender: 'nu',
      nationalId: CCCD_NEW,
      phone: PHONE_NEW,
    });
    expect(updated.statusCode).toBe(200);

    scheduledAt = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const m = await bithu.post(`/api/org-units/${cell.id}/meetings`, {
      kind: 'regular',
      scheduledAt,
      title: TITLE,
      place: 'Nhà văn hóa khu phố 1',
    });
    expect(m.statusCode, m.body).toBe(201);
    meetingId = m.json().id;
    await bithu.patch(`/api/meetings/${meetingId}`, {
      chairMemberId: chairId,
      secretaryMemberId: secretaryId,
    });
    const started = await bithu.post(`/api/meetings/${meetingId}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    startedAt = started.json().startedAt;
    for (const a of started.json().attendance.members as {
      memberId: number;
      category: string;
      away: boolean;
    }[]) {
      if (a.category !== 'member' || a.away) continue;
      const payload =
        a.memberId === anhId ? { status: 'absent_excused', reason: 'ốm' } : { status: 'present' };
      const res = await bithu.request({
        method: 'PUT',
        url: `/api/meetings/${meetingId}/attendance/${a.memberId}`,
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const task = await bithu.post(`/api/meetings/${meetingId}/tasks`, {
      title: 'Vận động hộ dân đóng quỹ khuyến học',
      ownerIds: [chairId, anhId],
      deadline: '2026-12-31',
    });
    expect(task.statusCode, task.body).toBeLessThan(300);
    expect((await bithu.post(`/api/meetings/${meetingId}/end`)).statusCode).toBe(200);
    expect((await bithu.post(`/api/meetings/${meetingId}/record/sign`)).statusCode).toBe(200);
    const adopted = await bithu.post(`/api/meetings/${meetingId}/record/adopt`, {});
    expect(adopted.statusCode, adopted.body).toBe(200);
  });
  afterAll(() => t.close());

  it('tells each action as one Vietnamese sentence naming who, what and which object', async () => {
    const { items } = await page(staff);
    entry(items, `${WHO} thêm đảng viên Lê Thị Ánh vào Chi bộ Khu phố 1`);
    entry(items, `${WHO} sửa thông tin đảng viên Lê Thị Ánh: giới tính, số CCCD, số điện thoại`);
    entry(
      items,
      `${WHO} lên lịch buổi sinh hoạt "${TITLE}" của Chi bộ Khu phố 1 lúc ${formatDateTimeVi(scheduledAt)} tại Nhà văn hóa khu phố 1`,
    );
    entry(items, `${WHO} bắt đầu buổi sinh hoạt "${TITLE}" lúc ${formatDateTimeVi(startedAt)}`);
    entry(items, `${WHO} điểm danh đồng chí Lê Thị Ánh tại buổi sinh hoạt "${TITLE}": Vắng có lý do (ốm)`);
    entry(
      items,
      `${WHO} giao nhiệm vụ "Vận động hộ dân đóng quỹ khuyến học" cho các đồng chí Nguyễn Văn An và Lê Thị Ánh, hạn 31/12/2026 tại buổi sinh hoạt "${TITLE}"`,
    );
    entry(items, `${WHO} ký biên bản buổi sinh hoạt "${TITLE}" với tư cách chủ trì (phiên bản 1)`);
    const adopt = entry(items, `${WHO} thông qua biên bản "${TITLE}" của Chi bộ Khu phố 1 (phiên bản 1)`);
    expect(adopt).toMatchObject({
      actionLabel: 'Thông qua biên bản',
      entityType: 'meeting',
      entityId: String(meetingId),
      orgUnitName: 'Chi bộ Khu phố 1',
      actor: { username: 'bithu1', displayName: 'Nguyễn Văn An' },
    });
    // Newest first; no action code is shown as text.
    expect(items[0]!.summary).toBe(adopt.summary);
    for (const e of items) expect(e.summary).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
  });

  it('labels the changed fields and writes values the Vietnamese way', async () => {
    const { items } = await page(staff);
    const upd = entry(items, /sửa thông tin đảng viên Lê Thị Ánh/);
    expect(upd.changes).toEqual([
      { field: 'gender', label: 'Giới tính', before: '—', after: 'Nữ' },
      { field: 'national_id', label: 'Số CCCD', before: CCCD, after: CCCD_NEW },
      { field: 'phone', label: 'Số điện thoại', before: PHONE, after: PHONE_NEW },
    ]);
    const created = entry(items, /thêm đảng viên Lê Thị Ánh/);
    expect(created.changes).toContainEqual({
      field: 'birth_date',
      label: 'Ngày sinh',
      before: null,
      after: '03/02/1985',
    });
    expect(created.changes).toContainEqual({
      field: 'standing',
      label: 'Tình trạng',
      before: null,
      after: 'Đang sinh hoạt',
    });
    expect(created.changes.map((c) => c.field)).not.toContain('sort_key');
    expect(created.changes.map((c) => c.field)).not.toContain('unit_id');
    const att = entry(items, /điểm danh đồng chí Lê Thị Ánh/);
    expect(att.changes).toContainEqual({
      field: 'status',
      label: 'Điểm danh',
      before: '—',
      after: 'Vắng có lý do',
    });
    const task = entry(items, /giao nhiệm vụ/);
    // A payload that is not a record's form keeps the writer's key order: compare as a set.
    expect(task.changes).toHaveLength(3);
    expect(task.changes).toEqual(
      expect.arrayContaining([
        {
          field: 'title',
          label: 'Nội dung nhiệm vụ',
          before: null,
          after: 'Vận động hộ dân đóng quỹ khuyến học',
        },
        { field: 'ownerIds', label: 'Người thực hiện', before: null, after: 'Nguyễn Văn An, Lê Thị Ánh' },
        { field: 'deadline', label: 'Hạn hoàn thành', before: null, after: '31/12/2026' },
      ]),
    );
  });

  it('gives the raw action code and before/after to administrators only', async () => {
    const staffItems = (await page(staff)).items;
    for (const e of staffItems) {
      expect(e).not.toHaveProperty('raw');
      expect(e).not.toHaveProperty('action');
      expect(e).not.toHaveProperty('before');
      expect(e).not.toHaveProperty('after');
    }
    const adminItems = (await page(admin)).items;
    const adopt = entry(adminItems, /thông qua biên bản/);
    expect(adopt.raw).toMatchObject({ action: 'record.adopt', after: { version: 1 } });
    const upd = entry(adminItems, /sửa thông tin đảng viên/);
    expect(upd.raw).toMatchObject({
      action: 'member.update',
      before: { national_id: CCCD, phone: PHONE },
      after: { national_id: CCCD_NEW, phone: PHONE_NEW },
    });
  });

  it('masks CCCD and phone for a reader without the identity right', async () => {
    // No role reads the log without the identity right today; give chi ủy viên audit.read for this
    // test so the mask is proven for the day one does (the rights are read at each request).
    const caps = ROLE_CAPS as Record<string, readonly Capability[]>;
    const saved = caps.cell_committee!;
    caps.cell_committee = [...saved, 'audit.read'];
    try {
      const reader = await t.login('chiuy');
      const res = await reader.get(`/api/org-units/${cell.id}/audit`);
      expect(res.statusCode).toBe(200);
      for (const secret of [CCCD, CCCD_NEW, PHONE, PHONE_NEW]) expect(res.body).not.toContain(secret);
      const items = (res.json() as { items: AuditEntryDto[] }).items;
      const upd = entry(
        items,
        `${WHO} sửa thông tin đảng viên Lê Thị Ánh: giới tính, số CCCD, số điện thoại`,
      );
      expect(upd.changes).toEqual([
        { field: 'gender', label: 'Giới tính', before: '—', after: 'Nữ' },
        { field: 'national_id', label: 'Số CCCD', before: '(đã ẩn)', after: '(đã ẩn)' },
        { field: 'phone', label: 'Số điện thoại', before: '(đã ẩn)', after: '(đã ẩn)' },
      ]);
      expect(upd).not.toHaveProperty('raw');
    } finally {
      caps.cell_committee = saved;
    }
  });

  it('filters by kind of object and pages with limit/offset and the full total', async () => {
    const all = await page(staff);
    const members = await page(staff, '?entityType=member');
    expect(members.items.length).toBe(2);
    expect(members.items.every((e) => e.entityType === 'member')).toBe(true);
    const first = await page(staff, '?limit=2');
    const second = await page(staff, '?limit=2&offset=2');
    expect(first.total).toBe(all.total);
    expect(first.items.map((e) => e.id)).toEqual(all.items.slice(0, 2).map((e) => e.id));
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
  });

  it('resolves the names of a page with one query per kind of object, whatever the number of rows', async () => {
    const spy = vi.spyOn(t.db, 'query');
    try {
      const { items } = await page(staff, '?limit=100');
      expect(items.length).toBeGreaterThan(10);
      const sql = spy.mock.calls.map((c) => String(c[0]));
      expect(sql.filter((s) => /FROM members WHERE id = ANY/.test(s))).toHaveLength(1);
      expect(sql.filter((s) => /FROM meetings WHERE id = ANY/.test(s))).toHaveLength(1);
      expect(sql.filter((s) => /FROM tasks WHERE id = ANY/.test(s))).toHaveLength(1);
      expect(sql.filter((s) => /FROM audit_log/.test(s))).toHaveLength(1);
      expect(sql.length).toBeLessThanOrEqual(15);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers 404 outside the caller’s scope and 403 to a member without the right', async () => {
    const other = await unit(t.db, { name: 'Đảng bộ phường Khác' });
    expect((await bithu.get(`/api/org-units/${other.id}/audit`)).statusCode).toBe(404);
    const chiuy = await t.login('chiuy');
    expect((await chiuy.get(`/api/org-units/${cell.id}/audit`)).statusCode).toBe(403);
  });
});
