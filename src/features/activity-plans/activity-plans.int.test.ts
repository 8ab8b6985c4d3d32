/**
 * The cell's yearly programme through the API on a real database (issue 11 item 3, ADR 025 part
 * C): draft → submit → return → resubmit → approve, only the committee above decides (never the
 * cell's own staff), the thematic rows are the thematic plan's rows both ways, the month's key
 * tasks go into the agenda, done / not done from a meeting run, hostile input refused with
 * nothing written, the committee's list and the Word document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow, holdMeeting } from '../../../test/support/meeting-flow.js';
import { todayIso } from '../../domain/format.js';

const TODAY = todayIso();
const YEAR = Number(TODAY.slice(0, 4));
const MONTH = Number(TODAY.slice(5, 7));
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

describe('yearly programme of a cell', () => {
  let t: TestApp;
  let ward: number;
  let cellA: number;
  let cellB: number;
  let cellOut: number;
  let m1: number;
  let m2: number;
  let mB: number;
  let bithu: Client;
  let chiuy: Client;
  let staff: Client;
  let cellStaff: Client;
  let outsider: Client;
  let bithuUser: number;
  let staffUser: number;

  const put = (c: Client, url: string, payload: unknown) =>
    c.request({ method: 'PUT', url, payload: payload as object });
  const planUrl = (cell: number, year = YEAR) => `/api/org-units/${cell}/activity-plans/${year}`;
  const itemCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_plan_items'))[0]!.n;
  const notices = async (userId: number, kind: string) =>
    (
      await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = $2',
        [userId, kind],
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp();
    ward = (await unit(t.db, { name: 'Đảng bộ phường Thử Chương Trình' })).id;
    cellA = (await unit(t.db, { parentId: ward, name: 'Chi bộ Khu phố A', cellType: 'khu_dan_cu' })).id;
    cellB = (await unit(t.db, { parentId: ward, name: 'Chi bộ Khu phố B', cellType: 'khu_dan_cu' })).id;
    const other = (await unit(t.db, { name: 'Đảng bộ xã Khác' })).id;
    cellOut = (await unit(t.db, { parentId: other, name: 'Chi bộ Ấp Ngoài', cellType: 'nong_thon' })).id;
    m1 = await member(t.db, { unitId: cellA, fullName: 'Nguyễn Văn Lương' });
    m2 = await member(t.db, { unitId: cellA, fullName: 'Trần Thị Sinh' });
    mB = await member(t.db, { unitId: cellB, fullName: 'Phạm Thị Hưu' });
    bithuUser = await user(t.db, 'bithu.ct', [{ role: 'cell_secretary', unitId: cellA }]);
    await user(t.db, 'chiuy.ct', [{ role: 'cell_committee', unitId: cellA }]);
    staffUser = await user(t.db, 'vanphong.ct', [{ role: 'committee_staff', unitId: ward }]);
    // Staff whose grant is the cell itself: the cell's own, never its approver.
    await user(t.db, 'vanphong.chibo', [{ role: 'committee_staff', unitId: cellA }]);
    await user(t.db, 'bithu.ngoai', [{ role: 'cell_secretary', unitId: cellOut }]);
    bithu = await t.login('bithu.ct');
    chiuy = await t.login('chiuy.ct');
    staff = await t.login('vanphong.ct');
    cellStaff = await t.login('vanphong.chibo');
    outsider = await t.login('bithu.ngoai');
  });
  afterAll(() => t.close());

  it('answers a year with nothing yet as an empty draft with the thematic plan and suggestions', async () => {
    // The thematic plan set through the old route shows in the programme.
    const old = await put(bithu, `/api/org-units/${cellA}/thematic-plans/${YEAR}`, {
      items: [{ quarter: 1, topic: 'Học tập và làm theo tư tưởng Hồ Chí Minh', month: 2 }],
    });
    expect(old.statusCode).toBe(200);
    const res = await bithu.get(planUrl(cellA));
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.plan).toMatchObject({ id: null, status: 'draft', statusLabel: 'Dự thảo' });
    expect(v.items).toEqual([]);
    expect(v.thematic).toEqual([
      expect.objectContaining({ quarter: 1, topic: 'Học tập và làm theo tư tưởng Hồ Chí Minh', month: 2 }),
    ]);
    expect(v.suggestions.keyTasks.length).toBeGreaterThan(0);
    expect(v.members.map((m: { id: number }) => m.id).sort()).toEqual([m1, m2].sort());
    expect(v.can).toMatchObject({ edit: true, submit: false, decide: false });
  });

  it('refuses hostile input with a Vietnamese 400 and writes nothing', async () => {
    const before = await itemCount();
    const ok = { month: 3, kind: 'key_task', title: 'Thu đảng phí' };
    const cases: [string, unknown][] = [
      [planUrl(cellA), { items: [{ ...ok, month: 13 }] }],
      [planUrl(cellA), { items: Array.from({ length: 201 }, () => ok) }],
      [planUrl(cellA), { items: [ok, { ...ok, responsibleMemberId: mB }] }],
      [planUrl(cellA, 1800), { items: [ok] }],
      [planUrl(cellA), { items: [{ ...ok, kind: 'thematic' }] }],
      [planUrl(cellA), { items: [{ ...ok, title: '' }] }],
      [planUrl(cellA), { items: [{ ...ok, id: 999999 }] }],
      [planUrl(cellA), { items: 'nhiều' }],
    ];
    for (const [url, body] of cases) {
      const res = await put(bithu, url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body).slice(0, 80)} → ${res.body}`).toBe(400);
      expect(res.json().message).toMatch(VIETNAMESE);
    }
    expect(await itemCount()).toBe(before);
    const [plans] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_plans');
    expect(plans!.n).toBe(0);
    // Another ward's cell is absent; a thematic row written with a bad month writes nothing at all.
    expect((await put(outsider, planUrl(cellA), { items: [ok] })).statusCode).toBe(404);
    const bad = await put(bithu, planUrl(cellA), {
      items: [ok],
      thematic: [{ quarter: 2, topic: 'Chuyên đề quý hai', month: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(await itemCount()).toBe(before);
  });

  it('writes thematic rows through the thematic plan (the old route reads them back)', async () => {
    const res = await put(bithu, planUrl(cellA), {
      items: [
        {
          month: MONTH,
          kind: 'key_task',
          title: 'Vận động nhân dân tham gia vệ sinh môi trường',
          responsibleMemberId: m1,
        },
        {
          month: MONTH,
          kind: 'other',
          title: 'Thăm hỏi gia đình chính sách',
          responsible: 'Chi hội Cựu chiến binh',
        },
      ],
      thematic: [
        { quarter: 1, topic: 'Học tập và làm theo tư tưởng Hồ Chí Minh', month: 2 },
        { quarter: 3, topic: 'Nâng cao chất lượng sinh hoạt chi bộ', month: 8 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.items).toHaveLength(2);
    expect(v.items[0]).toMatchObject({
      responsibleName: 'Nguyễn Văn Lương',
      kindLabel: 'Nhiệm vụ trọng tâm',
    });
    const plan = (await bithu.get(`/api/org-units/${cellA}/meeting-plan?year=${YEAR}`)).json();
    expect(plan.thematic.map((x: { quarter: number; topic: string }) => [x.quarter, x.topic])).toEqual([
      [1, 'Học tập và làm theo tư tưởng Hồ Chí Minh'],
      [3, 'Nâng cao chất lượng sinh hoạt chi bộ'],
    ]);
    const [rows] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activity_plan_items WHERE kind = $1',
      ['thematic'],
    );
    expect(rows!.n).toBe(0);
    // A chi ủy viên may write the items but not the thematic plan (meeting.manage): 403, nothing kept.
    const before = await itemCount();
    const cu = await put(chiuy, planUrl(cellA), {
      items: [{ month: 1, kind: 'key_task', title: 'Thu đảng phí' }],
      thematic: [{ quarter: 2, topic: 'Chuyên đề quý hai' }],
    });
    expect(cu.statusCode).toBe(403);
    expect(await itemCount()).toBe(before);
  });

  it('goes draft → submit → return → resubmit → approve, decided only by the committee above', async () => {
    const url = planUrl(cellA);
    const submitted = await bithu.post(`${url}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().plan.status).toBe('submitted');
    expect(await notices(staffUser, 'activity_plan.submit')).toBe(1);
    // Submitted: no edit until decided.
    expect((await put(bithu, url, { items: [] })).statusCode).toBe(409);
    // The cell cannot approve its own: neither its secretary nor staff granted on the cell itself.
    expect((await bithu.post(`${url}/approve`, {})).statusCode).toBe(403);
    expect((await cellStaff.post(`${url}/approve`, {})).statusCode).toBe(403);
    expect((await outsider.post(`${url}/approve`, {})).statusCode).toBe(404);
    // A return needs a comment.
    const bare = await staff.post(`${url}/return`, {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toMatch(VIETNAMESE);
    const returned = await staff.post(`${url}/return`, {
      comment: 'Bổ sung nhiệm vụ chuẩn bị đại hội chi bộ',
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().plan).toMatchObject({
      status: 'returned',
      decisionComment: 'Bổ sung nhiệm vụ chuẩn bị đại hội chi bộ',
    });
    expect(await notices(bithuUser, 'activity_plan.return')).toBe(1);
    // Edited (existing rows kept by id) and resubmitted.
    const items = returned.json().items as { id: number; month: number; kind: string; title: string }[];
    const edited = await put(bithu, url, {
      items: [
        ...items.map((i) => ({ id: i.id, month: i.month, kind: i.kind, title: i.title })),
        { month: 11, kind: 'key_task', title: 'Chuẩn bị đại hội chi bộ', responsible: 'Chi ủy' },
      ],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().items.map((i: { id: number }) => i.id)).toEqual(
      expect.arrayContaining(items.map((i) => i.id)),
    );
    expect(edited.json().plan.status).toBe('returned');
    expect((await bithu.post(`${url}/submit`)).json().plan.status).toBe('submitted');
    const approved = await staff.post(`${url}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json().plan).toMatchObject({ status: 'approved', decidedByName: 'vanphong.ct' });
    expect(await notices(bithuUser, 'activity_plan.approve')).toBe(1);
    // Approved: read-only; a second approval is a conflict.
    expect((await put(bithu, url, { items: [] })).statusCode).toBe(409);
    expect((await staff.post(`${url}/approve`, {})).statusCode).toBe(409);
    const audits = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'activity_plan.%' AND org_unit_id = $1 ORDER BY id",
      [cellA],
    );
    expect(audits.map((a) => a.action)).toEqual([
      'activity_plan.save',
      'activity_plan.submit',
      'activity_plan.return',
      'activity_plan.save',
      'activity_plan.submit',
      'activity_plan.approve',
    ]);
  });

  it("puts the month's key tasks into the agenda and counts them done from the meeting run", async () => {
    const view = (await bithu.get(planUrl(cellA))).json();
    const task = view.items.find(
      (i: { kind: string; month: number }) => i.kind === 'key_task' && i.month === MONTH,
    );
    expect(task.status).toBe('not_due');
    const created = (
      await bithu.post(`/api/org-units/${cellA}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    const started = await bithu.post(`/api/meetings/${created.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    const agenda = started.json().agenda as {
      id: number;
      stepKey: string | null;
      title: string;
      position: number;
    }[];
    const keys = agenda.map((a) => a.stepKey);
    const at = keys.indexOf(`plan_item:${task.id}`);
    expect(at).toBeGreaterThan(0);
    expect(agenda[at]!.title).toBe(
      'Triển khai nhiệm vụ trọng tâm: Vận động nhân dân tham gia vệ sinh môi trường',
    );
    expect(keys.indexOf('next_tasks')).toBe(at + 1);
    // "Other" items are not put into the agenda; positions stay a sequence.
    expect(agenda.filter((a) => a.stepKey?.startsWith('plan_item:'))).toHaveLength(1);
    expect(agenda.map((a) => a.position)).toEqual(agenda.map((_, i) => i + 1));
    const listed = (await bithu.get(`/api/meetings/${created.id}/activity-items`)).json();
    expect(listed.items.map((i: { id: number }) => i.id)).toContain(task.id);
    expect(listed.items.find((i: { id: number }) => i.id === task.id).agendaItemId).toBe(agenda[at]!.id);
    // Tick the agenda item done, mark everyone, end: the key task is done from the records.
    expect(
      (await bithu.patch(`/api/meetings/${created.id}/agenda/${agenda[at]!.id}`, { done: true })).statusCode,
    ).toBe(200);
    for (const m of started.json().attendance.members as { memberId: number }[])
      await bithu.request({
        method: 'PUT',
        url: `/api/meetings/${created.id}/attendance/${m.memberId}`,
        payload: { status: 'present' },
      });
    // Still in progress: not done yet.
    expect(
      (await bithu.get(planUrl(cellA))).json().items.find((i: { id: number }) => i.id === task.id).status,
    ).toBe('not_due');
    const end = await bithu.post(`/api/meetings/${created.id}/end`);
    expect(end.statusCode, end.body).toBe(200);
    const after = (await bithu.get(planUrl(cellA))).json();
    expect(after.items.find((i: { id: number }) => i.id === task.id)).toMatchObject({
      status: 'done',
      statusLabel: 'Đã thực hiện',
    });
    // An "other" item is not on the agenda: it is marked covered at the meeting by hand.
    const other = after.items.find((i: { kind: string }) => i.kind === 'other');
    expect(other.status).toBe('not_due');
    const mark = await bithu.post(`/api/meetings/${created.id}/activity-items/${other.id}`, {});
    expect(mark.statusCode, mark.body).toBe(200);
    expect(mark.json().items.find((i: { id: number }) => i.id === other.id).coveredHere).toBe(true);
    const final = (await bithu.get(planUrl(cellA))).json();
    expect(final.items.find((i: { id: number }) => i.id === other.id).status).toBe('done');
    // Another cell's meeting cannot mark this cell's item (404 as if absent).
    const otherMeeting = await outsider.post(`/api/meetings/${created.id}/activity-items/${other.id}`, {});
    expect(otherMeeting.statusCode).toBe(404);
  });

  it('reads a past year from the records: covered rows done, the others not done', async () => {
    const last = YEAR - 1;
    const saved = await put(bithu, planUrl(cellB, last), {
      items: [
        { month: 3, kind: 'key_task', title: 'Thu đảng phí' },
        { month: 6, kind: 'key_task', title: 'Rà soát, phát triển đảng viên mới' },
      ],
    });
    expect(saved.statusCode).toBe(404); // bithu.ct is the secretary of cell A only
    const chief = await user(t.db, 'bithu.b', [{ role: 'cell_secretary', unitId: cellB }]);
    expect(chief).toBeGreaterThan(0);
    const b = await t.login('bithu.b');
    const v = await put(b, planUrl(cellB, last), {
      items: [
        { month: 3, kind: 'key_task', title: 'Thu đảng phí' },
        { month: 6, kind: 'key_task', title: 'Rà soát, phát triển đảng viên mới' },
      ],
      thematic: [
        { quarter: 1, topic: 'Chuyên đề quý một' },
        { quarter: 2, topic: 'Chuyên đề quý hai' },
      ],
    });
    expect(v.statusCode, v.body).toBe(200);
    expect((await b.post(`${planUrl(cellB, last)}/submit`)).statusCode).toBe(200);
    expect((await staff.post(`${planUrl(cellB, last)}/approve`, {})).statusCode).toBe(200);
    const [march] = v.json().items as { id: number }[];
    // A meeting run now, then dated March of last year (combined: it holds the quarter's topic).
    const held = await holdMeeting(b, t.db, cellB, { scheduledAt: `${last}-03-10T19:30:00+07:00` });
    await t.db.query("UPDATE meetings SET kind = 'combined' WHERE id = $1", [held]);
    const cover = await b.post(`/api/meetings/${held}/activity-items/${march!.id}`, {});
    expect(cover.statusCode, cover.body).toBe(200);
    expect(cover.json().month).toBe(`${last}-03`);
    expect(cover.json().items.find((i: { id: number }) => i.id === march!.id).coveredHere).toBe(true);
    const view = (await b.get(planUrl(cellB, last))).json();
    expect(view.thematic.map((x: { status: string }) => x.status)).toEqual(['done', 'not_done']);
    expect(view.items.map((x: { status: string }) => x.status)).toEqual(['done', 'not_done']);
    expect(view.progress).toMatchObject({ done: 2, notDone: 2, total: 4 });
    // A member of another cell is not a responsible person here.
    const foreign = await put(b, planUrl(cellB, last), {
      items: [{ month: 1, kind: 'key_task', title: 'Thu đảng phí', responsibleMemberId: m1 }],
    });
    expect(foreign.statusCode).toBe(409); // approved: read-only before anything else
    expect(mB).toBeGreaterThan(0);
  });

  it("lists the committee's cells with status and progress, paged with a maximum", async () => {
    const res = await staff.get(`/api/org-units/${ward}/activity-plans?year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    const a = body.items.find((i: { unitId: number }) => i.unitId === cellA);
    const bRow = body.items.find((i: { unitId: number }) => i.unitId === cellB);
    expect(a).toMatchObject({ status: 'approved', statusLabel: 'Đã duyệt' });
    expect(a.total).toBe(5); // three items and two thematic rows
    expect(a.done).toBe(2);
    expect(bRow).toMatchObject({ status: 'none', statusLabel: 'Chưa lập', total: 0 });
    expect(body.summary).toMatchObject({ cells: 2, approved: 1, none: 1 });
    const filtered = (
      await staff.get(`/api/org-units/${ward}/activity-plans?year=${YEAR}&status=none`)
    ).json();
    expect(filtered.items.map((i: { unitId: number }) => i.unitId)).toEqual([cellB]);
    expect(filtered.total).toBe(1);
    const page = (
      await staff.get(`/api/org-units/${ward}/activity-plans?year=${YEAR}&limit=1&offset=5`)
    ).json();
    expect(page).toMatchObject({ items: [], total: 2 });
    const tooMany = await staff.get(`/api/org-units/${ward}/activity-plans?year=${YEAR}&limit=201`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(VIETNAMESE);
    expect((await bithu.get(`/api/org-units/${ward}/activity-plans`)).statusCode).toBe(404);
  });

  it('reopens an approved programme with a reason (audited, the committee told) and exports it to Word', async () => {
    const url = planUrl(cellA);
    expect((await bithu.post(`${url}/reopen`, {})).statusCode).toBe(400);
    const reopened = await bithu.post(`${url}/reopen`, { reason: 'Thêm nhiệm vụ phòng chống bão' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().plan).toMatchObject({
      status: 'draft',
      reopenReason: 'Thêm nhiệm vụ phòng chống bão',
      revision: 2,
    });
    expect(await notices(staffUser, 'activity_plan.reopen')).toBe(1);
    const doc = await bithu.get(`${url}/plan.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.headers['content-disposition']).toMatch(/chuong-trinh-cong-tac-\d{4}-Chi-bo-Khu-pho-A\.docx/);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const [exp] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity_plan.export' AND org_unit_id = $1",
      [cellA],
    );
    expect(exp!.n).toBe(1);
  });
});
