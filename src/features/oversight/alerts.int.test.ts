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
import { detectAlerts, runAlerts } from './alerts.js';

describe('compliance alerts', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let cell: { id: number; path: string };
  const people: number[] = [];
  const today = todayIso();
  const year = today.slice(0, 4);

  /** A held meeting this year on `date` with the given statuses (other members present). */
  async function held(date: string, statuses: Record<number, string>) {
    const id = await meeting(db, { unitId: cell.id, status: 'held', scheduledAt: `${date}T19:30:00+07:00` });
    for (const p of people) {
      await db.query(
        "INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason) VALUES ($1, $2, 'member', true, false, $3, $4)",
        [id, p, statuses[p] ?? 'present', statuses[p] === 'absent_excused' ? 'Ốm' : null],
      );
    }
    // Adopted minutes, so only the rule under test fires.
    await db.query(
      "INSERT INTO meeting_record_versions (meeting_id, version, status, content, content_hash, adopted_at) VALUES ($1, 1, 'adopted', '{}', 'x', now())",
      [id],
    );
    return id;
  }
  const kinds = async () => (await detectAlerts(db, today)).filter((a) => a.unitId === cell.id);

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
    expect(alert?.title).toBe('Đồng chí Nguyễn Văn Thử 1 vắng có lý do 4 lần liên tiếp');
  });

  it('unexcused absences in 2 months warn, in 3 months of the year flag xóa tên risk (Điều lệ)', async () => {
    await db.query(
      'UPDATE attendance SET status = $2 WHERE member_id = $1 AND meeting_id IN (SELECT id FROM meetings ORDER BY scheduled_at LIMIT 2)',
      [people[2], 'absent_unexcused'],
    );
    let risk = (await kinds()).find((a) => a.kind === 'removal_risk');
    expect(risk).toMatchObject({ severity: 'warning' });
    expect(risk?.detail).toMatch(/Thêm một tháng nữa là đủ 3 tháng/);
    await db.query(
      "UPDATE attendance SET status = 'absent_unexcused' WHERE member_id = $1 AND meeting_id = (SELECT id FROM meetings ORDER BY scheduled_at OFFSET 2 LIMIT 1)",
      [people[2]],
    );
    risk = (await kinds()).find((a) => a.kind === 'removal_risk');
    expect(risk).toMatchObject({
      severity: 'critical',
      title: 'Đồng chí Nguyễn Văn Thử 2 vắng không lý do 3 tháng trong năm',
    });
  });

  it('attendance below 85% at the latest meeting raises an alert; 90% does not', async () => {
    // Two absent of ten = 80%.
    const id = await held(today, { [people[3]!]: 'absent_excused', [people[4]!]: 'absent_excused' });
    await db.query("UPDATE meetings SET scheduled_at = now() - interval '1 hour' WHERE id = $1", [id]);
    expect((await kinds()).find((a) => a.kind === 'low_attendance')?.title).toMatch(
      /tỷ lệ dự họp 80,00% \(dưới 85%\)/,
    );
    await db.query("UPDATE attendance SET status = 'present' WHERE meeting_id = $1 AND member_id = $2", [
      id,
      people[4],
    ]);
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
    expect(alert?.dueDate).toBe(addWorkingDays(ends, 30));
    expect(alert?.severity).toBe('info');
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
