import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';

const TODAY = '2026-11-21';

describe('demo quality data', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    t = await createTestApp();
    seeded = await t.db.transaction((tx) => seedDemo(tx, TODAY));
  });
  afterAll(() => t.close());

  it('scores every held meeting by its cell with a rating, some also by the supervisor', async () => {
    const [row] = await t.db.query<{ held: number; scored: number; sup: number }>(
      `SELECT count(*)::int AS held,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_scores s WHERE s.meeting_id = m.id AND s.scorer = 'cell' AND s.confirmed_at IS NOT NULL AND s.band IS NOT NULL))::int AS scored,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_scores s WHERE s.meeting_id = m.id AND s.scorer = 'supervisor'))::int AS sup
         FROM meetings m WHERE m.status = 'held' AND m.kind <> 'committee'`,
    );
    expect(row!.scored).toBe(row!.held);
    expect(row!.sup).toBeGreaterThan(5);
    expect(seeded.quality.cellScores).toBe(row!.held);
  });

  it('has cells of each rating in the monthly summary', async () => {
    const ratings = await t.db.query<{ rating: string }>(
      'SELECT DISTINCT rating FROM cell_month_status WHERE rating IS NOT NULL',
    );
    expect(ratings.map((r) => r.rating).sort()).toEqual(['Khá', 'Kém', 'Trung bình', 'Tốt'].sort());
  });

  it('opens real alerts, among them Khu phố 2’s minutes left unadopted, visible to its supervisor', async () => {
    expect(seeded.quality.alerts).toBeGreaterThan(0);
    const c = await t.login('giamsat1', DEMO_PASSWORD);
    const [kp2] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Chi bộ Khu phố 2'",
    );
    const alerts = (await c.get(`/api/org-units/${kp2!.id}/alerts`)).json();
    expect(alerts.items.some((a: { kind: string }) => a.kind === 'minutes_late')).toBe(true);
    const supervision = (await c.get(`/api/org-units/${kp2!.id}/supervision`)).json();
    expect(supervision.items[0].visits).toBeGreaterThan(0);
  });
});
