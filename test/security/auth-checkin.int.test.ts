/**
 * Attendance cannot be faked from home (issue 8, point 7; ADR 016): the self check-in code is
 * limited per member and meeting, rotates every 30 seconds, and the secretary sees wrong tries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinCodeAt } from '../../src/features/meetings/checkin-code.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { member, unit, user } from '../support/factory.js';
import { fromNow } from '../support/meeting-flow.js';

describe('self check-in code', () => {
  let t: TestApp;
  let secretary: Client;
  let guesser: Client;
  let honest: Client;
  let burst: Client;
  let meetingId: number;
  let guesserId: number;

  beforeAll(async () => {
    t = await createTestApp({ checkinLockoutFailures: 5, checkinLockoutMinutes: 10 });
    const ward = await unit(t.db, { name: 'Đảng bộ phường Điểm Danh' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 7', cellType: 'khu_dan_cu' });
    const sec = await member(t.db, { unitId: cell.id, fullName: 'Lê Văn Bí' });
    guesserId = await member(t.db, { unitId: cell.id, fullName: 'Phạm Văn Nhà' });
    const honestId = await member(t.db, { unitId: cell.id, fullName: 'Đỗ Thị Đúng' });
    const burstId = await member(t.db, { unitId: cell.id, fullName: 'Ngô Văn Dồn' });
    await user(t.db, 'bithu.dd', [{ role: 'cell_secretary', unitId: cell.id }], sec);
    await user(t.db, 'o.nha', [{ role: 'member', unitId: cell.id }], guesserId);
    await user(t.db, 'dung.gio', [{ role: 'member', unitId: cell.id }], honestId);
    await user(t.db, 'don.dap', [{ role: 'member', unitId: cell.id }], burstId);
    [secretary, guesser, honest, burst] = await Promise.all([
      t.login('bithu.dd'),
      t.login('o.nha'),
      t.login('dung.gio'),
      t.login('don.dap'),
    ]);
    const created = (
      await secretary.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    meetingId = created.id;
  });
  afterAll(() => t.close());

  const checkIn = (c: Client, code: string) => c.post(`/api/meetings/${meetingId}/check-in`, { code });
  const secretOf = async () =>
    (
      await t.db.query<{ checkin_secret: string }>('SELECT checkin_secret FROM meetings WHERE id = $1', [
        meetingId,
      ])
    )[0]!.checkin_secret;
  const attendanceOf = async (memberId: number) =>
    (
      await t.db.query<{ status: string | null }>(
        'SELECT status FROM attendance WHERE meeting_id = $1 AND member_id = $2',
        [meetingId, memberId],
      )
    )[0]?.status;
  /** A code that is not the current nor the previous one (so certainly wrong now). */
  const wrongCode = async (i: number) => {
    const secret = await secretOf();
    const valid = new Set(
      [0, 30_000, 60_000].map((d) => checkinCodeAt(secret, new Date(Date.now() - d)).code),
    );
    for (let n = 100_000 + i * 7919; ; n++) if (!valid.has(String(n))) return String(n);
  };
  /** Waits, if needed, so that the next few requests fall in one 30-second window. */
  const awayFromBoundary = async () => {
    const left = 30_000 - (Date.now() % 30_000);
    if (left < 3_000) await new Promise((r) => setTimeout(r, left + 50));
  };

  it('is refused before the meeting starts, even when right', async () => {
    const secret = await secretOf();
    const res = await checkIn(honest, checkinCodeAt(secret, new Date()).code);
    expect(res.json().code).toBe('CHECKIN_CLOSED');
  });

  it('comes from a per-meeting secret of the strong random source, and the detail gives the current code to runners only', async () => {
    const started = await secretary.post(`/api/meetings/${meetingId}/start`);
    expect(started.statusCode).toBe(200);
    const secret = await secretOf();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(DISTINCT checkin_secret)::int AS n FROM meetings',
    )) as [{ n: number }];
    const [{ total }] = (await t.db.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM meetings',
    )) as [{ total: number }];
    expect(n).toBe(total);

    await awayFromBoundary();
    const d = (await secretary.get(`/api/meetings/${meetingId}`)).json();
    expect(d.checkinCode).toBe(checkinCodeAt(secret, new Date()).code);
    const changesIn = new Date(d.checkinCodeChangesAt).getTime() - Date.now();
    expect(changesIn).toBeGreaterThan(0);
    expect(changesIn).toBeLessThanOrEqual(30_000);
    const asMember = (await honest.get(`/api/meetings/${meetingId}`)).json();
    expect(asMember.checkinCode).toBeNull();
    expect(asMember.checkinCodeChangesAt).toBeNull();
    expect(asMember.checkinAttempts).toEqual([]);
  });

  it('a brute force gets CHECKIN_CODE_INVALID, then a wait named in Vietnamese; the right code is refused during it', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await checkIn(guesser, await wrongCode(i)));
    expect(answers.slice(0, 4).map((r) => [r.statusCode, r.json().code])).toEqual(
      Array(4).fill([400, 'CHECKIN_CODE_INVALID']),
    );
    const locked = answers[4]!;
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('CHECKIN_LOCKED');
    expect(locked.json().message).toMatch(
      /^Bạn đã nhập sai mã điểm danh 5 lần\. Vui lòng chờ 10 phút \(đến \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\) rồi thử lại/,
    );

    await awayFromBoundary();
    const right = (await secretary.get(`/api/meetings/${meetingId}`)).json().checkinCode;
    const during = await checkIn(guesser, right);
    expect(during.json().code).toBe('CHECKIN_LOCKED');
    expect(await attendanceOf(guesserId)).toBeNull();
    // The wait is the guesser's own: another member checks in with the same code.
    expect((await checkIn(honest, right)).json()).toEqual({ status: 'present', already: false });
  });

  it('the secretary sees the wrong tries ("5 lần nhập sai mã") and the audit has the lock', async () => {
    const d = (await secretary.get(`/api/meetings/${meetingId}`)).json();
    expect(d.checkinAttempts).toEqual([
      expect.objectContaining({ memberId: guesserId, fullName: 'Phạm Văn Nhà', failures: 5 }),
    ]);
    expect(new Date(d.checkinAttempts[0].lockedUntil).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const rows = await t.db.query<{ after: { memberId: number; failures: number } }>(
      "SELECT after FROM audit_log WHERE action = 'meeting.check_in_lockout' AND entity_id = $1",
      [String(meetingId)],
    );
    expect(rows.map((r) => r.after)).toEqual([expect.objectContaining({ memberId: guesserId, failures: 5 })]);
  });

  it('after the wait the right code works', async () => {
    await t.db.query(
      "UPDATE checkin_attempts SET locked_until = now() - interval '1 second' WHERE meeting_id = $1 AND member_id = $2",
      [meetingId, guesserId],
    );
    await awayFromBoundary();
    const right = (await secretary.get(`/api/meetings/${meetingId}`)).json().checkinCode;
    expect((await checkIn(guesser, right)).json()).toEqual({ status: 'present', already: false });
    expect(await attendanceOf(guesserId)).toBe('present');
  });

  it('parallel guesses of one member get no more than the limit checked', async () => {
    const codes = await Promise.all(Array.from({ length: 5 }, (_, i) => wrongCode(100 + i)));
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => checkIn(burst, codes[i % codes.length]!)),
    );
    const byCode = answers.map((r) => r.json().code);
    expect(byCode.filter((c) => c === 'CHECKIN_CODE_INVALID')).toHaveLength(4);
    expect(byCode.filter((c) => c === 'CHECKIN_LOCKED')).toHaveLength(11);
    const [row] = await t.db.query<{ failures: number }>(
      'SELECT a.failures FROM checkin_attempts a JOIN users u ON u.member_id = a.member_id WHERE u.username = $1 AND a.meeting_id = $2',
      ['don.dap', meetingId],
    );
    expect(row!.failures).toBe(5);
  });

  it('a code from the previous window is accepted, one from two windows ago is not', async () => {
    const [{ id: otherId }] = (await t.db.query<{ id: number }>(
      "SELECT m.id FROM members m WHERE m.full_name = 'Lê Văn Bí'",
    )) as [{ id: number }];
    const secret = await secretOf();
    await awayFromBoundary();
    const twoAgo = checkinCodeAt(secret, new Date(Date.now() - 60_000)).code;
    const current = checkinCodeAt(secret, new Date()).code;
    const previous = checkinCodeAt(secret, new Date(Date.now() - 30_000)).code;
    // The secretary is on the roster too: two windows ago refused, the previous window accepted.
    const bi = await t.login('bithu.dd');
    if (twoAgo !== current && twoAgo !== previous) {
      expect((await checkIn(bi, twoAgo)).json().code).toBe('CHECKIN_CODE_INVALID');
    }
    expect((await checkIn(bi, previous)).json()).toEqual({ status: 'present', already: false });
    expect(await attendanceOf(otherId)).toBe('present');
  });

  it('is refused once the meeting has ended, even with the current code', async () => {
    // Ended (as the end command leaves it; the command itself is tested with the meeting cycle).
    await t.db.query("UPDATE meetings SET status = 'held', ended_at = now() WHERE id = $1", [meetingId]);
    const secret = await secretOf();
    const res = await checkIn(burst, checkinCodeAt(secret, new Date()).code);
    expect(res.json().code).toBe('CHECKIN_CLOSED');
    expect((await secretary.get(`/api/meetings/${meetingId}`)).json().checkinCode).toBeNull();
  });
});
