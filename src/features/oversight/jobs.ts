import type { Db } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { refreshAllCellMonths } from '../scoring/status.js';
import { runAlerts } from './alerts.js';

/** The periodic work of the oversight side: refresh this and last month's cell rows, then alerts. */
export async function runOversightJobs(db: Db, today = todayIso(), roots: string[] = ['/']) {
  const month = today.slice(0, 7);
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  const months = [d.toISOString().slice(0, 7), month];
  let rows = 0;
  for (const root of roots) rows += await db.transaction((tx) => refreshAllCellMonths(tx, months, root));
  const alerts = await runAlerts(db, today);
  return { statusRows: rows, ...alerts };
}

/** Runs the jobs now and then every `everyMs` in this process (safe with several processes). */
export function startOversightJobs(
  db: Db,
  onError: (err: unknown) => void,
  everyMs = 15 * 60_000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runOversightJobs(db);
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
