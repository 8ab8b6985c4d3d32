import type { Executor } from '../../db/executor.js';

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key for the same user → one notification (idempotent jobs and retries). */
  dedupeKey?: string;
}

/**
 * Writes in-app notifications for users and, for those with an e-mail address, queues mail in
 * the outbox — in the caller's transaction, so nothing is announced for a change that rolls
 * back. The mailer sends after commit (see mailer.ts).
 */
export async function notifyUsers(tx: Executor, userIds: number[], n: Notice): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await tx.query<{ user_id: number }>(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT u, $2, $3, $4, $5, $6 FROM unnest($1::int[]) AS t(u)
     ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
     RETURNING user_id`,
    [userIds, n.kind, n.title, n.body ?? null, n.link ?? null, n.dedupeKey ?? null],
  );
  const fresh = rows.map((r) => r.user_id);
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO mail_outbox (to_address, subject, body, link)
       SELECT m.email, $2, $3, $4 FROM users us JOIN members m ON m.id = us.member_id
        WHERE us.id = ANY($1::int[]) AND us.is_active AND m.email IS NOT NULL AND m.email <> ''`,
      [fresh, `[chibo] ${n.title}`, n.body ?? n.title, n.link ?? null],
    );
  }
  return fresh.length;
}

/** Accounts of the members counted by a cell (and those attending it temporarily) on a date. */
export async function cellMemberUserIds(ex: Executor, unitId: number, date: string): Promise<number[]> {
  const rows = await ex.query<{ id: number }>(
    `SELECT DISTINCT us.id FROM users us
       JOIN members m ON m.id = us.member_id
      WHERE us.is_active AND (
        EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = m.id AND ms.unit_id = $1
                 AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2))
        OR EXISTS (SELECT 1 FROM member_status_periods p WHERE p.member_id = m.id AND p.unit_id = $1
                 AND p.kind = 'temporary_out' AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)))`,
    [unitId, date],
  );
  return rows.map((r) => r.id);
}

/** Accounts holding a role on exactly this unit (supervisors, secretaries) or on units above it. */
export async function usersWithRoleOver(ex: Executor, unitPath: string, roles: string[]): Promise<number[]> {
  const rows = await ex.query<{ user_id: number }>(
    `SELECT DISTINCT g.user_id FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
      WHERE g.role = ANY($2::text[]) AND $1 LIKE u.path || '%'`,
    [unitPath, roles],
  );
  return rows.map((r) => r.user_id);
}

export async function listNotifications(ex: Executor, userId: number, limit: number) {
  const rows = await ex.query<{
    id: number;
    kind: string;
    title: string;
    body: string | null;
    link: string | null;
    created_at: Date;
    read_at: Date | null;
  }>(
    `SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1
      ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
  const [unread] = await ex.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: new Date(r.created_at).toISOString(),
      read: r.read_at !== null,
    })),
    unread: unread?.n ?? 0,
  };
}
