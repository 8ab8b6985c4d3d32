import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { countExportMembers } from '../exports/member-rows.js';
import { membersFileName, writeMembersXlsx } from '../exports/members-writer.js';
import { findUnit, type UnitRow } from '../org/service.js';

/** The largest list `GET /members.xlsx` answers at once when the caller gives no bound (ADR 028). */
export const DEFAULT_SYNC_MAX_ROWS = 5000;

/**
 * The member list of a unit (its whole subtree) on a date as .xlsx, in the import's own column
 * layout, for the direct download: at most `maxRows` members (EXPORT_SYNC_MAX_ROWS), above it a
 * 413 EXPORT_TOO_LARGE that names the background export — never a cut list. The rows stream
 * through the same writer as the background job (batches by keyset, statuses in SQL); the
 * bounded result is collected for the reply. Fields the viewer may not see are left out (no actor:
 * every field, for the operator's scripts). Every
 * export is audited (personal data leaves the system): who, which unit, how many people.
 */
export async function buildMembersXlsx(
  ex: Executor,
  actor: Actor | null,
  unit: UnitRow,
  date: string,
  ip?: string,
  maxRows: number = DEFAULT_SYNC_MAX_ROWS,
) {
  const total = await countExportMembers(ex, unit.path, date);
  if (total > maxRows) {
    throw new AppError('EXPORT_TOO_LARGE', undefined, { rows: total, maxRows });
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const count = await writeMembersXlsx(ex, {
    unit,
    date,
    viewer: actor ? { kind: 'actor', actor } : { kind: 'all' },
    target: { stream: sink },
  });
  await finished(sink);
  const bytes = Buffer.concat(chunks);
  const fileName = membersFileName(unit, date);
  await audit(
    ex,
    actor,
    {
      action: 'member.export',
      entityType: 'org_unit',
      entityId: unit.id,
      orgUnitId: unit.id,
      after: { date, count, fileName },
    },
    ip,
  );
  return { bytes, count, fileName };
}

/**
 * `chibo export-members`: the operator's export of a whole subtree, streamed to `out` without
 * any limit (every field; the operator holds the database anyway). Audited without an actor.
 */
export async function exportMembersFile(
  ex: Executor,
  input: { unitId: number; date?: string; out?: string },
): Promise<{ count: number; fileName: string; path: string }> {
  const unit = await findUnit(ex, input.unitId);
  if (!unit) throw notFound('đơn vị');
  const date = input.date ?? todayIso();
  const fileName = membersFileName(unit, date);
  const target = input.out ?? fileName;
  const file = createWriteStream(target);
  const count = await writeMembersXlsx(ex, { unit, date, viewer: { kind: 'all' }, target: { stream: file } });
  await finished(file);
  await audit(ex, null, {
    action: 'member.export',
    entityType: 'org_unit',
    entityId: unit.id,
    orgUnitId: unit.id,
    after: { date, count, fileName },
  });
  return { count, fileName, path: target };
}
