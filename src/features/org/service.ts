import type { Executor } from '../../db/executor.js';
import { normalizeText } from '../../domain/vietnamese.js';
import { DEFAULT_PACK_ID, type RulePack } from '../../rules/index.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, authorize, can, scopePrefixes } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { refreshMemberCounts } from '../members/member-counts.js';
import { refreshAfterArchive, refreshAfterMove } from '../oversight/summary.js';
import { type CellType, isCellKind, type UnitKind } from './labels.js';

export interface UnitRow {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  kind: UnitKind;
  cell_type: CellType | null;
  code: string | null;
  rule_pack: string | null;
  sort_order: number;
  archived_at: Date | null;
}

export const UNIT_COLS =
  'id, parent_id, path, name, kind, cell_type, code, rule_pack, sort_order, archived_at';

export async function findUnit(ex: Executor, id: number): Promise<UnitRow | undefined> {
  const [u] = await ex.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units WHERE id = $1`, [id]);
  return u;
}

/** Loads a unit the actor may read, or answers 404 exactly as if it did not exist. */
export async function visibleUnit(ex: Executor, actor: Actor, id: number): Promise<UnitRow> {
  const u = await findUnit(ex, id);
  if (!u || !can(actor, 'unit.read', u.path)) throw notFound('đơn vị');
  return u;
}

export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Ancestors (root first) of a unit, limited to those the actor can see. */
export async function visibleAncestors(ex: Executor, actor: Actor, unit: UnitRow): Promise<UnitRow[]> {
  const ids = pathIds(unit.path).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await ex.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units WHERE id = ANY($1::int[])`, [ids]);
  return rows.filter((r) => can(actor, 'unit.read', r.path)).sort((a, b) => a.path.length - b.path.length);
}

export async function listChildren(
  ex: Executor,
  parentId: number,
  includeArchived: boolean,
): Promise<UnitRow[]> {
  return ex.query<UnitRow>(
    `SELECT ${UNIT_COLS} FROM org_units WHERE parent_id = $1 ${includeArchived ? '' : 'AND archived_at IS NULL'}
      ORDER BY sort_order, name`,
    [parentId],
  );
}

/** The top units of the actor's scope (the granted units, without nested duplicates). */
export async function scopeRoots(ex: Executor, actor: Actor): Promise<UnitRow[]> {
  const prefixes = scopePrefixes(actor, 'unit.read').map((p) => p.slice(0, -1));
  if (prefixes.length === 0) return [];
  return ex.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units WHERE path = ANY($1::text[]) ORDER BY path`, [
    prefixes,
  ]);
}

/** Every unit of a subtree (for the tree view), root first, ordered for display. */
export async function listSubtree(ex: Executor, root: UnitRow, includeArchived: boolean): Promise<UnitRow[]> {
  return ex.query<UnitRow>(
    `SELECT ${UNIT_COLS} FROM org_units WHERE path LIKE $1 ${includeArchived ? '' : 'AND archived_at IS NULL'}
      ORDER BY length(path) - length(replace(path, '/', '')), sort_order, name`,
    [`${root.path}%`],
  );
}

export interface CreateUnitInput {
  parentId: number;
  name: string;
  kind: UnitKind;
  cellType?: CellType | null;
  code?: string | null;
}

function checkCellType(kind: UnitKind, cellType: CellType | null | undefined) {
  if (isCellKind(kind) && !cellType) {
    throw new AppError('VALIDATION_FAILED', 'Chi bộ cần chọn loại hình chi bộ.', { field: 'cellType' });
  }
}

export async function createUnit(
  tx: Executor,
  actor: Actor,
  input: CreateUnitInput,
  ip?: string,
): Promise<UnitRow> {
  const parent = await visibleUnit(tx, actor, input.parentId);
  authorize(actor, 'unit.manage', parent.path);
  if (parent.archived_at) throw new AppError('UNIT_ARCHIVED');
  if (isCellKind(parent.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Không thể tạo đơn vị trực thuộc một chi bộ.', {
      field: 'parentId',
    });
  }
  checkCellType(input.kind, input.cellType);
  const [{ id }] = (await tx.query<{ id: number }>("SELECT nextval('org_units_id_seq')::int AS id")) as [
    { id: number },
  ];
  const [row] = await tx.query<UnitRow>(
    `INSERT INTO org_units (id, parent_id, path, name, kind, cell_type, code, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7,
             (SELECT coalesce(max(sort_order), -1) + 1 FROM org_units WHERE parent_id = $2)) RETURNING ${UNIT_COLS}`,
    [
      id,
      parent.id,
      `${parent.path}${id}/`,
      normalizeText(input.name),
      input.kind,
      isCellKind(input.kind) ? (input.cellType ?? null) : null,
      input.code ?? null,
    ],
  );
  await refreshMemberCounts(tx, [id]);
  await audit(
    tx,
    actor,
    { action: 'unit.create', entityType: 'org_unit', entityId: id, orgUnitId: id, after: row },
    ip,
  );
  return row!;
}

export interface UpdateUnitInput {
  name?: string;
  kind?: UnitKind;
  cellType?: CellType | null;
  code?: string | null;
  sortOrder?: number;
}

export async function updateUnit(
  tx: Executor,
  actor: Actor,
  id: number,
  input: UpdateUnitInput,
  ip?: string,
) {
  const before = await visibleUnit(tx, actor, id);
  authorize(actor, 'unit.manage', before.path);
  if (before.archived_at) throw new AppError('UNIT_ARCHIVED');
  const kind = input.kind ?? before.kind;
  const cellType = input.cellType === undefined ? before.cell_type : input.cellType;
  checkCellType(kind, cellType);
  const [after] = await tx.query<UnitRow>(
    `UPDATE org_units SET name = $2, kind = $3, cell_type = $4, code = $5, sort_order = $6, updated_at = now()
      WHERE id = $1 RETURNING ${UNIT_COLS}`,
    [
      id,
      input.name !== undefined ? normalizeText(input.name) : before.name,
      kind,
      isCellKind(kind) ? cellType : null,
      input.code === undefined ? before.code : input.code,
      input.sortOrder ?? before.sort_order,
    ],
  );
  await audit(
    tx,
    actor,
    { action: 'unit.update', entityType: 'org_unit', entityId: id, orgUnitId: id, before, after },
    ip,
  );
  return after!;
}

/** Moves a unit (and its whole subtree) under a new parent, rewriting paths in one statement. */
export async function moveUnit(tx: Executor, actor: Actor, id: number, newParentId: number, ip?: string) {
  const unit = await visibleUnit(tx, actor, id);
  const target = await visibleUnit(tx, actor, newParentId);
  authorize(actor, 'unit.manage', unit.path);
  authorize(actor, 'unit.manage', target.path);
  // The actor must also manage the unit's current parent: moving is removing from there.
  if (unit.parent_id === null) throw new AppError('FORBIDDEN', 'Không thể chuyển đơn vị gốc.');
  const parentPath = unit.path.slice(0, unit.path.slice(0, -1).lastIndexOf('/') + 1);
  if (!can(actor, 'unit.manage', parentPath)) throw new AppError('FORBIDDEN');
  if (target.path.startsWith(unit.path)) throw new AppError('UNIT_CYCLE');
  if (isCellKind(target.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Không thể chuyển đơn vị vào trong một chi bộ.', {
      field: 'parentId',
    });
  }
  if (target.archived_at) throw new AppError('UNIT_ARCHIVED');
  const newPath = `${target.path}${unit.id}/`;
  await tx.query(
    `UPDATE org_units SET path = $2 || substr(path, length($1) + 1), updated_at = now() WHERE path LIKE $1 || '%'`,
    [unit.path, newPath],
  );
  await tx.query('UPDATE org_units SET parent_id = $2 WHERE id = $1', [unit.id, target.id]);
  // Summary rows and roll-ups follow the unit to its new ancestors (ADR 021).
  await refreshAfterMove(tx, unit.path, newPath);
  // Member counts (ADR 027): the unit's new ancestors and, through the old parent, its old ones.
  await refreshMemberCounts(tx, [unit.id, unit.parent_id]);
  const after = await findUnit(tx, unit.id);
  await audit(
    tx,
    actor,
    {
      action: 'unit.move',
      entityType: 'org_unit',
      entityId: id,
      orgUnitId: id,
      before: { parentId: unit.parent_id, path: unit.path },
      after: { parentId: target.id, path: newPath },
    },
    ip,
  );
  return after!;
}

export async function setArchived(tx: Executor, actor: Actor, id: number, archived: boolean, ip?: string) {
  const unit = await visibleUnit(tx, actor, id);
  authorize(actor, 'unit.manage', unit.path);
  if (unit.parent_id === null) throw new AppError('FORBIDDEN', 'Không thể lưu trữ đơn vị gốc.');
  if (archived) {
    const [{ n }] = (await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM memberships ms JOIN org_units u ON u.id = ms.unit_id
        WHERE u.path LIKE $1 AND ms.valid_to IS NULL`,
      [`${unit.path}%`],
    )) as [{ n: number }];
    if (n > 0) {
      throw new AppError(
        'UNIT_HAS_ACTIVE_MEMBERS',
        `Đơn vị còn ${n} đảng viên đang sinh hoạt. Hãy chuyển sinh hoạt cho họ trước khi lưu trữ.`,
        { activeMembers: n },
      );
    }
  }
  await tx.query(
    `UPDATE org_units SET archived_at = ${archived ? 'now()' : 'NULL'}, updated_at = now() WHERE path LIKE $1`,
    [`${unit.path}%`],
  );
  await refreshAfterArchive(tx, unit.path, archived);
  await audit(
    tx,
    actor,
    {
      action: archived ? 'unit.archive' : 'unit.unarchive',
      entityType: 'org_unit',
      entityId: id,
      orgUnitId: id,
    },
    ip,
  );
  return (await findUnit(tx, id))!;
}

/** The rule pack in force for a unit on a date, inherited through all its ancestors. */
export async function rulePackForUnit(ex: Executor, path: string, date: string): Promise<RulePack> {
  const chain = await ex.query<{ rule_pack: string | null }>(
    'SELECT rule_pack FROM org_units WHERE id = ANY($1::int[]) ORDER BY length(path) DESC',
    [pathIds(path)],
  );
  const id = chain.find((x) => x.rule_pack)?.rule_pack ?? DEFAULT_PACK_ID;
  return packVersionFor(ex, id, date);
}
