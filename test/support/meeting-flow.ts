import type { Client } from './app.js';

/**
 * Runs a whole meeting through the API as a secretary would: create, prepare (content, draft,
 * a document a day ahead is not possible in a test, so it is posted now), start, mark everyone,
 * speech, resolution vote, a task, end. Returns the meeting id.
 */
export async function holdMeeting(
  c: Client,
  cellId: number,
  opts: { scheduledAt: string; absentExcused?: number[]; absentUnexcused?: number[]; speakers?: number[] },
): Promise<number> {
  const created = (
    await c.post(`/api/org-units/${cellId}/meetings`, { kind: 'regular', scheduledAt: opts.scheduledAt })
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
  return id;
}
