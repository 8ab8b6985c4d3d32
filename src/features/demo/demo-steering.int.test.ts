/**
 * The demo's part of issue 11 (ADR 025, "must show"): the cells' yearly programmes, the chi ủy of
 * the largest cell and its meetings' rosters, the locality's organisations, the ward's inspection
 * plan, its directives and their dissemination, and its implementation plan. The demo of the
 * earlier issues is checked in demo.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { loadRoster } from '../meetings/running.js';
import { findMeeting } from '../meetings/service.js';
import { detectAlerts } from '../oversight/alerts.js';
import { planProgress } from '../plans/progress.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';

const TODAY = '2026-11-21';

describe('the demo of the committee’s steering', () => {
  let t: TestApp;
  let cells: { id: number; name: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    cells = await t.db.query("SELECT id, name, path FROM org_units WHERE kind = 'chi_bo' ORDER BY id");
  });
  afterAll(() => t.close());

  it('gives every cell a yearly programme for this year, most approved, with mixed done / not done', async () => {
    const year = Number(TODAY.slice(0, 4));
    const plans = await t.db.query<{
      unit_id: number;
      status: string;
      decision_comment: string | null;
      items: number;
      covered: number;
    }>(
      `SELECT p.unit_id, p.status, p.decision_comment, count(i.id)::int AS items,
              count(i.covered_meeting_id)::int AS covered
         FROM activity_plans p LEFT JOIN activity_plan_items i ON i.plan_id = p.id
        WHERE p.year = $1 GROUP BY p.id`,
      [year],
    );
    expect(plans.map((p) => p.unit_id).sort()).toEqual(cells.map((c) => c.id).sort());
    for (const p of plans) expect(p.items).toBeGreaterThanOrEqual(12);
    const by = (s: string) => plans.filter((p) => p.status === s);
    expect(by('approved').length).toBeGreaterThan(plans.length / 2);
    expect(by('submitted').length).toBeGreaterThanOrEqual(1);
    expect(by('returned')).toHaveLength(1);
    expect(by('returned')[0]!.decision_comment).toMatch(/bổ sung/);
    // Past months covered for most, not all, in approved programmes (when the year has past months).
    if (Number(TODAY.slice(5, 7)) > 2) {
      const covered = by('approved').reduce((n, p) => n + p.covered, 0);
      const items = by('approved').reduce((n, p) => n + p.items, 0);
      expect(covered).toBeGreaterThan(0);
      expect(covered).toBeLessThan(items);
    }
  });

  it('records the chi ủy of the largest cell; its chi ủy meetings summon only the chi ủy (issue 11 part E)', async () => {
    const [largest] = await t.db.query<{ unit_id: number; n: number }>(
      `SELECT ms.unit_id, count(*)::int AS n FROM memberships ms
        WHERE ms.valid_from <= $1 AND (ms.valid_to IS NULL OR ms.valid_to > $1)
          AND EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = ms.member_id AND p.kind = 'official'
                        AND p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to > $1))
        GROUP BY ms.unit_id ORDER BY n DESC LIMIT 1`,
      [TODAY],
    );
    const seats = await t.db.query<{ member_id: number; role: string; from_on: string }>(
      `SELECT c.member_id, c.role, c.from_on FROM cell_committee_members c JOIN cell_committee_terms ct ON ct.id = c.term_id
        WHERE ct.unit_id = $1 AND ct.term_label = '2025–2030' AND ct.elected_on < '2026-01-01'`,
      [largest!.unit_id],
    );
    expect(seats).toHaveLength(5);
    const [bithu] = await t.db.query<{ member_id: number }>(
      "SELECT member_id FROM users WHERE username = 'bithu1'",
    );
    expect(seats.filter((s) => s.role === 'bi_thu').map((s) => s.member_id)).toEqual([bithu!.member_id]);
    expect(seats.filter((s) => s.role === 'pho_bi_thu')).toHaveLength(1);
    // The latest chi ủy meetings (held with its attendance, or planned with the live roster).
    const latest = await t.db.query<{ id: number }>(
      "SELECT id FROM meetings WHERE unit_id = $1 AND kind = 'committee' ORDER BY scheduled_at DESC LIMIT 2",
      [largest!.unit_id],
    );
    expect(latest).toHaveLength(2);
    for (const m of latest) {
      const roster = await loadRoster(t.db, (await findMeeting(t.db, m.id))!);
      expect(roster.map((r) => r.member_id).sort()).toEqual(seats.map((s) => s.member_id).sort());
    }
    // Khu phố 1's organisations, with tasks: one reviewed with its report, one still open.
    const orgs = await t.db.query<{ kind: string; open: number; reported: number }>(
      `SELECT o.kind, count(t.id) FILTER (WHERE t.result = 'open')::int AS open,
              count(t.org_report)::int AS reported
         FROM local_organisations o LEFT JOIN tasks t ON t.organisation_id = o.id
        WHERE o.unit_id = $1 GROUP BY o.kind`,
      [largest!.unit_id],
    );
    expect(orgs).toHaveLength(7);
    expect(orgs.reduce((n, o) => n + o.reported, 0)).toBe(1);
    expect(orgs.reduce((n, o) => n + o.open, 0)).toBeGreaterThanOrEqual(1);
  });

  it('holds the ward’s inspection plan: Khu phố 1 issued with an open remedy, an overdue one elsewhere, a linked visit (issue 11 part D)', async () => {
    const staff = await t.login('danguy', DEMO_PASSWORD);
    const [ward] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    const year = TODAY.slice(0, 4);
    const plan = (await staff.get(`/api/org-units/${ward!.id}/inspection-plans/${year}`)).json();
    expect(plan.plan).toMatchObject({ title: `Kế hoạch kiểm tra, giám sát năm ${year}`, status: 'approved' });
    expect(plan.items.length).toBeGreaterThanOrEqual(4);
    const list = (await staff.get(`/api/org-units/${ward!.id}/inspections?year=${year}`)).json();
    expect(list.total).toBe(plan.items.length);
    type R = { id: number; answer: string | null; closedAt: string | null; overdue: boolean; dueOn: string };
    const kp1 = list.items.find((i: { unitName: string }) => i.unitName === 'Chi bộ Khu phố 1');
    expect(kp1).toMatchObject({
      content: 'Chất lượng sinh hoạt chi bộ',
      issued: true,
      conclusionNo: '05-TB/ĐU',
    });
    const rs = kp1.remedies as R[];
    expect(rs).toHaveLength(2);
    expect(rs.filter((r) => r.closedAt !== null && r.answer)).toHaveLength(1);
    const open = rs.find((r) => r.closedAt === null)!;
    expect(open.dueOn > TODAY && !open.overdue && open.answer === null).toBe(true);
    expect(
      list.items.filter((i: { status: string }) => i.status === 'planned').length,
    ).toBeGreaterThanOrEqual(2);
    // Another cell's remedy is past due: the alert is raised on that cell.
    const overdue = list.items.flatMap((i: { remedies: R[]; unitId: number }) =>
      i.remedies.filter((r) => r.overdue).map((r) => ({ ...r, unitId: i.unitId })),
    );
    expect(overdue).toHaveLength(1);
    const alerts = (await detectAlerts(t.db, TODAY)).filter((a) => a.kind === 'remedy_overdue');
    expect(alerts.map((a) => [a.subjectKey, a.unitId])).toEqual([[String(overdue[0].id), overdue[0].unitId]]);
    // bithu1 sees the conclusion of Khu phố 1 and can answer the open remedy.
    const bithu = await t.login('bithu1', DEMO_PASSWORD);
    const seen = (await bithu.get(`/api/inspections/${kp1.id}`)).json();
    expect(seen.strengths).toContain('sinh hoạt thường kỳ');
    expect(seen.remedies.find((r: R) => r.id === open.id).canAnswer).toBe(true);
    // A supervisor's visit was made under the supervision of Khu phố 2.
    const sv = list.items.find(
      (i: { kind: string; unitName: string }) =>
        i.kind === 'supervision' && i.unitName === 'Chi bộ Khu phố 2',
    );
    const detail = (await staff.get(`/api/inspections/${sv.id}`)).json();
    expect(detail.visits.length).toBe(1);
  });

  it('holds the ward’s directives, disseminated by some cells but not Khu phố 1 (issue 11 part A must show)', async () => {
    const staff = await t.login('danguy', DEMO_PASSWORD);
    const [ward] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    const list = (await staff.get(`/api/org-units/${ward!.id}/directives`)).json();
    expect(list.items.map((d: { number: string }) => d.number)).toEqual(['45-KH/ĐU', '43-HD/BTCTW']);
    const guidance = list.items.find((d: { number: string }) => d.number === '43-HD/BTCTW');
    expect(guidance).toMatchObject({ status: 'published', requiresDissemination: true, files: 1 });
    const view = (await staff.get(`/api/directives/${guidance.id}/dissemination?limit=200`)).json();
    const wardCells = cells.filter((c) => c.path.startsWith(`/${c.path.split('/')[1]}/${ward!.id}/`));
    expect(view.summary.cells).toBe(wardCells.length);
    expect(view.summary.done).toBeGreaterThan(0);
    expect(view.summary.done).toBeLessThan(view.summary.cells);
    const kp1 = cells.find((c) => c.name === 'Chi bộ Khu phố 1')!;
    expect(view.items.find((r: { unitId: number }) => r.unitId === kp1.id)).toMatchObject({
      disseminatedOn: null,
    });
    // Each done row carries its meeting's date and attendance on the statutory base.
    for (const r of view.items.filter((i: { disseminatedOn: string | null }) => i.disseminatedOn)) {
      const [m] = await t.db.query<{ day: string; present: number; summoned: number }>(
        `SELECT to_char(started_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, att_present AS present,
                att_summoned AS summoned FROM meetings WHERE id = $1 AND unit_id = $2 AND status = 'held'`,
        [r.meetingId, r.unitId],
      );
      expect(m).toEqual({ day: r.disseminatedOn, present: r.present, summoned: r.base });
      expect(r.disseminatedOn < TODAY).toBe(true);
    }
    // bithu1's next meeting offers the guidance; the ward's plan is late in two cells (alerts).
    const bithu = await t.login('bithu1', DEMO_PASSWORD);
    const mine = (await bithu.get(`/api/org-units/${kp1.id}/directives`)).json();
    expect(mine.items.find((d: { id: number }) => d.id === guidance.id).disseminatedOn).toBeNull();
    const alerts = (await detectAlerts(t.db, TODAY)).filter((a) => a.kind === 'directive_overdue');
    expect(alerts).toHaveLength(2);
    const member = await t.login('dangvien1', DEMO_PASSWORD);
    const unread = (await member.get(`/api/org-units/${kp1.id}/directives?unread=true`)).json();
    expect(unread.items.map((d: { number: string }) => d.number)).toEqual(['43-HD/BTCTW']);
    const [reads] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM directive_reads WHERE directive_id = $1',
      [guidance.id],
    );
    expect(reads!.n).toBeGreaterThan(0);
  });

  it('holds the ward’s implementation plan: ≥ 4 targets bound to indicators, one at risk (issue 11 part B must show)', async () => {
    const staff = await t.login('danguy', DEMO_PASSWORD);
    const [ward] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    const list = (await staff.get(`/api/org-units/${ward!.id}/plans`)).json();
    expect(list.total).toBeGreaterThanOrEqual(1);
    const plan = list.items[0];
    expect(plan).toMatchObject({ status: 'active', periodFrom: `${TODAY.slice(0, 4)}-01` });
    const res = await staff.get(`/api/plans/${plan.id}/progress`);
    expect(res.statusCode).toBe(200);
    const bound = (res.json().items as { indicator: string | null; threshold: number }[]).filter(
      (i) => i.indicator,
    );
    expect(bound.length).toBeGreaterThanOrEqual(4);
    // The statuses as of the demo's day (the API reads today's date; the service takes the day).
    const [w] = await t.db.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [ward!.id]);
    const [user] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE username = 'danguy'");
    const grant = {
      id: 0,
      role: 'committee_staff' as const,
      orgUnitId: ward!.id,
      path: w!.path,
      unitName: '',
    };
    const actor = {
      userId: user!.id,
      username: 'danguy',
      displayName: '',
      memberId: null,
      sessionId: '',
      csrfToken: '',
    };
    const progress = await planProgress(t.db, { ...actor, grants: [grant] }, plan.id, {
      today: TODAY,
      units: false,
    });
    const statuses = progress.items.filter((i) => i.indicator).map((i) => i.status);
    expect(statuses).toContain('at_risk');
    expect(statuses.some((s) => s === 'met' || s === 'on_track')).toBe(true);
  });
});
