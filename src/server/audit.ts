import type { Executor } from '../db/executor.js';
import type { Actor } from './access.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgUnitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit row. Call it with the same `tx` as the change (house rule 4), so a change
 * and its audit row commit or roll back together. The unit's path is copied so the log of a
 * subtree is one prefix query even after the unit moves.
 */
export async function audit(
  tx: Executor,
  actor: Pick<Actor, 'userId'> | null,
  entry: AuditEntry,
  ip?: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, org_path, before, after, ip)
     VALUES ($1, $2, $3, $4, $5, (SELECT path FROM org_units WHERE id = $5), $6, $7, $8)`,
    [
      actor?.userId ?? null,
      entry.action,
      entry.entityType,
      entry.entityId == null ? null : String(entry.entityId),
      entry.orgUnitId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      ip ?? null,
    ],
  );
}
