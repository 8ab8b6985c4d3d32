/**
 * Periodic reviews (sơ kết / tổng kết, ADR 022): a draft the office writes (form fields and
 * narrative sections, each save kept as a version), its statistics read live from the overview,
 * and the issue, which freezes the texts and a statistics snapshot into an issued version with a
 * content hash. An issued review is immutable: refused here with a Vietnamese message, and by the
 * database's triggers (migration 0012) whatever the application does.
 */
import { createHash } from 'node:crypto';
import type { Db, Executor } from '../../db/executor.js';
import { committeeName } from '../../documents/hd36.js';
import type {
  ReviewData,
  ReviewMeta,
  ReviewSections,
  ReviewStatistics,
} from '../../documents/review-data.js';
import { todayIso } from '../../domain/format.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { canonicalJson } from '../integrity/hash.js';
import { authorizeReviews, canEditReviews } from './policy.js';
import type { CreateReviewBody, ReviewListQuery, UpdateReviewBody } from './schema.js';
import { reviewStatistics, type StatisticsOptions } from './statistics.js';

interface UnitRow {
  id: number;
  path: string;
  name: string;
  kind: string;
  superior_name: string | null;
  superior_kind: string | null;
}

export interface ReviewRow {
  id: number;
  unit_id: number;
  title: string;
  subject: string | null;
  period_from: string;
  period_to: string;
  status: 'draft' | 'issued';
  meta: ReviewMeta;
  sections: ReviewSections;
  revision: number;
  issued_at: Date | null;
  created_at: Date;
  updated_at: Date;
  unit_path: string;
  unit_name: string;
  unit_kind: string;
  superior_name: string | null;
  superior_kind: string | null;
}

/** The content an issued version freezes (what its documents are rendered from). */
interface IssuedContent {
  superiorName: string | null;
  issuerName: string;
  title: string;
  subject: string | null;
  meta: ReviewMeta;
  sections: ReviewSections;
  statistics: ReviewStatistics;
}

const locked = () =>
  new AppError(
    'CONFLICT',
    'Báo cáo đã ban hành và được khóa; không thể sửa. Cần thay đổi thì lập một báo cáo mới.',
    { reason: 'REVIEW_ISSUED' },
  );

export function contentHash(content: unknown): string {
  return createHash('sha256')
    .update(`chibo/review/v1\n${canonicalJson(content)}`)
    .digest('hex');
}

async function loadUnit(ex: Executor, unitId: number): Promise<UnitRow> {
  const [u] = await ex.query<UnitRow>(
    `SELECT u.id, u.path, u.name, u.kind, p.name AS superior_name, p.kind AS superior_kind
       FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.id = $1`,
    [unitId],
  );
  if (!u) throw notFound('đơn vị');
  return u;
}

const REVIEW_SELECT = `
  SELECT r.id, r.unit_id, r.title, r.subject, r.period_from, r.period_to, r.status, r.meta, r.sections,
         r.revision, r.issued_at, r.created_at, r.updated_at,
         u.path AS unit_path, u.name AS unit_name, u.kind AS unit_kind,
         p.name AS superior_name, p.kind AS superior_kind
    FROM reviews r JOIN org_units u ON u.id = r.unit_id LEFT JOIN org_units p ON p.id = u.parent_id`;

/** The review, if the actor may see it (404 outside scope, 403 inside without the right). */
export async function loadReview(
  ex: Executor,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<ReviewRow> {
  const [r] = await ex.query<ReviewRow>(
    `${REVIEW_SELECT} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  if (!r) throw notFound('báo cáo');
  authorizeReviews(actor, r.unit_path);
  return r;
}

/** The place before the date, from the unit's name: "Đảng bộ phường An Hội" → "Phường An Hội". */
function defaultPlace(unitName: string): string {
  const rest = unitName.trim().replace(/^(đảng bộ|chi bộ)\s+/iu, '');
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

function defaultMeta(u: UnitRow): ReviewMeta {
  const superior =
    u.superior_name && u.superior_kind ? committeeName(u.superior_name, u.superior_kind) : null;
  return {
    number: null,
    place: defaultPlace(u.name),
    date: null,
    onBehalfOf: 'T/M BAN THƯỜNG VỤ',
    signerTitle: 'BÍ THƯ',
    signerName: null,
    recipients: [
      ...(superior ? [`Ban Thường vụ ${superior} (để báo cáo)`] : []),
      'Các chi bộ, đảng bộ trực thuộc',
      'Lưu Văn phòng',
    ],
  };
}

export function reviewView(r: ReviewRow, actor: Actor) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    title: r.title,
    subject: r.subject,
    from: r.period_from,
    to: r.period_to,
    status: r.status,
    meta: r.meta,
    sections: r.sections,
    revision: r.revision,
    issuedAt: r.issued_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    canEdit: r.status === 'draft' && canEditReviews(actor, r.unit_path),
  };
}

async function nextVersion(tx: Executor, reviewId: number): Promise<number> {
  const [v] = await tx.query<{ n: number }>(
    'SELECT coalesce(max(version), 0)::int + 1 AS n FROM review_versions WHERE review_id = $1',
    [reviewId],
  );
  return v!.n;
}

async function insertVersion(
  tx: Executor,
  actor: Actor,
  reviewId: number,
  kind: 'draft' | 'issued',
  content: unknown,
): Promise<{ version: number; hash: string }> {
  const version = await nextVersion(tx, reviewId);
  const hash = contentHash(content);
  await tx.query(
    `INSERT INTO review_versions (review_id, version, kind, content, content_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [reviewId, version, kind, JSON.stringify(content), hash, actor.userId],
  );
  return { version, hash };
}

export async function createReview(
  db: Db,
  actor: Actor,
  unitId: number,
  body: CreateReviewBody,
  ip?: string,
): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const u = await loadUnit(tx, unitId);
    authorizeReviews(actor, u.path);
    const meta = defaultMeta(u);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO reviews (unit_id, title, subject, period_from, period_to, meta, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [u.id, body.title, body.subject ?? null, body.from, body.to, JSON.stringify(meta), actor.userId],
    );
    const id = row!.id;
    await insertVersion(tx, actor, id, 'draft', {
      title: body.title,
      subject: body.subject ?? null,
      meta,
      sections: {},
    });
    await audit(
      tx,
      actor,
      {
        action: 'review.create',
        entityType: 'review',
        entityId: id,
        orgUnitId: u.id,
        after: { title: body.title, subject: body.subject ?? null, from: body.from, to: body.to },
      },
      ip,
    );
    return { id };
  });
}

export async function listReviews(db: Db, actor: Actor, unitId: number, q: ReviewListQuery) {
  const u = await loadUnit(db, unitId);
  authorizeReviews(actor, u.path);
  const rows = await db.query<ReviewRow & { total: number }>(
    `${REVIEW_SELECT.replace('SELECT', 'SELECT count(*) OVER ()::int AS total,')}
      WHERE r.unit_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3`,
    [u.id, q.limit, q.offset],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    const [c] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reviews WHERE unit_id = $1', [
      u.id,
    ]);
    total = c!.n;
  }
  return { items: rows.map((r) => reviewView(r, actor)), total };
}

const META_KEYS = [
  'number',
  'place',
  'date',
  'onBehalfOf',
  'signerTitle',
  'signerName',
  'recipients',
] as const;

export async function updateReview(db: Db, actor: Actor, id: number, body: UpdateReviewBody, ip?: string) {
  return db.transaction(async (tx) => {
    const r = await loadReview(tx, actor, id, true);
    if (r.status === 'issued') throw locked();
    if (body.revision !== undefined && body.revision !== r.revision)
      throw new AppError(
        'CONFLICT',
        'Báo cáo vừa được người khác lưu; hãy tải lại trang để xem bản mới nhất trước khi sửa tiếp.',
        { reason: 'REVIEW_STALE', revision: r.revision },
      );
    const meta: ReviewMeta = { ...r.meta };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of META_KEYS) {
      if (body[k] === undefined) continue;
      const v = body[k] ?? null;
      if (canonicalJson(v) === canonicalJson(r.meta[k] ?? null)) continue;
      before[k] = r.meta[k] ?? null;
      after[k] = v;
      (meta as Record<string, unknown>)[k] = v;
    }
    const sections: ReviewSections = { ...r.sections };
    const changedSections: string[] = [];
    for (const [k, v] of Object.entries(body.sections ?? {})) {
      const key = k as keyof ReviewSections;
      const text = v ?? '';
      if ((r.sections[key] ?? '') === text) continue;
      sections[key] = text;
      changedSections.push(k);
    }
    const title = body.title ?? r.title;
    const subject = body.subject === undefined ? r.subject : body.subject;
    if (title !== r.title) {
      before.title = r.title;
      after.title = title;
    }
    if (subject !== r.subject) {
      before.subject = r.subject;
      after.subject = subject;
    }
    if (Object.keys(after).length === 0 && changedSections.length === 0) return r;

    const [saved] = await tx.query<{ revision: number }>(
      `UPDATE reviews SET title = $2, subject = $3, meta = $4, sections = $5, revision = revision + 1,
              updated_by = $6, updated_at = now() WHERE id = $1 RETURNING revision`,
      [id, title, subject, JSON.stringify(meta), JSON.stringify(sections), actor.userId],
    );
    await insertVersion(tx, actor, id, 'draft', { title, subject, meta, sections });
    await audit(
      tx,
      actor,
      {
        action: 'review.update',
        entityType: 'review',
        entityId: id,
        orgUnitId: r.unit_id,
        before,
        // The sections' texts are in the version; the audit names which ones changed.
        after: { ...after, ...(changedSections.length ? { sections: changedSections } : {}) },
      },
      ip,
    );
    return { ...r, title, subject, meta, sections, revision: saved!.revision, updated_at: new Date() };
  });
}

export async function issueReview(
  db: Db,
  actor: Actor,
  id: number,
  ip?: string,
  opts: StatisticsOptions = {},
) {
  const r = await loadReview(db, actor, id);
  if (r.status === 'issued') throw locked();
  const missing = [
    !r.meta.number?.trim() && 'số, ký hiệu',
    !r.meta.signerName?.trim() && 'họ tên người ký',
    !r.meta.signerTitle?.trim() && 'chức vụ người ký',
  ].filter(Boolean);
  if (missing.length)
    throw new AppError('CONFLICT', `Chưa ban hành được: cần ghi ${missing.join(', ')} của báo cáo.`, {
      reason: 'REVIEW_INCOMPLETE',
      missing,
    });
  // Read before the transaction: the overview reads many rows and must not hold a write lock.
  const statistics = await reviewStatistics(
    db,
    actor,
    { id: r.unit_id, path: r.unit_path },
    {
      from: r.period_from,
      to: r.period_to,
    },
    opts,
  );
  return db.transaction(async (tx) => {
    const now = await loadReview(tx, actor, id, true);
    if (now.status === 'issued') throw locked();
    if (now.revision !== r.revision)
      throw new AppError('CONFLICT', 'Báo cáo vừa được sửa trong lúc ban hành; hãy xem lại rồi ban hành.', {
        reason: 'REVIEW_STALE',
      });
    const meta: ReviewMeta = { ...now.meta, date: now.meta.date || todayIso() };
    const content: IssuedContent = {
      superiorName: now.superior_name,
      issuerName: issuerOf(now),
      title: now.title,
      subject: now.subject,
      meta,
      sections: now.sections,
      statistics,
    };
    const { version, hash } = await insertVersion(tx, actor, id, 'issued', content);
    await tx.query(
      `UPDATE reviews SET status = 'issued', issued_at = now(), issued_by = $2, meta = $3, updated_by = $2,
              updated_at = now() WHERE id = $1`,
      [id, actor.userId, JSON.stringify(meta)],
    );
    await audit(
      tx,
      actor,
      {
        action: 'review.issue',
        entityType: 'review',
        entityId: id,
        orgUnitId: now.unit_id,
        after: { version, contentHash: hash, number: meta.number, date: meta.date },
      },
      ip,
    );
    return { version, contentHash: hash };
  });
}

function issuerOf(r: ReviewRow): string {
  return committeeName(r.unit_name, r.unit_kind);
}

export async function listVersions(db: Db, actor: Actor, id: number, q: ReviewListQuery) {
  await loadReview(db, actor, id);
  const rows = await db.query<{
    version: number;
    kind: 'draft' | 'issued';
    content_hash: string;
    created_at: Date;
    author: string | null;
    total: number;
  }>(
    `SELECT v.version, v.kind, v.content_hash, v.created_at, u.display_name AS author, count(*) OVER ()::int AS total
       FROM review_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.review_id = $1 ORDER BY v.version DESC LIMIT $2 OFFSET $3`,
    [id, q.limit, q.offset],
  );
  return {
    items: rows.map((v) => ({
      version: v.version,
      kind: v.kind,
      contentHash: v.content_hash,
      createdAt: v.created_at.toISOString(),
      author: v.author,
    })),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * What the documents are made from: an issued review from its frozen version (texts and the
 * statistics snapshot exactly as issued); a draft from its live texts and today's figures.
 */
export async function reviewData(
  db: Db,
  actor: Actor,
  id: number,
  opts: StatisticsOptions = {},
): Promise<ReviewData> {
  const r = await loadReview(db, actor, id);
  if (r.status === 'issued') {
    const [v] = await db.query<{
      version: number;
      content: IssuedContent;
      content_hash: string;
      created_at: Date;
    }>(
      `SELECT version, content, content_hash, created_at FROM review_versions
        WHERE review_id = $1 AND kind = 'issued' ORDER BY version DESC LIMIT 1`,
      [id],
    );
    if (v) {
      const c = v.content;
      return {
        superiorName: c.superiorName,
        issuerName: c.issuerName,
        title: c.title,
        subject: c.subject,
        meta: c.meta,
        sections: c.sections,
        statistics: c.statistics,
        draft: false,
        issued: { version: v.version, contentHash: v.content_hash, issuedAt: v.created_at.toISOString() },
      };
    }
  }
  const statistics = await reviewStatistics(
    db,
    actor,
    { id: r.unit_id, path: r.unit_path },
    {
      from: r.period_from,
      to: r.period_to,
    },
    opts,
  );
  return {
    superiorName: r.superior_name,
    issuerName: issuerOf(r),
    title: r.title,
    subject: r.subject,
    meta: r.meta,
    sections: r.sections,
    statistics,
    draft: true,
  };
}

/** One audit row per download of a report (it lists units and their figures). */
export async function auditDownload(
  db: Db,
  actor: Actor,
  id: number,
  data: ReviewData,
  format: string,
  ip?: string,
) {
  await audit(
    db,
    actor,
    {
      action: 'review.download',
      entityType: 'review',
      entityId: id,
      orgUnitId: data.statistics.unit.id,
      after: { format, ...(data.issued ? { version: data.issued.version } : { draft: true }) },
    },
    ip,
  );
}
