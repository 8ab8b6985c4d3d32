import type { Executor } from '../../src/db/executor.js';
import { isoLocal, localMonth } from '../../src/features/meetings/time.js';
import { refreshCellMonth } from '../../src/features/scoring/status.js';
import type { Client } from './app.js';

/**
 * Moves a meeting that was just run (and not adopted) to another date, with all its time stamps
 * shifted by the same amount, as if it had been held then: a meeting can only be started near
 * its scheduled time, so a test holds it now and then dates it.
 */
export async function moveMeetingTo(db: Executor, id: number, scheduledAt: string): Promise<void> {
  const [m] = await db.query<{ unit_id: number; scheduled_at: Date }>(
    'SELECT unit_id, scheduled_at FROM meetings WHERE id = $1',
    [id],
  );
  const delta = `${(new Date(scheduledAt).getTime() - new Date(m!.scheduled_at).getTime()) / 1000} seconds`;
  await db.query(
    `UPDATE meetings SET scheduled_at = scheduled_at + $2::interval, started_at = started_at + $2::interval,
       ended_at = ended_at + $2::interval, created_at = created_at + $2::interval WHERE id = $1`,
    [id, delta],
  );
  // Every time stamp the meeting's records carry, shifted alike (table names are constants here).
  for (const [table, column] of [
    ['meeting_documents', 'posted_at'],
    ['meeting_prep_steps', 'done_at'],
    ['attendance', 'checked_in_at'],
    ['agenda_items', 'done_at'],
    ['speeches', 'created_at'],
    ['votes', 'created_at'],
    ['tasks', 'created_at'],
  ] as const) {
    await db.query(`UPDATE ${table} SET ${column} = ${column} + $2::interval WHERE meeting_id = $1`, [
      id,
      delta,
    ]);
  }
  for (const month of new Set([localMonth(new Date(m!.scheduled_at)), localMonth(new Date(scheduledAt))]))
    await refreshCellMonth(db, m!.unit_id, month);
}

/** An instant `minutes` from now, as the API writes it. */
export const fromNow = (minutes: number) => isoLocal(new Date(Date.now() + minutes * 60_000))!;

/**
 * Runs a whole meeting through the API as a secretary would: create, prepare (content, draft,
 * a document a day ahead is not possible in a test, so it is posted now), start, mark everyone,
 * speech, resolution vote, a task, end — now, then dated `scheduledAt` (see moveMeetingTo).
 * Returns the meeting id.
 */
export async function holdMeeting(
  c: Client,
  db: Executor,
  cellId: number,
  opts: { scheduledAt: string; absentExcused?: number[]; absentUnexcused?: number[]; speakers?: number[] },
): Promise<number> {
  const created = (
    await c.post(`/api/org-units/${cellId}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
  ).json();
  if (!created.id) throw new Error(`create failed: ${JSON.stringify(created)}`);
  const id = created.id as number;
  await c.patch(`/api/meetings/${id}`, {
    content: 'Nội dung sinh hoạt',
    draftResolution: 'Dự thảo nghị quyết',
  });
  const started = (await c.post(`/api/meetings/${id}/start`)).json();
  for (const m of started.attendance.members as { memberId: number; category: string; away: boolean }[]) {
    if (m.category !== 'member' || m.away) continue;
    const status = opts.absentExcused?.includes(m.memberId)
      ? { status: 'absent_excused', reason: 'Ốm' }
      : opts.absentUnexcused?.includes(m.memberId)
        ? { status: 'absent_unexcused' }
        : { status: 'present' };
    await c.request({ method: 'PUT', url: `/api/meetings/${id}/attendance/${m.memberId}`, payload: status });
  }
  for (const s of opts.speakers ?? [])
    await c.post(`/api/meetings/${id}/speeches`, { memberId: s, summary: 'Ý kiến' });
  const detail = (await c.get(`/api/meetings/${id}`)).json();
  await c.post(`/api/meetings/${id}/votes`, {
    subject: 'Thông qua nghị quyết',
    isResolution: true,
    for: detail.attendance.summary.votersPresent,
    against: 0,
    abstain: 0,
  });
  const owner = started.attendance.members[0].memberId;
  await c.post(`/api/meetings/${id}/tasks`, { title: 'Nhiệm vụ tháng tới', ownerIds: [owner] });
  const end = await c.post(`/api/meetings/${id}/end`);
  if (end.statusCode !== 200) throw new Error(`end failed: ${end.body}`);
  await moveMeetingTo(db, id, opts.scheduledAt);
  return id;
}
