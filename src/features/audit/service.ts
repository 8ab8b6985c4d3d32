import type { Executor } from '../../db/executor.js';
import { type Actor, can, isAdmin } from '../../server/access.js';
import { type ChangeRow, labelledChanges } from './changes.js';
import { collectRefs, type Names, resolveNames } from './names.js';
import { describe } from './sentences.js';

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_unit_id: number | null;
  org_path: string | null;
  unit_name: string | null;
  actor_name: string | null;
  actor_username: string | null;
  before: unknown;
  after: unknown;
  total: number;
}

export interface AuditQuery {
  entityType?: string;
  limit: number;
  offset: number;
}

/** One page of a subtree's log, newest first, with the total for the pager (no silent cap). */
export async function auditPage(ex: Executor, unitPath: string, q: AuditQuery) {
  const params: unknown[] = [`${unitPath}%`, q.limit, q.offset];
  const typeCond = q.entityType ? `AND a.entity_type = $${params.push(q.entityType)}` : '';
  const rows = await ex.query<AuditRow>(
    `SELECT a.id, a.at, a.action, a.entity_type, a.entity_id, a.org_unit_id, a.org_path, u.name AS unit_name,
            us.display_name AS actor_name, us.username AS actor_username, a.before, a.after,
            count(*) OVER ()::int AS total
       FROM audit_log a LEFT JOIN org_units u ON u.id = a.org_unit_id LEFT JOIN users us ON us.id = a.actor_user_id
      WHERE a.org_path LIKE $1 ${typeCond}
      ORDER BY a.at DESC, a.id DESC LIMIT $2 OFFSET $3`,
    params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export interface AuditEntryDto {
  id: number;
  at: string;
  entityType: string;
  entityId: string | null;
  orgUnitId: number | null;
  orgUnitName: string | null;
  actor: { username: string; displayName: string | null } | null;
  /** Short Vietnamese name of the action ("Thông qua biên bản"). */
  actionLabel: string;
  /** Who did what to which named object, in one Vietnamese sentence. */
  summary: string;
  changes: ChangeRow[];
  /** The row as written (action code, before/after JSON): administrators only. */
  raw?: { action: string; before: unknown; after: unknown };
}

/**
 * Presents one row for this actor. Personal numbers are masked unless the actor may read them
 * where the row belongs; the raw payload (which holds them unmasked) goes to administrators only.
 */
export function presentEntry(actor: Actor, x: AuditRow, names: Names): AuditEntryDto {
  const path = x.org_path ?? '';
  const rights = {
    identity: path !== '' && can(actor, 'member.readIdentity', path),
    contact: path !== '' && can(actor, 'member.readContact', path),
  };
  const source = { action: x.action, entityType: x.entity_type, before: x.before, after: x.after };
  const changes = labelledChanges(source, names, rights);
  const actorRef = x.actor_username ? { username: x.actor_username, displayName: x.actor_name } : null;
  const { actionLabel, summary } = describe(
    { ...source, entityId: x.entity_id, orgUnitName: x.unit_name, actor: actorRef },
    names,
    changes,
  );
  return {
    id: Number(x.id),
    at: new Date(x.at).toISOString(),
    entityType: x.entity_type,
    entityId: x.entity_id,
    orgUnitId: x.org_unit_id,
    orgUnitName: x.unit_name,
    actor: actorRef,
    actionLabel,
    summary,
    changes,
    ...(isAdmin(actor) ? { raw: { action: x.action, before: x.before, after: x.after } } : {}),
  };
}

/** The page, named: one query for the rows, then one per kind of object they mention. */
export async function listAudit(ex: Executor, actor: Actor, unitPath: string, q: AuditQuery) {
  const { rows, total } = await auditPage(ex, unitPath, q);
  const names = await resolveNames(
    ex,
    collectRefs(
      rows.map((r) => ({
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
      })),
    ),
  );
  return { items: rows.map((r) => presentEntry(actor, r, names)), total };
}
