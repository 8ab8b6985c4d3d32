/**
 * The directives library (văn bản chỉ đạo; issue 11 part A, ADR 025): a committee drafts a
 * directive, resolution, guidance or plan (its own or the level above's), attaches its files and
 * publishes it to its subtree. Who reads it: anyone whose grant reaches the publishing unit or a
 * unit below it (a member reads what any ancestor of their cell published). A draft exists only
 * for those who manage the publisher; outside that → 404 as if absent.
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { unitNameSortKey } from '../../domain/indicators.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { CELL_KINDS_SQL } from '../oversight/rollup.js';
import {
  type CreateBody,
  DIRECTIVE_KIND_LABELS,
  DIRECTIVE_STATUS_LABELS,
  type DirectiveKind,
  type DirectiveStatus,
  type ListQuery,
  type PatchBody,
} from './schema.js';

export interface DirectiveRow {
  id: number;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  kind: DirectiveKind;
  number: string;
  issued_on: string;
  issuer: string;
  title: string;
  summary: string | null;
  requires_dissemination: boolean;
  disseminate_by: string | null;
  status: DirectiveStatus;
  published_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
  last_reminded_at: Date | null;
}

export const DIRECTIVE_COLS = `d.id, d.unit_id, u.path AS unit_path, u.name AS unit_name, d.kind, d.number,
  d.issued_on, d.issuer, d.title, d.summary, d.requires_dissemination, d.disseminate_by, d.status, d.published_at,
  d.withdrawn_at, d.withdraw_reason, d.last_reminded_at`;

export async function findDirective(ex: Executor, id: number): Promise<DirectiveRow | undefined> {
  const [d] = await ex.query<DirectiveRow>(
    `SELECT ${DIRECTIVE_COLS} FROM directives d JOIN org_units u ON u.id = d.unit_id WHERE d.id = $1`,
    [id],
  );
  return d;
}

/** Whether some grant of the actor lies at or below the publisher, or above it (publisher in scope). */
export function reachesPublisher(actor: Actor, publisherPath: string): boolean {
  return actor.grants.some((g) => g.path.startsWith(publisherPath) || publisherPath.startsWith(g.path));
}

/** Whether the actor sees the directive at all: a draft only for its managers. */
export function canSeeDirective(actor: Actor, d: Pick<DirectiveRow, 'status' | 'unit_path'>): boolean {
  if (d.status === 'draft') return can(actor, 'directive.manage', d.unit_path);
  return reachesPublisher(actor, d.unit_path);
}

/** A directive the actor may see, else 404 as if absent. */
export async function visibleDirective(ex: Executor, actor: Actor, id: number): Promise<DirectiveRow> {
  const d = await findDirective(ex, id);
  if (!d || !canSeeDirective(actor, d)) throw notFound('văn bản');
  return d;
}

/** A directive the actor manages (directive.manage at the publisher): 404 unseen, 403 seen. */
export async function managedDirective(ex: Executor, actor: Actor, id: number): Promise<DirectiveRow> {
  const d = await visibleDirective(ex, actor, id);
  if (!can(actor, 'directive.manage', d.unit_path)) throw new AppError('FORBIDDEN');
  return d;
}

async function loadUnit(ex: Executor, id: number) {
  const [u] = await ex.query<{ id: number; path: string; name: string; kind: string }>(
    'SELECT id, path, name, kind FROM org_units WHERE id = $1',
    [id],
  );
  if (!u) throw notFound('đơn vị');
  return u;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentDirective(d: DirectiveRow) {
  return {
    id: d.id,
    unitId: d.unit_id,
    unitName: d.unit_name,
    kind: d.kind,
    kindLabel: DIRECTIVE_KIND_LABELS[d.kind],
    number: d.number,
    issuedOn: d.issued_on,
    issuer: d.issuer,
    title: d.title,
    summary: d.summary,
    requiresDissemination: d.requires_dissemination,
    disseminateBy: d.disseminate_by,
    status: d.status,
    statusLabel: DIRECTIVE_STATUS_LABELS[d.status],
    publishedAt: iso(d.published_at),
    withdrawnAt: iso(d.withdrawn_at),
    withdrawReason: d.withdraw_reason,
  };
}

/** The service's own checks of dates (the body's shape is zod's). */
function checkDates(issuedOn: string, disseminateBy: string | null | undefined, requires: boolean) {
  if (issuedOn > todayIso())
    throw new AppError('VALIDATION_FAILED', 'Ngày ban hành văn bản không được sau hôm nay.');
  if (disseminateBy && disseminateBy < issuedOn)
    throw new AppError('VALIDATION_FAILED', 'Hạn quán triệt không được trước ngày ban hành văn bản.');
  if (!requires && disseminateBy)
    throw new AppError('VALIDATION_FAILED', 'Văn bản không yêu cầu quán triệt thì không có hạn quán triệt.');
}

export async function createDirective(
  tx: Executor,
  actor: Actor,
  unitId: number,
  b: CreateBody,
  ip?: string,
) {
  const u = await loadUnit(tx, unitId);
  authorize(actor, 'directive.manage', u.path, 'đơn vị');
  checkDates(b.issuedOn, b.disseminateBy, b.requiresDissemination);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO directives (unit_id, kind, number, issued_on, issuer, title, summary, requires_dissemination,
       disseminate_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      u.id,
      b.kind,
      b.number,
      b.issuedOn,
      b.issuer,
      b.title,
      b.summary || null,
      b.requiresDissemination,
      b.disseminateBy ?? null,
      actor.userId,
    ],
  );
  await audit(
    tx,
    actor,
    { action: 'directive.create', entityType: 'directive', entityId: row!.id, orgUnitId: u.id, after: b },
    ip,
  );
  return row!.id;
}

export async function updateDirective(tx: Executor, actor: Actor, id: number, b: PatchBody, ip?: string) {
  const d = await managedDirective(tx, actor, id);
  if (d.status === 'withdrawn') throw new AppError('DIRECTIVE_WITHDRAWN');
  const record = ['kind', 'number', 'issuedOn', 'issuer', 'title', 'requiresDissemination'] as const;
  if (d.status === 'published' && record.some((k) => b[k] !== undefined))
    throw new AppError('DIRECTIVE_LOCKED');
  const next = {
    kind: b.kind ?? d.kind,
    number: b.number ?? d.number,
    issuedOn: b.issuedOn ?? d.issued_on,
    issuer: b.issuer ?? d.issuer,
    title: b.title ?? d.title,
    summary: b.summary === undefined ? d.summary : b.summary || null,
    requiresDissemination: b.requiresDissemination ?? d.requires_dissemination,
    disseminateBy: b.disseminateBy === undefined ? d.disseminate_by : b.disseminateBy,
  };
  if (!next.requiresDissemination && b.disseminateBy === undefined) next.disseminateBy = null;
  checkDates(next.issuedOn, next.disseminateBy, next.requiresDissemination);
  await tx.query(
    `UPDATE directives SET kind = $2, number = $3, issued_on = $4, issuer = $5, title = $6, summary = $7,
       requires_dissemination = $8, disseminate_by = $9, updated_at = now() WHERE id = $1`,
    [
      d.id,
      next.kind,
      next.number,
      next.issuedOn,
      next.issuer,
      next.title,
      next.summary,
      next.requiresDissemination,
      next.disseminateBy,
    ],
  );
  await audit(
    tx,
    actor,
    {
      action: 'directive.update',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: d.unit_id,
      before: presentDirective(d),
      after: b,
    },
    ip,
  );
}

/**
 * Publishes a draft: the cells of the publisher's subtree become its recipients (one read of the
 * subtree's cells, one insert), their secretaries are told when it must be disseminated, and the
 * members of the subtree get "Có văn bản mới" (each one INSERT … SELECT, whatever the subtree).
 */
export async function publishDirective(tx: Executor, actor: Actor, id: number, ip?: string) {
  const d = await managedDirective(tx, actor, id);
  if (d.status === 'withdrawn') throw new AppError('DIRECTIVE_WITHDRAWN');
  if (d.status !== 'draft') throw new AppError('DIRECTIVE_LOCKED', 'Văn bản đã được ban hành rồi.');
  await tx.query(
    "UPDATE directives SET status = 'published', published_at = now(), published_by = $2, updated_at = now() WHERE id = $1",
    [d.id, actor.userId],
  );
  const cells = await tx.query<{ id: number; name: string }>(
    `SELECT id, name FROM org_units WHERE path LIKE $1 AND kind IN ${CELL_KINDS_SQL} AND archived_at IS NULL`,
    [`${d.unit_path}%`],
  );
  await tx.query(
    `INSERT INTO directive_recipients (directive_id, unit_id, sort_key)
     SELECT $1, t.u, t.k FROM unnest($2::int[], $3::text[]) AS t(u, k)`,
    [d.id, cells.map((c) => c.id), cells.map((c) => unitNameSortKey(c.name))],
  );
  const today = todayIso();
  const label = `${DIRECTIVE_KIND_LABELS[d.kind]} số ${d.number}`;
  const link = `/van-ban/${d.id}`;
  let secretaries = 0;
  if (d.requires_dissemination) {
    const due = d.disseminate_by ? ` trước ngày ${d.disseminate_by.split('-').reverse().join('/')}` : '';
    secretaries = await notifyCellSecretaries(tx, d.id, today, {
      kind: 'directive.disseminate',
      title: `Văn bản cần quán triệt: ${label}`,
      body: `${d.unit_name} đã ban hành ${label} (${d.title}). Đề nghị chi bộ quán triệt tại buổi sinh hoạt${due}.`,
      link,
      dedupeKey: `directive-cell:${d.id}`,
    });
  }
  const members = await tx.query<{ n: number }>(
    `WITH fresh AS (
       INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
       SELECT DISTINCT us.id, 'directive.new', $2, $3, $4, $5
         FROM org_units u JOIN members m ON m.unit_id = u.id AND m.standing = 'active'
         JOIN users us ON us.member_id = m.id AND us.is_active
        WHERE u.path LIKE $1
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM fresh`,
    [`${d.unit_path}%`, `Có văn bản mới: ${label}`, d.title, link, `directive:${d.id}`],
  );
  await audit(
    tx,
    actor,
    {
      action: 'directive.publish',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: d.unit_id,
      after: { number: d.number, cells: cells.length, secretaries, members: members[0]?.n ?? 0 },
    },
    ip,
  );
  return { cells: cells.length, secretaries, members: members[0]?.n ?? 0 };
}

/**
 * Notifies the current secretaries of the directive's recipient cells (all, or only those that have
 * not disseminated it) in one insert, and queues mail for those with an address in a second.
 */
export async function notifyCellSecretaries(
  tx: Executor,
  directiveId: number,
  today: string,
  n: { kind: string; title: string; body: string; link: string; dedupeKey: string },
  onlyPending = false,
): Promise<number> {
  const rows = await tx.query<{ user_id: number }>(
    `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
     SELECT DISTINCT g.user_id, $3, $4, $5, $6, $7
       FROM directive_recipients r
       JOIN role_grants g ON g.org_unit_id = r.unit_id AND g.role = 'cell_secretary'
        AND (g.valid_from IS NULL OR g.valid_from <= $2::date) AND (g.valid_to IS NULL OR g.valid_to >= $2::date)
       JOIN users us ON us.id = g.user_id AND us.is_active
      WHERE r.directive_id = $1
        AND (NOT $8 OR NOT EXISTS (SELECT 1 FROM directive_disseminations dd
                                    WHERE dd.directive_id = r.directive_id AND dd.unit_id = r.unit_id))
     ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
     RETURNING user_id`,
    [directiveId, today, n.kind, n.title, n.body, n.link, n.dedupeKey, onlyPending],
  );
  if (rows.length > 0) {
    await tx.query(
      `INSERT INTO mail_outbox (to_address, subject, body, link)
       SELECT m.email, $2, $3, $4 FROM users us JOIN members m ON m.id = us.member_id
        WHERE us.id = ANY($1::int[]) AND m.email IS NOT NULL AND m.email <> ''`,
      [rows.map((r) => r.user_id), `[chibo] ${n.title}`, n.body, n.link],
    );
  }
  return rows.length;
}

export async function withdrawDirective(tx: Executor, actor: Actor, id: number, reason: string, ip?: string) {
  const d = await managedDirective(tx, actor, id);
  if (d.status === 'withdrawn') throw new AppError('DIRECTIVE_WITHDRAWN');
  if (d.status === 'draft') throw new AppError('DIRECTIVE_NOT_PUBLISHED');
  await tx.query(
    `UPDATE directives SET status = 'withdrawn', withdrawn_at = now(), withdrawn_by = $2, withdraw_reason = $3,
       updated_at = now() WHERE id = $1`,
    [d.id, actor.userId, reason],
  );
  await audit(
    tx,
    actor,
    {
      action: 'directive.withdraw',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: d.unit_id,
      after: { number: d.number, reason },
    },
    ip,
  );
}

/** Ids of a path's units from the root down: '/1/12/305/' → [1, 12, 305]. */
const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The directives that reach a unit: published (or withdrawn) by it or any ancestor, and the drafts
 * of those the actor manages; newest first, offset-paged. For a cell, each item carries the cell's
 * own `disseminatedOn`; for a member, `readByMe`.
 */
export async function listUnitDirectives(ex: Executor, actor: Actor, unitId: number, q: ListQuery) {
  const u = await loadUnit(ex, unitId);
  authorize(actor, 'unit.read', u.path, 'đơn vị');
  const ids = pathIds(u.path);
  const paths = ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
  const drafts = ids.filter((_, i) => can(actor, 'directive.manage', paths[i]!));
  const rows = await ex.query<
    DirectiveRow & { disseminated_on: string | null; read_by_me: boolean; files: number; total: number }
  >(
    `SELECT ${DIRECTIVE_COLS}, dd.disseminated_on, (r.member_id IS NOT NULL) AS read_by_me,
            (SELECT count(*)::int FROM directive_files f WHERE f.directive_id = d.id) AS files,
            count(*) OVER ()::int AS total
       FROM directives d JOIN org_units u ON u.id = d.unit_id
       LEFT JOIN directive_disseminations dd ON dd.directive_id = d.id AND dd.unit_id = $3
       LEFT JOIN directive_reads r ON r.directive_id = d.id AND r.member_id = $4
      WHERE ((d.unit_id = ANY($1::int[]) AND d.status <> 'draft') OR (d.unit_id = ANY($2::int[]) AND d.status = 'draft'))
        AND ($5::text IS NULL OR d.status = $5)
        AND ($6::text IS NULL OR d.number ILIKE $6 OR d.title ILIKE $6)
        AND (NOT $9 OR (d.status = 'published' AND r.member_id IS NULL))
      ORDER BY d.issued_on DESC, d.id DESC
      LIMIT $7 OFFSET $8`,
    [
      ids,
      drafts,
      u.id,
      actor.memberId ?? 0,
      q.status ?? null,
      q.q ? likeText(q.q) : null,
      q.limit,
      q.offset,
      q.unread === true,
    ],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    const [c] = await ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM directives d
        WHERE ((d.unit_id = ANY($1::int[]) AND d.status <> 'draft') OR (d.unit_id = ANY($2::int[]) AND d.status = 'draft'))
          AND ($3::text IS NULL OR d.status = $3) AND ($4::text IS NULL OR d.number ILIKE $4 OR d.title ILIKE $4)
          AND (NOT $6 OR (d.status = 'published' AND NOT EXISTS (
                SELECT 1 FROM directive_reads r WHERE r.directive_id = d.id AND r.member_id = $5)))`,
      [ids, drafts, q.status ?? null, q.q ? likeText(q.q) : null, actor.memberId ?? 0, q.unread === true],
    );
    total = c?.n ?? 0;
  }
  const isCell = /^chi_bo/.test(u.kind);
  return {
    unit: { id: u.id, name: u.name, isCell },
    canPublish: can(actor, 'directive.manage', u.path),
    items: rows.map((r) => ({
      ...presentDirective(r),
      files: r.files,
      disseminatedOn: isCell ? r.disseminated_on : null,
      readByMe: actor.memberId ? r.read_by_me : null,
    })),
    total,
  };
}

/** The directive page: the record, its files, the actor's own cell and read mark, what they may do. */
export async function directiveDetail(ex: Executor, actor: Actor, id: number) {
  const d = await visibleDirective(ex, actor, id);
  const [files, mine, reads] = await Promise.all([
    ex.query<{ id: number; file_name: string; mime_type: string; size_bytes: number; sha256: string }>(
      'SELECT id, file_name, mime_type, size_bytes, sha256 FROM directive_files WHERE directive_id = $1 ORDER BY id',
      [d.id],
    ),
    actor.memberId
      ? ex.query<{
          read_at: Date | null;
          unit_id: number;
          unit_name: string;
          disseminated_on: string | null;
        }>(
          `SELECT r.read_at, m.unit_id, u.name AS unit_name, dd.disseminated_on
             FROM members m JOIN org_units u ON u.id = m.unit_id
             LEFT JOIN directive_reads r ON r.directive_id = $1 AND r.member_id = m.id
             LEFT JOIN directive_disseminations dd ON dd.directive_id = $1 AND dd.unit_id = m.unit_id
            WHERE m.id = $2 AND u.path LIKE $3`,
          [d.id, actor.memberId, `${d.unit_path}%`],
        )
      : Promise.resolve([]),
    ex.query<{ n: number }>('SELECT count(*)::int AS n FROM directive_reads WHERE directive_id = $1', [d.id]),
  ]);
  const me = mine[0];
  const manages = can(actor, 'directive.manage', d.unit_path);
  return {
    ...presentDirective(d),
    files: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mimeType: f.mime_type,
      sizeBytes: f.size_bytes,
      sha256: f.sha256,
    })),
    reads: reads[0]?.n ?? 0,
    me: me
      ? {
          unitId: me.unit_id,
          unitName: me.unit_name,
          disseminatedOn: me.disseminated_on,
          readAt: iso(me.read_at),
        }
      : null,
    permissions: {
      canManage: manages,
      canEdit: manages && d.status === 'draft',
      canSeeDissemination: can(actor, 'unit.read', d.unit_path),
      canMarkRead: Boolean(me) && d.status === 'published',
    },
  };
}

/** The member marks the directive read (đã đọc); idempotent. Only a member of a cell it reaches. */
export async function markRead(tx: Executor, actor: Actor, id: number, ip?: string) {
  const d = await visibleDirective(tx, actor, id);
  if (d.status !== 'published') throw new AppError('DIRECTIVE_WITHDRAWN');
  if (!actor.memberId)
    throw new AppError('FORBIDDEN', 'Chỉ tài khoản gắn với hồ sơ đảng viên mới đánh dấu đã đọc văn bản.');
  const [m] = await tx.query<{ unit_id: number }>(
    'SELECT m.unit_id FROM members m JOIN org_units u ON u.id = m.unit_id WHERE m.id = $1 AND u.path LIKE $2',
    [actor.memberId, `${d.unit_path}%`],
  );
  if (!m) throw new AppError('FORBIDDEN', 'Văn bản này không ban hành đến chi bộ của đồng chí.');
  const rows = await tx.query<{ read_at: Date }>(
    `INSERT INTO directive_reads (directive_id, member_id) VALUES ($1, $2)
     ON CONFLICT (directive_id, member_id) DO NOTHING RETURNING read_at`,
    [d.id, actor.memberId],
  );
  if (rows[0]) {
    await audit(
      tx,
      actor,
      { action: 'directive.read', entityType: 'directive', entityId: d.id, orgUnitId: m.unit_id },
      ip,
    );
    return { readAt: iso(rows[0].read_at), first: true };
  }
  const [r] = await tx.query<{ read_at: Date }>(
    'SELECT read_at FROM directive_reads WHERE directive_id = $1 AND member_id = $2',
    [d.id, actor.memberId],
  );
  return { readAt: iso(r!.read_at), first: false };
}
