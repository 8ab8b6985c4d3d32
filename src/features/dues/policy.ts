/**
 * Who may read and keep the dues ledger (ADR 024): `dues.read` / `dues.manage` on the unit's
 * path; a member reads their own dues (`actor.memberId`) and nobody else's. Outside scope → 404.
 */
import type { Executor } from '../../db/executor.js';
import { type Actor, authorize } from '../../server/access.js';
import { AppError } from '../../server/errors.js';
import { visibleMember } from '../members/service.js';
import { isCellKind } from '../org/labels.js';
import { type UnitRow, visibleUnit } from '../org/service.js';

/** A unit whose dues the actor may read (404 outside scope, 403 without dues.read). */
export async function unitForDuesRead(ex: Executor, actor: Actor, id: number): Promise<UnitRow> {
  const unit = await visibleUnit(ex, actor, id);
  authorize(actor, 'dues.read', unit.path);
  return unit;
}

/** A cell whose ledger the actor keeps; a unit that is not a cell answers 400. */
export async function cellForDuesWrite(ex: Executor, actor: Actor, id: number): Promise<UnitRow> {
  const unit = await visibleUnit(ex, actor, id);
  authorize(actor, 'dues.manage', unit.path);
  if (!isCellKind(unit.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Chỉ chi bộ mới ghi sổ thu, nộp đảng phí của đảng viên.', {
      field: 'id',
    });
  }
  if (unit.archived_at) throw new AppError('UNIT_ARCHIVED');
  return unit;
}

/** A member whose dues the actor may read: themself, or with dues.read over the member's cell. */
export async function memberForDuesRead(ex: Executor, actor: Actor, id: number) {
  const m = await visibleMember(ex, actor, id);
  if (actor.memberId !== m.id) authorize(actor, 'dues.read', m.unit_path, 'đảng viên');
  return m;
}

/** A member whose dues base the actor may set (dues.manage over the member's cell). */
export async function memberForDuesWrite(ex: Executor, actor: Actor, id: number) {
  const m = await visibleMember(ex, actor, id);
  authorize(actor, 'dues.manage', m.unit_path, 'đảng viên');
  return m;
}
