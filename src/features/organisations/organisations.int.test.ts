/**
 * The locality's organisations (issue 11 item 6, ADR 025 part E): the list with its phone rule,
 * tasks given to an organisation through the meeting's task routes, its report at the review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow, moveMeetingTo } from '../../../test/support/meeting-flow.js';
import { buildMeetingRecord } from '../meetings/record-build.js';
import { findMeeting } from '../meetings/service.js';

describe('organisations of the locality and their tasks', () => {
  let t: TestApp;
  let bithu: Client;
  let supervisor: Client;
  let plain: Client;
  let outsider: Client;
  let cell: number;
  let otherOrg: number;
  let women: number;
  let youth: number;
  const ids: number[] = [];

  const orgCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM local_organisations'))[0]!.n;

  /** Starts a regular meeting now and marks everyone present. */
  const runMeeting = async () => {
    const created = await bithu.post(`/api/org-units/${cell}/meetings`, {
      kind: 'regular',
      scheduledAt: fromNow(5),
    });
    const id = created.json().id as number;
    const started = (await bithu.post(`/api/meetings/${id}/start`)).json();
    for (const m of started.attendance.members as { memberId: number }[])
      await bithu.request({
        method: 'PUT',
        url: `/api/meetings/${id}/attendance/${m.memberId}`,
        payload: { status: 'present' },
      });
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Thử' });
    cell = (await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố Một', cellType: 'khu_dan_cu' })).id;
    const other = (
      await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố Hai', cellType: 'khu_dan_cu' })
    ).id;
    for (let i = 0; i < 3; i++)
      ids.push(await member(t.db, { unitId: cell, fullName: `Nguyễn Văn Một ${i + 1}` }));
    await user(t.db, 'bithu.mot', [{ role: 'cell_secretary', unitId: cell }]);
    await user(t.db, 'giamsat.mot', [{ role: 'supervisor', unitId: cell }]);
    await user(t.db, 'dangvien.mot', [{ role: 'member', unitId: cell }]);
    await user(t.db, 'bithu.hai', [{ role: 'cell_secretary', unitId: other }]);
    bithu = await t.login('bithu.mot');
    supervisor = await t.login('giamsat.mot');
    plain = await t.login('dangvien.mot');
    outsider = await t.login('bithu.hai');
    const o = await outsider.post(`/api/org-units/${other}/organisations`, {
      kind: 'phu_nu',
      name: 'Chi hội Phụ nữ khu phố 2',
    });
    otherOrg = o.json().id;
  });
  afterAll(() => t.close());

  it('adds organisations; hostile input is a Vietnamese 400 and writes nothing', async () => {
    const before = await orgCount();
    for (const body of [
      { kind: 'hoi_doanh_nghiep', name: 'Hội Doanh nghiệp' },
      { kind: 'phu_nu', name: '' },
      { kind: 'phu_nu', name: 'Chi hội Phụ nữ', contactPhone: 'gọi tôi' },
      { kind: 'phu_nu', name: 'x'.repeat(201) },
    ]) {
      const res = await bithu.post(`/api/org-units/${cell}/organisations`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message).toMatch(/[àáảãạăâđêôơưệốồớờụủứừ]/u);
    }
    expect(
      (await plain.post(`/api/org-units/${cell}/organisations`, { kind: 'phu_nu', name: 'Chi hội Phụ nữ' }))
        .statusCode,
    ).toBe(403);
    expect(await orgCount()).toBe(before);
    const a = await bithu.post(`/api/org-units/${cell}/organisations`, {
      kind: 'phu_nu',
      name: 'Chi hội Phụ nữ khu phố 1',
      contactName: 'Trần Thị Hoa',
      contactPhone: '0905 123 456',
    });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      kindLabel: 'Hội Liên hiệp Phụ nữ',
      contactPhone: '0905 123 456',
      active: true,
    });
    women = a.json().id;
    youth = (
      await bithu.post(`/api/org-units/${cell}/organisations`, {
        kind: 'doan_thanh_nien',
        name: 'Chi đoàn khu phố 1',
        contactName: 'Lê Văn Nam',
        contactPhone: '0914000111',
      })
    ).json().id;
  });

  it('shows the phone only to readers with member.readContact', async () => {
    const mine = (await bithu.get(`/api/org-units/${cell}/organisations`)).json();
    expect(mine.total).toBe(2);
    expect(mine.items.find((o: { id: number }) => o.id === women).contactPhone).toBe('0905 123 456');
    for (const c of [supervisor, plain]) {
      const res = await c.get(`/api/org-units/${cell}/organisations`);
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((o: { id: number }) => o.id === women);
      expect(item).toMatchObject({ contactName: 'Trần Thị Hoa', contactPhone: null, phoneHidden: true });
      expect(res.body).not.toContain('0905 123 456');
    }
    expect((await outsider.get(`/api/org-units/${cell}/organisations`)).statusCode).toBe(404);
    expect((await bithu.get(`/api/org-units/${cell}/organisations?limit=101`)).statusCode).toBe(400);
  });

  it('gives a task to an organisation in a meeting, and records its report at the next', async () => {
    const first = await runMeeting();
    // Another cell's organisation, or nobody at all: refused.
    const bad = await bithu.post(`/api/meetings/${first}/tasks`, {
      title: 'Vận động hội viên',
      organisationId: otherOrg,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe('organisationId');
    const nobody = await bithu.post(`/api/meetings/${first}/tasks`, {
      title: 'Vận động hội viên',
      ownerIds: [],
    });
    expect(nobody.statusCode).toBe(400);
    const orgOnly = await bithu.post(`/api/meetings/${first}/tasks`, {
      title: 'Vận động hội viên phụ nữ phân loại rác tại nguồn',
      organisationId: women,
      deadline: '2026-12-31',
    });
    expect(orgOnly.statusCode).toBe(201);
    const [added] = await t.db.query<{ after: { organisationName?: string } }>(
      "SELECT after FROM audit_log WHERE action = 'meeting.task_add' AND entity_id = $1",
      [String(orgOnly.json().id)],
    );
    expect(added?.after.organisationName).toBe('Chi hội Phụ nữ khu phố 1');
    const both = await bithu.post(`/api/meetings/${first}/tasks`, {
      title: 'Ra quân dọn vệ sinh tuyến hẻm',
      organisationId: youth,
      ownerIds: [ids[0]],
    });
    expect(both.statusCode).toBe(201);
    const plainTask = await bithu.post(`/api/meetings/${first}/tasks`, {
      title: 'Thu quỹ khuyến học',
      ownerIds: [ids[1]],
    });
    const detail = (await bithu.get(`/api/meetings/${first}`)).json();
    const task = detail.tasks.find((x: { id: number }) => x.id === orgOnly.json().id);
    expect(task).toMatchObject({ owners: [], organisation: { id: women, name: 'Chi hội Phụ nữ khu phố 1' } });
    await bithu.post(`/api/meetings/${first}/votes`, {
      subject: 'Thông qua nghị quyết',
      isResolution: true,
      for: 3,
      against: 0,
      abstain: 0,
    });
    expect((await bithu.post(`/api/meetings/${first}/end`)).statusCode).toBe(200);
    await moveMeetingTo(t.db, first, '2026-11-10T19:30:00+07:00');

    // The organisations page: the open task, no report yet.
    let page = (await bithu.get(`/api/org-units/${cell}/organisations`)).json();
    let w = page.items.find((o: { id: number }) => o.id === women);
    expect(w.openTasks.map((x: { id: number }) => x.id)).toEqual([orgOnly.json().id]);
    expect(w.lastReport).toBeNull();

    const second = await runMeeting();
    const due = (await bithu.get(`/api/meetings/${second}`)).json().previousTasks;
    expect(due.map((x: { id: number }) => x.id).sort()).toEqual(
      [orgOnly.json().id, both.json().id, plainTask.json().id].sort(),
    );
    // A report on a task given to nobody's organisation is refused.
    const stray = await bithu.patch(`/api/tasks/${plainTask.json().id}`, {
      result: 'achieved',
      meetingId: second,
      orgReport: 'Đã làm',
    });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().details.field).toBe('orgReport');
    const reviewed = await bithu.patch(`/api/tasks/${orgOnly.json().id}`, {
      result: 'partial',
      note: 'Còn 2 tổ chưa làm',
      meetingId: second,
      orgReport: 'Chi hội đã vận động 45/60 hộ hội viên phân loại rác.',
    });
    expect(reviewed.statusCode).toBe(200);
    const after = (await bithu.get(`/api/meetings/${second}`)).json().previousTasks;
    expect(after.find((x: { id: number }) => x.id === orgOnly.json().id)).toMatchObject({
      result: 'partial',
      orgReport: 'Chi hội đã vận động 45/60 hộ hội viên phân loại rác.',
    });
    page = (await bithu.get(`/api/org-units/${cell}/organisations`)).json();
    w = page.items.find((o: { id: number }) => o.id === women);
    expect(w.openTasks).toEqual([]);
    expect(w.lastReport).toMatchObject({
      taskId: orgOnly.json().id,
      report: expect.stringContaining('45/60'),
    });
    const y = page.items.find((o: { id: number }) => o.id === youth);
    expect(y.openTasks.map((x: { id: number }) => x.id)).toEqual([both.json().id]);

    // The minutes of the second meeting name the organisation and carry its report.
    const record = await buildMeetingRecord(t.db, (await findMeeting(t.db, second))!, {});
    const item = record.previousItems.find((p) => p.title.startsWith('Vận động hội viên phụ nữ'));
    expect(item?.owners).toEqual(['Chi hội Phụ nữ khu phố 1']);
    expect(item?.note).toBe(
      'Còn 2 tổ chưa làm. Báo cáo của tổ chức: Chi hội đã vận động 45/60 hộ hội viên phân loại rác.',
    );
  });

  it('deactivates an organisation (never deletes it); it takes no new task', async () => {
    expect((await plain.patch(`/api/organisations/${youth}`, { active: false })).statusCode).toBe(403);
    expect((await outsider.patch(`/api/organisations/${youth}`, { active: false })).statusCode).toBe(404);
    expect((await bithu.patch(`/api/organisations/${youth}`, { kind: 'khac' })).statusCode).toBe(400);
    const res = await bithu.patch(`/api/organisations/${youth}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    const active = (await bithu.get(`/api/org-units/${cell}/organisations?active=true`)).json();
    expect(active.items.map((o: { id: number }) => o.id)).toEqual([women]);
    const m = await runMeeting();
    const refused = await bithu.post(`/api/meetings/${m}/tasks`, {
      title: 'Việc mới cho chi đoàn',
      organisationId: youth,
    });
    expect(refused.statusCode).toBe(400);
    const [row] = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'local_organisation' ORDER BY id DESC LIMIT 1",
    );
    expect(row?.action).toBe('organisation.deactivate');
  });
});
