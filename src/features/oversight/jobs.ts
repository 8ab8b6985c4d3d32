import type { Db } from '../../db/executor.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { todayIso } from '../../domain/format.js';
import { refreshStaleGradingYears } from '../grading/grading-summary.js';
import { refreshMemberCountsIfStale } from '../members/member-counts.js';
import { runAlerts } from './alerts.js';
import { drainDirty, queueCalendarTurn } from './dirty-refresh.js';
import { rebuildSummaries } from './summary.js';

/** The advisory lock key of the oversight job (one run at a time across processes). */
export const OVERSIGHT_JOB_LOCK = 727026;

export interface OversightRun {
  /** Cell × month summary rows written. */
  statusRows: number;
  opened: number;
  resolved: number;
  /** Open alerts under the roots. */
  open: number;
  /** The periodic run found another process's run in progress and did nothing. */
  skipped: boolean;
}

/**
 * The work of the oversight side, in one transaction (ADR 029).
 *
 * Periodic (`roots` = `['/']`): skipped when another run holds the lock (`pg_try_advisory_xact_lock`);
 * the calendar's turn queues the rows the date changes, the dirty queue is drained set-based
 * (rows, running counts, roll-ups of the cells and their ancestors), the grading summary and the
 * member counts are refreshed when the day turned, then the alerts of the whole tree.
 *
 * On demand (`roots` = the caller's subtrees): waits for the lock (`pg_advisory_xact_lock`), then
 * for each root rebuilds this and last month of its cells with the roll-ups of its ancestors (as
 * before), drains the queue under it and runs its alerts: nothing outside the roots changes but
 * their ancestors' roll-ups.
 */
export async function runOversightJobs(
  db: Db,
  today = todayIso(),
  roots: readonly string[] = ['/'],
): Promise<OversightRun> {
  const periodic = roots.length === 1 && roots[0] === '/';
  return db.transaction(async (tx) => {
    if (periodic) {
      const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
        OVERSIGHT_JOB_LOCK,
      ]);
      if (!lock?.ok) {
        const [row] = await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM alerts WHERE resolved_at IS NULL',
        );
        return { statusRows: 0, opened: 0, resolved: 0, open: row?.n ?? 0, skipped: true };
      }
    } else await tx.query('SELECT pg_advisory_xact_lock($1)', [OVERSIGHT_JOB_LOCK]);
    // The job's statements are planned with large costs: JIT compiling them costs seconds a run
    // (4,5 s of a ward's 4,6 s on the bench database, ADR 029) and saves nothing here.
    await tx.query('SET LOCAL jit = off');
    let statusRows = 0;
    if (periodic) {
      await queueCalendarTurn(tx, today);
      statusRows = await drainDirty(tx, today);
    } else {
      const month = today.slice(0, 7);
      const d = new Date(`${month}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - 1);
      const from = d.toISOString().slice(0, 7);
      for (const root of roots) {
        statusRows += await drainDirty(tx, today, root);
        statusRows += (await rebuildSummaries(tx, { rootPath: root, from, to: month, today })).cellRows;
      }
    }
    // The grading summary (ADR 024): this year's rows once a day, last year's on its 31/12 snapshot.
    await refreshStaleGradingYears(tx, today);
    await refreshMemberCountsIfStale(tx, today);
    const alerts = await runAlerts(tx, today, roots);
    return { statusRows, ...alerts, skipped: false };
  });
}

export interface JobTimings {
  /** First run after start (ms). */
  firstMs?: number;
  /** Earlier retry when a run failed because the database was away (ms). */
  retryMs?: number;
  /** Called after each successful run (tests, debug logs). */
  onRun?: (out: OversightRun) => void;
}

/**
 * Runs the jobs shortly after start and then every `everyMs` in this process (safe with several
 * processes). A failed run is reported and the loop goes on; when the database was away (restart,
 * failover) it tries again after `retryMs` instead of waiting a whole period.
 */
export function startOversightJobs(
  db: Db,
  onError: (err: unknown) => void,
  everyMs = 15 * 60_000,
  { firstMs = 5_000, retryMs = 60_000, onRun }: JobTimings = {},
): () => void {
  let running = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    clearTimeout(retry);
    try {
      const out = await runOversightJobs(db);
      onRun?.(out);
    } catch (err) {
      onError(err);
      if (isDatabaseUnavailable(err) && !stopped) {
        retry = setTimeout(tick, retryMs);
        retry.unref();
      }
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, firstMs);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearTimeout(retry);
    clearInterval(timer);
  };
}
