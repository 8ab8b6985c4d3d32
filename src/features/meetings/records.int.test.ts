/**
 * Trustworthy records (issue 7): what a cell can sign and a committee can rely on. Each test is
 * one point seen on the landed main: a meeting started 40 days early, minutes missing what was
 * recorded, counts that did not add up, times that disagreed, tasks added after adoption, tasks
 * lost when an extraordinary meeting came between, evidence contradicting the checklist,
 * invitations that silently reached two members of thirty-three.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow, moveMeetingTo } from '../../../test/support/meeting-flow.js';
import { findUnit } from '../org/service.js';
import { generateMeetings } from './plan.js';
import { verifyChain } from './record.js';

const docxText = async (bytes: Buffer) => {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
};

describe('trustworthy records of a meeting', () => {
  let t: TestApp;
  let bithu: Client;
  let chiuy: Client;
  let cell: { id: number; path: string };
  const p: Record<string, number> = {};

  /** Creates a meeting at `scheduledAt`, returns its detail. */
  const create = async (scheduledAt: string, kind = 'regular') =>
    (await bithu.post(`/api/org-units/${cell.id}/meetings`, { kind, scheduledAt })).json();
  const markAll = async (id: number, except: Record<number, { status: string; reason?: string }> = {}) => {
    const d = (await bithu.get(`/api/meetings/${id}`)).json();
    const items = (d.attendance.members as { memberId: number; category: string; away: boolean }[])
      .filter((r) => r.category === 'member' && !r.away)
      .map((r) => ({ memberId: r.memberId, ...(except[r.memberId] ?? { status: 'present' }) }));
    return bithu.request({ method: 'PUT', url: `/api/meetings/${id}/attendance`, payload: { items } });
  };
  /** Holds a meeting now (start, everyone marked, optional tasks, end). */
  const holdNow = async (kind = 'regular', tasks: string[] = []) => {
    const m = await create(fromNow(5), kind);
    await bithu.post(`/api/meetings/${m.id}/start`);
    await markAll(m.id);
    const ids: number[] = [];
    for (const title of tasks)
      ids.push((await bithu.post(`/api/meetings/${m.id}/tasks`, { title, ownerIds: [p.a] })).json().id);
    expect((await bithu.post(`/api/meetings/${m.id}/end`)).statusCode).toBe(200);
    return { id: m.id as number, tasks: ids };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Hòa Bình' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 5', cellType: 'khu_dan_cu' });
    p.chair = await member(t.db, { unitId: cell.id, fullName: 'Trần Văn Chủ' });
    p.secretary = await member(t.db, { unitId: cell.id, fullName: 'Lê Thị Thư' });
    p.a = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn An' });
    p.b = await member(t.db, { unitId: cell.id, fullName: 'Phạm Thị Bình' });
    p.c = await member(t.db, { unitId: cell.id, fullName: 'Đỗ Văn Cường' });
    p.exempt = await member(t.db, { unitId: cell.id, fullName: 'Hồ Văn Miễn' });
    await t.db.query(
      "INSERT INTO member_status_periods (member_id, kind, valid_from, reason) VALUES ($1, 'exempted', '2024-01-01', 'Tuổi cao')",
      [p.exempt],
    );
    await user(t.db, 'bithu', [{ role: 'cell_secretary', unitId: cell.id }], p.chair);
    await user(t.db, 'chiuy', [{ role: 'cell_committee', unitId: cell.id }], p.a);
    await user(t.db, 'giamsat', [{ role: 'supervisor', unitId: cell.id }]);
    bithu = await t.login('bithu');
    chiuy = await t.login('chiuy');
  });
  afterAll(() => t.close());

  it('starts only near its time: 40 days ahead is a 409 with its own code; rescheduling to now (with a reason) starts it; a false start is taken back', async () => {
    const far = await create(fromNow(40 * 24 * 60));
    expect(far.start.allowedNow).toBe(false);
    const early = await bithu.post(`/api/meetings/${far.id}/start`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'MEETING_START_OUTSIDE_WINDOW', details: { tooEarly: true } });
    expect(early.json().message).toMatch(
      /^Buổi sinh hoạt được lên lịch lúc .* chỉ bắt đầu được từ .*dời lịch/,
    );
    expect((await bithu.get(`/api/meetings/${far.id}`)).json().status).toBe('planned');
    // A chi ủy viên runs meetings but does not move them.
    expect(
      (await chiuy.post(`/api/meetings/${far.id}/start`, { rescheduleReason: 'Họp sớm' })).statusCode,
    ).toBe(403);
    const moved = (
      await bithu.post(`/api/meetings/${far.id}/start`, { rescheduleReason: 'Họp sớm vì trùng ngày bầu cử' })
    ).json();
    expect(moved).toMatchObject({ status: 'in_progress', moveReason: 'Họp sớm vì trùng ngày bầu cử' });
    expect(moved.originalScheduledAt).toBe(far.scheduledAt);
    expect(Math.abs(new Date(moved.scheduledAt).getTime() - Date.now())).toBeLessThan(60_000);
    // Nothing recorded yet: back to planned, the roster let go.
    const back = (
      await bithu.post(`/api/meetings/${far.id}/revert-start`, { reason: 'Bắt đầu nhầm' })
    ).json();
    expect(back).toMatchObject({ status: 'planned', startedAt: null });
    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM attendance WHERE meeting_id = $1',
      [far.id],
    )) as [{ n: number }];
    expect(n).toBe(0);
    // Once something is recorded it cannot be taken back.
    await bithu.post(`/api/meetings/${far.id}/start`);
    await bithu.request({
      method: 'PUT',
      url: `/api/meetings/${far.id}/attendance/${p.a}`,
      payload: { status: 'present' },
    });
    const refused = (await bithu.post(`/api/meetings/${far.id}/revert-start`, { reason: 'Nhầm' })).json();
    expect(refused.code).toBe('MEETING_HAS_RECORDS');
    expect(refused.message).toMatch(/1 lượt điểm danh/);
    await markAll(far.id);
    await bithu.post(`/api/meetings/${far.id}/end`);
  });

  it('counts once: an exempted member who comes attends outside the base; summoned = present + absent everywhere', async () => {
    const m = await create(fromNow(5));
    await bithu.post(`/api/meetings/${m.id}/start`);
    await markAll(m.id, { [p.c!]: { status: 'absent_excused', reason: 'Ốm' } });
    const detail = (
      await bithu.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/attendance/${p.exempt}`,
        payload: { status: 'present' },
      })
    ).json();
    expect(detail.attendance.summary).toMatchObject({
      members: 6,
      base: 5,
      present: 4,
      absentExcused: 1,
      exempted: 1,
      exemptedPresent: 1,
    });
    await bithu.patch(`/api/meetings/${m.id}`, { chairMemberId: p.chair, secretaryMemberId: p.secretary });
    await bithu.post(`/api/meetings/${m.id}/end`);
    const [row] = await t.db.query<{ att_summoned: number; att_present: number }>(
      'SELECT att_summoned, att_present FROM meetings WHERE id = $1',
      [m.id],
    );
    expect(row).toEqual({ att_summoned: 5, att_present: 4 });
    const score = (await bithu.get(`/api/meetings/${m.id}/score`)).json();
    const rate = score.columns.cell.score.items.find((i: { key: string }) => i.key === 'attendance_rate');
    expect(rate.evidence).toBe('Có mặt 4/5 = 80,0%');
    const month = m.scheduledAt.slice(0, 7);
    // The month row reads the same stored summary (of the month's first regular meeting held).
    const status = (
      await bithu.get(`/api/org-units/${cell.id}/month-status?from=${month}&to=${month}`)
    ).json();
    const [shown] = await t.db.query<{ att_summoned: number; att_present: number }>(
      'SELECT att_summoned, att_present FROM meetings WHERE id = $1',
      [status.items[0].meetingId],
    );
    expect(status.items[0].attendancePercent).toBe(
      Math.round((shown!.att_present * 10000) / shown!.att_summoned) / 100,
    );
    const minutes = await docxText((await bithu.get(`/api/meetings/${m.id}/minutes.docx`)).rawPayload);
    expect(minutes).toContain(
      '- Có mặt 4/5 đồng chí, đạt tỷ lệ 80,00%; vắng mặt 1 đồng chí (1 có lý do, 0 không có lý do):',
    );
    expect(minutes).toContain(
      '- Đảng viên được miễn sinh hoạt đảng dự họp: 1 đồng chí (không tính vào số triệu tập và tỷ lệ dự họp).',
    );
    // A draft is marked as one.
    expect(minutes).toContain('DỰ THẢO');
  });

  it('the minutes are adopted at the meeting, which ends then; nothing changes afterwards except a correction — the database refuses too', async () => {
    const m = await create(fromNow(5));
    await bithu.post(`/api/meetings/${m.id}/start`);
    await markAll(m.id);
    await bithu.patch(`/api/meetings/${m.id}`, { chairMemberId: p.chair, secretaryMemberId: p.secretary });
    await bithu.post(`/api/meetings/${m.id}/tasks`, { title: 'Vận động hộ dân lắp camera', ownerIds: [p.a] });
    await bithu.request({
      method: 'PUT',
      url: `/api/meetings/${m.id}/record`,
      payload: { situation: 'Tình hình khu phố ổn định; hoàn thành 3/4 nội dung nghị quyết tháng trước.' },
    });
    // The secretary has no account: she signs on the printed copy; the chair signs here.
    const before = (await bithu.get(`/api/meetings/${m.id}`)).json();
    expect(before.signing).toMatchObject({ ready: false, secretary: { onPaper: true } });
    expect(before.signing.missing).toEqual(['Chủ trì (Trần Văn Chủ) chưa ký']);
    expect((await bithu.post(`/api/meetings/${m.id}/record/adopt`)).json().code).toBe('RECORD_NOT_SIGNED');
    await bithu.post(`/api/meetings/${m.id}/record/sign`);
    const adopted = await bithu.post(`/api/meetings/${m.id}/record/adopt`);
    expect(adopted.statusCode).toBe(200);
    const held = (await bithu.get(`/api/meetings/${m.id}`)).json();
    expect(held.status).toBe('held');
    const [{ adopted_at }] = (await t.db.query<{ adopted_at: Date }>(
      "SELECT adopted_at FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'",
      [m.id],
    )) as [{ adopted_at: Date }];
    expect(new Date(held.endedAt).getTime()).toBe(Math.floor(new Date(adopted_at).getTime() / 1000) * 1000);

    const minutes = await docxText((await bithu.get(`/api/meetings/${m.id}/minutes.docx`)).rawPayload);
    const text = minutes.join('\n');
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain('Tình hình khu phố ổn định; hoàn thành 3/4 nội dung nghị quyết tháng trước.');
    expect(text).toMatch(/1\) Vận động hộ dân lắp camera — người thực hiện: Nguyễn Văn An\./);
    const sentence = minutes.find((x) => x.startsWith('Biên bản đã được đọc lại'))!;
    const [, adoptedAt, endedAt] = /lúc (\d\d giờ \d\d) ngày .*kết thúc lúc (\d\d giờ \d\d)/.exec(sentence)!;
    expect(adoptedAt).toBe(endedAt);

    // Held and adopted: no new task, no new title; the database refuses a direct write as well.
    expect(
      (await bithu.post(`/api/meetings/${m.id}/tasks`, { title: 'Việc thêm sau', ownerIds: [p.a] })).json()
        .code,
    ).toBe('MEETING_ALREADY_HELD');
    expect((await bithu.patch(`/api/meetings/${m.id}`, { title: 'Tên khác' })).json().code).toBe(
      'RECORD_LOCKED',
    );
    await expect(
      t.db.query("INSERT INTO tasks (unit_id, meeting_id, title) VALUES ($1, $2, 'Lén')", [cell.id, m.id]),
    ).rejects.toThrow(/locked/);
    await expect(t.db.query("UPDATE meetings SET title = 'Lén' WHERE id = $1", [m.id])).rejects.toThrow(
      /locked/,
    );
    await expect(
      t.db.query("UPDATE attendance SET status = 'absent_unexcused' WHERE meeting_id = $1", [m.id]),
    ).rejects.toThrow(/locked/);

    // Self-assessment: confirmed after adoption, it reaches the documents as an annex; the hash holds.
    const judgement = Object.fromEntries(
      (await bithu.get(`/api/meetings/${m.id}/score`))
        .json()
        .columns.cell.score.items.filter(
          (i: { measured: boolean; applicable: boolean }) => !i.measured && i.applicable,
        )
        .map((i: { key: string; max: number }) => [i.key, i.max]),
    );
    await bithu.request({ method: 'PUT', url: `/api/meetings/${m.id}/score/cell`, payload: { judgement } });
    expect((await bithu.post(`/api/meetings/${m.id}/score/cell/confirm`)).statusCode).toBe(200);
    const resolution = (
      await docxText((await bithu.get(`/api/meetings/${m.id}/resolution.docx`)).rawPayload)
    ).join('\n');
    expect(resolution).toMatch(
      /Chi bộ tự đánh giá chất lượng buổi sinh hoạt: \S+ \([\d,]+\/100 điểm\), chi bộ xác nhận lúc/,
    );
    expect(await verifyChain(t.db, cell.id)).toMatchObject({ ok: true });
  });

  it('last month’s tasks are reviewed at the next regular meeting whatever comes between, and carry forward until reviewed', async () => {
    const first = await holdNow('regular', ['Sửa đèn hẻm 3', 'Thăm hộ nghèo']);
    const [repair, visit] = first.tasks as [number, number];
    await moveMeetingTo(t.db, first.id, '2026-09-10T19:30:00+07:00');
    // An extraordinary meeting in between reviews nothing.
    const extra = await holdNow('extraordinary');
    await moveMeetingTo(t.db, extra.id, '2026-09-25T19:30:00+07:00');
    expect((await bithu.get(`/api/meetings/${extra.id}`)).json().previousTasks).toEqual([]);

    const october = await create(fromNow(5));
    await bithu.post(`/api/meetings/${october.id}/start`);
    const due = (await bithu.get(`/api/meetings/${october.id}`))
      .json()
      .previousTasks.map((x: { id: number }) => x.id);
    expect(due).toEqual(expect.arrayContaining([repair, visit]));
    expect(
      (await bithu.patch(`/api/tasks/${repair}`, { result: 'achieved', meetingId: october.id })).statusCode,
    ).toBe(200);
    // An extraordinary meeting cannot review.
    expect(
      (await bithu.patch(`/api/tasks/${visit}`, { result: 'achieved', meetingId: extra.id })).json().code,
    ).toBe('MEETING_ALREADY_HELD');
    await markAll(october.id);
    await bithu.post(`/api/meetings/${october.id}/end`);
    await moveMeetingTo(t.db, october.id, '2026-10-10T19:30:00+07:00');
    // At October, 1 of 2 achieved (the other still open): not full marks for "no items".
    const score = (await bithu.get(`/api/meetings/${october.id}/score`)).json();
    const items = score.columns.cell.score.items.find((i: { key: string }) => i.key === 'previous_items');
    expect(items.evidence).toBe('1 trên 2 nội dung đạt = 50,0%');
    expect(items.points).toBe(15);

    // November: the unreviewed visit is carried forward; the reviewed repair is not.
    const november = await create(fromNow(5));
    await bithu.post(`/api/meetings/${november.id}/start`);
    const due2 = (await bithu.get(`/api/meetings/${november.id}`)).json().previousTasks;
    const ids2 = due2.map((x: { id: number }) => x.id);
    expect(ids2).toContain(visit);
    expect(ids2).not.toContain(repair);
    expect(due2.find((x: { id: number }) => x.id === visit).meetingDate).toBe('2026-09-10');
    await bithu.patch(`/api/tasks/${visit}`, { result: 'partial', note: 'Còn 1 hộ', meetingId: november.id });
    // October's record still shows the visit as open at October.
    const oct = (await bithu.get(`/api/meetings/${october.id}`)).json();
    expect(oct.previousTasks.find((x: { id: number }) => x.id === visit).result).toBe('open');
    await markAll(november.id);
    await bithu.post(`/api/meetings/${november.id}/end`);
  });

  it('the checklist and the score evidence say the same; a hand tick is self-declared; a step only records prove cannot be ticked', async () => {
    const m = await create(fromNow(30));
    const refused = await bithu.post(`/api/meetings/${m.id}/prep-steps`, { step: 'content', note: 'Đã có' });
    expect(refused.statusCode).toBe(400);
    expect(
      (await bithu.post(`/api/meetings/${m.id}/prep-steps`, { step: 'prep_meeting' })).json().details,
    ).toMatchObject({
      field: 'note',
    });
    const ticked = (
      await bithu.post(`/api/meetings/${m.id}/prep-steps`, {
        step: 'prep_meeting',
        note: 'Chi ủy họp ngày 05/12, biên bản lưu bản giấy',
      })
    ).json();
    const step = ticked.preparation.steps.find((s: { key: string }) => s.key === 'prep_meeting');
    expect(step).toMatchObject({ done: true, source: 'manual' });
    expect(step.proof).toMatch(/^Tự khai lúc .*: Chi ủy họp ngày 05\/12, biên bản lưu bản giấy$/);
    // The invitation: who chibo cannot reach is named, not silently skipped.
    const invite = (await bithu.post(`/api/meetings/${m.id}/invitations`)).json();
    expect(invite.expected).toBe(6);
    expect(invite.notReached.map((x: { fullName: string }) => x.fullName)).toEqual(
      expect.arrayContaining(['Lê Thị Thư', 'Phạm Thị Bình', 'Đỗ Văn Cường', 'Hồ Văn Miễn']),
    );
    expect(invite.notReached).toHaveLength(4);
    expect(invite.notReached[0].reason).toBe('Chưa có tài khoản chibo');
    const list = await bithu.get(`/api/meetings/${m.id}/invitations.docx`);
    expect(list.statusCode).toBe(200);
    const listText = (await docxText(list.rawPayload)).join('\n');
    expect(listText).toContain('GIẤY MỜI');
    expect(listText).toContain('DANH SÁCH ĐẢNG VIÊN NHẬN GIẤY MỜI');
    expect(listText).toContain('Đồng chí Phạm Thị Bình');
    expect(
      (await bithu.get(`/api/meetings/${m.id}/invitations.pdf`)).rawPayload.subarray(0, 5).toString(),
    ).toBe('%PDF-');
    const [audit] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.invitation_print' AND entity_id = $1",
      [String(m.id)],
    );
    expect(audit!.n).toBe(2);
    // Documents posted one minute before an early start were never posted a day ahead.
    await t.db.query(
      `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content, posted_at)
       VALUES ($1, 'material', 'Dự thảo', 'd.pdf', 'application/pdf', 9, 'x', '\\x255044462d312e340a'::bytea, now() - interval '1 minute')`,
      [m.id],
    );
    await bithu.post(`/api/meetings/${m.id}/start`);
    await markAll(m.id);
    await bithu.post(`/api/meetings/${m.id}/end`);
    const score = (await bithu.get(`/api/meetings/${m.id}/score`)).json();
    const byKey = Object.fromEntries(score.columns.cell.score.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey.prep_committee).toMatchObject({ points: 2, selfDeclared: true });
    expect(byKey.prep_committee.evidence).toMatch(/\(tự khai\)$/);
    expect(byKey.prep_documents.points).toBe(0);
    expect(byKey.prep_documents.evidence).toMatch(/chưa đủ 1 ngày trước buổi họp/);
    const detail = (await bithu.get(`/api/meetings/${m.id}`)).json();
    expect(detail.preparation.documentsOnTime).toBe(false);
  });

  it('a pack change reaches planned meetings; held meetings keep theirs', async () => {
    const planned = await create(fromNow(20 * 24 * 60));
    const [held] = await t.db.query<{ id: number; rule_pack: string }>(
      "SELECT id, rule_pack FROM meetings WHERE unit_id = $1 AND status = 'held' LIMIT 1",
      [cell.id],
    );
    await t.db.query(
      "INSERT INTO role_grants (user_id, role, org_unit_id) SELECT id, 'committee_staff', $1 FROM users WHERE username = 'bithu'",
      [cell.id],
    );
    const staff = await t.login('bithu');
    const res = await staff.request({
      method: 'PUT',
      url: `/api/org-units/${cell.id}/rule-pack`,
      payload: { packId: 'gop-dieu-hanh-2025' },
    });
    expect(res.json().plannedMeetingsUpdated).toBeGreaterThanOrEqual(1);
    expect((await staff.get(`/api/meetings/${planned.id}`)).json().rulePack.id).toBe('gop-dieu-hanh-2025');
    const [after] = await t.db.query<{ rule_pack: string }>('SELECT rule_pack FROM meetings WHERE id = $1', [
      held!.id,
    ]);
    expect(after!.rule_pack).toBe(held!.rule_pack);
  });

  it('the series generator keeps meetings off public holidays (the year’s calendar), saying why', async () => {
    const other = await unit(t.db, {
      parentId: (await findUnit(t.db, cell.id))!.parent_id,
      name: 'Chi bộ Ấp 1',
      cellType: 'nong_thon',
    });
    await t.db.query(
      "INSERT INTO meeting_series (unit_id, day_of_month, start_time, place) VALUES ($1, 1, '19:30', 'Nhà văn hóa ấp')",
      [other.id],
    );
    const ids = await t.db.transaction(async (tx) =>
      generateMeetings(tx, (await findUnit(tx, other.id))!, { today: '2026-12-15', months: 2 }),
    );
    const rows = await t.db.query<{ scheduled_at: Date; move_reason: string | null }>(
      'SELECT scheduled_at, move_reason FROM meetings WHERE id = ANY($1::int[]) ORDER BY scheduled_at',
      [ids],
    );
    // 01/01/2027 is Tết Dương lịch: held on 02/01; 01/02/2027 is a working day.
    expect(rows.map((r) => new Date(r.scheduled_at).toISOString())).toEqual([
      '2027-01-02T12:30:00.000Z',
      '2027-02-01T12:30:00.000Z',
    ]);
    expect(rows[0]!.move_reason).toBe(
      'Ngày 01/01/2027 là ngày nghỉ (Tết Dương lịch (01/01)): lịch chuyển sang ngày 02/01/2027.',
    );
  });
});
