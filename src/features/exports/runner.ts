/**
 * The export jobs of one app process (ADR 028): one job at a time, taken from the shared queue
 * when a job is created here and on a tick (jobs queued by another process, leases that lapsed),
 * and the sweep of expired files. `stop()` ends the job in hand at its next batch; its lease then
 * lapses and the next claim (this process after a restart, or another) starts it again.
 */
import type { Db } from '../../db/executor.js';
import { claimExportJob, runExportJob, sweepExpiredExports } from './service.js';

export interface ExportRunner {
  /** Looks for work now (after a job was queued). */
  kick(): void;
  /** Resolves when no job is in hand here and the queue had nothing left (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const runners = new WeakMap<Db, ExportRunner>();

/** The runner of the app that owns this database handle (tests wait on it). */
export function exportRunnerOf(db: Db): ExportRunner | undefined {
  return runners.get(db);
}

export function createExportRunner(
  db: Db,
  o: { dir: string; keepHours: number; tickMs?: number; onError?: (err: unknown) => void },
): ExportRunner {
  let stopped = false;
  let again = false;
  let current: Promise<void> | null = null;

  const loop = async () => {
    await sweepExpiredExports(db, o.dir).catch((err) => o.onError?.(err));
    while (!stopped) {
      again = false;
      const job = await claimExportJob(db);
      if (!job) {
        if (again) continue;
        return;
      }
      await runExportJob(db, job, { dir: o.dir, keepHours: o.keepHours, stopped: () => stopped }).catch(
        (err) => o.onError?.(err),
      );
    }
  };
  const kick = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = loop()
      .catch((err) => o.onError?.(err))
      .finally(() => {
        current = null;
      });
  };
  const tick = setInterval(kick, o.tickMs ?? 5000);
  tick.unref();

  const runner: ExportRunner = {
    kick,
    async idle() {
      while (current) await current;
    },
    async stop() {
      stopped = true;
      clearInterval(tick);
      await runner.idle();
    },
  };
  runners.set(db, runner);
  return runner;
}
