/**
 * The fast path of self check-in (self-checkin.ts, ADR 030) keeps the meeting's counters as the
 * full summary would, checks each member in once under a parallel burst, and writes one audit
 * row per check-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow } from '../../../test/support/meeting-flow.js';
import { refreshAttendanceSummary } from './attendance-summary.js';
import { checkinCodeAt } from './checkin-code.js';

const COUNTERS = `att_members, att_summoned, att_present, att_absent_excused, att_absent_unexcused, att_unmarked,
  att_exempted, att_exempted_present, att_visiting_present, att_away`;

describe('self check-in, fast path', () => {
  let t: TestApp;
  let secretary: Client;
  let members: { id: number; client: Client }[];
  let meetingId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Dồn Dập' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    const sec = await member(t.db, { unitId: cell.id, fullName: 'Lê Thị Thư' });
    await user(t.db, 'thuky.dd', [{ role: 'cell_secretary', unitId: cell.id }], sec);
    secretary = await t.login('thuky.dd');
    members = [];
    for (let i = 0; i < 12; i++) {
      const id = await member(t.db, { unitId: cell.id, fullName: `Nguyễn Văn Số ${i + 1}` });
      await user(t.db, `so.${i}`, [{ role: 'member', unitId: cell.id }], id);
      members.push({ id, client: await t.login(`so.${i}`) });
    }
    meetingId = (
      await secretary.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json().id;
    expect((await secretary.post(`/api/meetings/${meetingId}/start`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const code = async () => {
    const [m] = await t.db.query<{ checkin_secret: string }>(
      'SELECT checkin_secret FROM meetings WHERE id = $1',
      [meetingId],
    );
    // Away from the 30-second boundary, so every request of the burst sees the same code.
    const left = 30_000 - (Date.now() % 30_000);
    if (left < 3_000) await new Promise((r) => setTimeout(r, left + 50));
    return checkinCodeAt(m!.checkin_secret, new Date()).code;
  };
  const counters = async () =>
    (
      await t.db.query<Record<string, number>>(`SELECT ${COUNTERS} FROM meetings WHERE id = $1`, [meetingId])
    )[0]!;

  it('a parallel burst checks everyone in once; the counters equal a full recount; one audit row each', async () => {
    // One member marked absent (excused) by the secretary first: their delta leaves that counter too.
    const marked = await secretary.request({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/attendance/${members[0]!.id}`,
      payload: { status: 'absent_excused', reason: 'Đi công tác' },
    });
    expect(marked.statusCode).toBe(200);
    const before = await counters();
    expect(before.att_absent_excused).toBe(1);

    const c = await code();
    const answers = await Promise.all(
      members.map((m) => m.client.post(`/api/meetings/${meetingId}/check-in`, { code: c })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(members.map(() => 200));
    expect(answers.map((a) => a.json())).toEqual(members.map(() => ({ status: 'present', already: false })));

    const after = await counters();
    expect(after.att_present).toBe(before.att_present! + 12);
    expect(after.att_absent_excused).toBe(0);
    expect(after.att_unmarked).toBe(before.att_unmarked! - 11);
    // A full recount from the rows writes the same figures.
    const recount = await t.db.transaction((tx) => refreshAttendanceSummary(tx, meetingId));
    expect(recount.present).toBe(after.att_present);
    expect(recount.unmarked).toBe(after.att_unmarked);
    expect(recount.absentExcused).toBe(after.att_absent_excused);
    expect(await counters()).toEqual(after);

    const rows = await t.db.query<{ status: string; via: string }>(
      `SELECT status, via FROM attendance WHERE meeting_id = $1 AND member_id = ANY($2::int[])`,
      [meetingId, members.map((m) => m.id)],
    );
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === 'present' && r.via === 'self')).toBe(true);
    const [logged] = await t.db.query<{ n: number; who: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT after->>'memberId')::int AS who FROM audit_log
        WHERE action = 'meeting.check_in' AND entity_id = $1`,
      [String(meetingId)],
    );
    expect(logged).toEqual({ n: 12, who: 12 });
  });

  it('a second burst of the same members answers already, writes nothing and moves no counter', async () => {
    const before = await counters();
    const c = await code();
    const answers = await Promise.all(
      members.map((m) => m.client.post(`/api/meetings/${meetingId}/check-in`, { code: c })),
    );
    expect(answers.map((a) => a.json())).toEqual(members.map(() => ({ status: 'present', already: true })));
    expect(await counters()).toEqual(before);
    const [logged] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.check_in' AND entity_id = $1`,
      [String(meetingId)],
    );
    expect(logged!.n).toBe(12);
  });
});
