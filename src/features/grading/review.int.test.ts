/**
 * The year's review through the API (issue 10 items 2–4, ADR 024): a ward opens the campaign
 * (cells and members told), a member writes and submits their bản kiểm điểm (only their own,
 * revisions, locked once submitted until the secretary returns it), the Word form, the year's
 * record, the cell's session (votes on the statutory base, percentages half-up, the cell's own
 * assessment), discipline and commendations, and a meeting of kind `review` planned and held.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { meeting, member, unit, user } from '../../../test/support/factory.js';
import { fromNow } from '../../../test/support/meeting-flow.js';
import { todayIso } from '../../domain/format.js';

const YEAR = 2025;
const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

describe('the year review: campaign, self-review, session', () => {
  let t: TestApp;
  let staff: Client;
  let secretary: Client;
  let an: Client;
  let other: Client;
  let exempted: Client;
  let newcomer: Client;
  let ward: { id: number; path: string };
  let cell: { id: number; path: string };
  let otherCell: { id: number; path: string };
  const m: Record<string, number> = {};
  const users: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    ward = await unit(db, { name: 'Đảng bộ phường Kiểm Điểm' });
    cell = await unit(db, { parentId: ward.id, name: 'Chi bộ khu phố Một', cellType: 'khu_dan_cu' });
    otherCell = await unit(db, { parentId: ward.id, name: 'Chi bộ khu phố Hai', cellType: 'khu_dan_cu' });
    m.an = await member(db, { unitId: cell.id, fullName: 'Trần Văn An' });
    m.binh = await member(db, { unitId: cell.id, fullName: 'Lê Thị Bình' });
    m.chau = await member(db, { unitId: cell.id, fullName: 'Hoàng Minh Châu' });
    m.cuong = await member(db, {
      unitId: cell.id,
      fullName: 'Phạm Văn Cường',
      admissionDate: '2025-09-01',
      officialDate: null,
    });
    m.dung = await member(db, { unitId: cell.id, fullName: 'Đỗ Văn Dũng' });
    m.giang = await member(db, { unitId: otherCell.id, fullName: 'Vũ Văn Giang' });
    await db.query(
      `INSERT INTO member_status_periods (member_id, kind, valid_from) VALUES ($1, 'exempted', '2024-01-01')`,
      [m.dung],
    );
    users.staff = await user(db, 'vp.phuong', [{ role: 'committee_staff', unitId: ward.id }]);
    users.secretary = await user(db, 'bithu.mot', [{ role: 'cell_secretary', unitId: cell.id }], m.binh);
    users.an = await user(db, 'dv.an', [{ role: 'member', unitId: cell.id }], m.an);
    users.other = await user(db, 'dv.giang', [{ role: 'member', unitId: otherCell.id }], m.giang);
    users.exempted = await user(db, 'dv.dung', [{ role: 'member', unitId: cell.id }], m.dung);
    users.newcomer = await user(db, 'dv.cuong', [{ role: 'member', unitId: cell.id }], m.cuong);
    staff = await t.login('vp.phuong');
    secretary = await t.login('bithu.mot');
    an = await t.login('dv.an');
    other = await t.login('dv.giang');
    exempted = await t.login('dv.dung');
    newcomer = await t.login('dv.cuong');
    // A held meeting of 2025 that An missed with a reason.
    const held = await meeting(db, {
      unitId: cell.id,
      status: 'held',
      scheduledAt: '2025-03-10T19:30:00+07:00',
    });
    await db.query(
      `INSERT INTO attendance (meeting_id, member_id, category, is_official, status, reason)
       VALUES ($1, $2, 'member', true, 'absent_excused', 'Đi công tác'), ($1, $3, 'member', true, 'present', NULL)`,
      [held, m.an, m.binh],
    );
  });

  afterAll(async () => {
    await t.close();
  });

  const campaign = {
    year: YEAR,
    selfReviewDue: '2025-12-10',
    cellSessionDue: '2025-12-20',
    decisionDue: '2026-01-15',
  };
  let campaignId: number;

  it('opens one campaign per unit and year, from a committee only, and tells the cells', async () => {
    expect((await staff.post(`/api/org-units/${cell.id}/grading-campaigns`, campaign)).statusCode).toBe(400);
    expect((await secretary.post(`/api/org-units/${ward.id}/grading-campaigns`, campaign)).statusCode).toBe(
      404,
    );
    const unordered = await staff.post(`/api/org-units/${ward.id}/grading-campaigns`, {
      ...campaign,
      cellSessionDue: '2025-12-01',
    });
    expect(unordered.statusCode).toBe(400);
    const res = await staff.post(`/api/org-units/${ward.id}/grading-campaigns`, campaign);
    expect(res.statusCode, res.body).toBe(201);
    campaignId = res.json().id;
    expect(res.json().title).toBe('Kiểm điểm, đánh giá, xếp loại chất lượng năm 2025');
    const again = await staff.post(`/api/org-units/${ward.id}/grading-campaigns`, campaign);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('đã mở đợt kiểm điểm');

    const notes = await t.db.query<{ user_id: number; title: string }>(
      `SELECT user_id, title FROM notifications WHERE kind = 'grading_campaign' ORDER BY user_id`,
    );
    const byUser = new Map(notes.map((n) => [n.user_id, n.title]));
    expect(byUser.get(users.an!)).toBe('Viết bản kiểm điểm cá nhân năm 2025');
    expect(byUser.get(users.secretary!)).toBe('Chuẩn bị buổi sinh hoạt kiểm điểm, xếp loại năm 2025');
    expect(byUser.has(users.staff!)).toBe(false);
    const [row] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'grading_campaign.open' AND entity_id = $1",
      [String(campaignId)],
    );
    expect(row!.n).toBe(1);
  });

  it('lists campaigns by page and refuses a page above the maximum', async () => {
    const list = await secretary.get(`/api/org-units/${cell.id}/grading-campaigns?limit=5`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, limit: 5, offset: 0 });
    expect(list.json().items[0].id).toBe(campaignId);
    expect((await secretary.get(`/api/org-units/${cell.id}/grading-campaigns?limit=101`)).statusCode).toBe(
      400,
    );
    expect((await an.get(`/api/org-units/${cell.id}/grading-campaigns`)).statusCode).toBe(403);
  });

  it('tells the member and the secretary what is due from them', async () => {
    const mine = (await an.get('/api/me/grading')).json();
    expect(mine.self).toHaveLength(1);
    expect(mine.self[0]).toMatchObject({
      year: YEAR,
      cellId: cell.id,
      reviewed: true,
      graded: true,
      selfReview: null,
    });
    expect(mine.sessions).toEqual([]);
    const sec = (await secretary.get('/api/me/grading')).json();
    expect(sec.sessions).toHaveLength(1);
    expect(sec.sessions[0]).toMatchObject({
      cellId: cell.id,
      year: YEAR,
      votesRecorded: 0,
      selfAssessmentRecorded: false,
    });
    const exe = (await exempted.get('/api/me/grading')).json();
    expect(exe.self[0]).toMatchObject({ reviewed: false, graded: false });
  });

  it('lets only the member write their own self-review, with revisions, and locks it once submitted', async () => {
    const url = `/api/members/${m.an}/grading/${YEAR}/self-review`;
    const view = await an.get(url);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      status: 'draft',
      revision: 0,
      canEdit: true,
      cellName: 'Chi bộ khu phố Một',
    });
    expect(view.json().sections.map((s: { key: string }) => s.key)).toContain('politics_ethics');
    expect(view.json().record.meetings).toMatchObject({ due: 1, attended: 0, absentExcused: 1 });

    // Another member's: as if absent. The secretary may read but not write it.
    expect((await other.get(url)).statusCode).toBe(404);
    expect((await put(other, url, { sections: {}, proposedLevel: null })).statusCode).toBe(404);
    expect((await an.get(`/api/members/${m.binh}/grading/${YEAR}/self-review`)).statusCode).toBe(404);
    expect((await secretary.get(url)).statusCode).toBe(200);
    expect((await put(secretary, url, { sections: {}, proposedLevel: null })).statusCode).toBe(403);

    const draft = await put(an, url, {
      sections: { politics_ethics: 'Luôn chấp hành chủ trương của Đảng.' },
      proposedLevel: 'tot',
      revision: 0,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', revision: 1, proposedLevel: 'tot' });
    expect(draft.json().sections[0].text).toBe('Luôn chấp hành chủ trương của Đảng.');
    const stale = await put(an, url, { sections: { tasks: 'Bản cũ' }, proposedLevel: 'tot', revision: 0 });
    expect(stale.statusCode).toBe(409);
    expect(
      (await put(an, url, { sections: { nope: 'x' }, proposedLevel: 'tot', revision: 1 })).statusCode,
    ).toBe(400);
    const submitted = await put(an, url, {
      sections: { tasks: 'Hoàn thành các nhiệm vụ chi bộ giao.' },
      proposedLevel: 'tot',
      submit: true,
      revision: 1,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', revision: 2, canEdit: false });
    // Both sections are kept (the second save merged into the first).
    expect(submitted.json().sections.filter((s: { text: string }) => s.text !== '')).toHaveLength(2);
    const locked = await put(an, url, { sections: {}, proposedLevel: 'xuat_sac', revision: 2 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toContain('đã nộp');

    // Returned by the secretary (a member cannot), then editable again.
    expect((await an.post(`${url}/return`, {})).statusCode).toBe(403);
    const returned = await secretary.post(`${url}/return`, { note: 'Bổ sung phần hạn chế' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toEqual({ revision: 3, status: 'draft' });
    expect((await secretary.post(`${url}/return`, {})).statusCode).toBe(409);
    const fixed = await put(an, url, {
      sections: { shortcomings: 'Có lúc chưa đúng hạn.' },
      proposedLevel: 'tot',
      submit: true,
      revision: 3,
    });
    expect(fixed.json()).toMatchObject({ status: 'submitted', revision: 4 });
    const actions = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'member' AND entity_id = $1 AND action LIKE 'grading.self_review%' ORDER BY id`,
      [String(m.an)],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'grading.self_review_save',
      'grading.self_review_submit',
      'grading.self_review_return',
      'grading.self_review_submit',
    ]);
  });

  it('does not review an exempted member, and reviews a new member without a level', async () => {
    const res = await exempted.get(`/api/members/${m.dung}/grading/${YEAR}/self-review`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('miễn công tác');
    const url = `/api/members/${m.cuong}/grading/${YEAR}/self-review`;
    const view = (await newcomer.get(url)).json();
    expect(view).toMatchObject({ graded: false });
    expect(view.notGradedReason).toContain('chưa đủ 6 tháng');
    expect((await put(newcomer, url, { sections: {}, proposedLevel: 'tot' })).statusCode).toBe(400);
    const ok = await put(newcomer, url, {
      sections: { tasks: 'Học tập' },
      proposedLevel: null,
      submit: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('gives the year from the records and the Word form of the self-review', async () => {
    const record = await an.get(`/api/members/${m.an}/year/${YEAR}`);
    expect(record.statusCode).toBe(200);
    expect(record.json().meetings.missed).toEqual([
      {
        date: '10/03/2025',
        title: 'Sinh hoạt thử',
        status: 'absent_excused',
        statusLabel: 'Vắng có lý do',
        reason: 'Đi công tác',
      },
    ]);
    expect(record.json()).toMatchObject({
      graded: true,
      notGradedReason: null,
      dues: { months: 0, unpaidMonths: [] },
    });
    expect((await other.get(`/api/members/${m.an}/year/${YEAR}`)).statusCode).toBe(404);

    const docx = await an.get(`/api/members/${m.an}/grading/${YEAR}/self-review.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(docx.rawPayload);
    expect(text).toContain('BẢN KIỂM ĐIỂM CÁ NHÂN');
    expect(text).toContain('Năm 2025');
    expect(text).toContain('Trần Văn An');
    expect(text).toContain('Luôn chấp hành chủ trương của Đảng.');
    expect(text).toContain('10/03/2025: vắng có lý do (Đi công tác)');
    expect(text).toContain('Tự nhận mức: Hoàn thành tốt nhiệm vụ.');
    expect(text).toContain('NGƯỜI TỰ KIỂM ĐIỂM');
    const [row] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'grading.self_review_download' AND entity_id = $1",
      [String(m.an)],
    );
    expect(row!.n).toBe(1);
  });

  it("shows the cell's session and records votes on the statutory base", async () => {
    const url = `/api/org-units/${cell.id}/grading/${YEAR}/session`;
    const s = await secretary.get(url);
    expect(s.statusCode, s.body).toBe(200);
    // Official, not exempted: An, Bình, Châu (Cường is probationary, Dũng exempted).
    expect(s.json().base).toBe(3);
    expect(s.json().members.map((x: { fullName: string }) => x.fullName)).toEqual([
      'Trần Văn An',
      'Lê Thị Bình',
      'Hoàng Minh Châu',
      'Phạm Văn Cường',
      'Đỗ Văn Dũng',
    ]);
    const anRow = s.json().members[0];
    expect(anRow.selfReview).toMatchObject({ status: 'submitted', proposedLevel: 'tot' });
    expect(anRow.facts).toMatchObject({ meetingsDue: 1, absentExcused: 1 });
    expect((await an.get(url)).statusCode).toBe(403);

    const vote = (votes: Record<string, number>, proposedLevel = 'tot') => ({
      comments: 'Chi bộ thống nhất',
      votes: { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0, ...votes },
      proposedLevel,
    });
    const over = await put(secretary, `${url}/votes/${m.an}`, vote({ tot: 3, hoan_thanh: 1 }));
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('vượt');
    expect((await put(secretary, `${url}/votes/${m.giang}`, vote({ tot: 1 }))).statusCode).toBe(404);
    expect((await put(secretary, `${url}/votes/${m.dung}`, vote({ tot: 1 }))).statusCode).toBe(404);
    expect((await put(secretary, `${url}/votes/${m.cuong}`, vote({ tot: 1 }))).statusCode).toBe(400);
    expect((await put(an, `${url}/votes/${m.an}`, vote({ tot: 1 }))).statusCode).toBe(403);
    const ok = await put(secretary, `${url}/votes/${m.an}`, vote({ tot: 2, hoan_thanh: 1 }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().shares.map((x: { percentText: string }) => x.percentText)).toEqual([
      '0,00%',
      '66,67%',
      '33,33%',
      '0,00%',
    ]);
    const after = (await secretary.get(url)).json();
    expect(after.members[0].vote).toMatchObject({
      base: 3,
      proposedLevel: 'tot',
      votes: { tot: 2, hoan_thanh: 1 },
    });
    const [audited] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'grading.vote_record' AND entity_id = $1",
      [String(m.an)],
    );
    expect(audited!.n).toBe(1);
  });

  it("records the cell's own assessment with the total computed, within each criterion's maximum", async () => {
    const url = `/api/org-units/${cell.id}/grading/${YEAR}/session/self-assessment`;
    const over = await put(secretary, url, { scores: { leadership: 31 }, proposedLevel: 'tot' });
    expect(over.statusCode).toBe(400);
    expect((await put(secretary, url, { scores: { nope: 1 }, proposedLevel: 'tot' })).statusCode).toBe(400);
    const ok = await put(secretary, url, {
      scores: {
        leadership: 27.5,
        ideology: 14,
        organisation: 18,
        party_life: 17.25,
        inspection: 9,
        mass_work: 4,
      },
      proposedLevel: 'tot',
      comments: 'Chi bộ hoàn thành tốt nhiệm vụ',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ total: 89.75, proposedLevel: 'tot' });
    const s = (await secretary.get(`/api/org-units/${cell.id}/grading/${YEAR}/session`)).json();
    expect(s.selfAssessment).toMatchObject({ total: 89.75, proposedLevel: 'tot' });
  });

  it('shows the campaign progress per cell', async () => {
    const res = await staff.get(`/api/grading-campaigns/${campaignId}`);
    expect(res.statusCode, res.body).toBe(200);
    const one = res.json().progress.find((p: { unitId: number }) => p.unitId === cell.id);
    expect(one).toEqual({
      unitId: cell.id,
      unitName: 'Chi bộ khu phố Một',
      isCell: true,
      cells: 1,
      reviewable: 4,
      selfReviewsSubmitted: 2,
      votesRecorded: 1,
      selfAssessments: 1,
    });
    expect(res.json().totals).toMatchObject({ cells: 2, reviewable: 5 });
    expect((await an.get(`/api/grading-campaigns/${campaignId}`)).statusCode).toBe(404);
    // The cell's secretary sees the ward's campaign with the row of their own cell only.
    const mine = await secretary.get(`/api/grading-campaigns/${campaignId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().progress.map((p: { unitId: number }) => p.unitId)).toEqual([cell.id]);
    expect(mine.json().canManage).toBe(false);
  });

  it('records discipline and commendations (committee only) and the year reads them', async () => {
    const d = await staff.post(`/api/members/${m.binh}/disciplines`, {
      form: 'khien_trach',
      decidedOn: '2025-07-01',
      decisionNo: '12-QĐ/ĐU',
      reason: 'Vi phạm quy định sinh hoạt',
    });
    expect(d.statusCode, d.body).toBe(201);
    expect(
      (
        await secretary.post(`/api/members/${m.binh}/disciplines`, {
          form: 'canh_cao',
          decidedOn: '2025-07-01',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await other.post(`/api/members/${m.binh}/disciplines`, {
          form: 'canh_cao',
          decidedOn: '2025-07-01',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const c = await staff.post(`/api/members/${m.binh}/commendations`, {
      title: 'Giấy khen',
      decidedOn: '2025-09-02',
    });
    expect(c.statusCode).toBe(201);
    // Bình reads her own; another member does not see them.
    const own = await secretary.get(`/api/members/${m.binh}/disciplines`);
    expect(own.json()).toMatchObject({
      total: 1,
      items: [{ formLabel: 'Khiển trách', decidedOnText: '01/07/2025' }],
    });
    expect((await other.get(`/api/members/${m.binh}/commendations`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/members/${m.binh}/disciplines?limit=101`)).statusCode).toBe(400);
    const year = (await secretary.get(`/api/members/${m.binh}/year/${YEAR}`)).json();
    expect(year.facts).toMatchObject({ disciplined: true, disciplines: 1, commendations: 1 });
    expect(year.disciplines[0]).toMatchObject({ formLabel: 'Khiển trách', date: '01/07/2025' });
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'member.%_add' ORDER BY id",
      [String(m.binh)],
    );
    expect(actions.map((a) => a.action)).toEqual(['member.discipline_add', 'member.commendation_add']);
  });

  it('plans and holds a meeting of kind review through the meeting routes', async () => {
    const created = await secretary.post(`/api/org-units/${cell.id}/meetings`, {
      kind: 'review',
      scheduledAt: fromNow(5),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json().title).toBe(
      `Sinh hoạt kiểm điểm, đánh giá, xếp loại năm ${todayIso().slice(0, 4)}`,
    );
    const [row] = await t.db.query<{ kind: string; min_duration_minutes: number }>(
      'SELECT kind, min_duration_minutes FROM meetings WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ kind: 'review', min_duration_minutes: 90 });
    await secretary.patch(`/api/meetings/${id}`, { content: 'Kiểm điểm năm', draftResolution: 'Dự thảo' });
    const started = await secretary.post(`/api/meetings/${id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    const detail = (await secretary.get(`/api/meetings/${id}`)).json();
    const titles = JSON.stringify(detail.agenda);
    expect(titles).toContain('Đảng viên trình bày bản kiểm điểm');
    expect(titles).toContain('Chi bộ góp ý, biểu quyết mức xếp loại từng đảng viên');
    for (const x of started.json().attendance.members as {
      memberId: number;
      category: string;
      away: boolean;
    }[]) {
      if (x.category !== 'member' || x.away) continue;
      await put(secretary, `/api/meetings/${id}/attendance/${x.memberId}`, { status: 'present' });
    }
    const end = await secretary.post(`/api/meetings/${id}/end`);
    expect(end.statusCode, end.body).toBe(200);
    const [heldRow] = await t.db.query<{ status: string }>('SELECT status FROM meetings WHERE id = $1', [id]);
    expect(heldRow!.status).toBe('held');
  });
});
