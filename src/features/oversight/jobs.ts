import type { Db } from '../../db/executor.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { todayIso } from '../../domain/format.js';
import { refreshStaleGradingYears } from '../grading/grading-summary.js';
import { runAlerts } from './alerts.js';
import { rebuildSummaries } from './summary.js';

/**
 * The periodic work of the oversight side: rebuild this and last month's cell rows set-based (a
 * month turns from pending to missed by the calendar alone), their running counts and roll-ups,
 * then alerts.
 */
export async function runOversightJobs(db: Db, today = todayIso(), roots: string[] = ['/']) {
  const month = today.slice(0, 7);
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  const months = [d.toISOString().slice(0, 7), month];
  let rows = 0;
  for (const root of roots)
    rows += await db.transaction(
      async (tx) =>
        (await rebuildSummaries(tx, { rootPath: root, from: months[0]!, to: month, today })).cellRows,
    );
  // The grading summary (ADR 024): this year's rows once a day, last year's on its 31/12 snapshot.
  await db.transaction((tx) => refreshStaleGradingYears(tx, today));
  const alerts = await runAlerts(db, today);
  return { statusRows: rows, ...alerts };
}

export interface JobTimings {
  /** First run after start (ms). */
  firstMs?: number;
  /** Earlier retry when a run failed because the database was away (ms). */
  retryMs?: number;
  /** Called after each successful run (tests, debug logs). */
  onRun?: (out: Awaited<ReturnType<typeof runOversightJobs>>) => void;
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
