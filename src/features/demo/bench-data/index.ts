/**
 * `chibo bench-data`: a realistic province written into the configured database for load tests
 * (issue 9, ADR 021): the tree (tree.ts), its members (people.ts, batches of 5,000), five years of
 * meetings with attendance and tasks (meetings.ts) and the quality side (quality.ts), all
 * set-based, then the summary rows by `rebuildSummaries`. Each phase prints one line with its
 * counts and seconds. Refuses a database holding org units, except other bench provinces with
 * `--force`.
 */
import { performance } from 'node:perf_hooks';
import type { Executor } from '../../../db/executor.js';
import { formatNumber, todayIso } from '../../../domain/format.js';
import { rulePackFor } from '../../../rules/index.js';
import { audit } from '../../../server/audit.js';
import { refreshAllMemberCounts } from '../../members/member-counts.js';
import { rebuildSummaries } from '../../oversight/summary.js';
import { addMonths } from '../dates.js';
import {
  type BenchContext,
  insertAttendance,
  insertMeetings,
  insertSeries,
  insertTasks,
  insertThematicPlans,
  updateAttendanceSummary,
} from './meetings.js';
import { writeMembers } from './people.js';
import {
  confirmScores,
  insertAccounts,
  insertAlerts,
  insertRecommendations,
  insertScores,
  insertVisits,
} from './quality.js';
import { BenchSql } from './sql.js';
import { BENCH_CODE, buildBenchTree } from './tree.js';

export const DEFAULT_CELLS = 9600;
export const BENCH_PASSWORD = 'chibo-bench';

export interface BenchOptions {
  cells: number;
  years: number;
  seed: number;
  force: boolean;
  /** Local date the history ends at (its month is the current one); today by default. */
  today?: string;
  password?: string;
}

export class BenchRefusal extends Error {}

/** Parses the command's flags (`--cells`, `--scale`, `--years`, `--seed`, `--force`); Vietnamese errors. */
export function benchOptionsFrom(values: {
  cells?: string;
  scale?: string;
  years?: string;
  seed?: string;
  force?: boolean;
}): BenchOptions {
  const num = (v: string | undefined, flag: string, min: number, max: number, int = true) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || (int && !Number.isInteger(n)) || n < min || n > max)
      throw new BenchRefusal(
        `--${flag} phải là số ${int ? 'nguyên ' : ''}từ ${formatNumber(min)} đến ${formatNumber(max)}.`,
      );
    return n;
  };
  const scale = num(values.scale, 'scale', 0.001, 10, false);
  const cells =
    num(values.cells, 'cells', 1, 100_000) ?? Math.max(1, Math.round(DEFAULT_CELLS * (scale ?? 1)));
  return {
    cells,
    years: num(values.years, 'years', 1, 10) ?? 5,
    seed: num(values.seed, 'seed', 1, 1_000_000) ?? 1,
    force: values.force ?? false,
  };
}

export interface BenchResult {
  rootId: number;
  rootPath: string;
  units: number;
  cells: number;
  members: number;
  meetings: number;
  attendance: number;
  tasks: number;
  taskOwners: number;
  visits: number;
  accounts: number;
  months: string[];
  seconds: number;
  phases: Record<string, number>;
}

/** The guard: an empty database, or with `force` one holding only bench provinces of other seeds. */
async function assertWritable(ex: Executor, opts: BenchOptions): Promise<void> {
  const roots = await ex.query<{ code: string | null; n: number }>(
    'SELECT code, (SELECT count(*) FROM org_units)::int AS n FROM org_units WHERE parent_id IS NULL',
  );
  if (roots.length === 0) return;
  const total = roots[0]!.n;
  if (!opts.force)
    throw new BenchRefusal(
      `Cơ sở dữ liệu đã có ${formatNumber(total)} đơn vị: không ghi dữ liệu thử tải vào đây. Hãy dùng một cơ sở dữ liệu trống riêng (DATABASE_URL hoặc DATA_DIR khác).`,
    );
  if (roots.some((r) => !r.code?.startsWith(`${BENCH_CODE}.`)))
    throw new BenchRefusal(
      'Cơ sở dữ liệu có đơn vị không phải dữ liệu thử tải: --force chỉ cho phép thêm tỉnh thử tải bên cạnh các tỉnh thử tải khác.',
    );
  if (roots.some((r) => r.code === `${BENCH_CODE}.${opts.seed}`))
    throw new BenchRefusal(`Đã có tỉnh thử tải với --seed ${opts.seed}: hãy chọn --seed khác.`);
}

export async function generateBenchData(
  db: Executor,
  opts: BenchOptions,
  print: (line: string) => void = () => {},
): Promise<BenchResult> {
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>, describe: (r: T) => string): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    const s = (performance.now() - t) / 1000;
    phases[name] = Number(s.toFixed(2));
    print(`[bench-data] ${name}: ${describe(r)} (${formatNumber(s, 1)} giây)`);
    return r;
  };
  const n = (x: number) => formatNumber(x);

  await assertWritable(db, opts);
  const today = opts.today ?? todayIso();
  const current = today.slice(0, 7);
  const months = Array.from({ length: opts.years * 12 }, (_, i) =>
    addMonths(`${current}-01`, i - opts.years * 12 + 1).slice(0, 7),
  );
  const windowStart = `${months[0]}-01`;
  const prefix = `bench${opts.seed}_`;
  print(
    `[bench-data] Tạo tỉnh thử tải: ${n(opts.cells)} chi bộ, ${opts.years} năm (${months[0]} đến ${current}), seed ${opts.seed}`,
  );

  // 1. The tree.
  const tree = buildBenchTree({ cells: opts.cells, seed: opts.seed });
  const units = await phase(
    'Đơn vị',
    async () => {
      const ids = (
        await db.query<{ id: number }>(
          "SELECT nextval('org_units_id_seq')::int AS id FROM generate_series(1, $1)",
          [tree.length],
        )
      ).map((r) => r.id);
      const paths: string[] = [];
      for (const u of tree)
        paths.push(`${u.parentIndex === null ? '/' : paths[u.parentIndex]}${ids[u.index]}/`);
      for (let i = 0; i < tree.length; i += 5000) {
        const part = tree.slice(i, i + 5000);
        await db.query(
          `INSERT INTO org_units (id, parent_id, path, name, kind, cell_type, code, sort_order)
           SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
          [
            part.map((u) => ids[u.index]),
            part.map((u) => (u.parentIndex === null ? null : ids[u.parentIndex])),
            part.map((u) => paths[u.index]),
            part.map((u) => u.name),
            part.map((u) => u.kind),
            part.map((u) => u.cellType),
            part.map((u) => u.code),
            part.map((u) => u.index),
          ],
        );
      }
      return { ids, paths };
    },
    () => {
      const count = (k: string) => tree.filter((u) => u.kind === k).length;
      return `${n(tree.length)} đơn vị (${n(count('dang_bo_co_so'))} đảng bộ cơ sở, ${n(count('dang_bo_bo_phan'))} đảng bộ bộ phận, ${n(count('chi_bo') + count('chi_bo_co_so'))} chi bộ)`;
    },
  );
  const rootId = units.ids[0]!;
  const root = units.paths[0]!;
  const pack = rulePackFor([], today);
  const c: BenchContext = { sql: new BenchSql(opts.seed), root, months, today, pack };
  const cells = tree
    .filter((u) => u.size > 0)
    .map((u) => ({ id: units.ids[u.index]!, name: u.name, cellType: u.cellType!, size: u.size }));

  // 2. Members, memberships and status periods.
  const people = await phase(
    'Đảng viên',
    () => writeMembers(db, cells, { seed: opts.seed, today, windowStart }),
    (p) =>
      `${n(p.members)} (dự bị ${n(p.probationary)}, miễn sinh hoạt ${n(p.exempted)}, chuyển sinh hoạt tạm thời ${n(p.temporaryOut)}, chuyển đến ${n(p.transferredIn)}, chuyển đi ${n(p.transferredOut)}, ra khỏi Đảng ${n(p.removed)}, đảng viên 213 ${n(p.contact213)})`,
  );
  await analyze(db, ['org_units', 'members', 'memberships', 'member_status_periods']);
  const accounts = await phase(
    'Tài khoản',
    () => insertAccounts(db, c, prefix, opts.password ?? BENCH_PASSWORD),
    (a) => `${n(a)} tài khoản (${prefix}tinh, ${prefix}vp…, ${prefix}gs…)`,
  );

  // 3. Meetings.
  await phase(
    'Lịch sinh hoạt và kế hoạch chuyên đề',
    async (): Promise<[number, number]> => [await insertSeries(db, c), await insertThematicPlans(db, c)],
    ([s, t]) => `${n(s)} lịch, ${n(t)} chuyên đề`,
  );
  const meetings = await phase(
    'Buổi sinh hoạt',
    () => insertMeetings(db, c),
    (x) => `${n(x)} buổi`,
  );
  await analyze(db, ['meetings', 'meeting_series', 'thematic_plans']);
  let attendance = 0;
  let tasks = 0;
  let owners = 0;
  // A year of months per statement, so no statement holds the whole history (PGlite: one connection).
  for (let i = 0; i < months.length; i += 12) {
    const from = months[i]!;
    const to = months[Math.min(i + 11, months.length - 1)]!;
    attendance += await phase(
      `Điểm danh ${from}..${to}`,
      async () => {
        const a = await insertAttendance(db, c, from, to);
        await updateAttendanceSummary(db, c, from, to);
        return a;
      },
      (a) => `${n(a)} dòng`,
    );
  }
  await analyze(db, ['attendance', 'meetings']);
  for (let i = 0; i < months.length; i += 12) {
    const from = months[i]!;
    const to = months[Math.min(i + 11, months.length - 1)]!;
    const r = await phase(
      `Nhiệm vụ ${from}..${to}`,
      () => insertTasks(db, c, from, to),
      (t) => `${n(t.tasks)} nhiệm vụ, ${n(t.owners)} người thực hiện`,
    );
    tasks += r.tasks;
    owners += r.owners;
  }

  // 4. Quality.
  const visits = await phase(
    'Giám sát',
    () => insertVisits(db, c),
    (v) => `${n(v)} lượt giám sát`,
  );
  await phase(
    'Chấm điểm',
    () => insertScores(db, c),
    (s) => `${n(s.cell)} điểm chi bộ tự chấm, ${n(s.supervisor)} điểm cấp trên`,
  );
  await phase(
    'Xác nhận và niêm phong điểm',
    () => confirmScores(db, c),
    (x) => `${n(x)} điểm`,
  );
  await phase(
    'Kiến nghị và cảnh báo',
    async (): Promise<[number, number]> => [await insertRecommendations(db, c), await insertAlerts(db, c)],
    ([r, a]) => `${n(r)} kiến nghị, ${n(a)} cảnh báo đang mở`,
  );
  await analyze(db, ['tasks', 'task_owners', 'meeting_scores', 'supervision_visits']);

  // 5. Summary rows (ADR 021), as the job rebuilds them: one set-based call over the province
  // (rebuildSummaries refreshes the planner's statistics after its bulk insert, ADR 021).
  await phase(
    'Dòng tổng hợp (rebuildSummaries)',
    async () => {
      const [root] = await db.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [rootId]);
      return rebuildSummaries(db, { rootPath: root!.path, from: months[0]!, to: current, today });
    },
    (r) => `${n(r.cellRows)} dòng chi bộ × tháng, ${n(r.rollupRows)} dòng cộng dồn`,
  );
  await analyze(db, ['cell_month_status', 'unit_month_rollup']);
  await refreshAllMemberCounts(db, today); // today's member counts (ADR 027)
  await audit(db, null, {
    action: 'demo.seed',
    entityType: 'org_unit',
    entityId: rootId,
    orgUnitId: rootId,
    after: {
      benchData: true,
      cells: cells.length,
      members: people.members,
      years: opts.years,
      seed: opts.seed,
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  print(
    `[bench-data] Xong sau ${formatNumber(seconds, 1)} giây. Đơn vị gốc #${rootId}; mật khẩu các tài khoản: ${opts.password ?? BENCH_PASSWORD}`,
  );
  return {
    rootId,
    rootPath: root,
    units: tree.length,
    cells: cells.length,
    members: people.members,
    meetings,
    attendance,
    tasks,
    taskOwners: owners,
    visits,
    accounts,
    months,
    seconds,
    phases,
  };
}

/** Fresh statistics for the planner after a bulk phase; skipped where the role may not (not the owner). */
async function analyze(ex: Executor, tables: string[]) {
  for (const t of tables) await ex.exec(`ANALYZE ${t}`).catch(() => undefined);
}
