/**
 * The directives library through the API (issue 11 part A, ADR 025): a ward's staff draft a
 * directive (hostile input refused in Vietnamese, nothing written), attach its file, publish it to
 * the ward's cells; the cells and their members read it, a sibling ward does not (404); a cell
 * records it at a meeting (date, present/base), the committee sees it per cell; duplicates 409;
 * members mark it read; reminders once a day; the overdue alert; the minutes' sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow, holdMeeting } from '../../../test/support/meeting-flow.js';
import { todayIso } from '../../domain/format.js';
import { tinyPdf } from '../demo/pdf.js';
import { buildMeetingRecord } from '../meetings/record-build.js';
import { findMeeting } from '../meetings/service.js';
import { detectAlerts } from '../oversight/alerts.js';
import { directiveOverdueAlerts } from './alerts.js';

function multipart(bytes: Buffer, fileName: string) {
  const boundary = '----chibo-directive-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const upload = (c: Client, id: number, bytes: Buffer, name: string) =>
  c.request({ method: 'POST', url: `/api/directives/${id}/files`, ...multipart(bytes, name) });

const VALID = {
  kind: 'plan',
  number: '45-KH/ĐU',
  issuedOn: '2026-01-05',
  issuer: 'Đảng ủy phường Thử Nghiệm',
  title: 'Kế hoạch thực hiện Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp',
  summary: 'Các chi bộ quán triệt và xây dựng kế hoạch tổ chức đại hội.',
  requiresDissemination: true,
  // Far ahead, so nothing is late whatever day the test runs on (the alert test sets its own).
  disseminateBy: '2099-12-31',
};

describe('directives library', () => {
  let t: TestApp;
  let staff: Client;
  let otherStaff: Client;
  let sec1: Client;
  let sec2: Client;
  let sec3: Client;
  let dv: Client;
  let ward: { id: number; path: string };
  let c1: { id: number };
  let c2: { id: number };
  let c3: { id: number };
  let id: number;
  let meetingC1: number;

  const count = async (table: string) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    t = await createTestApp({ uploadLimitMb: 1 });
    const db = t.db;
    const province = await unit(db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
    ward = await unit(db, { parentId: province.id, name: 'Đảng bộ phường Thử Nghiệm' });
    const otherWard = await unit(db, { parentId: province.id, name: 'Đảng bộ xã Bên Cạnh' });
    c1 = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 10', cellType: 'khu_dan_cu' });
    c2 = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    c3 = await unit(db, { parentId: otherWard.id, name: 'Chi bộ Ấp Một', cellType: 'nong_thon' });
    const a = await member(db, { unitId: c1.id, fullName: 'Nguyễn Văn An' });
    const b = await member(db, { unitId: c1.id, fullName: 'Trần Thị Bình' });
    await member(db, { unitId: c1.id, fullName: 'Lê Văn Cường' });
    const d = await member(db, { unitId: c2.id, fullName: 'Phạm Văn Dũng' });
    await member(db, { unitId: c2.id, fullName: 'Võ Thị Em' });
    const e = await member(db, { unitId: c3.id, fullName: 'Đỗ Văn Giang' });
    await user(db, 'vp.thu', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(db, 'vp.bencanh', [{ role: 'committee_staff', unitId: otherWard.id }]);
    await user(db, 'bithu.10', [{ role: 'cell_secretary', unitId: c1.id }], a);
    await user(db, 'bithu.2', [{ role: 'cell_secretary', unitId: c2.id }], d);
    await user(db, 'bithu.ap1', [{ role: 'cell_secretary', unitId: c3.id }], e);
    await user(db, 'dv.binh', [{ role: 'member', unitId: c1.id }], b);
    staff = await t.login('vp.thu');
    otherStaff = await t.login('vp.bencanh');
    sec1 = await t.login('bithu.10');
    sec2 = await t.login('bithu.2');
    sec3 = await t.login('bithu.ap1');
    dv = await t.login('dv.binh');
  });
  afterAll(() => t.close());

  it('refuses hostile drafts in Vietnamese and writes nothing', async () => {
    const bad: [object, number][] = [
      [{ ...VALID, issuedOn: '2026-02-30' }, 400],
      [{ ...VALID, disseminateBy: '2025-12-31' }, 400],
      [{ ...VALID, requiresDissemination: false }, 400],
      [{ ...VALID, issuedOn: '2199-01-01', disseminateBy: null }, 400],
      [{ ...VALID, number: '' }, 400],
      [{ ...VALID, kind: 'memo' }, 400],
      [{ ...VALID, extra: 1 }, 400],
    ];
    for (const [body, status] of bad) {
      const res = await staff.post(`/api/org-units/${ward.id}/directives`, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(
        /[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵéèẻẽẹóòỏõọ]/i,
      );
    }
    // A cell's secretary cannot publish for the ward (outside: 404); for the cell itself: 403.
    expect((await sec1.post(`/api/org-units/${ward.id}/directives`, VALID)).statusCode).toBe(404);
    expect((await sec1.post(`/api/org-units/${c1.id}/directives`, VALID)).statusCode).toBe(403);
    expect(await count('directives')).toBe(0);
  });

  it('drafts, attaches a checked file and keeps the draft from the cells', async () => {
    const res = await staff.post(`/api/org-units/${ward.id}/directives`, VALID);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', number: '45-KH/ĐU', kindLabel: 'Kế hoạch' });
    const pdf = tinyPdf(['Ke hoach 45-KH/DU']);
    const ok = await upload(staff, id, pdf, 'C:\\tai lieu\\Kế hoạch 45.pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: 'Kế hoạch 45.pdf', mimeType: 'application/pdf' });
    const wrong = await upload(staff, id, Buffer.from('chỉ là chữ, không phải PDF'), 'gia.pdf');
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().code).toBe('UNSUPPORTED_FILE_TYPE');
    const huge = await upload(
      staff,
      id,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_200_000)]),
      'to.pdf',
    );
    expect(huge.statusCode).toBe(413);
    expect(await count('directive_files')).toBe(1);
    // The draft does not exist for the cells.
    expect((await sec1.get(`/api/directives/${id}`)).statusCode).toBe(404);
    expect((await dv.get(`/api/org-units/${c1.id}/directives`)).json().total).toBe(0);
    const own = (await staff.get(`/api/org-units/${ward.id}/directives`)).json();
    expect(own.items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('publishes to the cells of the ward: secretaries and members told, the record locked', async () => {
    const res = await staff.post(`/api/directives/${id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cells: 2, secretaries: 2, members: 3 });
    const [n] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'directive.disseminate'",
    );
    expect(n!.n).toBe(2);
    expect((await staff.post(`/api/directives/${id}/publish`)).statusCode).toBe(409);
    const locked = await staff.patch(`/api/directives/${id}`, { title: 'Khác' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('DIRECTIVE_LOCKED');
    expect((await upload(staff, id, tinyPdf(['x']), 'them.pdf')).statusCode).toBe(409);
    const later = await staff.patch(`/api/directives/${id}`, { disseminateBy: '2099-06-30' });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().disseminateBy).toBe('2099-06-30');
    await expect(t.db.query("UPDATE directives SET title = 'Sửa lén' WHERE id = $1", [id])).rejects.toThrow();
    await expect(t.db.query('DELETE FROM directive_files WHERE directive_id = $1', [id])).rejects.toThrow();
  });

  it('reaches the cells and their members, not a sibling ward', async () => {
    const list = (await dv.get(`/api/org-units/${c1.id}/directives`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id,
      requiresDissemination: true,
      disseminateBy: '2099-06-30',
      disseminatedOn: null,
      readByMe: false,
      files: 1,
    });
    const detail = (await dv.get(`/api/directives/${id}`)).json();
    expect(detail.files).toHaveLength(1);
    expect(detail.permissions).toMatchObject({
      canMarkRead: true,
      canManage: false,
      canSeeDissemination: false,
    });
    const file = await dv.get(`/api/directives/${id}/files/${detail.files[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    for (const c of [otherStaff, sec3]) {
      expect((await c.get(`/api/directives/${id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/directives/${id}/dissemination`)).statusCode).toBe(404);
    }
    expect((await sec3.get(`/api/org-units/${c3.id}/directives`)).json().total).toBe(0);
    expect((await dv.get(`/api/org-units/${c1.id}/directives?q=35-CT`)).json().total).toBe(1);
    expect((await dv.get(`/api/org-units/${c1.id}/directives?q=không có`)).json().total).toBe(0);
    expect((await dv.get(`/api/org-units/${c1.id}/directives?limit=101`)).statusCode).toBe(400);
    // The committee's view: the cells only (dv reads the directive but not the ward: 403).
    expect((await dv.get(`/api/directives/${id}/dissemination`)).statusCode).toBe(403);
    const view = (await staff.get(`/api/directives/${id}/dissemination`)).json();
    expect(view.summary).toEqual({ cells: 2, done: 0, late: 0, percent: 0 });
    // Vietnamese order: "Khu phố 2" before "Khu phố 10".
    expect(view.items.map((r: { unitId: number }) => r.unitId)).toEqual([c2.id, c1.id]);
    expect((await staff.get(`/api/directives/${id}/dissemination?limit=201`)).statusCode).toBe(400);
  });

  it('records the dissemination at a meeting in progress, once, with the attendance', async () => {
    const created = (
      await sec1.post(`/api/org-units/${c1.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    meetingC1 = created.id;
    const url = `/api/meetings/${meetingC1}/directives/${id}`;
    expect((await sec1.post(url)).json().code).toBe('MEETING_NOT_STARTED');
    const started = (await sec1.post(`/api/meetings/${meetingC1}/start`)).json();
    const people = started.attendance.members as { memberId: number }[];
    for (const [i, p] of people.entries()) {
      await sec1.request({
        method: 'PUT',
        url: `/api/meetings/${meetingC1}/attendance/${p.memberId}`,
        payload: i === 0 ? { status: 'absent_excused', reason: 'Ốm' } : { status: 'present' },
      });
    }
    const awaiting = (await sec1.get(`/api/meetings/${meetingC1}/directives`)).json();
    expect(awaiting.awaiting.map((d: { id: number }) => d.id)).toEqual([id]);
    expect(awaiting.awaitingTotal).toBe(1);
    expect(awaiting.canRecord).toBe(true);
    const done = await sec1.post(url);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ disseminatedOn: todayIso(), present: 2, base: 3, percent: 66.67 });
    const again = await sec1.post(url);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DIRECTIVE_ALREADY_DISSEMINATED');
    // Undo while in progress, then record again.
    expect((await sec1.del(url)).statusCode).toBe(200);
    expect((await sec1.post(url)).statusCode).toBe(201);
    const here = (await sec1.get(`/api/meetings/${meetingC1}/directives`)).json();
    expect(here.awaiting).toEqual([]);
    expect(here.awaitingTotal).toBe(0);
    expect(here.disseminated.map((d: { id: number }) => d.id)).toEqual([id]);
    // Another cell's meeting: not visible to this secretary; this directive not visible there.
    const other = await holdMeeting(sec3, t.db, c3.id, { scheduledAt: '2026-01-20T19:30:00+07:00' });
    expect((await sec1.post(`/api/meetings/${other}/directives/${id}`)).statusCode).toBe(404);
    expect((await sec3.post(`/api/meetings/${other}/directives/${id}`)).statusCode).toBe(404);
    expect(await count('directive_disseminations')).toBe(1);
    expect((await sec1.post(`/api/meetings/${meetingC1}/end`)).statusCode).toBe(200);
    expect((await sec1.del(url)).statusCode).toBe(409);
    // The minutes say it.
    const record = await buildMeetingRecord(t.db, (await findMeeting(t.db, meetingC1))!, {});
    const item = record.agenda.find((a) => a.title === 'Quán triệt văn bản cấp trên');
    expect(item?.conclusion).toBe(
      'Quán triệt: Kế hoạch số 45-KH/ĐU ngày 05/01/2026 của Đảng ủy phường Thử Nghiệm (Kế hoạch thực hiện Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp).',
    );
  });

  it('shows the committee each cell with its date and share; reminds the pending once a day', async () => {
    const view = (await staff.get(`/api/directives/${id}/dissemination`)).json();
    expect(view.summary).toEqual({ cells: 2, done: 1, late: 0, percent: 50 });
    const row1 = view.items.find((r: { unitId: number }) => r.unitId === c1.id);
    expect(row1).toMatchObject({
      unitName: 'Chi bộ Khu phố 10',
      parentName: 'Đảng bộ phường Thử Nghiệm',
      disseminatedOn: todayIso(),
      meetingId: meetingC1,
      present: 2,
      base: 3,
      percent: 66.67,
      late: false,
    });
    const pending = (await staff.get(`/api/directives/${id}/dissemination?state=pending`)).json();
    expect(pending.items.map((r: { unitId: number }) => r.unitId)).toEqual([c2.id]);
    expect(pending.total).toBe(1);
    expect((await staff.get(`/api/directives/${id}/dissemination?state=done`)).json().total).toBe(1);
    // Only the staff remind (a secretary: 403), once a day (409), and only the pending cell's secretary.
    expect((await sec1.post(`/api/directives/${id}/remind`)).statusCode).toBe(403);
    const r1 = await staff.post(`/api/directives/${id}/remind`);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toEqual({ pendingCells: 1, notified: 1 });
    const reminded = await t.db.query<{ username: string }>(
      `SELECT us.username FROM notifications n JOIN users us ON us.id = n.user_id WHERE n.kind = 'directive.remind'`,
    );
    expect(reminded.map((r) => r.username)).toEqual(['bithu.2']);
    const r2 = await staff.post(`/api/directives/${id}/remind`);
    expect(r2.statusCode).toBe(409);
    expect(r2.json().code).toBe('DIRECTIVE_REMIND_TOO_SOON');
    const [a] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'directive.remind' AND entity_id = $1",
      [String(id)],
    );
    expect(a!.n).toBe(1);
  });

  it('records at a held meeting whose minutes are not adopted, with that meeting’s date', async () => {
    const held = await holdMeeting(sec2, t.db, c2.id, { scheduledAt: '2026-02-10T19:30:00+07:00' });
    const res = await sec2.post(`/api/meetings/${held}/directives/${id}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ disseminatedOn: '2026-02-10', present: 2, base: 2, percent: 100 });
    expect((await staff.get(`/api/directives/${id}/dissemination`)).json().summary).toEqual({
      cells: 2,
      done: 2,
      late: 0,
      percent: 100,
    });
  });

  it('lets a member mark it read, idempotently; counts reads per cell', async () => {
    expect((await staff.post(`/api/directives/${id}/read`)).statusCode).toBe(403);
    const first = await dv.post(`/api/directives/${id}/read`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().first).toBe(true);
    expect((await dv.post(`/api/directives/${id}/read`)).json().first).toBe(false);
    expect((await dv.get(`/api/org-units/${c1.id}/directives`)).json().items[0].readByMe).toBe(true);
    expect((await dv.get(`/api/org-units/${c1.id}/directives?unread=true`)).json().total).toBe(0);
    expect((await sec1.get(`/api/org-units/${c1.id}/directives?unread=true`)).json().total).toBe(1);
    const view = (await staff.get(`/api/directives/${id}/dissemination`)).json();
    expect(view.items.find((r: { unitId: number }) => r.unitId === c1.id).reads).toBe(1);
    expect(view.items.find((r: { unitId: number }) => r.unitId === c2.id).reads).toBe(0);
  });

  it('raises directive_overdue for a cell past the deadline, resolved by its dissemination', async () => {
    const res = await staff.post(`/api/org-units/${ward.id}/directives`, {
      ...VALID,
      kind: 'directive',
      number: '35-CT/TW',
      issuer: 'Bộ Chính trị',
      issuedOn: '2025-06-14',
      disseminateBy: '2025-09-30',
    });
    const late = res.json().id as number;
    expect((await staff.post(`/api/directives/${late}/publish`)).statusCode).toBe(200);
    const before = await directiveOverdueAlerts(t.db, '2025-09-30');
    expect(before.filter((a) => a.subjectKey.startsWith(`${late}:`))).toEqual([]);
    const alerts = (await directiveOverdueAlerts(t.db, '2025-10-01')).filter((a) =>
      a.subjectKey.startsWith(`${late}:`),
    );
    expect(alerts.map((a) => a.subjectKey).sort()).toEqual([`${late}:${c1.id}`, `${late}:${c2.id}`].sort());
    expect(alerts[0]).toMatchObject({ kind: 'directive_overdue', severity: 'warning' });
    const all = await detectAlerts(t.db, '2025-10-01');
    expect(all.filter((a) => a.kind === 'directive_overdue').length).toBeGreaterThanOrEqual(2);
    const view = (await staff.get(`/api/directives/${late}/dissemination?state=late`)).json();
    expect(view.summary).toMatchObject({ cells: 2, done: 0, late: 2 });
    // Withdrawn: the alert goes, recording is refused.
    const w = await staff.post(`/api/directives/${late}/withdraw`, { reason: 'Ban hành nhầm đơn vị' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().status).toBe('withdrawn');
    expect(
      (await directiveOverdueAlerts(t.db, '2025-10-01')).filter((a) => a.subjectKey.startsWith(`${late}:`)),
    ).toEqual([]);
    expect((await staff.post(`/api/directives/${late}/withdraw`, { reason: 'lần nữa' })).statusCode).toBe(
      409,
    );
    expect((await staff.post(`/api/directives/${late}/remind`)).json().code).toBe('DIRECTIVE_WITHDRAWN');
  });
});
