/**
 * Writes the member list of a subtree on a date as a streamed workbook (ADR 028): batches of
 * BATCH_ROWS members read by keyset, one statement each, every row committed as it is added, and
 * a turn of the event loop between batches so that other requests interleave (on PGlite the one
 * connection is free between two batches). Memory is bounded by one batch, whatever the size.
 */
import type { Writable } from 'node:stream';
import type { Executor } from '../../db/executor.js';
import { openMembersXlsxStream } from '../../documents/members-xlsx-stream.js';
import { safeFileName } from '../../domain/vietnamese.js';
import type { UnitRow } from '../org/service.js';
import { type ExportViewer, type Keyset, readMemberBatch, viewerScopes } from './member-rows.js';

/** Rows per statement (one keyset batch). */
export const BATCH_ROWS = 1000;
/** Rows written between two turns of the event loop. */
export const SLICE_ROWS = 100;

export function membersFileName(unit: Pick<UnitRow, 'name'>, date: string): string {
  return safeFileName(`Danh sach dang vien - ${unit.name} - ${date}.xlsx`);
}

export interface WriteMembersOptions {
  unit: Pick<UnitRow, 'id' | 'name' | 'path' | 'parent_id'>;
  date: string;
  viewer: ExportViewer;
  target: { filename: string } | { stream: Writable };
  batchRows?: number;
  /**
   * After each batch with the rows written so far; may renew a lease. Returning false stops the
   * export (the lease was lost) and the promise rejects with ExportStopped.
   */
  onBatch?: (rowsDone: number) => Promise<boolean | undefined> | boolean | undefined;
}

export class ExportStopped extends Error {
  override name = 'ExportStopped';
}

/** Streams the whole list to the target and resolves with the number of members written. */
export async function writeMembersXlsx(ex: Executor, o: WriteMembersOptions): Promise<number> {
  const [parent] = o.unit.parent_id
    ? await ex.query<{ name: string }>('SELECT name FROM org_units WHERE id = $1', [o.unit.parent_id])
    : [];
  const out = openMembersXlsxStream(o.target, {
    title: 'DANH SÁCH ĐẢNG VIÊN',
    unitName: o.unit.name,
    parentName: parent?.name,
    asOf: o.date,
  });
  const scopes = viewerScopes(o.viewer);
  const limit = o.batchRows ?? BATCH_ROWS;
  const read = (after: Keyset | null) =>
    readMemberBatch(ex, { unitPath: o.unit.path, date: o.date, after, limit, scopes });
  let batch = await read(null);
  for (;;) {
    // The next batch is read by the database while this one is written here (on PostgreSQL the
    // two overlap; on PGlite they take turns, as before).
    const next = batch.next ? read(batch.next) : null;
    // A rejection is taken by the await below; until then it must not count as unhandled.
    next?.catch(() => {});
    // Rows in slices with a turn of the event loop between them: no request waits on more than
    // SLICE_ROWS rows of XML (measured: a whole batch of 1.000 held the loop for up to 0,65 s).
    for (let i = 0; i < batch.rows.length; i++) {
      out.add(batch.rows[i]!);
      if ((i + 1) % SLICE_ROWS === 0) await out.drain();
    }
    if ((await o.onBatch?.(out.count)) === false) throw new ExportStopped();
    await out.drain();
    if (!next) break;
    batch = await next;
  }
  await out.finish();
  return out.count;
}
