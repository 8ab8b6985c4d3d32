/**
 * Issue 8, access: references stay in scope. Every id named in a body (a presenter, a chair, an
 * agenda item, a meeting, a visit, a task owner, a destination cell, a grant's unit) must be one
 * the caller may see and that belongs to the same meeting or unit. Ids of another cell and ids
 * that do not exist (2147483647, the largest `integer`) answer 4xx with a code, never 500, and
 * nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { danglingReference } from '../../src/server/reference-errors.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { meeting, member, unit, user } from '../support/factory.js';
import { fromNow } from '../support/meeting-flow.js';

const NONE = 2_147_483_647;

let t: TestApp;
let secretary: Client;
let supervisor: Client;
let staff: Client;
const ids = {} as Record<
  | 'ward'
  | 'cellA'
  | 'cellB'
  | 'a1'
  | 'a2'
  | 'b1'
  | 'meetingA'
  | 'committeeB'
  | 'agendaB'
  | 'visitB'
  | 'userA',
  number
>;

const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;

/**
 * A refusal with a stable code and (for body ids) the field it is about: VALIDATION_FAILED, or
 * NOT_FOUND when the id is the object of the route (the unit a grant is on).
 */
function refused(
  res: { statusCode: number; body: string; json: () => { code?: string; details?: { field?: string } } },
  field?: string,
  code = 'VALIDATION_FAILED',
) {
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.json().code).toMatch(/^[A-Z_]+$/);
  if (field) {
    expect(res.json().code).toBe(code);
    expect(res.json().details?.field).toBe(field);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const ward = await unit(t.db, { name: 'Đảng bộ phường An' });
  const cellA = await unit(t.db, { parentId: ward.id, name: 'Chi bộ An 1', cellType: 'khu_dan_cu' });
  const cellB = await unit(t.db, { parentId: ward.id, name: 'Chi bộ An 2', cellType: 'khu_dan_cu' });
  Object.assign(ids, { ward: ward.id, cellA: cellA.id, cellB: cellB.id });
  ids.a1 = await member(t.db, { unitId: cellA.id, fullName: 'Nguyễn Văn Một' });
  ids.a2 = await member(t.db, { unitId: cellA.id, fullName: 'Trần Thị Hai' });
  ids.b1 = await member(t.db, { unitId: cellB.id, fullName: 'Lê Văn Ba' });
  await user(t.db, 'bithu.a', [{ role: 'cell_secretary', unitId: cellA.id }], ids.a1);
  await user(t.db, 'giamsat.a', [{ role: 'supervisor', unitId: cellA.id }]);
  const supervisorB = await user(t.db, 'giamsat.b', [{ role: 'supervisor', unitId: cellB.id }]);
  await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
  ids.userA = await user(t.db, 'dv.a2', [{ role: 'member', unitId: cellA.id }], ids.a2);
  ids.committeeB = await meeting(t.db, { unitId: cellB.id, kind: 'committee' });
  const meetingB = await meeting(t.db, {
    unitId: cellB.id,
    status: 'in_progress',
    scheduledAt: fromNow(-30),
  });
  const [agenda] = await t.db.query<{ id: number }>(
    "INSERT INTO agenda_items (meeting_id, position, section, title) VALUES ($1, 1, 'body', 'Mục của chi bộ khác') RETURNING id",
    [meetingB],
  );
  ids.agendaB = agenda!.id;
  const [visit] = await t.db.query<{ id: number }>(
    "INSERT INTO supervision_visits (unit_id, supervisor_id, visited_on) VALUES ($1, $2, '2026-11-20') RETURNING id",
    [cellB.id, supervisorB],
  );
  ids.visitB = visit!.id;
  secretary = await t.login('bithu.a');
  supervisor = await t.login('giamsat.a');
  staff = await t.login('vanphong');
  const created = await secretary.post(`/api/org-units/${cellA.id}/meetings`, {
    kind: 'regular',
    scheduledAt: fromNow(5),
  });
  expect(created.statusCode, created.body).toBe(201);
  ids.meetingA = created.json().id;
});
afterAll(() => t?.close());

describe('ids in bodies stay within the meeting and the unit', () => {
  it('thematic plan: a presenter from another cell or nobody is refused, nothing saved', async () => {
    const put = (presenterMemberId: number) =>
      secretary.request({
        method: 'PUT',
        url: `/api/org-units/${ids.cellA}/thematic-plans/2027`,
        payload: { items: [{ quarter: 1, topic: 'Học tập nghị quyết', presenterMemberId }] },
      });
    for (const id of [ids.b1, NONE]) refused(await put(id), 'items.0.presenterMemberId');
    expect(await count('thematic_plans', 'unit_id = $1', [ids.cellA])).toBe(0);
    expect((await put(ids.a2)).statusCode).toBe(200);
  });

  it('meeting: chair, secretary, preparer and preparatory meeting of another cell or nobody are refused', async () => {
    const [before] = await t.db.query('SELECT * FROM meetings WHERE id = $1', [ids.meetingA]);
    for (const [field, value] of [
      ['chairMemberId', ids.b1],
      ['secretaryMemberId', NONE],
      ['preparerMemberId', ids.b1],
      ['prepMeetingId', ids.committeeB],
      ['prepMeetingId', NONE],
    ] as const) {
      refused(await secretary.patch(`/api/meetings/${ids.meetingA}`, { [field]: value }), field);
    }
    const [after] = await t.db.query('SELECT * FROM meetings WHERE id = $1', [ids.meetingA]);
    expect(after).toEqual(before);
  });

  it('running: speakers, agenda items, votes and task owners of another meeting or nobody are refused', async () => {
    const started = await secretary.post(`/api/meetings/${ids.meetingA}/start`);
    expect(started.statusCode, started.body).toBe(200);
    const m = ids.meetingA;
    refused(
      await secretary.post(`/api/meetings/${m}/speeches`, { memberId: ids.b1, summary: 'Ý kiến' }),
      'memberId',
    );
    refused(
      await secretary.post(`/api/meetings/${m}/speeches`, { memberId: NONE, summary: 'Ý kiến' }),
      'memberId',
    );
    refused(
      await secretary.post(`/api/meetings/${m}/speeches`, { guestId: NONE, summary: 'Ý kiến' }),
      'memberId',
    );
    for (const agendaItemId of [ids.agendaB, NONE]) {
      refused(
        await secretary.post(`/api/meetings/${m}/speeches`, {
          memberId: ids.a1,
          agendaItemId,
          summary: 'Ý kiến',
        }),
        'agendaItemId',
      );
      refused(
        await secretary.post(`/api/meetings/${m}/votes`, {
          subject: 'Biểu quyết',
          agendaItemId,
          for: 1,
          against: 0,
          abstain: 0,
        }),
        'agendaItemId',
      );
    }
    for (const ownerIds of [[ids.b1], [NONE], [ids.a1, NONE]]) {
      refused(await secretary.post(`/api/meetings/${m}/tasks`, { title: 'Nhiệm vụ', ownerIds }), 'ownerIds');
    }
    refused(
      await secretary.request({
        method: 'PUT',
        url: `/api/meetings/${m}/attendance`,
        payload: { items: [{ memberId: NONE, status: 'present' }] },
      }),
    );
    expect(await count('speeches', 'meeting_id = $1', [m])).toBe(0);
    expect(await count('votes', 'meeting_id = $1', [m])).toBe(0);
    expect(await count('tasks', 'meeting_id = $1', [m])).toBe(0);
    expect(await count('attendance', 'meeting_id = $1 AND status IS NOT NULL', [m])).toBe(0);
    // The same bodies with this meeting's own ids pass.
    const speech = await secretary.post(`/api/meetings/${m}/speeches`, {
      memberId: ids.a2,
      summary: 'Ý kiến',
    });
    expect(speech.statusCode, speech.body).toBe(201);
  });

  it('supervision: a visit naming another cell’s meeting, a recommendation naming another cell’s visit', async () => {
    for (const meetingId of [ids.committeeB, NONE]) {
      refused(
        await supervisor.post(`/api/org-units/${ids.cellA}/visits`, { visitedOn: '2026-11-25', meetingId }),
        'meetingId',
      );
    }
    for (const visitId of [ids.visitB, NONE]) {
      refused(
        await secretary.post(`/api/org-units/${ids.cellA}/recommendations`, {
          content: 'Đề nghị hỗ trợ kinh phí',
          visitId,
        }),
        'visitId',
      );
    }
    expect(await count('supervision_visits', 'unit_id = $1', [ids.cellA])).toBe(0);
    expect(await count('recommendations', 'unit_id = $1', [ids.cellA])).toBe(0);
  });

  it('status changes and grants: destination cells and granted units out of sight or absent', async () => {
    const change = (body: object) => secretary.post(`/api/members/${ids.a2}/status-changes`, body);
    refused(
      await change({ type: 'temporary_out', date: '2026-11-01', until: '2027-05-01', hostUnitId: NONE }),
      'hostUnitId',
    );
    refused(await change({ type: 'transfer', date: '2026-11-01', toUnitId: ids.cellB }), 'toUnitId');
    refused(await change({ type: 'transfer', date: '2026-11-01', toUnitId: NONE }), 'toUnitId');
    refused(await change({ type: 'contact_213', date: '2026-11-01', unitId: NONE }), 'unitId');
    expect(
      await count(
        'member_status_periods',
        "member_id = $1 AND kind <> 'official' AND kind <> 'probationary'",
        [ids.a2],
      ),
    ).toBe(0);
    expect(await count('memberships', 'member_id = $1', [ids.a2])).toBe(1);
    refused(
      await staff.post(`/api/users/${ids.userA}/grants`, { role: 'member', orgUnitId: NONE }),
      'orgUnitId',
      'NOT_FOUND',
    );
    expect(await count('role_grants', 'user_id = $1', [ids.userA])).toBe(1);
  });

  it('maps a foreign-key violation the checks missed to 400 with the field, on this database', async () => {
    const err = await t.db
      .query(
        'INSERT INTO thematic_plans (unit_id, year, quarter, topic, presenter_member_id) VALUES ($1, 2030, 1, $2, $3)',
        [ids.cellA, 'Thử', NONE],
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const mapped = danglingReference(err);
    expect(mapped?.status).toBe(400);
    expect(mapped?.code).toBe('VALIDATION_FAILED');
    expect(mapped?.details).toEqual({ field: 'presenterMemberId' });
    expect(danglingReference(new Error('other'))).toBeUndefined();
  });
});
