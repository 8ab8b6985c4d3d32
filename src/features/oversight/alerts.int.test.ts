/**
 * Each compliance rule on records built for it (DOMAIN.md §3, §5): the rule fires at the
 * threshold the pack sets, not one step before, and the job resolves what is no longer true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.js';
import { meeting, member, unit } from '../../../test/support/factory.js';
import type { Db } from '../../db/executor.js';
import { addWorkingDays } from '../../domain/calendar/working-days.js';
import { todayIso } from '../../domain/format.js';
import { loadWorkingCalendar } from '../calendar/service.js';
import { refreshAttendanceSummary } from '../meetings/attendance-summary.js';
import { refreshCellMonth } from '../scoring/status.js';
import { detectAlerts, runAlerts } from './alerts.js';
import { referenceDifferences } from './alerts-reference.js';

/** The month `n` months before `YYYY-MM` (negative: after). */
function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

describe('compliance alerts', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let cell: { id: number; path: string };
  const people: number[] = [];
  const today = todayIso();
  const year = today.slice(0, 4);

  /**
   * A held meeting this year on `date` with the given statuses (other members present), its
   * attendance summary stored by the shared rule, and its minutes adopted (so only the rule under
   * test fires) unless `adopt` is false.
   */
  async function held(date: string, statuses: Record<number, string>, adopt = true) {
    const id = await meeting(db, { unitId: cell.id, status: 'held', scheduledAt: `${date}T19:30:00+07:00` });
    for (const p of people) {
      await db.query(
        "INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason) VALUES ($1, $2, 'member', true, false, $3, $4)",
        [id, p, statuses[p] ?? 'present', statuses[p] === 'absent_excused' ? 'Ốm' : null],
      );
    }
    await refreshAttendanceSummary(db, id);
    if (adopt) {
      // Adopted the way the database allows (a draft, then adopted; migration 0009 refuses an insert as adopted).
      await db.query(
        "INSERT INTO meeting_record_versions (meeting_id, version, status, content) VALUES ($1, 1, 'draft', '{}')",
        [id],
      );
      await db.query(
        "UPDATE meeting_record_versions SET status = 'adopted', content_hash = 'x', adopted_at = now() WHERE meeting_id = $1",
        [id],
      );
    }
    return id;
  }
  // Each look also holds the set-based detection equal to the reference algorithm (alerts-reference.ts).
  const kinds = async () => {
    const found = await detectAlerts(db, today);
    expect(await referenceDifferences(db, today, found)).toEqual([]);
    return found.filter((a) => a.unitId === cell.id);
  };

  beforeAll(async () => {
    ({ db, dispose } = await createTestDb());
    const ward = await unit(db, { name: 'Đảng bộ phường Thử' });
    cell = await unit(db, { parentId: ward.id, name: 'Chi bộ Thử', cellType: 'khu_dan_cu' });
    for (let i = 0; i < 10; i++)
      people.push(await member(db, { unitId: cell.id, fullName: `Nguyễn Văn Thử ${i}` }));
  });
  afterAll(() => dispose());

  it('a fourth excused absence in a row raises the alert; the third does not (HD 12/2018: more than 3)', async () => {
    const months = ['01', '02', '03'].map((m) => `${year}-${m}-10`);
    for (const d of months) await held(d, { [people[1]!]: 'absent_excused' });
    expect((await kinds()).some((a) => a.kind === 'excused_run')).toBe(false);
    await held(`${year}-04-10`, { [people[1]!]: 'absent_excused' });
    const alert = (await kinds()).find((a) => a.kind === 'excused_run');
    expect(alert?.title).toBe(`Đồng chí Nguyễn Văn Thử 1 vắng có lý do 4 lần liên tiếp trong năm ${year}`);
    // Present at the next meeting: the run of four this year still stands (the rubric counts it too).
    await held(`${year}-05-10`, {});
    expect((await kinds()).find((a) => a.kind === 'excused_run')?.title).toMatch(/4 lần liên tiếp/);
  });

  it('unexcused absences in 2 months warn, in 3 months of the year flag xóa tên risk (Điều lệ)', async () => {
    for (const m of ['06', '07']) await held(`${year}-${m}-10`, { [people[2]!]: 'absent_unexcused' });
    let risk = (await kinds()).find((a) => a.kind === 'removal_risk');
    expect(risk).toMatchObject({ severity: 'warning' });
    expect(risk?.detail).toMatch(/Thêm một tháng nữa là đủ 3 tháng/);
    await held(`${year}-08-10`, { [people[2]!]: 'absent_unexcused' });
    risk = (await kinds()).find((a) => a.kind === 'removal_risk');
    expect(risk).toMatchObject({
      severity: 'critical',
      title: 'Đồng chí Nguyễn Văn Thử 2 vắng không lý do 3 tháng trong năm',
    });
  });

  it('attendance below 85% at the latest meeting raises an alert; 90% does not', async () => {
    // Two absent of ten = 80% (minutes not yet adopted: the secretary still corrects the roll).
    const id = await held(today, { [people[3]!]: 'absent_excused', [people[4]!]: 'absent_excused' }, false);
    await db.query("UPDATE meetings SET scheduled_at = now() - interval '1 hour' WHERE id = $1", [id]);
    expect((await kinds()).find((a) => a.kind === 'low_attendance')?.title).toMatch(
      /tỷ lệ dự họp 80,00% \(dưới 85%\)/,
    );
    await db.query("UPDATE attendance SET status = 'present' WHERE meeting_id = $1 AND member_id = $2", [
      id,
      people[4],
    ]);
    await refreshAttendanceSummary(db, id);
    // 9/10 = 90%: gone.
    expect((await kinds()).some((a) => a.kind === 'low_attendance')).toBe(false);
  });

  it('probation ending: the decision is due 30 working days after the 12 months, Tết days not counted', async () => {
    const admitted = new Date(Date.parse(today) - 360 * 86_400_000).toISOString().slice(0, 10);
    const p = await member(db, {
      unitId: cell.id,
      fullName: 'Trần Thị Dự Bị',
      admissionDate: admitted,
      officialDate: null,
    });
    const alert = (await kinds()).find((a) => a.kind === 'probation_ending' && a.memberId === p);
    const d = new Date(`${admitted}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 12);
    const ends = d.toISOString().slice(0, 10);
    expect(alert?.dueDate).toBe(addWorkingDays(ends, 30, await loadWorkingCalendar(db)));
    expect(alert?.severity).toBe('info');
  });

  it('a month whose meeting was never held stays flagged until it is held or closed with a note; a planned date does not silence it', async () => {
    const other = await unit(db, {
      parentId: (
        await db.query<{ parent_id: number }>('SELECT parent_id FROM org_units WHERE id = $1', [cell.id])
      )[0]!.parent_id,
      name: 'Chi bộ Lịch',
      cellType: 'co_quan',
    });
    await db.query(
      "INSERT INTO meeting_series (unit_id, day_of_month, start_time, place) VALUES ($1, 10, '08:00', 'Hội trường')",
      [other.id],
    );
    const past = monthsBack(today.slice(0, 7), 2);
    // Planned for the 10th of that month, never started.
    await meeting(db, { unitId: other.id, scheduledAt: `${past}-10T08:00:00+07:00` });
    await refreshCellMonth(db, other.id, past);
    const alerts = async (on = today) => (await detectAlerts(db, on)).filter((a) => a.unitId === other.id);
    const missed = (await alerts()).find((a) => a.kind === 'no_regular_meeting');
    expect(missed).toMatchObject({
      subjectKey: `${other.id}:${past}`,
      title: `Chi bộ Lịch: chưa sinh hoạt thường kỳ tháng ${Number(past.slice(5))}/${past.slice(0, 4)}`,
      dueDate: `${past}-10`,
    });
    expect(missed?.detail).toMatch(/đã lên lịch nhưng chưa được tổ chức/);
    // A month later it is still there (it does not resolve itself when the next month starts).
    const later = `${monthsBack(today.slice(0, 7), -1)}-15`;
    expect((await alerts(later)).some((a) => a.subjectKey === `${other.id}:${past}`)).toBe(true);

    // The current month is not due before the cell's day: pending, never flagged.
    await refreshCellMonth(db, other.id, today.slice(0, 7));
    const [row] = await db.query<{ due_date: string }>(
      'SELECT due_date FROM cell_month_status WHERE unit_id = $1 AND month = $2',
      [other.id, today.slice(0, 7)],
    );
    expect(row!.due_date).toBe(`${today.slice(0, 7)}-10`);
    const dayBefore = `${today.slice(0, 7)}-09`;
    expect((await alerts(dayBefore)).some((a) => a.subjectKey === `${other.id}:${today.slice(0, 7)}`)).toBe(
      false,
    );

    // The office closes the old month with a note: the job does not reopen it.
    await runAlerts(db, today);
    const [open] = await db.query<{ id: number }>(
      "SELECT id FROM alerts WHERE kind = 'no_regular_meeting' AND subject_key = $1 AND resolved_at IS NULL",
      [`${other.id}:${past}`],
    );
    await db.query(
      "UPDATE alerts SET resolved_at = now(), dismissed_at = now(), dismiss_note = 'Chi bộ họp gộp với tháng sau' WHERE id = $1",
      [open!.id],
    );
    await runAlerts(db, today);
    const [reopened] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alerts WHERE kind = 'no_regular_meeting' AND subject_key = $1 AND resolved_at IS NULL",
      [`${other.id}:${past}`],
    );
    expect(reopened!.n).toBe(0);
  });

  it('documents not posted a day before a planned meeting', async () => {
    const id = await meeting(db, {
      unitId: cell.id,
      scheduledAt: new Date(Date.now() + 12 * 3600_000).toISOString(),
    });
    const late = async () => (await kinds()).some((a) => a.kind === 'documents_late' && a.meetingId === id);
    expect(await late()).toBe(true);
    await db.query(
      "INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content) VALUES ($1, 'material', 'T', 't.pdf', 'application/pdf', 1, 'x', '\\x25'::bytea)",
      [id],
    );
    expect(await late()).toBe(false);
  });

  it('a transfer out of the tree: the letter is due 30 working days later', async () => {
    const p = await member(db, { unitId: cell.id, fullName: 'Lê Văn Chuyển' });
    await db.query(
      "UPDATE memberships SET valid_to = $2, end_reason = 'transfer_out', other_org = 'Đảng bộ tỉnh khác' WHERE member_id = $1",
      [p, today],
    );
    await db.query("UPDATE members SET standing = 'transferred_out' WHERE id = $1", [p]);
    const alert = (await detectAlerts(db, today)).find(
      (a) => a.kind === 'transfer_letter_due' && a.memberId === p,
    );
    expect(alert?.dueDate).toBe(addWorkingDays(today, 30, await loadWorkingCalendar(db)));
    expect(alert?.title).toMatch(/chuyển sinh hoạt đến Đảng bộ tỉnh khác: nộp giấy giới thiệu trước/);
  });

  it('the job opens, keeps and resolves: a second run opens nothing new', async () => {
    const first = await runAlerts(db, today);
    expect(first.opened).toBeGreaterThan(0);
    const second = await runAlerts(db, today);
    expect(second.opened).toBe(0);
    expect(second.open).toBe(first.open);
    const [open] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alerts WHERE kind = 'probation_ending' AND resolved_at IS NULL",
    );
    expect(open!.n).toBe(1);
    // The probation alert goes once the member is recognised as official.
    await db.query(
      `UPDATE member_status_periods SET valid_to = $1 WHERE kind = 'probationary' AND valid_to IS NULL
         AND member_id = (SELECT id FROM members WHERE full_name = 'Trần Thị Dự Bị')`,
      [today],
    );
    const third = await runAlerts(db, today);
    expect(third.resolved).toBe(1);
    const [{ n }] = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alerts WHERE kind = 'probation_ending' AND resolved_at IS NULL",
    )) as [{ n: number }];
    expect(n).toBe(0);
  });
});
