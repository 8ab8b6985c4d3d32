/**
 * Closing a review campaign through the API (issue 10, ADR 024): only the staff of the
 * committee that opened it close it (a cell's reader: 403; another ward: 404); the closing is
 * audited; afterwards the cells take no new self-review, vote, self-assessment or return for
 * that year (409 in Vietnamese), the pages say so, other years stay open; closing twice is 409.
 * The self-review's Word form is marked "BẢN NHÁP — chưa nộp chi bộ" while a draft, unmarked
 * once submitted.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';

const YEAR = 2025;
const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

async function docxParts(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /^word\/(document|header\d*)\.xml$/.test(n));
  const xml = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
  return xml.join('\n').replace(/<[^>]+>/g, '');
}

describe('closing a review campaign', () => {
  let t: TestApp;
  let staff: Client;
  let otherStaff: Client;
  let secretary: Client;
  let an: Client;
  let ward: { id: number };
  let cell: { id: number };
  const m: Record<string, number> = {};
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    ward = await unit(db, { name: 'Đảng bộ phường Kết Thúc' });
    const otherWard = await unit(db, { name: 'Đảng bộ xã Bên Cạnh' });
    cell = await unit(db, { parentId: ward.id, name: 'Chi bộ khu phố Bảy', cellType: 'khu_dan_cu' });
    m.an = await member(db, { unitId: cell.id, fullName: 'Trần Văn An' });
    m.binh = await member(db, { unitId: cell.id, fullName: 'Lê Thị Bình' });
    m.chau = await member(db, { unitId: cell.id, fullName: 'Hoàng Minh Châu' });
    await user(db, 'vp.ketthuc', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(db, 'vp.bencanh', [{ role: 'committee_staff', unitId: otherWard.id }]);
    await user(db, 'bithu.bay', [{ role: 'cell_secretary', unitId: cell.id }], m.binh);
    await user(db, 'dv.an7', [{ role: 'member', unitId: cell.id }], m.an);
    staff = await t.login('vp.ketthuc');
    otherStaff = await t.login('vp.bencanh');
    secretary = await t.login('bithu.bay');
    an = await t.login('dv.an7');
    const res = await staff.post(`/api/org-units/${ward.id}/grading-campaigns`, {
      year: YEAR,
      selfReviewDue: '2025-12-10',
      cellSessionDue: '2025-12-20',
      decisionDue: '2026-01-15',
    });
    expect(res.statusCode, res.body).toBe(201);
    campaignId = res.json().id;
  });

  afterAll(async () => {
    await t.close();
  });

  const selfReview = (revision: number, submit = false) => ({
    sections: { tasks: 'Hoàn thành các việc chi bộ giao.' },
    proposedLevel: 'tot',
    submit,
    revision,
  });

  it('marks a draft self-review "BẢN NHÁP — chưa nộp chi bộ" and a submitted one not at all', async () => {
    const url = `/api/members/${m.an}/grading/${YEAR}/self-review`;
    expect((await put(an, url, selfReview(0))).statusCode).toBe(200);
    const draft = await docxParts((await an.get(`${url}.docx`)).rawPayload);
    expect(draft).toContain('BẢN NHÁP — chưa nộp chi bộ');
    expect(draft).not.toContain('DỰ THẢO');
    expect((await put(an, url, selfReview(1, true))).statusCode).toBe(200);
    const submitted = await docxParts((await an.get(`${url}.docx`)).rawPayload);
    expect(submitted).not.toContain('BẢN NHÁP');
    expect(submitted).not.toContain('DỰ THẢO');
    expect(submitted).toContain('BẢN KIỂM ĐIỂM CÁ NHÂN');
  });

  it('is closed by the staff of the committee that opened it only', async () => {
    expect((await otherStaff.post(`/api/grading-campaigns/${campaignId}/close`, {})).statusCode).toBe(404);
    expect((await an.post(`/api/grading-campaigns/${campaignId}/close`, {})).statusCode).toBe(404);
    expect((await secretary.post(`/api/grading-campaigns/${campaignId}/close`, {})).statusCode).toBe(403);
    expect((await staff.post('/api/grading-campaigns/999999/close', {})).statusCode).toBe(404);
    const before = (await staff.get(`/api/grading-campaigns/${campaignId}`)).json();
    expect(before.status).toBe('open');

    const res = await staff.post(`/api/grading-campaigns/${campaignId}/close`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('closed');
    expect(res.json().closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await staff.get(`/api/grading-campaigns/${campaignId}`)).json().status).toBe('closed');

    const rows = await t.db.query<{ action: string; entity_id: string; org_unit_id: number; after: unknown }>(
      `SELECT action, entity_id, org_unit_id, after FROM audit_log WHERE action = 'grading_campaign.close'`,
    );
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.entity_id)).toBe(String(campaignId));
    expect(rows[0]!.org_unit_id).toBe(ward.id);
    expect(rows[0]!.after).toMatchObject({ year: YEAR, status: 'closed' });

    const again = await staff.post(`/api/grading-campaigns/${campaignId}/close`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('đã đóng trước đó');
  });

  it('refuses new self-reviews, returns, votes and self-assessments of the year with 409', async () => {
    const closedText = 'đã kết thúc ngày';
    const sr = await put(secretary, `/api/members/${m.binh}/grading/${YEAR}/self-review`, selfReview(0));
    expect(sr.statusCode).toBe(409);
    expect(sr.json().message).toContain(closedText);
    expect(sr.json().message).toContain('Đảng bộ phường Kết Thúc');

    const ret = await secretary.post(`/api/members/${m.an}/grading/${YEAR}/self-review/return`, {});
    expect(ret.statusCode).toBe(409);
    expect(ret.json().message).toContain(closedText);

    const vote = await put(secretary, `/api/org-units/${cell.id}/grading/${YEAR}/session/votes/${m.chau}`, {
      votes: { xuat_sac: 0, tot: 2, hoan_thanh: 0, khong_hoan_thanh: 0 },
      proposedLevel: 'tot',
    });
    expect(vote.statusCode).toBe(409);
    expect(vote.json().message).toContain(closedText);

    const assess = await put(secretary, `/api/org-units/${cell.id}/grading/${YEAR}/session/self-assessment`, {
      scores: {},
      proposedLevel: 'tot',
    });
    expect(assess.statusCode).toBe(409);

    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cell_member_votes WHERE year = $1',
      [YEAR],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('shows the closing on the pages: nothing editable, the reason given', async () => {
    const session = (await secretary.get(`/api/org-units/${cell.id}/grading/${YEAR}/session`)).json();
    expect(session.canVote).toBe(false);
    expect(session.reviewClosed).toContain('đã kết thúc ngày');
    const view = (await secretary.get(`/api/members/${m.binh}/grading/${YEAR}/self-review`)).json();
    expect(view.canEdit).toBe(false);
    expect(view.reviewClosed).toContain('đã kết thúc ngày');
    const mine = (await an.get('/api/me/grading')).json();
    expect(mine.self.map((s: { year: number }) => s.year)).not.toContain(YEAR);
  });

  it('leaves another year open', async () => {
    const res = await put(secretary, `/api/members/${m.binh}/grading/2024/self-review`, selfReview(0));
    expect(res.statusCode, res.body).toBe(200);
    const session = (await secretary.get(`/api/org-units/${cell.id}/grading/2024/session`)).json();
    expect(session.canVote).toBe(true);
    expect(session.reviewClosed).toBeNull();
  });
});
