/**
 * Implementation plans through the API on the demo organisation (issue 11 part B, ADR 025):
 * computed values equal the committee overview's own figures, per-unit rows equal its child rows,
 * manual targets, the plan's life (draft → active → closed), scope, hostile input, and the
 * plans' targets in the periodic review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { todayIso } from '../../domain/format.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';

const TODAY = todayIso();
const YEAR = TODAY.slice(0, 4);
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;

interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}
interface ProgressItem {
  targetId: number;
  indicator: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  statusLabel: string;
  measuredTo: string | null;
  units?: {
    unitId: number;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    status: string;
  }[];
}

const OVERVIEW_KEY: Record<
  string,
  (i: Record<string, Ratio> & { ratingSupervisor: Record<string, Ratio> }) => Ratio
> = {
  regular_monthly: (i) => i.regularMonths!,
  attendance: (i) => i.attendance!,
  rated_good: (i) => i.ratingSupervisor.tot!,
  thematic_quarterly: (i) => i.thematicQuarters!,
  tasks_completed: (i) => i.tasksCompleted!,
};

describe('implementation plans', () => {
  let t: TestApp;
  let staff: Client;
  let secretary: Client;
  let member: Client;
  let admin: Client;
  let ward: number;
  let otherWard: number;
  let kp1: number;
  let demoPlan: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    staff = await t.login('danguy', DEMO_PASSWORD);
    secretary = await t.login('bithu1', DEMO_PASSWORD);
    member = await t.login('dangvien1', DEMO_PASSWORD);
    admin = await t.login('quantri', DEMO_PASSWORD);
    const units = await t.db.query<{ id: number; code: string | null; name: string }>(
      'SELECT id, code, name FROM org_units',
    );
    ward = units.find((u) => u.name === 'Đảng bộ phường An Hội')!.id;
    otherWard = units.find(
      (u) => u.id !== ward && u.code?.startsWith('BT.') && !u.code.startsWith('BT.AH'),
    )!.id;
    kp1 = units.find((u) => u.name === 'Chi bộ Khu phố 1')!.id;
    const list = await staff.get(`/api/org-units/${ward}/plans`);
    expect(list.statusCode).toBe(200);
    demoPlan = list.json().items[0].id;
  });
  afterAll(() => t.close());

  it("lists the ward's plan for the ward and, once active, for its cell", async () => {
    const own = (await staff.get(`/api/org-units/${ward}/plans`)).json();
    expect(own.total).toBe(1);
    expect(own.items[0]).toMatchObject({ status: 'active', statusLabel: 'Đang thực hiện', own: true });
    const cell = (await secretary.get(`/api/org-units/${kp1}/plans`)).json();
    expect(cell.items.map((p: { id: number }) => p.id)).toEqual([demoPlan]);
    expect(cell.items[0].own).toBe(false);
    const tooMany = await staff.get(`/api/org-units/${ward}/plans?limit=101`);
    expect(tooMany.statusCode).toBe(400);
  });

  it('computes each bound target from the overview of the same months, totals and child rows', async () => {
    const res = await staff.get(`/api/plans/${demoPlan}/progress`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { asOf: string; items: ProgressItem[] };
    const bound = body.items.filter((i) => i.indicator && OVERVIEW_KEY[i.indicator]);
    expect(bound.length).toBeGreaterThanOrEqual(4);
    const until = bound[0]!.measuredTo!;
    expect(until).toBe(TODAY.slice(0, 7) < `${YEAR}-12` ? TODAY.slice(0, 7) : `${YEAR}-12`);
    const ov = (
      await staff.get(`/api/org-units/${ward}/overview?from=${YEAR}-01&to=${until}&limit=200`)
    ).json();
    for (const item of bound) {
      const r = OVERVIEW_KEY[item.indicator!]!(ov.totals);
      expect({ v: item.value, n: item.numerator, d: item.denominator }, item.indicator!).toEqual({
        v: r.percent,
        n: r.numerator,
        d: r.denominator,
      });
      expect(item.units!.length).toBe(ov.items.length);
      for (const row of ov.items) {
        const u = item.units!.find((x) => x.unitId === row.unit.id)!;
        const rr = OVERVIEW_KEY[item.indicator!]!(row.indicators);
        expect({ v: u.value, n: u.numerator, d: u.denominator }).toEqual({
          v: rr.percent,
          n: rr.numerator,
          d: rr.denominator,
        });
      }
    }
    // Worst first: statuses never improve down the table.
    const rank = { missed: 0, at_risk: 1, no_data: 2, on_track: 3, met: 4 } as Record<string, number>;
    for (const item of bound)
      for (let i = 1; i < item.units!.length; i++)
        expect(rank[item.units![i - 1]!.status]!).toBeLessThanOrEqual(rank[item.units![i]!.status]!);
    // The demo shows both sides: at least one target at risk, one met or on track.
    expect(bound.some((i) => i.status === 'at_risk')).toBe(true);
    expect(bound.some((i) => i.status === 'met' || i.status === 'on_track')).toBe(true);
    // ?units=false leaves the child rows out.
    const lean = (await staff.get(`/api/plans/${demoPlan}/progress?units=false`)).json();
    expect(lean.items[0].units).toBeUndefined();
  });

  it('writes a plan, refuses hostile targets in Vietnamese, tracks a manual target, activates and closes', async () => {
    const created = await staff.post(`/api/org-units/${ward}/plans`, {
      title: 'Kế hoạch thử',
      periodFrom: `${YEAR}-01`,
      periodTo: `${YEAR}-12`,
      goals: 'Mục đích thử',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect(created.json().status).toBe('draft');
    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await staff.post(`/api/plans/${id}/targets`, {
        title: 'Chỉ tiêu',
        deadline: `${YEAR}-12-31`,
        threshold: 90,
        indicator: 'attendance',
        ...body,
      });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(r.json().message).toMatch(VIETNAMESE);
      expect(JSON.stringify(r.json()), field).toContain(field);
    };
    await bad({ threshold: 150 }, 'threshold');
    await bad({ deadline: `${Number(YEAR) + 1}-01-31` }, 'deadline');
    await bad({ indicator: 'likes' }, 'indicator');
    await bad({ indicator: 'dissemination' }, 'directiveId');
    await bad({ threshold: -1 }, 'threshold');
    await bad({ deadline: `${YEAR}-02-30` }, 'deadline');
    const [count] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM plan_targets WHERE plan_id = $1',
      [id],
    );
    expect(count?.n).toBe(0);
    // Activating without a target is refused.
    expect((await staff.post(`/api/plans/${id}/activate`)).statusCode).toBe(409);
    const manual = await staff.post(`/api/plans/${id}/targets`, {
      title: 'Kết nạp 10 đảng viên mới',
      indicator: null,
      threshold: 10,
      deadline: `${YEAR}-12-31`,
    });
    expect(manual.statusCode).toBe(201);
    const targetId = manual.json().id as number;
    const bound = await staff.post(`/api/plans/${id}/targets`, {
      title: 'Từ 70% buổi sinh hoạt xếp loại Tốt',
      indicator: 'rated_good',
      threshold: 70,
      deadline: `${YEAR}-12-31`,
    });
    expect(bound.statusCode).toBe(201);
    const put = (target: number, body: unknown) =>
      staff.request({
        method: 'PUT',
        url: `/api/plans/${id}/targets/${target}/value`,
        payload: body as object,
      });
    expect((await put(bound.json().id, { value: 3 })).statusCode).toBe(409);
    const set = await put(targetId, { value: 12, note: 'Theo báo cáo của Ban Tổ chức' });
    expect(set.statusCode).toBe(200);
    const progress = (await staff.get(`/api/plans/${id}/progress`)).json();
    const m = progress.items.find((i: ProgressItem) => i.targetId === targetId);
    expect(m).toMatchObject({ value: 12, status: 'met', statusLabel: 'Đạt', numerator: null });
    const audits = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'plan' AND entity_id = $1 ORDER BY id",
      [String(id)],
    );
    expect(audits.map((a) => a.action)).toEqual([
      'plan.create',
      'plan.target_create',
      'plan.target_create',
      'plan.target_value',
    ]);
    // A milestone and a responsibility; a unit outside the plan's subtree is refused.
    const ms = await staff.post(`/api/plans/${id}/milestones`, { dueOn: `${YEAR}-06-30`, title: 'Sơ kết' });
    expect(ms.statusCode).toBe(201);
    const done = await staff.patch(`/api/plans/${id}/milestones/${ms.json().id}`, {
      doneOn: `${YEAR}-06-28`,
    });
    expect(done.json().doneOn).toBe(`${YEAR}-06-28`);
    const outside = await staff.post(`/api/plans/${id}/responsibilities`, {
      who: 'Đảng ủy xã khác',
      unitId: otherWard,
      what: 'Không phải của phường',
    });
    expect(outside.statusCode).toBe(400);
    const resp = await staff.post(`/api/plans/${id}/responsibilities`, {
      who: 'Chi bộ Khu phố 1',
      unitId: kp1,
      what: 'Làm mẫu',
    });
    expect(resp.statusCode).toBe(201);
    // The cell does not see a draft; it sees the plan once active, and cannot change it.
    expect((await secretary.get(`/api/plans/${id}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/plans/${id}/activate`)).json().status).toBe('active');
    expect((await secretary.get(`/api/plans/${id}`)).statusCode).toBe(200);
    expect((await secretary.patch(`/api/plans/${id}`, { title: 'Sửa' })).statusCode).toBe(403);
    expect(
      (
        await secretary.post(`/api/org-units/${ward}/plans`, {
          title: 'X',
          periodFrom: `${YEAR}-01`,
          periodTo: `${YEAR}-02`,
        })
      ).statusCode,
    ).toBe(404);
    // A period that would leave a deadline outside is refused.
    const shrink = await staff.patch(`/api/plans/${id}`, { periodTo: `${YEAR}-06` });
    expect(shrink.statusCode).toBe(400);
    const stretch = await staff.patch(`/api/plans/${id}`, { periodFrom: '2000-01' });
    expect(stretch.statusCode).toBe(400);
    expect(stretch.json().message).toMatch(VIETNAMESE);
    expect((await staff.post(`/api/plans/${id}/close`)).json().status).toBe('closed');
    const locked = await staff.patch(`/api/plans/${id}`, { title: 'Sửa sau khi kết thúc' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toMatch(VIETNAMESE);
  });

  it("keeps another ward's plan out of scope (404 as if absent) and trims child rows for a member", async () => {
    const other = await admin.post(`/api/org-units/${otherWard}/plans`, {
      title: 'Kế hoạch của xã',
      periodFrom: `${YEAR}-01`,
      periodTo: `${YEAR}-12`,
    });
    expect(other.statusCode).toBe(201);
    const oid = other.json().id;
    expect((await staff.get(`/api/plans/${oid}`)).statusCode).toBe(404);
    expect((await staff.patch(`/api/plans/${oid}`, { title: 'Chiếm' })).statusCode).toBe(404);
    expect((await staff.get(`/api/plans/${oid}/progress`)).statusCode).toBe(404);
    expect((await staff.get(`/api/org-units/${otherWard}/plans`)).statusCode).toBe(404);
    // A member reads the ward's active plan and sees only their own cell's row.
    const mine = await member.get(`/api/plans/${demoPlan}/progress`);
    expect(mine.statusCode).toBe(200);
    const bound = (mine.json().items as ProgressItem[]).filter((i) => i.indicator);
    expect(bound[0]!.units!.map((u) => u.unitId)).toEqual([kp1]);
    expect((await member.patch(`/api/plans/${demoPlan}`, { title: 'X' })).statusCode).toBe(403);
  });

  it("puts the unit's plans, targets against results, into the periodic review", async () => {
    const review = await staff.post(`/api/org-units/${ward}/reviews`, {
      title: `Sơ kết năm ${YEAR}`,
      from: `${YEAR}-01`,
      to: TODAY.slice(0, 7),
    });
    expect(review.statusCode).toBe(201);
    const stats = (await staff.get(`/api/reviews/${review.json().id}/statistics`)).json();
    const plan = stats.statistics.plans.find((p: { id: number }) => p.id === demoPlan);
    expect(plan.targets.length).toBeGreaterThanOrEqual(5);
    const progress = (await staff.get(`/api/plans/${demoPlan}/progress?units=false`)).json();
    for (const target of plan.targets) {
      const p = progress.items.find((i: { title: string }) => i.title === target.title);
      expect({ v: target.value, s: target.status }).toEqual({ v: p.value, s: p.status });
    }
    const lines = (stats.sentences as string[]).filter((s) => s.startsWith('Chỉ tiêu: '));
    const all = (stats.statistics.plans as { targets: unknown[] }[]).reduce(
      (a, p) => a + p.targets.length,
      0,
    );
    expect(lines.length).toBe(all);
    expect(
      lines.some((l) =>
        /— kết quả \d+(,\d+)?% \(\d+\/\d+\) — (Đạt|Đúng tiến độ|Có nguy cơ không đạt)\.$/u.test(l),
      ),
    ).toBe(true);
  });

  it('gives the plan as a Word document', async () => {
    const res = await staff.get(`/api/plans/${demoPlan}/plan.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
