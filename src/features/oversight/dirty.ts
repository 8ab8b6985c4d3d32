/**
 * The queue of cell × month summary rows to rebuild (ADR 029): written in the transaction of a
 * change whose fact the rows count but which does not refresh them itself (a visit, a document,
 * a membership), drained set-based by the job (dirty-refresh.ts).
 */
import type { Executor } from '../../db/executor.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Queues the rows of `unitId` for `months` (YYYY-MM); a row already queued is queued again. */
export async function markDirty(
  ex: Executor,
  unitId: number,
  months: string | readonly string[],
): Promise<void> {
  const list = [...new Set(typeof months === 'string' ? [months] : months)].filter((m) => MONTH.test(m));
  if (list.length === 0) return;
  await ex.query(
    `INSERT INTO oversight_dirty (unit_id, month)
     SELECT $1, m FROM unnest($2::text[]) AS t(m)
     ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now()`,
    [unitId, list],
  );
}

/** Queues the row of the cell and local month of a day (`YYYY-MM-DD`, or an instant). */
export async function markDirtyDay(ex: Executor, unitId: number, day: string | Date): Promise<void> {
  const iso =
    typeof day === 'string'
      ? day.slice(0, 10)
      : new Date(day.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  await markDirty(ex, unitId, iso.slice(0, 7));
}

/**
 * Queues every month from the month of `from` (a day) to the month of `to` (a day, or today when
 * open) for a cell: a membership's span, whose members count it changes (only months that have a
 * row, and the last two).
 */
export async function markDirtySpan(
  ex: Executor,
  unitId: number,
  from: string,
  to: string | null,
): Promise<void> {
  await ex.query(
    `INSERT INTO oversight_dirty (unit_id, month)
     SELECT $1, to_char(g, 'YYYY-MM')
       FROM generate_series(date_trunc('month', $2::date), date_trunc('month', coalesce($3::date, current_date)), interval '1 month') g
      WHERE g >= date_trunc('month', current_date) - interval '1 month'
         OR EXISTS (SELECT 1 FROM cell_month_status s WHERE s.unit_id = $1 AND s.month = to_char(g, 'YYYY-MM'))
     ON CONFLICT (unit_id, month) DO UPDATE SET run_id = NULL, queued_at = now()`,
    [unitId, from, to],
  );
}
