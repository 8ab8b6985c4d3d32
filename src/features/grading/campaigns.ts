/**
 * The year's review campaign (đợt kiểm điểm, đánh giá, xếp loại; issue 10, ADR 024): a committee
 * opens it for its subtree with the three deadlines, the cells and members are told, and its
 * progress is read per direct child in a few set-based queries.
 */
import type { Executor } from '../../db/executor.js';
import { formatDate, todayIso } from '../../domain/format.js';
import { type Actor, authorize, can, scopePrefixes } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { notifyUsers } from '../notifications/service.js';
import { isCellKind } from '../org/labels.js';
import { visibleUnit } from '../org/service.js';
import { referenceDate, reviewableMembers } from './facts.js';

export interface CampaignRow {
  id: number;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  year: number;
  title: string;
  self_review_due: string;
  cell_session_due: string;
  decision_due: string;
  status: 'open' | 'closed';
  created_at: Date;
}

const COLS = `c.id, c.unit_id, u.path AS unit_path, u.name AS unit_name, c.year, c.title,
  to_char(c.self_review_due, 'YYYY-MM-DD') AS self_review_due, to_char(c.cell_session_due, 'YYYY-MM-DD') AS cell_session_due,
  to_char(c.decision_due, 'YYYY-MM-DD') AS decision_due, c.status, c.created_at`;

export function presentCampaign(c: CampaignRow) {
  return {
    id: c.id,
    unitId: c.unit_id,
    unitName: c.unit_name,
    year: c.year,
    title: c.title,
    selfReviewDue: c.self_review_due,
    cellSessionDue: c.cell_session_due,
    decisionDue: c.decision_due,
    status: c.status,
    createdAt: c.created_at,
  };
}

export interface CreateCampaignInput {
  year: number;
  title?: string | null;
  selfReviewDue: string;
  cellSessionDue: string;
  decisionDue: string;
}

export async function createCampaign(
  db: Executor,
  actor: Actor,
  unitId: number,
  input: CreateCampaignInput,
  ip?: string,
) {
  const unit = await visibleUnit(db, actor, unitId);
  authorize(actor, 'grading.decide', unit.path);
  if (isCellKind(unit.kind))
    throw new AppError(
      'VALIDATION_FAILED',
      'Đợt kiểm điểm, xếp loại do cấp ủy cấp trên cơ sở hoặc đảng ủy cơ sở mở cho các chi bộ trực thuộc, không mở tại một chi bộ.',
    );
  const title = input.title?.trim() || `Kiểm điểm, đánh giá, xếp loại chất lượng năm ${input.year}`;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO grading_campaigns (unit_id, year, title, self_review_due, cell_session_due, decision_due, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (unit_id, year) DO NOTHING RETURNING id`,
      [
        unit.id,
        input.year,
        title,
        input.selfReviewDue,
        input.cellSessionDue,
        input.decisionDue,
        actor.userId,
      ],
    );
    if (!row)
      throw new AppError(
        'CONFLICT',
        `${unit.name} đã mở đợt kiểm điểm, xếp loại năm ${input.year}; mỗi đơn vị mở một đợt cho mỗi năm.`,
      );
    const campaign = (await loadCampaignRow(tx, row.id))!;
    await audit(
      tx,
      actor,
      {
        action: 'grading_campaign.open',
        entityType: 'grading_campaign',
        entityId: row.id,
        orgUnitId: unit.id,
        after: { ...input, title },
      },
      ip,
    );
    await notifyCampaign(tx, campaign);
    return presentCampaign(campaign);
  });
}

/** Tells the cells' secretaries and the members to be reviewed: one insert of notifications. */
async function notifyCampaign(tx: Executor, c: CampaignRow): Promise<void> {
  const day = referenceDate(c.year, todayIso());
  const users = await tx.query<{ id: number; secretary: boolean }>(
    `WITH cells AS (
       SELECT id FROM org_units WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL
     )
     SELECT us.id, false AS secretary FROM users us
       JOIN memberships ms ON ms.member_id = us.member_id JOIN cells ON cells.id = ms.unit_id
      WHERE us.is_active AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
     UNION
     SELECT g.user_id, true FROM role_grants g JOIN cells ON cells.id = g.org_unit_id JOIN users us ON us.id = g.user_id
      WHERE g.role = 'cell_secretary' AND us.is_active AND (g.valid_to IS NULL OR g.valid_to > CURRENT_DATE)`,
    [`${c.unit_path}%`, day],
  );
  const secretaries = [...new Set(users.filter((u) => u.secretary).map((u) => u.id))];
  const members = [...new Set(users.filter((u) => !u.secretary).map((u) => u.id))].filter(
    (id) => !secretaries.includes(id),
  );
  const body = `${c.unit_name} mở đợt kiểm điểm, đánh giá, xếp loại năm ${c.year}: nộp bản kiểm điểm trước ${formatDate(c.self_review_due)}, chi bộ họp kiểm điểm trước ${formatDate(c.cell_session_due)}, cấp ủy quyết định trước ${formatDate(c.decision_due)}.`;
  await notifyUsers(tx, members, {
    kind: 'grading_campaign',
    title: `Viết bản kiểm điểm cá nhân năm ${c.year}`,
    body,
    link: `/kiem-diem/${c.year}`,
    dedupeKey: `grading-campaign:${c.id}`,
  });
  await notifyUsers(tx, secretaries, {
    kind: 'grading_campaign',
    title: `Chuẩn bị buổi sinh hoạt kiểm điểm, xếp loại năm ${c.year}`,
    body,
    link: `/kiem-diem/${c.year}`,
    dedupeKey: `grading-campaign:${c.id}`,
  });
}

async function loadCampaignRow(ex: Executor, id: number): Promise<CampaignRow | undefined> {
  const [row] = await ex.query<CampaignRow>(
    `SELECT ${COLS} FROM grading_campaigns c JOIN org_units u ON u.id = c.unit_id WHERE c.id = $1`,
    [id],
  );
  return row;
}

/** Campaigns that cover a unit (its own and its ancestors') and those opened inside it, newest first. */
export async function listCampaigns(
  db: Executor,
  actor: Actor,
  unitId: number,
  page: { limit: number; offset: number },
) {
  const unit = await visibleUnit(db, actor, unitId);
  authorize(actor, 'grading.read', unit.path);
  const where = `(u.path LIKE $1 OR $2 LIKE u.path || '%')`;
  const [rows, [count]] = await Promise.all([
    db.query<CampaignRow>(
      `SELECT ${COLS} FROM grading_campaigns c JOIN org_units u ON u.id = c.unit_id WHERE ${where}
        ORDER BY c.year DESC, length(u.path), c.id DESC LIMIT $3 OFFSET $4`,
      [`${unit.path}%`, unit.path, page.limit, page.offset],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grading_campaigns c JOIN org_units u ON u.id = c.unit_id WHERE ${where}`,
      [`${unit.path}%`, unit.path],
    ),
  ]);
  return { items: rows.map(presentCampaign), total: count!.n, limit: page.limit, offset: page.offset };
}

export interface ChildProgress {
  unitId: number;
  unitName: string;
  isCell: boolean;
  cells: number;
  reviewable: number;
  selfReviewsSubmitted: number;
  votesRecorded: number;
  selfAssessments: number;
}

/**
 * A campaign with its progress per direct child of its unit: members to review, self-reviews
 * submitted, votes recorded, and the cells' own assessments recorded — five queries in all.
 */
export async function campaignView(db: Executor, actor: Actor, id: number) {
  const c = await loadCampaignRow(db, id);
  // Readers of the whole subtree see every child; a cell's readers see the campaign over their
  // cell with the rows of what they hold.
  const held = scopePrefixes(actor, 'grading.read').map((p) => p.slice(0, -1));
  const whole = c ? can(actor, 'grading.read', c.unit_path) : false;
  if (!c || (!whole && !held.some((p) => p.startsWith(c.unit_path)))) throw notFound('đợt kiểm điểm');
  const sees = (path: string) => whole || held.some((p) => p.startsWith(path) || path.startsWith(p));
  const children = await db.query<{ id: number; path: string; name: string; kind: string; cells: number }>(
    `SELECT ch.id, ch.path, ch.name, ch.kind,
            (SELECT count(*)::int FROM org_units x WHERE x.path LIKE ch.path || '%'
                AND x.kind IN ('chi_bo', 'chi_bo_co_so') AND x.archived_at IS NULL) AS cells
       FROM org_units ch WHERE ch.parent_id = $1 AND ch.archived_at IS NULL ORDER BY ch.sort_order, ch.name`,
    [c.unit_id],
  );
  const members = await reviewableMembers(db, { year: c.year, unitPath: c.unit_path });
  const reviewed = members.filter((m) => m.reviewed);
  const ids = reviewed.map((m) => m.memberId);
  const [submitted, voted, assessed] = await Promise.all([
    db.query<{ member_id: number }>(
      `SELECT member_id FROM member_self_reviews WHERE year = $1 AND member_id = ANY($2::int[]) AND status = 'submitted'`,
      [c.year, ids],
    ),
    db.query<{ member_id: number }>(
      'SELECT member_id FROM cell_member_votes WHERE year = $1 AND member_id = ANY($2::int[])',
      [c.year, ids],
    ),
    db.query<{ path: string }>(
      `SELECT u.path FROM org_self_assessments a JOIN org_units u ON u.id = a.unit_id
        WHERE a.year = $1 AND u.path LIKE $2 AND u.kind IN ('chi_bo', 'chi_bo_co_so')`,
      [c.year, `${c.unit_path}%`],
    ),
  ]);
  const submittedSet = new Set(submitted.map((r) => r.member_id));
  const votedSet = new Set(voted.map((r) => r.member_id));
  const childOf = (path: string) => children.find((ch) => path.startsWith(ch.path));
  const progress = new Map<number, ChildProgress>(
    children.map((ch) => [
      ch.id,
      {
        unitId: ch.id,
        unitName: ch.name,
        isCell: isCellKind(ch.kind),
        cells: ch.cells,
        reviewable: 0,
        selfReviewsSubmitted: 0,
        votesRecorded: 0,
        selfAssessments: 0,
      },
    ]),
  );
  for (const m of reviewed) {
    const ch = childOf(m.unitPath);
    if (!ch) continue;
    const p = progress.get(ch.id)!;
    p.reviewable++;
    if (submittedSet.has(m.memberId)) p.selfReviewsSubmitted++;
    if (votedSet.has(m.memberId)) p.votesRecorded++;
  }
  for (const a of assessed) {
    const ch = childOf(a.path);
    if (ch) progress.get(ch.id)!.selfAssessments++;
  }
  const items = [...progress.values()].filter((p) => sees(children.find((ch) => ch.id === p.unitId)!.path));
  const sum = (k: keyof ChildProgress) => items.reduce((s, p) => s + (p[k] as number), 0);
  return {
    ...presentCampaign(c),
    canManage: can(actor, 'grading.decide', c.unit_path),
    progress: items,
    totals: {
      cells: sum('cells'),
      reviewable: sum('reviewable'),
      selfReviewsSubmitted: sum('selfReviewsSubmitted'),
      votesRecorded: sum('votesRecorded'),
      selfAssessments: sum('selfAssessments'),
    },
  };
}

/**
 * What the review asks of the signed-in person: for their own record, the open campaigns over
 * their home cell with their self-review's status; for each cell where they are secretary, the
 * session's state (members to vote on, votes recorded, the cell's own assessment).
 */
export async function myGrading(db: Executor, actor: Actor) {
  const today = todayIso();
  const self: {
    campaignId: number;
    year: number;
    title: string;
    unitName: string;
    selfReviewDue: string;
    cellSessionDue: string;
    memberId: number;
    cellId: number;
    cellName: string;
    reviewed: boolean;
    graded: boolean;
    notGradedReason: string | null;
    selfReview: { status: 'draft' | 'submitted'; revision: number } | null;
  }[] = [];
  if (actor.memberId !== null) {
    const open = await db.query<CampaignRow & { cell_id: number; cell_name: string }>(
      `SELECT ${COLS}, cell.id AS cell_id, cell.name AS cell_name
         FROM memberships ms JOIN org_units cell ON cell.id = ms.unit_id
         JOIN org_units u ON cell.path LIKE u.path || '%'
         JOIN grading_campaigns c ON c.unit_id = u.id AND c.status = 'open'
        WHERE ms.member_id = $1 AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to > $2)
        ORDER BY c.year DESC, length(u.path) DESC`,
      [actor.memberId, today],
    );
    // One campaign per year: the nearest committee's.
    const years = new Set<number>();
    for (const c of open) {
      if (years.has(c.year)) continue;
      years.add(c.year);
      const [who] = await reviewableMembers(db, { year: c.year, unitPath: '/', memberIds: [actor.memberId] });
      const [sr] = await db.query<{ status: 'draft' | 'submitted'; revision: number }>(
        'SELECT status, revision FROM member_self_reviews WHERE year = $1 AND member_id = $2',
        [c.year, actor.memberId],
      );
      self.push({
        campaignId: c.id,
        year: c.year,
        title: c.title,
        unitName: c.unit_name,
        selfReviewDue: c.self_review_due,
        cellSessionDue: c.cell_session_due,
        memberId: actor.memberId,
        cellId: c.cell_id,
        cellName: c.cell_name,
        reviewed: who?.reviewed ?? false,
        graded: who?.graded ?? false,
        notGradedReason: who
          ? who.notGradedReason
          : 'Không có tên trong danh sách đảng viên của chi bộ năm này',
        selfReview: sr ?? null,
      });
    }
  }
  const prefixes = scopePrefixes(actor, 'grading.vote');
  const sessions = await db.query<{
    cell_id: number;
    cell_name: string;
    campaign_id: number;
    year: number;
    cell_session_due: string;
    self_reviews: number;
    votes: number;
    assessed: boolean;
  }>(
    `SELECT DISTINCT ON (cell.id, c.year) cell.id AS cell_id, cell.name AS cell_name, c.id AS campaign_id, c.year,
            to_char(c.cell_session_due, 'YYYY-MM-DD') AS cell_session_due,
            (SELECT count(*)::int FROM member_self_reviews s WHERE s.unit_id = cell.id AND s.year = c.year AND s.status = 'submitted') AS self_reviews,
            (SELECT count(*)::int FROM cell_member_votes v WHERE v.unit_id = cell.id AND v.year = c.year) AS votes,
            EXISTS (SELECT 1 FROM org_self_assessments a WHERE a.unit_id = cell.id AND a.year = c.year) AS assessed
       FROM role_grants g JOIN org_units cell ON cell.id = g.org_unit_id
       JOIN org_units u ON cell.path LIKE u.path || '%'
       JOIN grading_campaigns c ON c.unit_id = u.id AND c.status = 'open'
      WHERE g.user_id = $1 AND g.role = 'cell_secretary' AND cell.kind IN ('chi_bo', 'chi_bo_co_so')
        AND cell.path LIKE ANY($2::text[])
      ORDER BY cell.id, c.year DESC, length(u.path) DESC`,
    [actor.userId, prefixes],
  );
  return {
    self,
    sessions: sessions.map((s) => ({
      cellId: s.cell_id,
      cellName: s.cell_name,
      campaignId: s.campaign_id,
      year: s.year,
      cellSessionDue: s.cell_session_due,
      selfReviewsSubmitted: s.self_reviews,
      votesRecorded: s.votes,
      selfAssessmentRecorded: s.assessed,
    })),
  };
}
