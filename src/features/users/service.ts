import type { Executor } from '../../db/executor.js';
import { normalizeText } from '../../domain/vietnamese.js';
import {
  type AccountReach,
  type Actor,
  authorize,
  authorizeAccount,
  can,
  canManageAccount,
  grantableRoles,
  isAdmin,
  ROLE_LABELS,
  type Role,
} from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { assertRefusalBudget, ExistenceRefusal } from '../../server/refusals.js';
import { revokeApiTokensOf } from '../api-tokens/revoke-all.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/service.js';
import { findMember } from '../members/service.js';
import { findUnit } from '../org/service.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  member_id: number | null;
  is_active: boolean;
  last_login_at: Date | null;
}

const USERNAME = /^[a-z0-9._-]{3,40}$/;
/** One answer for a taken username, wherever its account is (ADR 015). */
const USERNAME_TAKEN_MESSAGE = 'Không dùng được tên đăng nhập này; hãy chọn tên khác.';

function normalizeUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch.',
      { field: 'username' },
    );
  }
  return username;
}

/** Inserts a user with no checks of the actor (CLI `create-admin`, demo seeding, and `createUser`). */
export async function insertUser(
  tx: Executor,
  input: { username: string; password: string; displayName: string; memberId?: number | null },
  opts: { enforcePasswordRule?: boolean } = {},
): Promise<number> {
  const username = normalizeUsername(input.username);
  // The demo accounts keep the documented password `chibo-demo`; every real account follows the rule.
  const problem = opts.enforcePasswordRule === false ? undefined : passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' });
  const [taken] = await tx.query('SELECT 1 FROM users WHERE username = $1', [username]);
  if (taken) throw new AppError('USERNAME_TAKEN', USERNAME_TAKEN_MESSAGE, { field: 'username' });
  const [row] = await tx.query<{ id: number }>(
    'INSERT INTO users (username, password_hash, display_name, member_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, await hashPassword(input.password), normalizeText(input.displayName), input.memberId ?? null],
  );
  return row!.id;
}

export async function insertGrant(
  tx: Executor,
  userId: number,
  role: Role,
  orgUnitId: number,
  period: { validFrom?: string | null; validTo?: string | null } = {},
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO role_grants (user_id, role, org_unit_id, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, role, org_unit_id) DO UPDATE SET valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
     RETURNING id`,
    [userId, role, orgUnitId, period.validFrom ?? null, period.validTo ?? null],
  );
  return row!.id;
}

/**
 * The units through which an account reaches data: every grant (whatever its period: a grant
 * that starts next month is a reach too) and the unit of its member record.
 */
export async function accountReach(ex: Executor, userIds: number[]): Promise<Map<number, AccountReach[]>> {
  const out = new Map<number, AccountReach[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await ex.query<{ user_id: number; path: string; role: Role | null }>(
    `SELECT g.user_id, u.path, g.role FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.user_id = ANY($1::int[])
     UNION ALL
     SELECT us.id, u.path, NULL FROM users us JOIN members m ON m.id = us.member_id JOIN org_units u ON u.id = m.unit_id
      WHERE us.id = ANY($1::int[])`,
    [userIds],
  );
  for (const r of rows) out.get(r.user_id)?.push({ role: r.role, path: r.path });
  return out;
}

async function loadUser(
  ex: Executor,
  id: number,
): Promise<(UserRow & { reach: AccountReach[] }) | undefined> {
  const [u] = await ex.query<UserRow>(
    'SELECT id, username, display_name, member_id, is_active, last_login_at FROM users WHERE id = $1',
    [id],
  );
  if (!u) return undefined;
  return { ...u, reach: (await accountReach(ex, [id])).get(id)! };
}

/** A user the actor may see: themself, or an account with a unit where the actor holds user.read (404 otherwise). */
export async function visibleUser(ex: Executor, actor: Actor, id: number) {
  const u = await loadUser(ex, id);
  if (!u) throw notFound('tài khoản');
  const self = actor.userId === id;
  const seen = u.reach.length === 0 ? isAdmin(actor) : u.reach.some((r) => can(actor, 'user.read', r.path));
  if (!self && !seen) throw notFound('tài khoản');
  return u;
}

/**
 * A user the actor may manage (every user command goes through here): the whole account must
 * lie within the actor's user.manage scope (`canManageAccount`); 404 when none of it is
 * visible, 403 when only part is.
 */
export async function manageableUser(ex: Executor, actor: Actor, id: number) {
  const u = await loadUser(ex, id);
  if (!u) throw notFound('tài khoản');
  authorizeAccount(actor, u.reach, actor.userId === id);
  return u;
}

/** Accounts with a grant or a member record in a subtree, each with whether the actor may manage it. */
export async function listUsersOfSubtree(ex: Executor, actor: Actor, rootPath: string) {
  const users = await ex.query<UserRow & { member_name: string | null }>(
    `SELECT DISTINCT us.id, us.username, us.display_name, us.member_id, us.is_active, us.last_login_at, m.full_name AS member_name
       FROM users us
       LEFT JOIN members m ON m.id = us.member_id
       LEFT JOIN org_units mu ON mu.id = m.unit_id
      WHERE mu.path LIKE $1
         OR EXISTS (SELECT 1 FROM role_grants g JOIN org_units gu ON gu.id = g.org_unit_id
                     WHERE g.user_id = us.id AND gu.path LIKE $1)
      ORDER BY us.username`,
    [`${rootPath}%`],
  );
  const ids = users.map((u) => u.id);
  const [grants, reach] = await Promise.all([grantsOf(ex, ids), accountReach(ex, ids)]);
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    memberId: u.member_id,
    memberName: u.member_name,
    active: u.is_active,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    grants: grants.filter((g) => g.userId === u.id),
    permissions: { canManage: canManageAccount(actor, reach.get(u.id) ?? []) },
  }));
}

export async function grantsOf(ex: Executor, userIds: number[]) {
  if (userIds.length === 0) return [];
  const rows = await ex.query<{
    id: number;
    user_id: number;
    role: Role;
    org_unit_id: number;
    name: string;
    valid_from: string | null;
    valid_to: string | null;
  }>(
    `SELECT g.id, g.user_id, g.role, g.org_unit_id, u.name, g.valid_from, g.valid_to FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.user_id = ANY($1::int[]) ORDER BY g.id`,
    [userIds],
  );
  return rows.map((g) => ({
    id: g.id,
    userId: g.user_id,
    role: g.role,
    roleLabel: ROLE_LABELS[g.role],
    orgUnitId: g.org_unit_id,
    orgUnitName: g.name,
    validFrom: g.valid_from,
    validTo: g.valid_to,
  }));
}

export interface GrantInput {
  role: Role;
  orgUnitId: number;
  validFrom?: string | null;
  validTo?: string | null;
}

/** Hands out one grant the actor may give (the unit in scope, the role below theirs) and audits it. */
async function grantTo(
  tx: Executor,
  actor: Actor,
  userId: number,
  g: GrantInput,
  field: string,
  ip?: string,
) {
  const unit = await findUnit(tx, g.orgUnitId);
  // The unit is the object of the grant: outside the actor's scope it is absent (404), as in a path.
  if (!unit || !can(actor, 'unit.read', unit.path)) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị được giao quyền.', { field });
  }
  if (!grantableRoles(actor, unit.path).includes(g.role)) throw new AppError('FORBIDDEN');
  if (g.validFrom && g.validTo && g.validTo < g.validFrom) {
    throw new AppError('VALIDATION_FAILED', 'Ngày kết thúc phân công phải sau ngày bắt đầu.', {
      field: 'validTo',
    });
  }
  const period = { validFrom: g.validFrom, validTo: g.validTo };
  const id = await insertGrant(tx, userId, g.role, unit.id, period);
  await audit(
    tx,
    actor,
    {
      action: 'user.grant',
      entityType: 'user',
      entityId: userId,
      orgUnitId: unit.id,
      after: { role: g.role, orgUnitId: unit.id, ...period },
    },
    ip,
  );
  return id;
}

/** Adds a grant to an account the actor manages as a whole. */
export async function addGrant(tx: Executor, actor: Actor, userId: number, g: GrantInput, ip?: string) {
  await manageableUser(tx, actor, userId);
  return grantTo(tx, actor, userId, g, 'orgUnitId', ip);
}

export async function removeGrant(tx: Executor, actor: Actor, userId: number, grantId: number, ip?: string) {
  await manageableUser(tx, actor, userId);
  const [g] = await tx.query<{ role: Role; org_unit_id: number; path: string }>(
    `SELECT g.role, g.org_unit_id, u.path FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.id = $1 AND g.user_id = $2`,
    [grantId, userId],
  );
  if (!g) throw notFound('quyền');
  await tx.query('DELETE FROM role_grants WHERE id = $1', [grantId]);
  await endSessionsOf(tx, userId);
  await audit(
    tx,
    actor,
    {
      action: 'user.revoke',
      entityType: 'user',
      entityId: userId,
      orgUnitId: g.org_unit_id,
      before: { role: g.role },
    },
    ip,
  );
}

/**
 * A username the actor may take: one answer whether the holder is in the actor's scope or not
 * (ADR 015); refusals about accounts the actor cannot see are audited and rationed.
 */
async function assertUsernameFree(
  tx: Executor,
  actor: Actor,
  username: string,
  orgUnitId: number | null,
): Promise<void> {
  await assertRefusalBudget(tx, actor);
  const [holder] = await tx.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!holder) return;
  const reach = (await accountReach(tx, [holder.id])).get(holder.id) ?? [];
  const seen = holder.id === actor.userId || reach.some((r) => can(actor, 'user.read', r.path));
  if (seen) throw new AppError('USERNAME_TAKEN', USERNAME_TAKEN_MESSAGE, { field: 'username' });
  throw new ExistenceRefusal(
    'USERNAME_TAKEN',
    USERNAME_TAKEN_MESSAGE,
    { field: 'username' },
    {
      action: 'user.username_refused',
      entityType: 'user',
      entityId: null,
      orgUnitId,
      after: { username },
    },
  );
}

/** A member record the actor may link to an account: visible, in their user.manage scope, not linked yet. */
async function linkableMember(tx: Executor, actor: Actor, memberId: number, exceptUserId = 0) {
  const m = await findMember(tx, memberId);
  if (!m || !can(actor, 'member.read', m.unit_path)) {
    throw new AppError('VALIDATION_FAILED', 'Không tìm thấy đảng viên được chọn.', { field: 'memberId' });
  }
  authorize(actor, 'user.manage', m.unit_path, 'đảng viên');
  const [linked] = await tx.query('SELECT 1 FROM users WHERE member_id = $1 AND id <> $2', [
    m.id,
    exceptUserId,
  ]);
  if (linked) throw new AppError('CONFLICT', 'Đảng viên này đã có tài khoản.', { field: 'memberId' });
  return m;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  memberId?: number | null;
  grants: GrantInput[];
}

export async function createUser(tx: Executor, actor: Actor, input: CreateUserInput, ip?: string) {
  if (input.memberId) await linkableMember(tx, actor, input.memberId);
  const username = normalizeUsername(input.username);
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' });
  await assertUsernameFree(tx, actor, username, input.grants[0]?.orgUnitId ?? null);
  const userId = await insertUser(tx, { ...input, username });
  for (const [i, g] of input.grants.entries())
    await grantTo(tx, actor, userId, g, `grants.${i}.orgUnitId`, ip);
  await audit(
    tx,
    actor,
    {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      orgUnitId: input.grants[0]!.orgUnitId,
      after: { username, displayName: input.displayName, memberId: input.memberId ?? null },
    },
    ip,
  );
  return userId;
}

export interface UpdateUserInput {
  displayName?: string;
  active?: boolean;
  password?: string;
  username?: string;
  /** Links the account to a member record, or (null) unlinks it. */
  memberId?: number | null;
}

/** Every field of an account, on an account the actor manages as a whole (`manageableUser`). */
export async function updateUser(
  tx: Executor,
  actor: Actor,
  id: number,
  input: UpdateUserInput,
  ip?: string,
) {
  const u = await manageableUser(tx, actor, id);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' });
  }
  let username: string | null = null;
  if (input.username !== undefined) {
    const wanted = normalizeUsername(input.username);
    if (wanted !== u.username) {
      const [g] = await tx.query<{ org_unit_id: number }>(
        'SELECT org_unit_id FROM role_grants WHERE user_id = $1 ORDER BY id LIMIT 1',
        [u.id],
      );
      await assertUsernameFree(tx, actor, wanted, g?.org_unit_id ?? null);
      username = wanted;
    }
  }
  const relink = input.memberId !== undefined && input.memberId !== u.member_id;
  if (relink && input.memberId) await linkableMember(tx, actor, input.memberId, u.id);
  await tx.query(
    `UPDATE users SET display_name = coalesce($2, display_name), is_active = coalesce($3, is_active),
       password_hash = coalesce($4, password_hash), username = coalesce($5, username),
       member_id = CASE WHEN $6 THEN $7 ELSE member_id END, updated_at = now() WHERE id = $1`,
    [
      u.id,
      input.displayName !== undefined ? normalizeText(input.displayName) : null,
      input.active ?? null,
      input.password !== undefined ? await hashPassword(input.password) : null,
      username,
      relink,
      relink ? (input.memberId ?? null) : null,
    ],
  );
  if (input.active === false || input.password !== undefined) await endSessionsOf(tx, u.id);
  // An administrator's reset or lock also ends the account's API tokens (ADR 039): a re-enabled
  // account does not silently revive an integration.
  if (input.active === false || input.password !== undefined)
    await revokeApiTokensOf(tx, actor, u.id, input.active === false ? 'disabled' : 'password_reset', ip);
  await audit(
    tx,
    actor,
    {
      action: 'user.update',
      entityType: 'user',
      entityId: u.id,
      before: {
        displayName: u.display_name,
        active: u.is_active,
        ...(username ? { username: u.username } : {}),
        ...(relink ? { memberId: u.member_id } : {}),
      },
      after: {
        displayName: input.displayName,
        active: input.active,
        passwordReset: input.password !== undefined,
        ...(username ? { username } : {}),
        ...(relink ? { memberId: input.memberId ?? null } : {}),
      },
    },
    ip,
  );
}
