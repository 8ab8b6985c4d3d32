import type { Executor } from '../../db/executor.js';
import { audit } from '../../server/audit.js';
import { insertGrant, insertUser } from './service.js';

/**
 * Creates an admin account from the command line (production never ships a known password).
 * On an empty database it first creates the root unit so the admin has somewhere to start.
 */
export async function createAdmin(
  db: Executor,
  input: { username: string; password: string; displayName?: string; unitId?: number },
): Promise<{ userId: number; unitId: number }> {
  return db.transaction(async (tx) => {
    let unitId = input.unitId;
    if (!unitId) {
      const [root] = await tx.query<{ id: number }>(
        'SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1',
      );
      unitId = root?.id;
    }
    if (!unitId) {
      const [{ id }] = (await tx.query<{ id: number }>("SELECT nextval('org_units_id_seq')::int AS id")) as [
        { id: number },
      ];
      await tx.query(
        "INSERT INTO org_units (id, path, name, kind) VALUES ($1, $2, 'Đảng bộ (đơn vị gốc)', 'dang_bo_tinh')",
        [id, `/${id}/`],
      );
      unitId = id;
    }
    const userId = await insertUser(tx, {
      username: input.username,
      password: input.password,
      displayName: input.displayName ?? 'Quản trị hệ thống',
    });
    await insertGrant(tx, userId, 'admin', unitId);
    await audit(tx, null, {
      action: 'user.create_admin',
      entityType: 'user',
      entityId: userId,
      orgUnitId: unitId,
    });
    return { userId, unitId };
  });
}
