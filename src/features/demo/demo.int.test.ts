/**
 * The demo organisation's year of meetings: every cell has 12 held meetings before `today`
 * and the next months planned, each held meeting complete (attendance, speeches, a passed
 * resolution vote on the statutory base, tasks, an adopted and chained record equal to what
 * the meetings feature builds), all within the cell's own roster, and the same every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createTestDb } from '../../../test/support/db.js';
import type { Executor } from '../../db/executor.js';
import { type AttendanceStatus, attended, summarizeAttendance } from '../../domain/attendance.js';
import { buildMeetingRecord, verifyChain } from '../meetings/record.js';
import { loadRoster } from '../meetings/running.js';
import { findMeeting, type MeetingRow } from '../meetings/service.js';
import { localDateTime, quarterOf } from '../meetings/time.js';
import { detectAlerts } from '../oversight/alerts.js';
import { addMonths } from './generate.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';

const TODAY = '2026-11-21';
const todayStart = localDateTime(TODAY, '00:00');
const yearAgo = localDateTime(addMonths(TODAY, -12), '00:00');

interface M {
  id: number;
  unit_id: number;
  kind: string;
  status: string;
  scheduled_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  min_duration_minutes: number;
  chair_member_id: number | null;
  secretary_member_id: number | null;
  prep_meeting_id: number | null;
}

interface A {
  meeting_id: number;
  member_id: number;
  category: 'member' | 'exempted' | 'temporary_in';
  is_official: boolean;
  away: boolean;
  status: AttendanceStatus | null;
}

const localMonthOf = (d: Date) => new Date(new Date(d).getTime() + 7 * 3600_000).toISOString().slice(0, 7);

/** Rows that must be identical when the demo is seeded again for the same day. */
async function fingerprint(ex: Executor) {
  return {
    meetings: await ex.query(
      `SELECT id, unit_id, kind, status, title, thematic_topic, scheduled_at, started_at, ended_at, place, checkin_code,
              chair_member_id, secretary_member_id, preparer_member_id, prep_meeting_id, content, draft_resolution
         FROM meetings ORDER BY id`,
    ),
    attendance: await ex.query(
      'SELECT meeting_id, member_id, status, reason, checked_in_at, via FROM attendance ORDER BY meeting_id, member_id',
    ),
    speeches: await ex.query('SELECT meeting_id, member_id, summary, created_at FROM speeches ORDER BY id'),
    tasks: await ex.query('SELECT meeting_id, title, deadline, result, result_note FROM tasks ORDER BY id'),
    dues: await ex.query(
      'SELECT member_id, unit_id, month, category, base_amount, due, paid, paid_on, reason FROM dues_entries ORDER BY member_id, month',
    ),
    owners: await ex.query('SELECT task_id, member_id FROM task_owners ORDER BY task_id, member_id'),
    records: await ex.query(
      'SELECT meeting_id, content_hash, prev_hash, adopted_at FROM meeting_record_versions ORDER BY id',
    ),
    documents: await ex.query(
      'SELECT meeting_id, title, sha256, posted_at FROM meeting_documents ORDER BY id',
    ),
    steps: await ex.query(
      'SELECT meeting_id, step, done_at, note FROM meeting_prep_steps ORDER BY meeting_id, step',
    ),
    // Alerts are opened by the job when it runs (now), so only their content is compared.
    notifications: await ex.query(
      "SELECT user_id, kind, title, CASE WHEN kind LIKE 'alert.%' THEN NULL ELSE created_at END AS created_at FROM notifications ORDER BY id",
    ),
    scores: await ex.query(
      'SELECT meeting_id, scorer, judgement, total, band FROM meeting_scores ORDER BY id',
    ),
  };
}

describe('demo meetings', () => {
  let t: TestApp;
  let cells: { id: number; name: string; path: string }[];
  let meetings: M[];
  let attendance: A[];

  beforeAll(async () => {
    t = await createTestApp();
    // Seeding time is measured by bench/run.ts, never asserted here (timing decides no test).
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    cells = await t.db.query("SELECT id, name, path FROM org_units WHERE kind = 'chi_bo' ORDER BY id");
    meetings = await t.db.query<M>(
      `SELECT id, unit_id, kind, status, scheduled_at, started_at, ended_at, min_duration_minutes, chair_member_id,
              secretary_member_id, prep_meeting_id FROM meetings ORDER BY scheduled_at, id`,
    );
    attendance = await t.db.query<A>(
      'SELECT meeting_id, member_id, category, is_official, away, status FROM attendance',
    );
  });
  afterAll(() => t.close());

  const monthly = () => meetings.filter((m) => m.kind !== 'committee');
  const heldOf = (unitId: number) => monthly().filter((m) => m.unit_id === unitId && m.status === 'held');
  const rowsOf = (meetingId: number) => attendance.filter((a) => a.meeting_id === meetingId);

  it('gives every cell 12 held meetings in the last 12 months and at least 3 planned after today', () => {
    expect(cells).toHaveLength(20);
    for (const c of cells) {
      const held = heldOf(c.id);
      expect(held, c.name).toHaveLength(12);
      for (const m of held) {
        expect(new Date(m.scheduled_at) < todayStart, c.name).toBe(true);
        expect(new Date(m.scheduled_at) >= yearAgo, c.name).toBe(true);
      }
      // One meeting a month.
      expect(new Set(held.map((m) => localMonthOf(m.scheduled_at))).size).toBe(12);
      const planned = monthly().filter(
        (m) => m.unit_id === c.id && m.status === 'planned' && new Date(m.scheduled_at) >= todayStart,
      );
      expect(planned.length, c.name).toBeGreaterThanOrEqual(3);
    }
  });

  it('completes every held meeting: attendance, speeches, a passed resolution vote on the statutory base, tasks, an adopted record', async () => {
    const votes = await t.db.query<{
      meeting_id: number;
      base: number;
      passed: boolean;
      is_resolution: boolean;
    }>('SELECT meeting_id, base, passed, is_resolution FROM votes');
    const counts = async (table: string) =>
      new Map(
        (
          await t.db.query<{ meeting_id: number; n: number }>(
            `SELECT meeting_id, count(*)::int AS n FROM ${table} GROUP BY meeting_id`,
          )
        ).map((r) => [r.meeting_id, r.n]),
      );
    const speeches = await counts('speeches');
    const tasks = await counts('tasks');
    const adopted = new Map(
      (
        await t.db.query<{ meeting_id: number; n: number }>(
          "SELECT meeting_id, count(*)::int AS n FROM meeting_record_versions WHERE status = 'adopted' GROUP BY meeting_id",
        )
      ).map((r) => [r.meeting_id, r.n]),
    );
    let short = 0;
    const rates: number[] = [];
    const unadopted: number[] = [];
    for (const m of monthly().filter((x) => x.status === 'held')) {
      const rows = rowsOf(m.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(speeches.get(m.id) ?? 0).toBeGreaterThanOrEqual(1);
      expect(tasks.get(m.id) ?? 0).toBeGreaterThanOrEqual(1);
      if (adopted.get(m.id) !== 1) unadopted.push(m.id);
      const summary = summarizeAttendance(
        rows.map((r) => ({
          category: r.category,
          isOfficial: r.is_official,
          away: r.away,
          status: r.status,
        })),
      );
      expect(summary.unmarked).toBe(0);
      const resolution = votes.filter((v) => v.meeting_id === m.id && v.is_resolution);
      expect(resolution).toHaveLength(1);
      expect(resolution[0]!.passed).toBe(true);
      expect(resolution[0]!.base).toBe(summary.votingBase);
      rates.push(summary.percent!);
      const length = (new Date(m.ended_at!).getTime() - new Date(m.started_at!).getTime()) / 60_000;
      if (length < m.min_duration_minutes) short++;
    }
    // Mostly long enough and well attended, with a few realistic shortfalls.
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThan(80);
    // Exactly one meeting is left without adopted minutes: Khu phố 2's latest (the demo's open alert).
    const [kp2] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Chi bộ Khu phố 2'",
    );
    expect(unadopted).toEqual([heldOf(kp2!.id).at(-1)!.id]);
    const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
    expect(mean).toBeGreaterThan(85);
    expect(mean).toBeLessThan(97);
  });

  it('chains every cell’s adopted records and stores exactly what buildMeetingRecord gives', async () => {
    for (const c of cells) {
      // Khu phố 2's latest minutes are left unadopted on purpose (the demo's open alert).
      // Every held chi ủy meeting has its adopted minutes on the same chain.
      const [committee] = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM meetings WHERE unit_id = $1 AND kind = 'committee' AND status = 'held'",
        [c.id],
      );
      const adoptedCount = (c.name === 'Chi bộ Khu phố 2' ? 11 : 12) + committee!.n;
      expect(await verifyChain(t.db, c.id), c.name).toEqual({ ok: true, checked: adoptedCount });
    }
    const versions = await t.db.query<{ meeting_id: number; content: { text: object; record: object } }>(
      "SELECT meeting_id, content FROM meeting_record_versions WHERE status = 'adopted'",
    );
    for (const v of versions) {
      const m = (await findMeeting(t.db, v.meeting_id))!;
      const { adoption, ...stored } = v.content.record as { adoption: object };
      expect(adoption).toBeDefined();
      const rebuilt = JSON.parse(JSON.stringify(await buildMeetingRecord(t.db, m, v.content.text)));
      expect(stored).toEqual(rebuilt);
    }
  });

  it('holds a combined meeting in every quarter of the history, in the thematic plan’s month', async () => {
    const plans = await t.db.query<{ unit_id: number; year: number; month: number; topic: string }>(
      'SELECT unit_id, year, month, topic FROM thematic_plans',
    );
    for (const c of cells) {
      expect(plans.filter((p) => p.unit_id === c.id)).toHaveLength(8);
      const byQuarter = new Map<string, string[]>();
      for (const m of heldOf(c.id)) {
        const month = localMonthOf(m.scheduled_at);
        const key = `${month.slice(0, 4)}-Q${quarterOf(month)}`;
        byQuarter.set(key, [...(byQuarter.get(key) ?? []), m.kind]);
        const planned = plans.some(
          (p) => p.unit_id === c.id && `${p.year}-${String(p.month).padStart(2, '0')}` === month,
        );
        expect(m.kind, `${c.name} ${month}`).toBe(planned ? 'combined' : 'regular');
      }
      for (const [q, kinds] of byQuarter) {
        expect(
          kinds.some((k) => k === 'combined' || k === 'thematic'),
          `${c.name} ${q}`,
        ).toBe(true);
      }
    }
  });

  it('keeps every meeting within its cell’s own roster', async () => {
    const speakers = await t.db.query<{ meeting_id: number; member_id: number }>(
      'SELECT meeting_id, member_id FROM speeches WHERE member_id IS NOT NULL',
    );
    const owners = await t.db.query<{ meeting_id: number; member_id: number }>(
      'SELECT t.meeting_id, o.member_id FROM task_owners o JOIN tasks t ON t.id = o.task_id',
    );
    for (const m of meetings.filter((x) => x.status === 'held')) {
      const stored = rowsOf(m.id);
      const roster = await loadRoster(t.db, {
        id: 0,
        unit_id: m.unit_id,
        status: 'planned',
        scheduled_at: m.scheduled_at,
      } as MeetingRow);
      const rosterIds = new Set(roster.map((r) => r.member_id));
      if (m.kind === 'committee') {
        // The chi ủy: a few official members of the cell.
        for (const a of stored) expect(rosterIds.has(a.member_id)).toBe(true);
        expect(stored.length).toBeGreaterThanOrEqual(3);
      } else {
        // The snapshot startMeeting would take.
        expect(stored.map((a) => a.member_id).sort()).toEqual([...rosterIds].sort());
        for (const a of stored) {
          const r = roster.find((x) => x.member_id === a.member_id)!;
          expect([a.category, a.is_official, a.away]).toEqual([r.category, r.is_official, r.away]);
        }
      }
      const present = new Set(stored.filter((a) => attended(a.status)).map((a) => a.member_id));
      expect(present.has(m.chair_member_id!)).toBe(true);
      expect(present.has(m.secretary_member_id!)).toBe(true);
      for (const s of speakers.filter((x) => x.meeting_id === m.id))
        expect(present.has(s.member_id)).toBe(true);
      for (const o of owners.filter((x) => x.meeting_id === m.id))
        expect(rosterIds.has(o.member_id)).toBe(true);
    }
  });

  it('prepares each meeting of a cell with a chi ủy in a committee meeting a few days before', async () => {
    const withCommittee = await t.db.query<{ unit_id: number }>(
      "SELECT DISTINCT unit_id FROM meetings WHERE kind = 'committee'",
    );
    expect(withCommittee.length).toBeGreaterThanOrEqual(15);
    for (const { unit_id } of withCommittee) {
      for (const m of heldOf(unit_id)) {
        const prep = meetings.find((x) => x.id === m.prep_meeting_id);
        expect(prep?.kind).toBe('committee');
        expect(prep?.unit_id).toBe(unit_id);
        expect(prep?.status).toBe('held');
        expect(new Date(prep!.scheduled_at) < new Date(m.scheduled_at)).toBe(true);
      }
    }
  });

  it('the latest adopted minutes of Khu phố 1 hold its tasks and its situation text, and their counts add up (DOCX and PDF)', async () => {
    const bithu = await t.login('bithu1', DEMO_PASSWORD);
    const kp1 = cells.find((c) => c.name === 'Chi bộ Khu phố 1')!;
    const last = heldOf(kp1.id).at(-1)!;
    const detail = (await bithu.get(`/api/meetings/${last.id}`)).json();
    expect(detail.tasks.length).toBeGreaterThan(0);
    const [{ content }] = (await t.db.query<{ content: { text: { situation?: string } } }>(
      "SELECT content FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'",
      [last.id],
    )) as [{ content: { text: { situation?: string } } }];
    const situation = content.text.situation!;
    expect(situation).toBeTruthy();
    const JSZip = (await import('jszip')).default;
    const xml = await (
      await JSZip.loadAsync((await bithu.get(`/api/meetings/${last.id}/minutes.docx`)).rawPayload)
    )
      .file('word/document.xml')!
      .async('string');
    const text = xml
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
    for (const task of detail.tasks as { title: string }[]) expect(text).toContain(task.title);
    expect(text).toContain(situation);
    const [, present, summoned, absent] =
      /Có mặt (\d+)\/(\d+) đồng chí, đạt tỷ lệ [\d,]+%; vắng mặt (\d+) đồng chí/.exec(text)!;
    expect(Number(present) + Number(absent)).toBe(Number(summoned));
    expect(Number(summoned)).toBe(detail.attendance.summary.base);
    const pdf = (await bithu.get(`/api/meetings/${last.id}/minutes.pdf`)).rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows bithu1 chairing Khu phố 1 and its next meeting in preparation', async () => {
    const bithu = await t.login('bithu1', DEMO_PASSWORD);
    const kp1 = cells.find((c) => c.name === 'Chi bộ Khu phố 1')!;
    const [{ member_id }] = (await t.db.query<{ member_id: number }>(
      "SELECT member_id FROM users WHERE username = 'bithu1'",
    )) as [{ member_id: number }];
    for (const m of heldOf(kp1.id)) expect(m.chair_member_id).toBe(member_id);

    const last = heldOf(kp1.id).at(-1)!;
    const detail = (await bithu.get(`/api/meetings/${last.id}`)).json();
    expect(detail.status).toBe('held');
    expect(detail.record[0].status).toBe('adopted');
    expect(detail.previousTasks.length).toBeGreaterThan(0);
    const pdf = await bithu.get(`/api/meetings/${last.id}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await bithu.get(`/api/meetings/${last.id}/documents/${detail.documents[0].id}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');

    const next = monthly().find(
      (m) => m.unit_id === kp1.id && m.status === 'planned' && new Date(m.scheduled_at) >= todayStart,
    )!;
    const upcoming = (await bithu.get(`/api/meetings/${next.id}`)).json();
    expect(upcoming.content).toBeTruthy();
    expect(upcoming.draftResolution).toBeTruthy();
    expect(upcoming.documents.length).toBeGreaterThan(0);
    expect(upcoming.preparation.documentsOnTime).toBe(true);

    for (const username of ['bithu1', 'dangvien1']) {
      const client = username === 'bithu1' ? bithu : await t.login(username, DEMO_PASSWORD);
      const notes = (await client.get('/api/me/notifications')).json();
      expect(
        notes.items.some((n: { kind: string }) => n.kind === 'meeting.invitation'),
        username,
      ).toBe(true);
    }
  });

  it('fills the month × cell summary the dashboards read', async () => {
    const rows = await t.db.query<{
      unit_id: number;
      month: string;
      regular_held: boolean;
      regular_state: string;
      minutes_on_time: boolean;
    }>('SELECT unit_id, month, regular_held, regular_state, minutes_on_time FROM cell_month_status');
    const thisMonth = TODAY.slice(0, 7);
    for (const c of cells) {
      const mine = rows.filter((r) => r.unit_id === c.id && r.month <= thisMonth);
      expect(mine, c.name).toHaveLength(12);
      expect(mine.every((r) => r.regular_held)).toBe(true);
      // The months of the meetings planned ahead are pending, not failed (issue 9, item 3).
      const ahead = rows.filter((r) => r.unit_id === c.id && r.month > thisMonth);
      expect(ahead.length, c.name).toBeGreaterThan(0);
      expect(
        ahead.every((r) => r.regular_state === 'pending' && !r.regular_held),
        c.name,
      ).toBe(true);
      expect(mine.filter((r) => !r.minutes_on_time).length, c.name).toBe(
        c.name === 'Chi bộ Khu phố 2' ? 1 : 0,
      );
    }
  });

  it('shows the ward’s khen thưởng, biểu dương and nhắc nhở and its model meeting (issue 9 must show)', async () => {
    const staff = await t.login('danguy', DEMO_PASSWORD);
    const [ward] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    const decisions = (await staff.get(`/api/org-units/${ward!.id}/commendations`)).json();
    expect(decisions.total).toBe(decisions.items.length);
    expect(new Set(decisions.items.map((d: { kind: string }) => d.kind))).toEqual(
      new Set(['khen_thuong', 'bieu_duong', 'nhac_nho']),
    );
    for (const d of decisions.items) {
      expect(d.number, d.subject.name).toBeTruthy();
      expect(d.reason, d.subject.name).toMatch(/\d/);
    }
    const models = (await staff.get(`/api/org-units/${ward!.id}/model-meetings`)).json();
    expect(models.total).toBe(1);
    expect(models.items[0]).toMatchObject({ markedBy: { unitId: ward!.id } });
    const [m] = await t.db.query<{ status: string; adopted: number }>(
      `SELECT mt.status, (SELECT count(*)::int FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted') AS adopted
         FROM meetings mt WHERE mt.id = $1`,
      [models.items[0].meetingId],
    );
    expect(m).toEqual({ status: 'held', adopted: 1 });
  });

  it('keeps 12 months of dues for the ward with some arrears and the xóa tên alert (issue 10 must show)', async () => {
    const staff = await t.login('danguy', DEMO_PASSWORD);
    const [ward] = await t.db.query<{ id: number; path: string }>(
      "SELECT id, path FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    const months = await t.db.query<{ month: string; n: number; short: number }>(
      `SELECT e.month, count(*)::int AS n, (count(*) FILTER (WHERE e.paid < e.due))::int AS short
         FROM dues_entries e JOIN org_units u ON u.id = e.unit_id WHERE u.path LIKE $1 GROUP BY e.month ORDER BY e.month`,
      [`${ward!.path}%`],
    );
    // The 12 complete months before today, and the current month partly recorded.
    expect(months.map((m) => m.month)).toEqual(
      Array.from({ length: 13 }, (_, i) => addMonths(TODAY, i - 12).slice(0, 7)),
    );
    expect(months[12]!.n).toBeLessThan(months[11]!.n);
    const res = await staff.get(`/api/org-units/${ward!.id}/dues?month=${addMonths(TODAY, -1).slice(0, 7)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kind).toBe('subtree');
    expect(body.totals.members).toBe(months[11]!.n);
    expect(body.totals.due).toBeGreaterThan(body.totals.paid);
    expect(body.totals.arrears).toBeGreaterThan(0);
    const debtors = await t.db.query<{ member_id: number; months: number }>(
      `SELECT e.member_id, count(*)::int AS months FROM dues_entries e JOIN org_units u ON u.id = e.unit_id
        WHERE u.path LIKE $1 AND e.paid < e.due GROUP BY e.member_id`,
      [`${ward!.path}%`],
    );
    expect(debtors.length).toBeGreaterThanOrEqual(3);
    const alerts = (await detectAlerts(t.db, TODAY)).filter((a) => a.subjectKey.startsWith('dues:'));
    expect(alerts.filter((a) => a.severity === 'critical')).toHaveLength(1);
    expect(alerts[0]!.title).toContain('đảng phí');
    // bithu1 sees the member at risk in Khu phố 1's list with three unpaid months this year.
    const bithu1 = await t.login('bithu1', DEMO_PASSWORD);
    const kp1Id = cells.find((c) => c.name === 'Chi bộ Khu phố 1')!.id;
    const kp1 = (await bithu1.get(`/api/org-units/${kp1Id}/dues?month=${TODAY.slice(0, 7)}`)).json();
    const critical = alerts.find((a) => a.severity === 'critical')!;
    expect(kp1.items.find((i: { memberId: number }) => i.memberId === critical.memberId)).toMatchObject({
      unpaidMonthsThisYear: 3,
    });
    // The adopted minutes of Khu phố 1 report the month's dues at the agenda's dues item.
    const [minutes] = await t.db.query<{ figures: string | null }>(
      `SELECT a ->> 'duesFigures' AS figures FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id,
              jsonb_array_elements(v.content -> 'record' -> 'agenda') a
        WHERE mt.unit_id = $1 AND v.status = 'adopted' AND a ->> 'stepKey' = 'dues'
        ORDER BY mt.scheduled_at DESC LIMIT 1`,
      [kp1Id],
    );
    expect(minutes?.figures).toMatch(/^Đã thu \d+\/\d+ đảng viên, [\d.]+ đ\/[\d.]+ đ/);
  });

  it('holds last year’s completed review of the ward: a current decision for every graded member and every cell (issue 10 must show)', async () => {
    const year = Number(TODAY.slice(0, 4)) - 1;
    const [ward] = await t.db.query<{ id: number; path: string }>(
      "SELECT id, path FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    const current = `s.status = 'issued' AND NOT EXISTS (SELECT 1 FROM grading_decisions x JOIN grading_decision_sets xs
      ON xs.id = x.set_id AND xs.status = 'issued' WHERE x.supersedes_id = d.id)`;
    const staff = await t.login('danguy', DEMO_PASSWORD);
    type Item = { graded: boolean; current: { level: string; isCadre: boolean } | null };
    const all: Item[] = [];
    let total = 0;
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: Item[]; total: number; nextCursor: string | null } = (
        await staff.get(
          `/api/org-units/${ward!.id}/grading/${year}/proposals?type=member&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      all.push(...page.items);
      total = page.total;
      cursor = page.nextCursor;
    }
    const list = { total, items: all };
    expect(all).toHaveLength(total);
    const graded = all.filter((i) => i.graded);
    expect(graded.length).toBeGreaterThan(50);
    expect(graded.filter((i) => i.current === null)).toEqual([]);
    // Every non-exempted member of the ward's cells with an open home membership on 31/12 is reviewed.
    const [open] = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT ms.member_id)::int AS n FROM memberships ms JOIN org_units c ON c.id = ms.unit_id
        WHERE c.path LIKE $1 AND c.kind = 'chi_bo' AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
          AND NOT EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = ms.member_id AND p.kind = 'exempted'
                           AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2))`,
      [`${ward!.path}%`, `${year}-12-31`],
    );
    expect(list.total).toBe(open!.n);
    const cellsOfWard = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE parent_id = $1 AND archived_at IS NULL AND kind <> 'other'",
      [ward!.id],
    );
    const orgDecided = await t.db.query<{ unit_id: number; level: string }>(
      `SELECT d.unit_id, d.level FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
        WHERE d.year = $1 AND d.subject_type = 'organisation' AND ${current}`,
      [year],
    );
    expect(orgDecided.map((o) => o.unit_id).sort()).toEqual(cellsOfWard.map((c) => c.id).sort());
    const sets = await t.db.query<{ subject_type: string; decision_no: string; content_hash: string }>(
      "SELECT subject_type, decision_no, content_hash FROM grading_decision_sets WHERE year = $1 AND status = 'issued' ORDER BY subject_type",
      [year],
    );
    expect(sets.map((x) => x.decision_no)).toEqual(['125-QĐ/ĐU', '126-QĐ/ĐU']);
    for (const kind of ['member', 'organisation']) {
      const check = (
        await staff.post(`/api/org-units/${ward!.id}/grading/${year}/decisions/check`, { type: kind })
      ).json();
      expect(check).toMatchObject({ ok: true, violations: [], ruleViolations: [], status: 'issued' });
    }
    const levels = new Set(graded.map((i) => i.current!.level));
    expect(levels.has('xuat_sac')).toBe(true);
    expect(levels.has('tot')).toBe(true);
    expect(graded.some((i) => i.current!.isCadre)).toBe(true);
    // This year's campaign is open, and the e2e journey's steps are still to do.
    const [campaign] = await t.db.query<{ status: string }>(
      'SELECT status FROM grading_campaigns WHERE unit_id = $1 AND year = $2',
      [ward!.id, year + 1],
    );
    expect(campaign!.status).toBe('open');
    // Under way: everyone else in Khu phố 1 has written and been voted on; nothing is decided.
    const [pending] = await t.db.query<{
      mine: number;
      myVote: number;
      others: number;
      otherVotes: number;
      decided: number;
    }>(
      `SELECT (SELECT count(*)::int FROM member_self_reviews r JOIN users u ON u.member_id = r.member_id
                WHERE u.username = 'dangvien1' AND r.year = $1) AS mine,
              (SELECT count(*)::int FROM cell_member_votes v JOIN users u ON u.member_id = v.member_id
                WHERE u.username = 'dangvien1' AND v.year = $1) AS "myVote",
              (SELECT count(*)::int FROM member_self_reviews r JOIN org_units c ON c.id = r.unit_id
                WHERE c.name = 'Chi bộ Khu phố 1' AND r.year = $1 AND r.status = 'submitted') AS others,
              (SELECT count(*)::int FROM cell_member_votes v JOIN org_units c ON c.id = v.unit_id
                WHERE c.name = 'Chi bộ Khu phố 1' AND v.year = $1) AS "otherVotes",
              (SELECT count(*)::int FROM grading_decisions WHERE year = $1) AS decided`,
      [year + 1],
    );
    expect(pending).toMatchObject({ mine: 0, myVote: 0, decided: 0 });
    expect(pending!.others).toBeGreaterThan(5);
    expect(pending!.otherVotes).toBeGreaterThan(5);
  });

  it('is deterministic for a given day', async () => {
    const other = await createTestDb();
    try {
      await other.db.transaction((tx) => seedDemo(tx, TODAY));
      expect(await fingerprint(other.db)).toEqual(await fingerprint(t.db));
    } finally {
      await other.dispose();
    }
  });
});
