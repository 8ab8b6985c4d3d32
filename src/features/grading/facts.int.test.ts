/**
 * The year's facts of the review (ADR 024) on a small fixture written straight into the database:
 * who is reviewed in 2025 (left the cell, exempted, new, temporarily away), attendance from the
 * stored snapshot, tasks done/late/undone, dues unpaid months with and without a reason, and
 * discipline of the year only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, member, unit } from '../../../test/support/factory.js';
import { memberYearFacts, referenceDate, reviewableMembers } from './facts.js';

describe('grading facts of a year', () => {
  let t: TestApp;
  let ward: { id: number; path: string };
  let cell: { id: number; path: string };
  const m: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    ward = await unit(db, { name: 'Đảng bộ phường Thử Dữ Kiện' });
    cell = await unit(db, { parentId: ward.id, name: 'Chi bộ khu phố Một', cellType: 'khu_dan_cu' });
    const other = await unit(db, { parentId: ward.id, name: 'Chi bộ khu phố Hai', cellType: 'khu_dan_cu' });
    m.an = await member(db, { unitId: cell.id, fullName: 'Trần Văn An' });
    m.binh = await member(db, { unitId: cell.id, fullName: 'Lê Thị Bình' });
    m.cuong = await member(db, {
      unitId: cell.id,
      fullName: 'Phạm Văn Cường',
      admissionDate: '2025-09-01',
      officialDate: null,
    });
    m.dung = await member(db, { unitId: cell.id, fullName: 'Đỗ Văn Dũng' });
    m.em = await member(db, { unitId: cell.id, fullName: 'Ngô Thị Em' });
    m.giang = await member(db, {
      unitId: other.id,
      fullName: 'Vũ Văn Giang',
      admissionDate: '2025-06-30',
      officialDate: null,
    });
    // Bình exempted from 2024 on; Dũng in temporary membership elsewhere; Em left in June 2025.
    await db.query(
      `INSERT INTO member_status_periods (member_id, kind, valid_from) VALUES ($1, 'exempted', '2024-01-01')`,
      [m.binh],
    );
    await db.query(
      `INSERT INTO member_status_periods (member_id, kind, other_org, valid_from) VALUES ($1, 'temporary_out', 'Nơi khác', '2025-10-01')`,
      [m.dung],
    );
    await db.query(
      `UPDATE memberships SET valid_to = '2025-06-15', end_reason = 'transfer_out' WHERE member_id = $1`,
      [m.em],
    );

    // Four held meetings in 2025, one in 2024, a chi ủy meeting and a planned one in 2025.
    const held: number[] = [];
    for (const at of [
      '2025-02-10T19:30:00+07:00',
      '2025-05-10T19:30:00+07:00',
      '2025-08-10T19:30:00+07:00',
      '2025-11-10T19:30:00+07:00',
    ])
      held.push(await meeting(db, { unitId: cell.id, status: 'held', scheduledAt: at }));
    const old = await meeting(db, {
      unitId: cell.id,
      status: 'held',
      scheduledAt: '2024-12-10T19:30:00+07:00',
    });
    const committee = await meeting(db, {
      unitId: cell.id,
      status: 'held',
      kind: 'committee',
      scheduledAt: '2025-03-10T19:30:00+07:00',
    });
    const mark = (mt: number, id: number, status: string | null, category = 'member', away = false) =>
      db.query(
        'INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status) VALUES ($1, $2, $3, true, $4, $5)',
        [mt, id, category, away, status],
      );
    await mark(held[0]!, m.an, 'present');
    await mark(held[1]!, m.an, 'late');
    await mark(held[2]!, m.an, 'absent_excused');
    await mark(held[3]!, m.an, 'absent_unexcused');
    await mark(old, m.an, 'absent_unexcused');
    await mark(committee, m.an, 'absent_unexcused');
    // An exempted member who came is not in the base; an away member is not summoned.
    await mark(held[0]!, m.binh, 'present', 'exempted');
    await mark(held[3]!, m.dung, null, 'member', true);
    await mark(held[0]!, m.dung, 'present');

    // Tasks of Ân: late (reported done only at the second meeting after its deadline), on time
    // (done before its deadline), on time (reported at the first meeting after its deadline — the
    // first chance to say so), not achieved, open past its deadline, next year's, one of 2024.
    const task = async (deadline: string | null, result: string, reviewedAt: string | null) => {
      const [r] = await db.query<{ id: number }>(
        `INSERT INTO tasks (unit_id, meeting_id, title, deadline, result, reviewed_at) VALUES ($1, $2, 'Việc', $3, $4, $5) RETURNING id`,
        [cell.id, held[0], deadline, result, reviewedAt],
      );
      await db.query('INSERT INTO task_owners (task_id, member_id) VALUES ($1, $2)', [r!.id, m.an]);
    };
    await task('2025-03-31', 'achieved', '2025-08-10T21:00:00+07:00');
    await task('2025-05-31', 'achieved', '2025-05-20T20:00:00+07:00');
    await task('2025-06-30', 'achieved', '2025-08-10T21:00:00+07:00');
    await task('2025-07-31', 'not_achieved', '2025-08-10T20:00:00+07:00');
    await task('2025-08-31', 'open', null);
    await task('2026-01-31', 'open', null);
    await task('2024-11-30', 'not_achieved', '2024-12-10T20:00:00+07:00');

    // Dues: January unpaid without a reason, February unpaid with one, March paid, 2024 unpaid.
    const dues = (month: string, due: number, paid: number, reason: string | null) =>
      db.query(
        `INSERT INTO dues_entries (member_id, unit_id, month, category, due, paid, reason) VALUES ($1, $2, $3, 'salary', $4, $5, $6)`,
        [m.an, cell.id, month, due, paid, reason],
      );
    await dues('2025-01', 50_000, 0, null);
    await dues('2025-02', 50_000, 10_000, 'Ốm dài ngày');
    await dues('2025-03', 50_000, 50_000, null);
    await dues('2024-12', 50_000, 0, null);

    await db.query(
      `INSERT INTO member_disciplines (member_id, form, decided_on, reason) VALUES ($1, 'khien_trach', '2025-06-01', 'Vi phạm'), ($1, 'canh_cao', '2024-06-01', 'Cũ')`,
      [m.an],
    );
    await db.query(
      `INSERT INTO member_commendations (member_id, title, decided_on) VALUES ($1, 'Đảng viên tiêu biểu', '2025-09-02')`,
      [m.an],
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it('reads a past year on 31/12 and the current year today', () => {
    expect(referenceDate(2025, '2026-12-01')).toBe('2025-12-31');
    expect(referenceDate(2026, '2026-12-01')).toBe('2026-12-01');
  });

  it('lists the members of the cells on 31/12 with whether each is reviewed and graded', async () => {
    const list = await reviewableMembers(t.db, { year: 2025, unitPath: ward.path });
    const byId = new Map(list.map((r) => [r.memberId, r]));
    expect(byId.has(m.em!)).toBe(false);
    expect(list.filter((r) => r.unitId === cell.id).map((r) => r.fullName)).toEqual([
      'Trần Văn An',
      'Lê Thị Bình',
      'Phạm Văn Cường',
      'Đỗ Văn Dũng',
    ]);
    expect(byId.get(m.an!)).toMatchObject({
      status: 'official',
      reviewed: true,
      graded: true,
      notGradedReason: null,
    });
    expect(byId.get(m.binh!)).toMatchObject({ exempted: true, reviewed: false, graded: false });
    expect(byId.get(m.binh!)!.notGradedReason).toContain('miễn công tác');
    expect(byId.get(m.cuong!)).toMatchObject({ status: 'probationary', reviewed: true, graded: false });
    expect(byId.get(m.cuong!)!.notGradedReason).toContain('chưa đủ 6 tháng');
    expect(byId.get(m.dung!)).toMatchObject({ temporaryOut: true, reviewed: true, graded: true });
    // Admitted exactly six months before 31/12: graded.
    expect(byId.get(m.giang!)).toMatchObject({ status: 'probationary', graded: true });
    // One cell only, and one member by id.
    expect((await reviewableMembers(t.db, { year: 2025, unitPath: cell.path })).length).toBe(4);
    const one = await reviewableMembers(t.db, { year: 2025, unitPath: '/', memberIds: [m.cuong!] });
    expect(one.map((r) => r.memberId)).toEqual([m.cuong]);
    // In 2024 Cường was not yet admitted, Em was still a member.
    const y2024 = await reviewableMembers(t.db, { year: 2024, unitPath: cell.path });
    expect(y2024.map((r) => r.memberId).sort()).toEqual([m.an, m.binh, m.dung, m.em].sort());
  });

  it('counts attendance, tasks, dues and discipline of the year for each member', async () => {
    const facts = await memberYearFacts(t.db, { year: 2025, memberIds: [m.an!, m.binh!, m.dung!, m.cuong!] });
    expect(facts.get(m.an!)).toEqual({
      meetingsDue: 4,
      attended: 2,
      absentExcused: 1,
      absentUnexcused: 1,
      tasksAssigned: 5,
      tasksDone: 3,
      tasksLate: 1,
      tasksUndone: 2,
      duesMonths: 3,
      duesDue: 150_000,
      duesPaid: 60_000,
      duesUnpaidMonths: 1,
      disciplines: 1,
      disciplined: true,
      commendations: 1,
    });
    // Exempted: the meeting they came to is not due; away: only the meeting summoned here.
    expect(facts.get(m.binh!)).toMatchObject({ meetingsDue: 0, attended: 0, disciplined: false });
    expect(facts.get(m.dung!)).toMatchObject({ meetingsDue: 1, attended: 1 });
    expect(facts.get(m.cuong!)).toMatchObject({ meetingsDue: 0, tasksAssigned: 0, duesUnpaidMonths: 0 });
    const y2024 = await memberYearFacts(t.db, { year: 2024, memberIds: [m.an!] });
    expect(y2024.get(m.an!)).toMatchObject({
      meetingsDue: 1,
      absentUnexcused: 1,
      tasksUndone: 1,
      duesUnpaidMonths: 1,
      disciplines: 1,
    });
  });
});
