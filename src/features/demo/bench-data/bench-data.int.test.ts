/**
 * `chibo bench-data` at ward scale (40 cells, 5 years) on the test database: the tree, members of
 * every status, meetings with attendance whose stored summary is the one rule's, states of every
 * kind, sealed scores that `verify` accepts, summary rows the overview reads (checked against a
 * raw count), and the guard that refuses a database already holding units.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { summarizeAttendance } from '../../../domain/attendance.js';
import { verifyIntegrity } from '../../integrity/verify.js';
import {
  BENCH_PASSWORD,
  BenchRefusal,
  type BenchResult,
  benchOptionsFrom,
  generateBenchData,
} from './index.js';

const TODAY = '2026-11-08';
let t: TestApp;
let result: BenchResult;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  result = await generateBenchData(t.db, { cells: 40, years: 5, seed: 3, force: false, today: TODAY }, (l) =>
    lines.push(l),
  );
}, 600_000);
afterAll(async () => {
  await t?.close();
});

const count = async (sql: string, params: unknown[] = []) =>
  ((await t.db.query<{ n: number }>(sql, params))[0]?.n ?? 0) as number;

describe('bench-data at ward scale', () => {
  it('parses its flags and refuses bad ones in Vietnamese', () => {
    expect(benchOptionsFrom({})).toMatchObject({ cells: 9600, years: 5, seed: 1, force: false });
    expect(benchOptionsFrom({ scale: '0.1' }).cells).toBe(960);
    expect(benchOptionsFrom({ cells: '2000', scale: '0.1' }).cells).toBe(2000);
    expect(() => benchOptionsFrom({ cells: 'abc' })).toThrow(/--cells phải là số nguyên/);
    expect(() => benchOptionsFrom({ years: '0' })).toThrow(BenchRefusal);
  });

  it('writes a province with grassroots đảng bộ, đảng bộ bộ phận and 40 cells of several types, and says so per phase', async () => {
    expect(result.cells).toBe(40);
    const kinds = await t.db.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM org_units WHERE path LIKE $1 GROUP BY kind',
      [`${result.rootPath}%`],
    );
    const by = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    expect(by.dang_bo_tinh).toBe(1);
    expect(by.dang_bo_co_so).toBeGreaterThanOrEqual(4);
    expect(by.dang_bo_bo_phan).toBeGreaterThanOrEqual(1);
    expect((by.chi_bo ?? 0) + (by.chi_bo_co_so ?? 0)).toBe(40);
    expect(
      await count('SELECT count(DISTINCT cell_type)::int AS n FROM org_units WHERE cell_type IS NOT NULL'),
    ).toBeGreaterThanOrEqual(5);
    expect(lines.some((l) => /Điểm danh .*dòng \(\d+,\d giây\)/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('rebuildSummaries'))).toBe(true);
  });

  it('has members of every status', async () => {
    const standings = await t.db.query<{ standing: string }>(
      'SELECT DISTINCT standing FROM members ORDER BY 1',
    );
    expect(standings.map((s) => s.standing)).toEqual([
      'active',
      'contact_only',
      'removed',
      'transferred_out',
    ]);
    const periods = await t.db.query<{ kind: string }>(
      'SELECT DISTINCT kind FROM member_status_periods ORDER BY 1',
    );
    expect(periods.map((p) => p.kind)).toEqual([
      'contact_213',
      'exempted',
      'official',
      'probationary',
      'temporary_out',
    ]);
    expect(
      await count("SELECT count(*)::int AS n FROM memberships WHERE start_reason = 'transfer_in'"),
    ).toBeGreaterThan(0);
    expect(result.members).toBeGreaterThan(800);
  });

  it('stores on each held meeting the attendance summary of the one rule', async () => {
    const meetings = await t.db.query<Record<string, number> & { id: number }>(
      `SELECT id, att_members, att_summoned, att_present, att_absent_excused, att_absent_unexcused, att_unmarked, att_exempted,
              att_exempted_present, att_away FROM meetings WHERE status = 'held' ORDER BY id LIMIT 120`,
    );
    expect(meetings.length).toBe(120);
    const rows = await t.db.query<{
      meeting_id: number;
      category: 'member' | 'exempted' | 'temporary_in';
      is_official: boolean;
      away: boolean;
      status: null;
    }>(
      'SELECT meeting_id, category, is_official, away, status FROM attendance WHERE meeting_id = ANY($1::int[])',
      [meetings.map((m) => m.id)],
    );
    for (const m of meetings) {
      const s = summarizeAttendance(
        rows
          .filter((r) => r.meeting_id === m.id)
          .map((r) => ({ category: r.category, isOfficial: r.is_official, away: r.away, status: r.status })),
      );
      expect([
        m.att_members,
        m.att_summoned,
        m.att_present,
        m.att_absent_excused,
        m.att_absent_unexcused,
        m.att_unmarked,
        m.att_exempted,
        m.att_exempted_present,
        m.att_away,
      ]).toEqual([
        s.members,
        s.base,
        s.present,
        s.absentExcused,
        s.absentUnexcused,
        s.unmarked,
        s.exempted,
        s.exemptedPresent,
        s.away,
      ]);
    }
    const statuses = await t.db.query<{ status: string | null }>(
      'SELECT DISTINCT status FROM attendance ORDER BY 1',
    );
    expect(statuses.map((s) => s.status)).toEqual([
      'absent_excused',
      'absent_unexcused',
      'late',
      'left_early',
      'present',
      null,
    ]);
  });

  it('has months held on time, held late, missed and pending, tasks done and not, visits and bands', async () => {
    const states = await t.db.query<{ regular_state: string }>(
      'SELECT DISTINCT regular_state FROM cell_month_status ORDER BY 1',
    );
    expect(states.map((s) => s.regular_state)).toEqual(['held_late', 'held_on_time', 'missed', 'pending']);
    const bands = await t.db.query<{ cell_band: string }>(
      'SELECT DISTINCT cell_band FROM cell_month_status WHERE cell_band IS NOT NULL ORDER BY 1',
    );
    expect(bands.map((b) => b.cell_band)).toEqual(['kem', 'kha', 'tot', 'trung_binh']);
    expect(
      await count('SELECT count(*)::int AS n FROM cell_month_status WHERE supervisor_band IS NOT NULL'),
    ).toBeGreaterThan(0);
    const results = await t.db.query<{ result: string }>('SELECT DISTINCT result FROM tasks ORDER BY 1');
    expect(results.map((r) => r.result)).toEqual(['achieved', 'not_achieved', 'open', 'partial']);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM task_owners o WHERE o.task_id = t.id)',
      ),
    ).toBe(0);
    expect(
      await count("SELECT count(*)::int AS n FROM meetings WHERE kind = 'combined' AND status = 'held'"),
    ).toBeGreaterThan(0);
    expect(
      await count('SELECT count(*)::int AS n FROM recommendations WHERE closed_at IS NULL'),
    ).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM alerts WHERE resolved_at IS NULL')).toBeGreaterThan(0);
  });

  it('seals every confirmed score so that verify finds no break', async () => {
    const report = await verifyIntegrity(t.db);
    expect(report.scores.checked).toBeGreaterThan(2000);
    expect(report.scores.broken).toBe(0);
    expect(report.ok).toBe(true);
  });

  it('answers the province overview for its staff from the summary rows, equal to a raw count', async () => {
    const staff = await t.login('bench3_tinh', BENCH_PASSWORD);
    const res = await staff.get(`/api/org-units/${result.rootId}/overview?from=2022-01&to=2026-10`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals.cells.numerator).toBe(40);
    expect(body.total).toBe(
      await count('SELECT count(*)::int AS n FROM org_units WHERE parent_id = $1', [result.rootId]),
    );
    const [raw] = await t.db.query<{ present: number; base: number }>(
      `SELECT count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early'))::int AS present, count(*)::int AS base
         FROM attendance a JOIN meetings m ON m.id = a.meeting_id
        WHERE a.category = 'member' AND NOT a.away AND m.status = 'held' AND m.kind IN ('regular', 'combined')
          AND m.series_period BETWEEN '2022-01' AND '2026-10'`,
    );
    expect(body.totals.attendance.numerator).toBe(raw!.present);
    expect(body.totals.attendance.denominator).toBe(raw!.base);
  });

  it('refuses a database that already holds units, and --force beside anything but bench provinces', async () => {
    await expect(
      generateBenchData(t.db, { cells: 40, years: 5, seed: 4, force: false, today: TODAY }),
    ).rejects.toThrow(/Cơ sở dữ liệu đã có \d+ đơn vị/);
    await expect(
      generateBenchData(t.db, { cells: 40, years: 5, seed: 3, force: true, today: TODAY }),
    ).rejects.toThrow(/Đã có tỉnh thử tải với --seed 3/);
    const [other] = await t.db.query<{ id: number }>(
      "INSERT INTO org_units (parent_id, path, name, kind, code) VALUES (NULL, '/x/', 'Đảng bộ thật', 'dang_bo_tinh', 'BT') RETURNING id",
    );
    await t.db.query("UPDATE org_units SET path = '/' || id || '/' WHERE id = $1", [other!.id]);
    await expect(
      generateBenchData(t.db, { cells: 40, years: 5, seed: 5, force: true, today: TODAY }),
    ).rejects.toThrow(/không phải dữ liệu thử tải/);
    expect(await count('SELECT count(*)::int AS n FROM org_units WHERE code LIKE $1', ['BENCH.5%'])).toBe(0);
  });
});
