/**
 * Issue 8, reliability: requests that race answer 409, never 500, and leave one consistent
 * result. Real concurrent requests (Promise.all through app.inject): on PostgreSQL they run on
 * separate pool connections at the same time; on PGlite (one connection) they serialise, and
 * the same assertions hold. See docs/decisions/019-input-and-concurrency.md.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Executor } from '../../src/db/executor.js';
import { openPostgres } from '../../src/db/open.js';
import { onceIfEmpty } from '../../src/features/demo/seed.js';
import { insertUser } from '../../src/features/users/service.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { createTestDb, testDbKind } from '../support/db.js';
import { member, unit, user } from '../support/factory.js';
import { fromNow } from '../support/meeting-flow.js';

const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode).sort();
const noServerError = (rs: LightMyRequestResponse[]) =>
  expect(
    rs.filter((r) => r.statusCode >= 500).map((r) => r.body),
    'no response ≥ 500',
  ).toEqual([]);

describe('concurrent writes', () => {
  let t: TestApp;
  let bithu: Client;
  let cell: { id: number; path: string };
  const p: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Đồng Thời' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    p.chair = await member(t.db, { unitId: cell.id, fullName: 'Trần Văn Chủ' });
    p.secretary = await member(t.db, { unitId: cell.id, fullName: 'Lê Thị Thư' });
    p.a = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn An' });
    await user(t.db, 'bithu.dt', [{ role: 'cell_secretary', unitId: cell.id }], p.chair);
    bithu = await t.login('bithu.dt');
  });
  afterAll(() => t.close());

  /** A meeting held now, everyone present, the chair signed (the secretary signs on paper). */
  async function readyToAdopt(): Promise<number> {
    const m = (
      await bithu.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    expect((await bithu.post(`/api/meetings/${m.id}/start`)).statusCode).toBe(200);
    const d = (await bithu.get(`/api/meetings/${m.id}`)).json();
    const items = (d.attendance.members as { memberId: number; category: string; away: boolean }[])
      .filter((r) => r.category === 'member' && !r.away)
      .map((r) => ({ memberId: r.memberId, status: 'present' }));
    expect(
      (await bithu.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance`, payload: { items } }))
        .statusCode,
    ).toBe(200);
    await bithu.patch(`/api/meetings/${m.id}`, { chairMemberId: p.chair, secretaryMemberId: p.secretary });
    await bithu.request({
      method: 'PUT',
      url: `/api/meetings/${m.id}/record`,
      payload: { situation: 'Tình hình khu phố ổn định.' },
    });
    expect((await bithu.post(`/api/meetings/${m.id}/record/sign`)).statusCode).toBe(200);
    return m.id;
  }

  it('three simultaneous adoptions of the same minutes: one 200, the others 409 RECORD_LOCKED; one adopted version on the chain', async () => {
    const id = await readyToAdopt();
    const rs = await Promise.all([1, 2, 3].map(() => bithu.post(`/api/meetings/${id}/record/adopt`)));
    noServerError(rs);
    expect(statuses(rs)).toEqual([200, 409, 409]);
    for (const r of rs.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ code: 'RECORD_LOCKED' });
      expect(r.json().message).toMatch(/khóa/);
    }
    const versions = await t.db.query<{ status: string; prev_hash: string | null; content_hash: string }>(
      'SELECT status, prev_hash, content_hash FROM meeting_record_versions WHERE meeting_id = $1',
      [id],
    );
    expect(versions.map((v) => v.status)).toEqual(['adopted']);
    const [{ n }] = (await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.adopt' AND entity_id = $1",
      [String(id)],
    )) as [{ n: number }];
    expect(n).toBe(1);
    expect((await bithu.get(`/api/meetings/${id}`)).json().status).toBe('held');
  });

  it('two cells adopting at once do not wait on each other’s chain and both succeed', async () => {
    const other = await unit(t.db, { parentId: null, name: 'Chi bộ Khu phố 10', cellType: 'khu_dan_cu' });
    const chair2 = await member(t.db, { unitId: other.id, fullName: 'Phạm Văn Hai' });
    const secretary2 = await member(t.db, { unitId: other.id, fullName: 'Đỗ Thị Ba' });
    await user(t.db, 'bithu.dt2', [{ role: 'cell_secretary', unitId: other.id }], chair2);
    const c2 = await t.login('bithu.dt2');
    const m2 = (
      await c2.post(`/api/org-units/${other.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    await c2.post(`/api/meetings/${m2.id}/start`);
    const d2 = (await c2.get(`/api/meetings/${m2.id}`)).json();
    const items2 = (d2.attendance.members as { memberId: number; category: string; away: boolean }[])
      .filter((r) => r.category === 'member' && !r.away)
      .map((r) => ({ memberId: r.memberId, status: 'present' }));
    await c2.request({ method: 'PUT', url: `/api/meetings/${m2.id}/attendance`, payload: { items: items2 } });
    await c2.patch(`/api/meetings/${m2.id}`, { chairMemberId: chair2, secretaryMemberId: secretary2 });
    await c2.post(`/api/meetings/${m2.id}/record/sign`);
    const id = await readyToAdopt();
    const rs = await Promise.all([
      bithu.post(`/api/meetings/${id}/record/adopt`),
      c2.post(`/api/meetings/${m2.id}/record/adopt`),
    ]);
    noServerError(rs);
    expect(statuses(rs), rs.map((r) => r.body).join('\n')).toEqual([200, 200]);
  });

  it('four simultaneous PUT meeting-series: each saved in turn (200), the last one wins, exactly one active series', async () => {
    const places = [
      'Nhà văn hóa khu phố 9',
      'Hội trường phường',
      'Nhà bí thư chi bộ',
      'Trụ sở ban điều hành',
    ];
    const rs = await Promise.all(
      places.map((place, i) =>
        bithu.request({
          method: 'PUT',
          url: `/api/org-units/${cell.id}/meeting-series`,
          payload: { dayOfMonth: 5 + i, startTime: '19:30', place },
        }),
      ),
    );
    noServerError(rs);
    expect(statuses(rs), rs.map((r) => r.body).join('\n')).toEqual([200, 200, 200, 200]);
    const rows = await t.db.query<{ id: number; active: boolean; place: string }>(
      'SELECT id, active, place FROM meeting_series WHERE unit_id = $1 ORDER BY id',
      [cell.id],
    );
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.active)).toHaveLength(1);
    // Serialised: each save retired the one committed before it, so the audit trail is a chain.
    const saves = await t.db.query<{ before: { id: number } | null; after: { id: number; place: string } }>(
      "SELECT before, after FROM audit_log WHERE action = 'meeting_series.save' AND org_unit_id = $1 ORDER BY id",
      [cell.id],
    );
    expect(saves).toHaveLength(4);
    expect(saves[0]!.before).toBeNull();
    for (let i = 1; i < saves.length; i++) expect(saves[i]!.before?.id).toBe(saves[i - 1]!.after.id);
    const active = rows.find((r) => r.active)!;
    expect(active.id).toBe(saves[3]!.after.id);
    const plan = (await bithu.get(`/api/org-units/${cell.id}/meeting-plan`)).json();
    expect(plan.series.place).toBe(active.place);
  });

  it('five simultaneous first saves of a draft: at most one row, every answer 200 or a 409 asking to retry', async () => {
    // No draft yet: each request would insert version 1. The unique index lets one in; a loser
    // gets 23505, which the error mapping answers 409 CONFLICT (thử lại), never 500.
    const m = (
      await bithu.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    await bithu.post(`/api/meetings/${m.id}/start`);
    const rs = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        bithu.request({
          method: 'PUT',
          url: `/api/meetings/${m.id}/record`,
          payload: { situation: `Bản ${i}` },
        }),
      ),
    );
    noServerError(rs);
    for (const r of rs) {
      expect([200, 409], r.body).toContain(r.statusCode);
      if (r.statusCode === 409) expect(r.json().code).toBe('CONFLICT');
    }
    expect(rs.some((r) => r.statusCode === 200)).toBe(true);
    const drafts = await t.db.query('SELECT 1 FROM meeting_record_versions WHERE meeting_id = $1', [m.id]);
    expect(drafts).toHaveLength(1);
  });
});

describe('two processes seed the demo on an empty database', () => {
  // On PostgreSQL, two pools on the same database stand for two `chibo serve --demo` processes
  // started together; on PGlite (one process owns its data directory) the calls share a handle.
  // seedDemoIfEmpty runs the demo through onceIfEmpty; the seeder here writes a unit and
  // `quantri` slowly, so the two transactions overlap (the full demo takes half a minute and is
  // tested in demo.int.test.ts).
  const slowSeed = async (tx: Executor) => {
    await tx.query(
      "INSERT INTO org_units (parent_id, path, name, kind) VALUES (NULL, '/0/', 'Đảng bộ tỉnh mẫu', 'dang_bo_tinh')",
    );
    await tx.query('SELECT pg_sleep(0.3)');
    await insertUser(
      tx,
      { username: 'quantri', password: 'chibo-demo', displayName: 'Quản trị' },
      { enforcePasswordRule: false },
    );
    return { seeded: true };
  };

  it('the second notices the first, waits for it and skips: one seeded, one null, no error', async () => {
    const { db, url, dispose } = await createTestDb();
    const second: Db =
      testDbKind() === 'postgres' ? await openPostgres(url!, { recordKey: db.recordKey }) : db;
    try {
      const results = await Promise.all([onceIfEmpty(db, slowSeed), onceIfEmpty(second, slowSeed)]);
      expect(results.filter((r) => r !== null)).toEqual([{ seeded: true }]);
      expect(await db.query("SELECT 1 FROM users WHERE username = 'quantri'")).toHaveLength(1);
      expect(await db.query('SELECT 1 FROM org_units')).toHaveLength(1);
      // A third start later finds the data and does nothing.
      expect(await onceIfEmpty(second, slowSeed)).toBeNull();
    } finally {
      if (second !== db) await second.close();
      await dispose();
    }
  });
});
