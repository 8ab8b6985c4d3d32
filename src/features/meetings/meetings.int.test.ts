import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { verifyChain } from './record.js';
import { isoLocal } from './time.js';

/** An instant `minutes` from now, as the API writes it: meetings start only near their time. */
const soon = (minutes: number) => isoLocal(new Date(Date.now() + minutes * 60_000))!;

const nextMonth = () => {
  const d = new Date(Date.now() + 7 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
};

describe('meeting cycle: plan, prepare, run, record, follow up', () => {
  let t: TestApp;
  let secretary: Client;
  let plain: Client;
  let plain2: Client;
  let outsider: Client;
  let cell: { id: number; path: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường An Hội' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    const other = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 8', cellType: 'khu_dan_cu' });
    ids.chair = await member(t.db, { unitId: cell.id, fullName: 'Trần Văn Chủ' });
    ids.secretaryMember = await member(t.db, { unitId: cell.id, fullName: 'Lê Thị Thư' });
    ids.a = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn An' });
    ids.b = await member(t.db, { unitId: cell.id, fullName: 'Phạm Thị Bình' });
    ids.c = await member(t.db, { unitId: cell.id, fullName: 'Đỗ Văn Cường' });
    ids.prob = await member(t.db, {
      unitId: cell.id,
      fullName: 'Võ Thị Dự Bị',
      admissionDate: '2026-06-01',
      officialDate: null,
    });
    ids.exempt = await member(t.db, { unitId: cell.id, fullName: 'Hồ Văn Miễn' });
    await t.db.query(
      "INSERT INTO member_status_periods (member_id, kind, valid_from, reason) VALUES ($1, 'exempted', '2024-01-01', 'Tuổi cao')",
      [ids.exempt],
    );
    ids.guestMember = await member(t.db, { unitId: other.id, fullName: 'Bùi Văn Tạm' });
    await t.db.query(
      "INSERT INTO member_status_periods (member_id, kind, unit_id, valid_from, valid_to) VALUES ($1, 'temporary_out', $2, '2026-01-01', '2030-01-01')",
      [ids.guestMember, cell.id],
    );
    await user(t.db, 'bithu', [{ role: 'cell_secretary', unitId: cell.id }], ids.chair);
    await user(t.db, 'dv.an', [{ role: 'member', unitId: cell.id }], ids.a);
    await user(t.db, 'dv.binh', [{ role: 'member', unitId: cell.id }], ids.b);
    await user(t.db, 'giamsat', [{ role: 'supervisor', unitId: cell.id }]);
    await user(t.db, 'ngoai', [{ role: 'cell_secretary', unitId: other.id }]);
    secretary = await t.login('bithu');
    plain = await t.login('dv.an');
    plain2 = await t.login('dv.binh');
    outsider = await t.login('ngoai');
  });
  afterAll(() => t.close());

  it('plans the coming months from the cell rule, idempotently, with a combined meeting where the thematic plan says so', async () => {
    const month = nextMonth();
    const year = Number(month.slice(0, 4));
    const q = Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1;
    const plan = await secretary.request({
      method: 'PUT',
      url: `/api/org-units/${cell.id}/thematic-plans/${year}`,
      payload: {
        items: [
          {
            quarter: q,
            topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
            month: Number(month.slice(5, 7)),
          },
        ],
      },
    });
    expect(plan.statusCode).toBe(200);
    const res = await secretary.request({
      method: 'PUT',
      url: `/api/org-units/${cell.id}/meeting-series`,
      payload: { dayOfMonth: 10, startTime: '19:30', place: 'Nhà văn hóa khu phố 9' },
    });
    expect(res.json().created).toBeGreaterThanOrEqual(3);
    const again = await secretary.post(`/api/org-units/${cell.id}/meetings/generate`, {});
    expect(again.json().created).toBe(0);
    const list = (
      await secretary.get(`/api/org-units/${cell.id}/meetings?from=${month}-01&to=${month}-28`)
    ).json();
    expect(list.items).toHaveLength(1);
    const m = list.items[0];
    expect(m).toMatchObject({
      orgUnitId: cell.id,
      kind: 'combined',
      status: 'planned',
      scheduledAt: `${month}-10T19:30:00+07:00`,
      minDurationMinutes: 120,
    });
    ids.planned = m.id;
  });

  it('changing the rule does not plan a second meeting in months already planned; a later thematic plan turns the month combined', async () => {
    const month = nextMonth();
    await secretary.request({
      method: 'PUT',
      url: `/api/org-units/${cell.id}/meeting-series`,
      payload: { dayOfMonth: 15, startTime: '19:00', place: 'Hội trường' },
    });
    const list = (
      await secretary.get(`/api/org-units/${cell.id}/meetings?from=${month}-01&to=${month}-28`)
    ).json();
    expect(list.items.filter((m: { kind: string }) => m.kind !== 'committee')).toHaveLength(1);
    // The month after: planned as regular, then the thematic plan names that month.
    const after = (
      await secretary.get(`/api/org-units/${cell.id}/meetings?from=${month}-01&to=2099-01-01`)
    ).json();
    const regular = after.items.find(
      (m: { kind: string; scheduledAt: string }) => m.kind === 'regular' && !m.scheduledAt.startsWith(month),
    );
    const y = Number(regular.scheduledAt.slice(0, 4));
    const mo = Number(regular.scheduledAt.slice(5, 7));
    await secretary.request({
      method: 'PUT',
      url: `/api/org-units/${cell.id}/thematic-plans/${y}`,
      payload: {
        items: [
          { quarter: Math.floor((mo - 1) / 3) + 1, topic: 'Chuyển đổi số trong sinh hoạt chi bộ', month: mo },
        ],
      },
    });
    const changed = (await secretary.get(`/api/meetings/${regular.id}`)).json();
    expect(changed).toMatchObject({
      kind: 'combined',
      thematicTopic: 'Chuyển đổi số trong sinh hoạt chi bộ',
      minDurationMinutes: 120,
    });
  });

  it('moves a planned meeting only with a reason, and tells the members', async () => {
    const month = nextMonth();
    const noReason = await secretary.patch(`/api/meetings/${ids.planned}`, {
      scheduledAt: `${month}-12T19:30:00+07:00`,
    });
    expect(noReason.statusCode).toBe(400);
    const moved = await secretary.patch(`/api/meetings/${ids.planned}`, {
      scheduledAt: `${month}-12T19:30:00+07:00`,
      reason: 'Trùng lịch họp dân',
    });
    expect(moved.json()).toMatchObject({
      scheduledAt: `${month}-12T19:30:00+07:00`,
      originalScheduledAt: `${month}-10T19:30:00+07:00`,
      moveReason: 'Trùng lịch họp dân',
    });
    const notes = (await plain.get('/api/me/notifications')).json();
    expect(notes.items[0].title).toMatch(/^Đổi lịch/);
  });

  it('prepares: assigns, content, draft, documents checked by content, invitations to members and the supervisor', async () => {
    const prep = (
      await secretary.patch(`/api/meetings/${ids.planned}`, {
        preparerMemberId: ids.secretaryMember,
        content: 'Đánh giá kết quả tháng; triển khai nhiệm vụ tháng tới.',
        draftResolution: 'Dự thảo nghị quyết tháng.',
      })
    ).json();
    const done = prep.preparation.steps
      .filter((s: { done: boolean }) => s.done)
      .map((s: { key: string }) => s.key);
    expect(done).toEqual(['assign_preparer', 'content', 'draft_resolution']);

    const boundary = '----x';
    const upload = (name: string, bytes: Buffer) =>
      secretary.request({
        method: 'POST',
        url: `/api/meetings/${ids.planned}/documents`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    // A text file renamed .pdf is refused: the type comes from the content.
    const fake = await upload('tai-lieu.pdf', Buffer.from('khong phai pdf'));
    expect(fake.statusCode).toBe(415);
    const ok = await upload('../../etc/Tài liệu tháng.pdf', Buffer.from('%PDF-1.4\n% test\n'));
    expect(ok.statusCode).toBe(201);
    const detail = (await secretary.get(`/api/meetings/${ids.planned}`)).json();
    expect(detail.documents[0]).toMatchObject({
      fileName: 'Tài liệu tháng.pdf',
      mimeType: 'application/pdf',
    });
    expect(detail.preparation.documentsOnTime).toBe(true);
    const file = await plain.get(`/api/meetings/${ids.planned}/documents/${detail.documents[0].id}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="Tai-lieu-thang.pdf"');

    const inv = (await secretary.post(`/api/meetings/${ids.planned}/invitations`)).json();
    expect(inv.members).toBeGreaterThanOrEqual(2);
    expect(inv.supervisors).toBe(1);
    const steps = inv.meeting.preparation.steps
      .filter((s: { done: boolean }) => s.done)
      .map((s: { key: string }) => s.key);
    expect(steps).toEqual(
      expect.arrayContaining(['documents_posted', 'invitation_sent', 'supervisor_notified']),
    );
    const sup = await t.login('giamsat');
    expect(
      (await sup.get('/api/me/notifications'))
        .json()
        .items.some((n: { title: string }) => /^Giấy mời/.test(n.title)),
    ).toBe(true);
  });

  it('runs a meeting: roster, self check-in only while open, attendance, guests, speeches, a vote on the statutory base, tasks', async () => {
    const created = (
      await secretary.post(`/api/org-units/${cell.id}/meetings`, {
        kind: 'regular',
        scheduledAt: soon(30),
        place: 'Nhà văn hóa',
      })
    ).json();
    ids.held = created.id;
    expect(created.attendance.members.map((m: { fullName: string }) => m.fullName)).toContain('Bùi Văn Tạm');
    // Not open yet: self check-in refused.
    const early = await plain.post(`/api/meetings/${ids.held}/check-in`, { code: '000000' });
    expect(early.json().code).toBe('CHECKIN_CLOSED');

    const started = (await secretary.post(`/api/meetings/${ids.held}/start`)).json();
    expect(started.status).toBe('in_progress');
    expect(started.agenda.length).toBeGreaterThan(10);
    // The template of a residential cell widens participation before the next month's tasks (seed 003).
    const keys = started.agenda.map((a: { stepKey: string }) => a.stepKey);
    expect(keys.indexOf('local_reports')).toBeGreaterThan(keys.indexOf('discussion'));
    expect(keys.indexOf('local_reports')).toBe(keys.indexOf('next_tasks') - 1);
    expect(keys[0]).toBe('purpose_guests');
    expect(keys.at(-1)).toBe('minutes');
    const code = started.checkinCode as string;
    expect(code).toMatch(/^\d{6}$/);
    // Members never see the code in the meeting detail.
    expect((await plain.get(`/api/meetings/${ids.held}`)).json().checkinCode).toBeNull();
    expect(
      (
        await plain.post(`/api/meetings/${ids.held}/check-in`, {
          code: '999999' === code ? '111111' : '999999',
        })
      ).json().code,
    ).toBe('CHECKIN_CODE_INVALID');
    expect((await plain.post(`/api/meetings/${ids.held}/check-in`, { code })).json()).toEqual({
      status: 'present',
      already: false,
    });
    expect((await plain2.post(`/api/meetings/${ids.held}/check-in`, { code })).json().status).toBe('present');
    expect((await outsider.post(`/api/meetings/${ids.held}/check-in`, { code })).statusCode).toBe(404);

    const mark = (memberId: number, status: string, reason?: string) =>
      secretary.request({
        method: 'PUT',
        url: `/api/meetings/${ids.held}/attendance/${memberId}`,
        payload: { status, reason },
      });
    expect((await mark(ids.c!, 'absent_excused')).statusCode).toBe(400); // reason required
    await mark(ids.chair!, 'present');
    await mark(ids.secretaryMember!, 'late');
    await mark(ids.c!, 'absent_excused', 'Đi công tác');
    await mark(ids.prob!, 'absent_unexcused');
    await mark(ids.exempt!, 'present');
    const detail = (await mark(ids.guestMember!, 'present')).json();
    // Summoned: 5 own official members + 1 probationary = 6; present: chair, thư ký, An, Bình = 4.
    // The exempted member who came attends outside the base; being official, he votes.
    expect(detail.attendance.summary).toMatchObject({
      members: 7,
      base: 6,
      present: 4,
      exempted: 1,
      absentExcused: 1,
      absentUnexcused: 1,
      exemptedPresent: 1,
      temporaryPresent: 1,
      votingBase: 6,
      votersPresent: 5,
    });

    await secretary.patch(`/api/meetings/${ids.held}`, {
      chairMemberId: ids.chair,
      secretaryMemberId: ids.secretaryMember,
    });
    const guest = (
      await secretary.post(`/api/meetings/${ids.held}/guests`, {
        name: 'Đồng chí Lương Văn Giám',
        title: 'Đảng ủy viên',
        organisation: 'Đảng ủy phường',
        isSupervisor: true,
      })
    ).json();
    const item = detail.agenda.find((a: { stepKey: string }) => a.stepKey === 'discussion');
    expect(
      (
        await secretary.post(`/api/meetings/${ids.held}/speeches`, {
          agendaItemId: item.id,
          memberId: ids.a,
          summary: 'Đề nghị tăng cường vệ sinh môi trường.',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await secretary.post(`/api/meetings/${ids.held}/speeches`, {
          guestId: guest.id,
          summary: 'Ghi nhận chi bộ chuẩn bị tốt.',
        })
      ).statusCode,
    ).toBe(201);
    await secretary.patch(`/api/meetings/${ids.held}/agenda/${item.id}`, {
      done: true,
      conclusion: 'Giao tổ dân phố thực hiện.',
    });

    // 3 for of a base of 6 is exactly half: it fails (Điều lệ Điều 9 asks for more than half).
    const half = (
      await secretary.post(`/api/meetings/${ids.held}/votes`, {
        subject: 'Thử',
        for: 3,
        against: 2,
        abstain: 0,
      })
    ).json();
    expect(half).toMatchObject({ base: 6, passed: false });
    const tooMany = await secretary.post(`/api/meetings/${ids.held}/votes`, {
      subject: 'Thử',
      for: 6,
      against: 0,
      abstain: 0,
    });
    expect(tooMany.json().message).toMatch(/vượt quá số đảng viên chính thức có mặt \(5\)/);
    const vote = (
      await secretary.post(`/api/meetings/${ids.held}/votes`, {
        subject: 'Thông qua nghị quyết tháng 11',
        isResolution: true,
        for: 5,
        against: 0,
        abstain: 0,
      })
    ).json();
    expect(vote).toMatchObject({ base: 6, passed: true });

    const task = await secretary.post(`/api/meetings/${ids.held}/tasks`, {
      title: 'Tổng vệ sinh khu phố',
      ownerIds: [ids.a, ids.b],
      deadline: '2026-12-05',
    });
    expect(task.statusCode).toBe(201);
    const bad = await secretary.post(`/api/meetings/${ids.held}/tasks`, {
      title: 'Việc của người ngoài',
      ownerIds: [ids.guestMember],
    });
    expect(bad.statusCode).toBe(201); // a member attending temporarily may be given a task here
    const mine = (await plain.get('/api/me/tasks')).json();
    expect(mine.items.map((x: { title: string }) => x.title)).toContain('Tổng vệ sinh khu phố');
  });

  it('ends the meeting only when everyone counted is marked, and times it', async () => {
    const end = (await secretary.post(`/api/meetings/${ids.held}/end`)).json();
    expect(end.status).toBe('held');
    expect(end.durationMinutes).toBe(0);
    expect(end.warnings.some((w: string) => /ít hơn mức tối thiểu 90 phút/.test(w))).toBe(true);
    // Self check-in is closed once the meeting ends.
    expect((await plain2.post(`/api/meetings/${ids.held}/check-in`, { code: '123456' })).json().code).toBe(
      'CHECKIN_CLOSED',
    );
  });

  it('drafts, signs, adopts and locks the minutes; a locked version cannot change through any route', async () => {
    const put = (body: object) =>
      secretary.request({ method: 'PUT', url: `/api/meetings/${ids.held}/record`, payload: body });
    expect((await put({ conclusion: 'Chi bộ thống nhất các nhiệm vụ tháng 12.' })).statusCode).toBe(200);
    // Adoption needs the signatures: the chair (bí thư) and the secretary, who has no account here.
    expect((await secretary.post(`/api/meetings/${ids.held}/record/adopt`)).json().code).toBe(
      'RECORD_NOT_SIGNED',
    );
    expect((await plain.post(`/api/meetings/${ids.held}/record/sign`)).statusCode).toBe(403);
    expect((await secretary.post(`/api/meetings/${ids.held}/record/sign`)).json()).toEqual({
      asChair: true,
      asSecretary: false,
    });
    const adopted = (await secretary.post(`/api/meetings/${ids.held}/record/adopt`)).json();
    expect(adopted.version).toBe(1);
    expect(adopted.contentHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await put({ conclusion: 'Sửa lén' })).json().code).toBe('RECORD_LOCKED');
    expect((await secretary.post(`/api/meetings/${ids.held}/record/sign`)).json().code).toBe('RECORD_LOCKED');
    expect((await secretary.post(`/api/meetings/${ids.held}/record/adopt`)).json().code).toBe(
      'RECORD_LOCKED',
    );
    // Even the database refuses: the trigger blocks any update of an adopted row.
    await expect(
      t.db.query("UPDATE meeting_record_versions SET content = '{}' WHERE meeting_id = $1", [ids.held]),
    ).rejects.toThrow(/locked/);
    await expect(
      t.db.query('DELETE FROM meeting_record_versions WHERE meeting_id = $1', [ids.held]),
    ).rejects.toThrow(/locked/);

    const correction = await secretary.post(`/api/meetings/${ids.held}/record/corrections`, {
      note: 'Bổ sung tên khách mời',
    });
    expect(correction.json().version).toBe(2);
    await put({ conclusion: 'Chi bộ thống nhất các nhiệm vụ tháng 12 (đính chính).' });
    await secretary.post(`/api/meetings/${ids.held}/record/sign`);
    const v2 = (await secretary.post(`/api/meetings/${ids.held}/record/adopt`)).json();
    expect(v2.prevHash).toBe(adopted.contentHash);
    expect(await verifyChain(t.db, cell.id)).toEqual({ ok: true, checked: 2 });
    const record = (await plain.get(`/api/meetings/${ids.held}/record`)).json();
    expect(record.items.map((v: { status: string }) => v.status)).toEqual(['adopted', 'adopted']);
    expect(
      (await plain.get('/api/me/notifications'))
        .json()
        .items.some((n: { title: string }) => /^Biên bản đã thông qua/.test(n.title)),
    ).toBe(true);
  });

  it('downloads the adopted minutes as DOCX with the party header, the counts and each absentee with the reason', async () => {
    const res = await plain.get(`/api/meetings/${ids.held}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /filename="Bien-ban-Chi-bo-Khu-pho-9-\d{4}-\d{2}-\d{2}\.docx"/,
    );
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const textOnly = xml.replace(/<[^>]+>/g, '');
    expect(textOnly).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(textOnly).toContain('CHI BỘ KHU PHỐ 9');
    expect(textOnly).toContain('Đỗ Văn Cường');
    expect(textOnly).toContain('Đi công tác');
    expect(textOnly).toContain('Võ Thị Dự Bị');
    // 4 of the 6 summoned present; the absent are the 2 summoned absentees, not the exempted member.
    expect(textOnly).toContain(
      'Có mặt 4/6 đồng chí, đạt tỷ lệ 66,67%; vắng mặt 2 đồng chí (1 có lý do, 1 không có lý do)',
    );
    const pdf = await plain.get(`/api/meetings/${ids.held}/resolution.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reviews last month’s items at the next meeting', async () => {
    const created = (
      await secretary.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: soon(90) })
    ).json();
    const next = (await secretary.post(`/api/meetings/${created.id}/start`)).json();
    expect(next.status).toBe('in_progress');
    const task = next.previousTasks.find((x: { title: string }) => x.title === 'Tổng vệ sinh khu phố');
    expect(task.owners.map((o: { fullName: string }) => o.fullName)).toEqual([
      'Nguyễn Văn An',
      'Phạm Thị Bình',
    ]);
    const res = await secretary.patch(`/api/tasks/${task.id}`, {
      result: 'achieved',
      note: 'Hoàn thành ngày 03/12',
      meetingId: next.id,
    });
    expect(res.statusCode).toBe(200);
    const after = (await secretary.get(`/api/meetings/${next.id}`)).json();
    expect(after.previousTasks.find((x: { id: number }) => x.id === task.id)).toMatchObject({
      result: 'achieved',
      resultLabel: 'Đạt',
    });
    // The meeting that set it is held and locked: nothing is reviewed there any more.
    expect(
      (await secretary.patch(`/api/tasks/${task.id}`, { result: 'partial', meetingId: ids.held })).json()
        .code,
    ).toBe('MEETING_ALREADY_HELD');
  });

  it('shows chi ủy meetings only to those who sit on the chi ủy', async () => {
    const committee = (
      await secretary.post(`/api/org-units/${cell.id}/meetings`, {
        kind: 'committee',
        scheduledAt: '2027-02-03T19:30:00+07:00',
      })
    ).json();
    const mine = (await plain.get('/api/me/meetings')).json();
    expect(mine.upcoming.map((m: { id: number }) => m.id)).not.toContain(committee.id);
    await t.db.query(
      "INSERT INTO role_grants (user_id, role, org_unit_id) SELECT id, 'cell_committee', $1 FROM users WHERE username = 'dv.an'",
      [cell.id],
    );
    const again = (await plain.get('/api/me/meetings')).json();
    expect(again.upcoming.map((m: { id: number }) => m.id)).toContain(committee.id);
  });

  it('offers an iCalendar feed behind a secret, revocable token', async () => {
    const { url } = (await plain.post('/api/me/calendar-token')).json();
    const feed = await t.anonymous.get(url);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('UID:meeting-');
    expect(feed.body).toMatch(/LOCATION:Nhà văn hóa/);
    await plain.del('/api/me/calendar-token');
    expect((await t.anonymous.get(url)).statusCode).toBe(404);
  });

  it('keeps another cell’s secretary out of every meeting route (404)', async () => {
    for (const [method, url] of [
      ['GET', `/api/meetings/${ids.held}`],
      ['GET', `/api/meetings/${ids.held}/minutes.docx`],
      ['POST', `/api/meetings/${ids.planned}/start`],
      ['GET', `/api/org-units/${cell.id}/meetings`],
    ] as const) {
      expect((await outsider.request({ method, url })).statusCode, url).toBe(404);
    }
  });
});
