/**
 * Closing a year's review campaign (issue 10, ADR 024): the committee that opened it ends it
 * (`grading.decide` over its unit); from then on the cells under it take no new self-review,
 * vote or own assessment for that year (409). A campaign that was never opened does not block:
 * the review's records may be kept without one.
 */
import type { Executor } from '../../db/executor.js';
import { formatDate } from '../../domain/format.js';
import { type Actor, can, scopePrefixes } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { presentCampaign } from './campaigns.js';

interface Row {
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
  updated_at: Date;
}

const COLS = `c.id, c.unit_id, u.path AS unit_path, u.name AS unit_name, c.year, c.title,
  to_char(c.self_review_due, 'YYYY-MM-DD') AS self_review_due, to_char(c.cell_session_due, 'YYYY-MM-DD') AS cell_session_due,
  to_char(c.decision_due, 'YYYY-MM-DD') AS decision_due, c.status, c.created_at, c.updated_at`;

/** The Vietnamese refusal of a write into a closed campaign's year. */
export const closedMessage = (unitName: string, year: number, closedOn: string) =>
  `Đợt kiểm điểm, đánh giá, xếp loại năm ${year} của ${unitName} đã kết thúc ngày ${formatDate(closedOn)}: không ghi thêm bản kiểm điểm, kết quả biểu quyết hay tự đánh giá của năm này.`;

/**
 * Closes a campaign. Those who do not see the campaign get 404 (as if absent); those who see it
 * (a cell's readers) but may not decide get 403; a campaign already closed answers 409.
 */
export async function closeCampaign(db: Executor, actor: Actor, id: number, ip?: string) {
  const [c] = await db.query<Row>(
    `SELECT ${COLS} FROM grading_campaigns c JOIN org_units u ON u.id = c.unit_id WHERE c.id = $1`,
    [id],
  );
  const held = scopePrefixes(actor, 'grading.read').map((p) => p.slice(0, -1));
  if (!c || (!can(actor, 'grading.read', c.unit_path) && !held.some((p) => p.startsWith(c.unit_path))))
    throw notFound('đợt kiểm điểm');
  // A cell's reader sees the campaign over their cell: not theirs to close.
  if (!can(actor, 'grading.decide', c.unit_path))
    throw new AppError('FORBIDDEN', 'Chỉ cấp ủy đã mở đợt kiểm điểm, xếp loại mới kết thúc được đợt này.');
  return db.transaction(async (tx) => {
    const [done] = await tx.query<{ updated_at: string }>(
      `UPDATE grading_campaigns SET status = 'closed', updated_at = now() WHERE id = $1 AND status = 'open'
       RETURNING to_char(updated_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS updated_at`,
      [id],
    );
    if (!done)
      throw new AppError(
        'CONFLICT',
        `Đợt kiểm điểm, xếp loại năm ${c.year} của ${c.unit_name} đã đóng trước đó.`,
      );
    await audit(
      tx,
      actor,
      {
        action: 'grading_campaign.close',
        entityType: 'grading_campaign',
        entityId: c.id,
        orgUnitId: c.unit_id,
        before: { status: 'open' },
        after: { year: c.year, title: c.title, status: 'closed' },
      },
      ip,
    );
    return { ...presentCampaign({ ...c, status: 'closed' }), closedOn: done.updated_at };
  });
}

/**
 * Why the year's review of a cell takes no more writes — the nearest campaign over the cell for
 * that year (the cell's committee's, else the one above it) is closed — or null.
 */
export async function reviewClosedReason(
  ex: Executor,
  cellPath: string,
  year: number,
): Promise<string | null> {
  const [c] = await ex.query<{ status: 'open' | 'closed'; unit_name: string; closed_on: string }>(
    `SELECT c.status, u.name AS unit_name,
            to_char(c.updated_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS closed_on
       FROM grading_campaigns c JOIN org_units u ON u.id = c.unit_id
      WHERE c.year = $2 AND $1 LIKE u.path || '%'
      ORDER BY length(u.path) DESC LIMIT 1`,
    [cellPath, year],
  );
  return c?.status === 'closed' ? closedMessage(c.unit_name, year, c.closed_on) : null;
}

/** Refuses (409) a write of the year's review for a cell whose campaign is closed. */
export async function assertReviewOpen(ex: Executor, cellPath: string, year: number): Promise<void> {
  const reason = await reviewClosedReason(ex, cellPath, year);
  if (reason) throw new AppError('CONFLICT', reason);
}
