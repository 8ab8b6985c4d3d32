/**
 * The committee decides the year's grades through the API (issue 10 items 5–6, ADR 024) on a
 * hand-built ward: proposals with the vote and the cap, draft → check → issue, a quota breach and a
 * hard rule refused with the rule cited and nothing changed, scope (404 outside), organisations
 * graded only from the level above, locking after the issue, revisions and the member's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';

const YEAR = Number(todayIso().slice(0, 4)) - 1;
const base = (unitId: number) => `/api/org-units/${unitId}/grading/${YEAR}`;
const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

describe('grading decisions', () => {
  let t: TestApp;
  let staff: Client;
  let secretary: Client;
  let cellStaff: Client;
  let outsider: Client;
  let self: Client;
  let ward: { id: number; path: string };
  let c1: { id: number };
  let c2: { id: number };
  let otherWard: { id: number };
  let c1m: number[];
  let c2m: number[];
  let newcomer: number;
  let foreign: number;
  let disciplined: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction(async (tx) => {
      const province = await unit(tx, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
      ward = await unit(tx, { parentId: province.id, name: 'Đảng bộ phường Thử' });
      c1 = await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
      c2 = await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
      otherWard = await unit(tx, { parentId: province.id, name: 'Đảng bộ phường Khác' });
      const oc = await unit(tx, { parentId: otherWard.id, name: 'Chi bộ Khác', cellType: 'khu_dan_cu' });
      c1m = [];
      for (const n of ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà'])
        c1m.push(await member(tx, { unitId: c1.id, fullName: `Nguyễn Văn ${n}` }));
      c2m = [];
      for (const n of ['Khánh', 'Lan', 'Minh', 'Nam', 'Oanh'])
        c2m.push(await member(tx, { unitId: c2.id, fullName: `Trần Thị ${n}` }));
      // Admitted in September: reviewed, not graded (newMembers.minMonths = 6).
      newcomer = await member(tx, {
        unitId: c2.id,
        fullName: 'Lê Văn Mới',
        admissionDate: `${YEAR}-09-01`,
        officialDate: null,
      });
      foreign = await member(tx, { unitId: oc.id, fullName: 'Phạm Văn Ngoài' });
      disciplined = c1m[5]!;
      await tx.query(
        `INSERT INTO member_disciplines (member_id, form, decided_on, reason) VALUES ($1, 'khien_trach', $2, 'Vi phạm quy chế')`,
        [disciplined, `${YEAR}-05-10`],
      );
      await tx.query(
        `INSERT INTO cell_member_votes (year, member_id, unit_id, base, votes_xuat_sac, votes_tot, votes_hoan_thanh, votes_khong, proposed_level)
         VALUES ($1, $2, $3, 6, 1, 4, 1, 0, 'tot')`,
        [YEAR, c1m[0], c1.id],
      );
      await tx.query(
        `INSERT INTO member_self_reviews (year, member_id, unit_id, proposed_level, status, submitted_at)
         VALUES ($1, $2, $3, 'xuat_sac', 'submitted', now())`,
        [YEAR, c1m[0], c1.id],
      );
      await user(tx, 'qd_staff', [{ role: 'committee_staff', unitId: ward.id }]);
      await user(tx, 'qd_secretary', [{ role: 'cell_secretary', unitId: c1.id }]);
      await user(tx, 'qd_cellstaff', [{ role: 'committee_staff', unitId: c1.id }]);
      await user(tx, 'qd_outsider', [{ role: 'committee_staff', unitId: otherWard.id }]);
      await user(tx, 'qd_self', [{ role: 'member', unitId: c1.id }], c1m[0]);
    });
    staff = await t.login('qd_staff');
    secretary = await t.login('qd_secretary');
    cellStaff = await t.login('qd_cellstaff');
    outsider = await t.login('qd_outsider');
    self = await t.login('qd_self');
  });
  afterAll(() => t?.close());

  it('lists the proposals with the vote on its base, the cap and keyset pages', async () => {
    const first = await staff.get(`${base(ward.id)}/proposals?type=member&limit=5`);
    expect(first.statusCode, first.body).toBe(200);
    const p1 = first.json();
    expect(p1.total).toBe(12);
    expect(p1.items).toHaveLength(5);
    expect(p1.nextCursor).toBeTruthy();
    const seen = new Set<number>(p1.items.map((i: { memberId: number }) => i.memberId));
    let cursor: string | null = p1.nextCursor;
    while (cursor) {
      const res = await staff.get(`${base(ward.id)}/proposals?type=member&limit=5&cursor=${cursor}`);
      expect(res.statusCode).toBe(200);
      for (const i of res.json().items) {
        expect(seen.has(i.memberId)).toBe(false);
        seen.add(i.memberId);
      }
      cursor = res.json().nextCursor;
    }
    expect(seen.size).toBe(12);
    const an = p1.items.find((i: { memberId: number }) => i.memberId === c1m[0]);
    expect(an.selfReview).toEqual({ status: 'submitted', proposedLevel: 'xuat_sac' });
    expect(an.vote.counts).toEqual({ xuat_sac: 1, tot: 4, hoan_thanh: 1, khong_hoan_thanh: 0 });
    expect(an.vote.percents.tot).toBe(66.67);
    expect(an.vote.percents.xuat_sac).toBe(16.67);
    expect(an.cap.maxLevel).toBe('xuat_sac');
    const all = await staff.get(`${base(ward.id)}/proposals?type=member&cellId=${c1.id}&limit=200`);
    const ha = all.json().items.find((i: { memberId: number }) => i.memberId === disciplined);
    expect(ha.cap.maxLevel).toBe('hoan_thanh');
    expect(ha.cap.reasons[0].citation).toMatch(/366/);
    expect(ha.facts.disciplined).toBe(true);
    const newbie = (await staff.get(`${base(ward.id)}/proposals?cellId=${c2.id}`))
      .json()
      .items.find((i: { memberId: number }) => i.memberId === newcomer);
    expect(newbie.graded).toBe(false);
    expect((await staff.get(`${base(ward.id)}/proposals?limit=201`)).statusCode).toBe(400);
    expect((await staff.get(`${base(ward.id)}/proposals?cellId=${otherWard.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`${base(ward.id)}/proposals`)).statusCode).toBe(404);
    const orgs = (await staff.get(`${base(ward.id)}/proposals?type=organisation`)).json();
    expect(orgs.items.map((o: { unitId: number }) => o.unitId)).toEqual([c1.id, c2.id]);
  });

  it('refuses subjects out of scope (404) and members not graded (400), writing nothing', async () => {
    const foreignRes = await put(staff, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [
        { memberId: c1m[0], level: 'tot' },
        { memberId: foreign, level: 'tot' },
      ],
    });
    expect(foreignRes.statusCode).toBe(404);
    const out = await put(outsider, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [{ memberId: c1m[0], level: 'tot' }],
    });
    expect(out.statusCode).toBe(404);
    const notGraded = await put(staff, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [{ memberId: newcomer, level: 'tot' }],
    });
    expect(notGraded.statusCode).toBe(400);
    expect(notGraded.json().code).toBe('GRADING_NOT_GRADED');
    expect(await t.asOwner((o) => o.query('SELECT 1 FROM grading_decisions'))).toHaveLength(0);
  });

  it('grades organisations only from the level above', async () => {
    // A cell's secretary may not decide; the cell's own staff do not reach it as a subject.
    const sec = await put(secretary, `${base(c1.id)}/decisions`, {
      type: 'organisation',
      items: [{ unitId: c1.id, level: 'xuat_sac' }],
    });
    expect(sec.statusCode).toBe(403);
    const own = await put(cellStaff, `${base(c1.id)}/decisions`, {
      type: 'organisation',
      items: [{ unitId: c1.id, level: 'xuat_sac' }],
    });
    expect(own.statusCode).toBe(404);
    const above = await put(cellStaff, `${base(ward.id)}/decisions`, {
      type: 'organisation',
      items: [{ unitId: c1.id, level: 'xuat_sac' }],
    });
    expect(above.statusCode).toBe(404);
    const ok = await put(staff, `${base(ward.id)}/decisions`, {
      type: 'organisation',
      items: [
        { unitId: c1.id, level: 'tot' },
        { unitId: c2.id, level: 'tot' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const issued = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'organisation',
      decisionNo: '130-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-15`,
    });
    expect(issued.statusCode, issued.body).toBe(200);
  });

  it('checks and refuses a quota breach with the rule cited, changing nothing', async () => {
    const levels = ['xuat_sac', 'xuat_sac', 'tot', 'tot', 'tot', 'hoan_thanh'];
    const res = await put(staff, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [
        ...c1m.map((id, i) => ({ memberId: id, level: levels[i], isCadre: i === 0 })),
        ...c2m.map((id) => ({ memberId: id, level: 'tot' })),
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const check = (await staff.post(`${base(ward.id)}/decisions/check`, { type: 'member' })).json();
    expect(check.ok).toBe(false);
    const unitViolation = check.violations.find((v: { scope: string }) => v.scope === 'unit');
    expect(unitViolation).toMatchObject({ level: 'xuat_sac', count: 2, base: 5, allowed: 1 });
    expect(unitViolation.message).toMatch(/Chi bộ Khu phố 1/);
    expect(check.counts).toMatchObject({ graded: 11, decided: 11, missing: 0 });
    const refused = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'member',
      decisionNo: '125-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-20`,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('GRADING_QUOTA_EXCEEDED');
    expect(refused.json().message).toMatch(/không vượt quá 20%/);
    expect(refused.json().details.violations.length).toBeGreaterThan(0);
    const [set] = await t.asOwner((o) =>
      o.query<{ status: string; decision_no: string | null }>(
        "SELECT status, decision_no FROM grading_decision_sets WHERE subject_type = 'member'",
      ),
    );
    expect(set).toEqual({ status: 'draft', decision_no: null });
  });

  it('refuses a disciplined member above the rule level, then an incomplete set', async () => {
    await put(staff, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [
        { memberId: c1m[1], level: 'tot' },
        { memberId: disciplined, level: 'tot' },
      ],
    });
    const check = (await staff.post(`${base(ward.id)}/decisions/check`, { type: 'member' })).json();
    expect(check.violations).toEqual([]);
    expect(check.ruleViolations).toHaveLength(1);
    expect(check.ruleViolations[0]).toMatchObject({ level: 'tot', maxLevel: 'hoan_thanh' });
    const refused = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'member',
      decisionNo: '125-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-20`,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('GRADING_RULE_BROKEN');
    expect(refused.json().message).toMatch(/kỷ luật/);
    expect(refused.json().message).toMatch(/Nguyễn Văn Hà/);
  });

  it('issues the complete set: hash, lock, notifications, audit; then the API refuses changes', async () => {
    await put(staff, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [{ memberId: disciplined, level: 'hoan_thanh' }],
    });
    const check = (await staff.post(`${base(ward.id)}/decisions/check`, { type: 'member' })).json();
    expect(check.ok).toBe(true);
    expect(check.counts.byLevel).toEqual({ xuat_sac: 1, tot: 9, hoan_thanh: 1, khong_hoan_thanh: 0 });
    const res = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'member',
      decisionNo: '125-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-20`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contentHash).toMatch(/^[0-9a-f]{64}$/);
    const notes = (await self.get('/api/me/notifications')).json();
    expect(JSON.stringify(notes)).toMatch(/Hoàn thành xuất sắc nhiệm vụ/);
    const audits = await t.asOwner((o) =>
      o.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'grading.%' ORDER BY id"),
    );
    expect(audits.map((a) => a.action)).toContain('grading.issue');
    const again = await put(staff, `${base(ward.id)}/decisions`, {
      type: 'member',
      items: [{ memberId: c1m[0], level: 'tot' }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('GRADING_DECISION_LOCKED');
    const reissue = await staff.post(`${base(ward.id)}/decisions/issue`, {
      type: 'member',
      decisionNo: '126-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-21`,
    });
    expect(reissue.statusCode).toBe(409);
    const list = (await staff.get(`${base(ward.id)}/proposals?cellId=${c1.id}`)).json();
    const an = list.items.find((i: { memberId: number }) => i.memberId === c1m[0]);
    expect(an.current).toMatchObject({ level: 'xuat_sac', decisionNo: '125-QĐ/ĐU', isCadre: true });
  });

  it('revises a decision: a new set supersedes it, the old row stays, quota and rules checked', async () => {
    type Row = { level: string; numerator: number; denominator: number };
    const stats = async () =>
      Object.fromEntries(
        ((await staff.get(base(ward.id))).json().members as Row[]).map((r) => [r.level, r.numerator]),
      );
    expect(await stats()).toEqual({ xuat_sac: 1, tot: 9, hoan_thanh: 1, khong_hoan_thanh: 0 });
    const list = (await staff.get(`${base(ward.id)}/proposals?cellId=${c1.id}`)).json();
    const byId = (id: number) => list.items.find((i: { memberId: number }) => i.memberId === id).current;
    const binh = byId(c1m[1]!);
    // Raising a second member of the cell to xuất sắc breaks the cell's quota.
    const quota = await staff.post(`/api/grading-decisions/${binh.decisionId}/revisions`, {
      level: 'xuat_sac',
      reason: 'Bổ sung thành tích',
      decisionNo: '140-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-03-01`,
    });
    expect(quota.statusCode).toBe(422);
    expect(quota.json().code).toBe('GRADING_QUOTA_EXCEEDED');
    const rule = await staff.post(`/api/grading-decisions/${byId(disciplined).decisionId}/revisions`, {
      level: 'tot',
      reason: 'Xem lại',
      decisionNo: '141-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-03-01`,
    });
    expect(rule.statusCode).toBe(422);
    expect(rule.json().code).toBe('GRADING_RULE_BROKEN');
    expect((await secretary.post(`/api/grading-decisions/${binh.decisionId}/revisions`, {})).statusCode).toBe(
      400,
    );
    const bySecretary = await secretary.post(`/api/grading-decisions/${binh.decisionId}/revisions`, {
      level: 'hoan_thanh',
      reason: 'x',
      decisionNo: '1',
      decisionDate: `${YEAR + 1}-03-01`,
    });
    expect(bySecretary.statusCode).toBe(404);
    // Lowering a member of the other cell keeps every quota (its cell has no xuất sắc; total 1 ≤ 1).
    const c2list = (await staff.get(`${base(ward.id)}/proposals?cellId=${c2.id}`)).json();
    const khanh = c2list.items.find((i: { memberId: number }) => i.memberId === c2m[0]).current;
    const ok = await staff.post(`/api/grading-decisions/${khanh.decisionId}/revisions`, {
      level: 'hoan_thanh',
      reason: 'Phát hiện nhiệm vụ chưa hoàn thành sau khi xếp loại',
      decisionNo: '142-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-03-05`,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().supersedesId).toBe(khanh.decisionId);
    const twice = await staff.post(`/api/grading-decisions/${khanh.decisionId}/revisions`, {
      level: 'tot',
      reason: 'Lần nữa',
      decisionNo: '143-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-03-06`,
    });
    expect(twice.statusCode).toBe(409);
    const after = (await staff.get(`${base(ward.id)}/proposals?cellId=${c2.id}`)).json();
    const now = after.items.find((i: { memberId: number }) => i.memberId === c2m[0]).current;
    expect(now).toMatchObject({ level: 'hoan_thanh', decisionNo: '142-QĐ/ĐU', kind: 'revision' });
    // The statistics count the current decision: the revision's, not the superseded one.
    expect(await stats()).toEqual({ xuat_sac: 1, tot: 8, hoan_thanh: 2, khong_hoan_thanh: 0 });
    const [old] = await t.asOwner((o) =>
      o.query<{ level: string }>('SELECT level FROM grading_decisions WHERE id = $1', [khanh.decisionId]),
    );
    expect(old!.level).toBe('tot');
    const grades = await staff.get(`/api/members/${c2m[0]}/grades`);
    expect(grades.statusCode).toBe(200);
    const year = grades.json().items.find((i: { year: number }) => i.year === YEAR);
    expect(year.current).toMatchObject({ level: 'hoan_thanh', decisionNo: '142-QĐ/ĐU' });
    expect(year.decisions).toHaveLength(2);
    expect(
      year.decisions.find((d: { decisionId: number }) => d.decisionId === khanh.decisionId).superseded,
    ).toBe(true);
  });

  it('shows a member their own grades, and nobody else', async () => {
    const mine = await self.get(`/api/members/${c1m[0]}/grades`);
    expect(mine.statusCode).toBe(200);
    const y = mine.json().items.find((i: { year: number }) => i.year === YEAR);
    expect(y.current).toMatchObject({ level: 'xuat_sac', label: 'Hoàn thành xuất sắc nhiệm vụ' });
    expect(y.selfReview.documentUrl).toBe(`/api/members/${c1m[0]}/grading/${YEAR}/self-review.docx`);
    expect((await self.get(`/api/members/${c1m[1]}/grades`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/members/${c1m[0]}/grades`)).statusCode).toBe(404);
  });
});
