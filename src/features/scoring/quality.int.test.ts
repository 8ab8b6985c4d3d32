import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow, holdMeeting } from '../../../test/support/meeting-flow.js';
import { HD42_2025 } from '../../rules/hd42-2025.js';
import { runAlerts } from '../oversight/alerts.js';

const JUDGEMENT = {
  regular_content: 9,
  flexibility: 2,
  guiding: 3,
  atmosphere: 3,
  summing_up: 1,
  democratic_centralism: 1,
  self_criticism: 2,
  character: 1,
  members_concerns: 1,
  ideology_time: 1,
};

describe('meeting quality: evidence-based scores, two columns, monthly status, alerts, supervision, packs', () => {
  let t: TestApp;
  let secretary: Client;
  let supervisor: Client;
  let staff: Client;
  let cell: { id: number; path: string };
  let meetingId: number;
  const people: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Thử' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 3', cellType: 'khu_dan_cu' });
    for (const n of [
      'Trần Văn Chủ',
      'Lê Thị Một',
      'Phạm Văn Hai',
      'Đỗ Thị Ba',
      'Võ Văn Bốn',
      'Bùi Thị Năm',
      'Hồ Văn Sáu',
      'Ngô Thị Bảy',
      'Đặng Văn Tám',
      'Lý Thị Chín',
    ]) {
      people.push(await member(t.db, { unitId: cell.id, fullName: n }));
    }
    await user(t.db, 'bithu', [{ role: 'cell_secretary', unitId: cell.id }], people[0]);
    await user(t.db, 'giamsat', [{ role: 'supervisor', unitId: cell.id }]);
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    secretary = await t.login('bithu');
    supervisor = await t.login('giamsat');
    staff = await t.login('vanphong');
    meetingId = await holdMeeting(secretary, t.db, cell.id, {
      scheduledAt: '2026-11-10T19:30:00+07:00',
      absentExcused: [people[9]!],
      speakers: [people[1]!, people[2]!, people[3]!, people[4]!],
    });
  });
  afterAll(() => t.close());

  it('pre-scores the measurable criteria from the records, each with its evidence and the pack version', async () => {
    const s = (await secretary.get(`/api/meetings/${meetingId}/score`)).json();
    expect(s.rulePack).toMatchObject({ id: 'hd42-2025', version: HD42_2025.version });
    const items = Object.fromEntries(s.columns.cell.score.items.map((i: { key: string }) => [i.key, i]));
    expect(items.attendance_rate).toMatchObject({ points: 4, evidence: 'Có mặt 9/10 = 90,0%' });
    // 40% sits in the 40–50% tier: 4 of 5.
    expect(items.speakers).toMatchObject({ points: 4, evidence: '4/10 đảng viên phát biểu = 40,0%' });
    // Started and ended within the test: far below 90 minutes.
    expect(items.length.points).toBe(1);
    expect(items.length.evidence).toMatch(/thiếu 90 phút so với 90 phút/);
    expect(items.resolution_adopted).toMatchObject({ points: 2 });
    expect(items.prep_documents).toMatchObject({ points: 0, evidence: 'Không đăng tài liệu trước buổi họp' });
    expect(items.thematic_content).toMatchObject({ applicable: false });
    expect(items.guiding).toMatchObject({ points: null, evidence: 'Chưa chấm' });
    expect(s.columns.cell.confirmed).toBe(false);
    expect(s.final).toBeNull();
  });

  it('the supervisor scores separately and confirms; the cell confirms its own; the final rating follows the pack', async () => {
    // The cell cannot fill the supervisor's column, nor the supervisor the cell's.
    expect(
      (
        await secretary.request({
          method: 'PUT',
          url: `/api/meetings/${meetingId}/score/supervisor`,
          payload: { judgement: {} },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await supervisor.request({
          method: 'PUT',
          url: `/api/meetings/${meetingId}/score/cell`,
          payload: { judgement: {} },
        })
      ).statusCode,
    ).toBe(403);
    const tooHigh = await supervisor.request({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/score/supervisor`,
      payload: { judgement: { guiding: 7 } },
    });
    expect(tooHigh.json().message).toBe('Gợi mở, định hướng thảo luận: điểm phải từ 0 đến 4.');
    // Confirming with judgement missing is refused with the missing items named.
    const early = await supervisor.post(`/api/meetings/${meetingId}/score/supervisor/confirm`);
    expect(early.json().message).toMatch(/^Chưa chấm: Nội dung sinh hoạt thường kỳ/);

    await supervisor.request({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/score/supervisor`,
      payload: { judgement: { ...JUDGEMENT, guiding: 2 } },
    });
    const sup = (await supervisor.post(`/api/meetings/${meetingId}/score/supervisor/confirm`)).json();
    await secretary.request({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/score/cell`,
      payload: { judgement: JUDGEMENT },
    });
    const both = (await secretary.post(`/api/meetings/${meetingId}/score/cell/confirm`)).json();
    expect(both.columns.cell.confirmed).toBe(true);
    expect(both.columns.supervisor.confirmed).toBe(true);
    expect(both.columns.cell.score.total).toBeGreaterThan(both.columns.supervisor.score.total);
    expect(both.final).toMatchObject({ source: 'supervisor', total: sup.columns.supervisor.score.total });
    // A confirmed score is locked: no route changes it, and the database refuses too.
    expect(
      (
        await secretary.request({
          method: 'PUT',
          url: `/api/meetings/${meetingId}/score/cell`,
          payload: { judgement: {} },
        })
      ).statusCode,
    ).toBe(409);
    await expect(
      t.db.query('UPDATE meeting_scores SET total = 100 WHERE meeting_id = $1', [meetingId]),
    ).rejects.toThrow(/locked/);
    // A revision is a new row with a reason; the confirmed one stays.
    const rev = await secretary.post(`/api/meetings/${meetingId}/score/cell/revisions`, {
      note: 'Chấm lại theo góp ý của cấp trên',
    });
    expect(rev.json().revision).toBe(2);
    const after = (await secretary.get(`/api/meetings/${meetingId}/score`)).json();
    expect(after.columns.cell).toMatchObject({
      revision: 2,
      confirmed: false,
      revisionNote: 'Chấm lại theo góp ý của cấp trên',
    });
    const [{ n }] = (await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM meeting_scores WHERE meeting_id = $1',
      [meetingId],
    )) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('does not score chi ủy meetings', async () => {
    const [row] = await t.db.query<{ id: number }>(
      `INSERT INTO meetings (unit_id, kind, status, title, scheduled_at, min_duration_minutes, rule_pack, rule_pack_version, started_at, ended_at)
       VALUES ($1, 'committee', 'held', 'Họp chi ủy', now() - interval '2 days', 60, 'hd42-2025', '2025.10.28', now() - interval '2 days', now() - interval '47 hours')
       RETURNING id`,
      [cell.id],
    );
    const res = await secretary.request({
      method: 'PUT',
      url: `/api/meetings/${row!.id}/score/cell`,
      payload: { judgement: {} },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Họp chi ủy không chấm điểm chất lượng sinh hoạt chi bộ.');
  });

  it('keeps a month × cell summary row in step with the records', async () => {
    const rows = (await staff.get(`/api/org-units/${cell.id}/month-status?from=2026-11&to=2026-11`)).json();
    expect(rows.items).toHaveLength(1);
    expect(rows.items[0]).toMatchObject({
      regularHeld: true,
      regularOnTime: true,
      attendancePercent: 90,
      documentsOnTime: false,
      minutesOnTime: false,
    });
    expect(rows.items[0].supervisorScore).not.toBeNull();
    expect(rows.items[0].rating).toBeTruthy();
    expect(['tot', 'kha', 'trung_binh', 'kem']).toContain(rows.items[0].ratingKey);
    expect(rows.cells).toEqual([{ unitId: cell.id, unitName: 'Chi bộ Khu phố 3' }]);
  });

  it('raises an alert for minutes not adopted after two days, once, even when two runs overlap, and resolves it', async () => {
    await t.db.query(
      "UPDATE meetings SET ended_at = now() - interval '3 days', started_at = now() - interval '3 days 2 hours' WHERE id = $1",
      [meetingId],
    );
    const [a, b] = await Promise.all([runAlerts(t.db), runAlerts(t.db)]);
    expect(a.opened + b.opened).toBeGreaterThanOrEqual(1);
    const list = (await staff.get(`/api/org-units/${cell.id}/alerts`)).json();
    const late = list.items.filter((x: { kind: string }) => x.kind === 'minutes_late');
    expect(late).toHaveLength(1);
    expect(late[0].title).toMatch(/biên bản chưa được thông qua sau 2 ngày/);
    expect(late[0].link).toBe(`/sinh-hoat/${meetingId}`);
    // The people who can act are told in the app.
    expect(
      (await secretary.get('/api/me/notifications'))
        .json()
        .items.some((n: { title: string }) => /biên bản chưa được thông qua/.test(n.title)),
    ).toBe(true);
    const again = await runAlerts(t.db);
    expect(again.opened).toBe(0);
    // The alert goes when the minutes are adopted.
    await t.db.query('UPDATE meetings SET chair_member_id = $2, secretary_member_id = $3 WHERE id = $1', [
      meetingId,
      people[0],
      people[1],
    ]);
    expect((await secretary.post(`/api/meetings/${meetingId}/record/sign`)).json()).toMatchObject({
      asChair: true,
    });
    // Three days on, the minutes can no longer be "read back at the meeting": they are adopted at
    // the cell's next meeting, which the record says.
    const late2 = (await secretary.post(`/api/meetings/${meetingId}/record/adopt`)).json();
    expect(late2).toMatchObject({ code: 'RECORD_ADOPTION_LATE', details: { nextMeetingId: null } });
    expect(late2.message).toMatch(/thông qua biên bản này tại buổi sinh hoạt kế tiếp/);
    const next = (
      await secretary.post(`/api/org-units/${cell.id}/meetings`, {
        kind: 'regular',
        scheduledAt: fromNow(10),
      })
    ).json();
    await secretary.post(`/api/meetings/${next.id}/start`);
    const pending = (await secretary.get(`/api/meetings/${next.id}`)).json().pendingAdoptions;
    expect(pending.map((p: { meetingId: number }) => p.meetingId)).toContain(meetingId);
    expect(
      (await secretary.post(`/api/meetings/${meetingId}/record/adopt`, { atMeetingId: next.id })).statusCode,
    ).toBe(200);
    const docx = await secretary.get(`/api/meetings/${meetingId}/minutes.docx`);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain(
      `Biên bản được đọc lại và thông qua tại hội nghị chi bộ (${next.title})`,
    );
    const after = await runAlerts(t.db);
    expect(after.resolved).toBeGreaterThanOrEqual(1);
    expect((await staff.get(`/api/org-units/${cell.id}/alerts?kind=minutes_late`)).json().items).toHaveLength(
      0,
    );
  });

  it('assigns a supervisor to a cell for a period: outside the period they neither see nor score it', async () => {
    // A ward committee member, member of another cell of the ward.
    const [wardRow] = await t.db.query<{ parent_id: number }>(
      'SELECT parent_id FROM org_units WHERE id = $1',
      [cell.id],
    );
    const agency = await unit(t.db, {
      parentId: wardRow!.parent_id,
      name: 'Chi bộ Cơ quan',
      cellType: 'co_quan',
    });
    const id = await user(t.db, 'giamsat.cu', [{ role: 'member', unitId: agency.id }]);
    const grant = await staff.post(`/api/users/${id}/grants`, {
      role: 'supervisor',
      orgUnitId: cell.id,
      validFrom: '2021-01-01',
      validTo: '2025-12-31',
    });
    expect(grant.statusCode).toBe(201);
    const old = await t.login('giamsat.cu');
    expect((await old.get(`/api/meetings/${meetingId}/score`)).statusCode).toBe(404);
    const summary = (await staff.get(`/api/org-units/${cell.id}/supervision`)).json();
    expect(summary.items[0].supervisors.map((s: { name: string }) => s.name)).toEqual(['giamsat']);
    const bad = await staff.post(`/api/users/${id}/grants`, {
      role: 'supervisor',
      orgUnitId: cell.id,
      validFrom: '2026-12-31',
      validTo: '2026-01-01',
    });
    expect(bad.json().message).toBe('Ngày kết thúc phân công phải sau ngày bắt đầu.');
  });

  it('lets only administrators and committee staff load packs and run the jobs', async () => {
    expect((await secretary.post('/api/rule-packs', { pack: {} })).statusCode).toBe(403);
    expect((await secretary.post('/api/jobs/oversight')).statusCode).toBe(403);
    const run = await staff.post('/api/jobs/oversight');
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ statusRows: expect.any(Number), open: expect.any(Number) });
  });

  it('records supervision visits against the minimum, and recommendations answered and closed', async () => {
    expect(
      (await secretary.post(`/api/org-units/${cell.id}/visits`, { visitedOn: '2026-11-10' })).statusCode,
    ).toBe(403);
    const visit = await supervisor.post(`/api/org-units/${cell.id}/visits`, {
      visitedOn: '2026-11-10',
      meetingId,
      comments: 'Chi bộ chuẩn bị chu đáo.',
    });
    expect(visit.statusCode).toBe(201);
    const rec = await secretary.post(`/api/org-units/${cell.id}/recommendations`, {
      content: 'Đề nghị hỗ trợ kinh phí sửa nhà văn hóa.',
    });
    expect(rec.statusCode).toBe(201);
    const summary = (await staff.get(`/api/org-units/${cell.id}/supervision?year=2026`)).json();
    expect(summary.minVisitsPerYear).toBe(6);
    expect(summary.items[0]).toMatchObject({
      unitName: 'Chi bộ Khu phố 3',
      visits: 1,
      belowMinimum: true,
      openRecommendations: 1,
    });
    expect(summary.items[0].supervisors.map((s: { name: string }) => s.name)).toEqual(['giamsat']);
    expect(
      (
        await staff.post(`/api/recommendations/${rec.json().id}/answer`, {
          answer: 'Đảng ủy đã đề nghị UBND phường bố trí kinh phí.',
        })
      ).statusCode,
    ).toBe(200);
    expect((await staff.get(`/api/org-units/${cell.id}/recommendations`)).json().items).toHaveLength(0);
  });

  it('loads a rule pack from JSON with clear Vietnamese errors; a new version never changes a past meeting’s score', async () => {
    const admin = await (async () => {
      await user(t.db, 'quantri', [{ role: 'admin', unitId: cell.id }]);
      return t.login('quantri');
    })();
    const broken = JSON.parse(JSON.stringify(HD42_2025));
    broken.id = 'tinh-thu-2026';
    broken.scoring.rubric.criteria[0].max = 6;
    delete broken.name;
    const bad = await admin.post('/api/rule-packs', { pack: broken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^Bộ quy định không hợp lệ: name:/);
    const sumWrong = JSON.parse(JSON.stringify(HD42_2025));
    Object.assign(sumWrong, { id: 'tinh-thu-2026', version: '2026.1', effectiveFrom: '2099-01-01' });
    sumWrong.scoring.rubric.criteria[0].max = 6;
    const bad2 = await admin.post('/api/rule-packs', { pack: sumWrong });
    expect(bad2.json().message).toMatch(
      /Tiêu chí "Thời gian, thời lượng sinh hoạt": tổng điểm các mục 5 khác điểm tối đa 6/,
    );
    expect(bad2.json().message).toMatch(/Tổng điểm các tiêu chí là 101, phải là 100/);
    const past = JSON.parse(JSON.stringify(HD42_2025));
    Object.assign(past, { version: '2020.1', effectiveFrom: '2020-01-01' });
    expect((await admin.post('/api/rule-packs', { pack: past })).json().message).toMatch(/đã qua/);

    const before = (await secretary.get(`/api/meetings/${meetingId}/score`)).json();
    // A stricter version of the default pack from 2099: the past meeting keeps its confirmed score and pack.
    const strict = JSON.parse(JSON.stringify(HD42_2025));
    Object.assign(strict, { version: '2099.1', effectiveFrom: '2099-01-01' });
    strict.scoring.rubric.bands[0].min = 99;
    expect((await admin.post('/api/rule-packs', { pack: strict })).statusCode).toBe(201);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: `/api/org-units/${cell.id}/rule-pack`,
          payload: { packId: 'gop-dieu-hanh-2025' },
        })
      ).json().inForce.id,
    ).toBe('gop-dieu-hanh-2025');
    const after = (await secretary.get(`/api/meetings/${meetingId}/score`)).json();
    expect(after.columns.supervisor).toEqual(before.columns.supervisor);
    expect(after.rulePack).toEqual(before.rulePack);
    const packs = (await admin.get('/api/rule-packs')).json();
    expect(packs.items.map((p: { id: string; version: string }) => `${p.id}@${p.version}`)).toEqual(
      expect.arrayContaining(['hd42-2025@2025.10.28', 'gop-dieu-hanh-2025@2025.10.28', 'hd42-2025@2099.1']),
    );
  });
});
