/**
 * The cell's review session (sinh hoạt kiểm điểm, issue 10, ADR 024): the members to review with
 * their self-review and year's facts, the vote on each (counts on the statutory base: official
 * members, not away, not exempted — domain/membership.ts) and the chi ủy's proposed level, and
 * the cell's own assessment against the pack's criteria.
 */
import type { Executor } from '../../db/executor.js';
import { formatPercent, percentHalfUp, todayIso } from '../../domain/format.js';
import type { RulePack } from '../../rules/types.js';
import type { GradeLevel } from '../../rules/year-types.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { countsForSubtree } from '../members/counts.js';
import { isCellKind } from '../org/labels.js';
import { type UnitRow, visibleUnit } from '../org/service.js';
import { assertReviewOpen, reviewClosedReason } from './campaign-close.js';
import { memberYearFacts, packsForCells, referenceDate, reviewableMembers } from './facts.js';

export const VOTE_KEYS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;
type VoteCounts = Record<(typeof VOTE_KEYS)[number], number>;

async function cellFor(
  db: Executor,
  actor: Actor,
  cellId: number,
  cap: 'grading.read' | 'grading.vote',
): Promise<UnitRow> {
  const cell = await visibleUnit(db, actor, cellId);
  authorize(actor, cap, cell.path);
  if (!isCellKind(cell.kind))
    throw new AppError('VALIDATION_FAILED', 'Buổi sinh hoạt kiểm điểm, xếp loại là của một chi bộ.');
  return cell;
}

/** Official members of the cell on the day, not away and not exempted: the vote's base. */
async function voteBase(ex: Executor, cell: UnitRow, year: number): Promise<number> {
  const counts = await countsForSubtree(ex, cell.path, referenceDate(year, todayIso()));
  return counts.get(cell.id)?.votingBase ?? 0;
}

async function cellPack(ex: Executor, cell: UnitRow, year: number): Promise<RulePack> {
  const packs = await packsForCells(ex, [{ unitId: cell.id, unitPath: cell.path }], referenceDate(year));
  return packs.get(cell.id)!;
}

function presentVotes(v: VoteCounts, base: number) {
  return VOTE_KEYS.map((k) => ({
    level: k,
    count: v[k],
    percent: base > 0 ? percentHalfUp(v[k], base) : null,
    percentText: base > 0 ? formatPercent(v[k], base) : '—',
  }));
}

interface VoteRow {
  member_id: number;
  meeting_id: number | null;
  comments: string | null;
  base: number;
  votes_xuat_sac: number;
  votes_tot: number;
  votes_hoan_thanh: number;
  votes_khong: number;
  proposed_level: GradeLevel;
  recorded_at: Date;
}

export async function sessionView(db: Executor, actor: Actor, cellId: number, year: number) {
  const cell = await cellFor(db, actor, cellId, 'grading.read');
  const [list, pack, base, closed] = await Promise.all([
    reviewableMembers(db, { year, unitPath: cell.path }),
    cellPack(db, cell, year),
    voteBase(db, cell, year),
    reviewClosedReason(db, cell.path, year),
  ]);
  const members = list.filter((m) => m.unitId === cell.id);
  const ids = members.map((m) => m.memberId);
  const [facts, reviews, votes, [assessment]] = await Promise.all([
    memberYearFacts(db, { year, memberIds: ids }),
    db.query<{
      member_id: number;
      status: 'draft' | 'submitted';
      proposed_level: GradeLevel | null;
      submitted_at: Date | null;
    }>(
      'SELECT member_id, status, proposed_level, submitted_at FROM member_self_reviews WHERE year = $1 AND member_id = ANY($2::int[])',
      [year, ids],
    ),
    db.query<VoteRow>(
      `SELECT member_id, meeting_id, comments, base, votes_xuat_sac, votes_tot, votes_hoan_thanh, votes_khong,
              proposed_level, recorded_at FROM cell_member_votes WHERE year = $1 AND member_id = ANY($2::int[])`,
      [year, ids],
    ),
    db.query<{
      scores: Record<string, number>;
      total: string;
      proposed_level: GradeLevel;
      comments: string | null;
      meeting_id: number | null;
      recorded_at: Date;
    }>(
      'SELECT scores, total::text, proposed_level, comments, meeting_id, recorded_at FROM org_self_assessments WHERE year = $1 AND unit_id = $2',
      [year, cell.id],
    ),
  ]);
  const reviewBy = new Map(reviews.map((r) => [r.member_id, r]));
  const voteBy = new Map(votes.map((v) => [v.member_id, v]));
  const rules = pack.grading;
  return {
    year,
    cellId: cell.id,
    cellName: cell.name,
    base,
    canVote: can(actor, 'grading.vote', cell.path) && !closed,
    /** Why nothing more is recorded for this year (its campaign is closed), or null. */
    reviewClosed: closed,
    levels: rules.levels.map((l) => ({ key: l.key, label: l.label })),
    members: members.map((m) => {
      const sr = reviewBy.get(m.memberId);
      const v = voteBy.get(m.memberId);
      const counts: VoteCounts | null = v
        ? {
            xuat_sac: v.votes_xuat_sac,
            tot: v.votes_tot,
            hoan_thanh: v.votes_hoan_thanh,
            khong_hoan_thanh: v.votes_khong,
          }
        : null;
      return {
        memberId: m.memberId,
        fullName: m.fullName,
        status: m.status,
        exempted: m.exempted,
        temporaryOut: m.temporaryOut,
        reviewed: m.reviewed,
        graded: m.graded,
        notGradedReason: m.notGradedReason,
        selfReview: sr
          ? { status: sr.status, proposedLevel: sr.proposed_level, submittedAt: sr.submitted_at }
          : null,
        facts: facts.get(m.memberId)!,
        vote:
          v && counts
            ? {
                meetingId: v.meeting_id,
                comments: v.comments,
                base: v.base,
                votes: counts,
                shares: presentVotes(counts, v.base),
                proposedLevel: v.proposed_level,
                recordedAt: v.recorded_at,
              }
            : null,
      };
    }),
    criteria: rules.organisationCriteria,
    selfAssessment: assessment
      ? {
          scores: assessment.scores,
          total: Number(assessment.total),
          proposedLevel: assessment.proposed_level,
          comments: assessment.comments,
          meetingId: assessment.meeting_id,
          recordedAt: assessment.recorded_at,
        }
      : null,
  };
}
export type SessionView = Awaited<ReturnType<typeof sessionView>>;

/** A meeting given with a vote must be one of this cell's. */
async function checkMeeting(ex: Executor, cell: UnitRow, meetingId: number | null | undefined) {
  if (meetingId == null) return null;
  const [mt] = await ex.query<{ id: number }>('SELECT id FROM meetings WHERE id = $1 AND unit_id = $2', [
    meetingId,
    cell.id,
  ]);
  if (!mt) throw notFound('buổi sinh hoạt');
  return mt.id;
}

export interface VoteInput {
  meetingId?: number | null;
  comments?: string | null;
  votes: VoteCounts;
  proposedLevel: GradeLevel;
}

export async function recordVote(
  db: Executor,
  actor: Actor,
  cellId: number,
  year: number,
  memberId: number,
  input: VoteInput,
  ip?: string,
) {
  const cell = await cellFor(db, actor, cellId, 'grading.vote');
  const [subject] = await reviewableMembers(db, { year, unitPath: cell.path, memberIds: [memberId] });
  if (!subject || subject.unitId !== cell.id || !subject.reviewed) throw notFound('đảng viên');
  await assertReviewOpen(db, cell.path, year);
  if (!subject.graded)
    throw new AppError(
      'GRADING_NOT_GRADED',
      `${subject.notGradedReason}; chi bộ không biểu quyết mức xếp loại.`,
    );
  const base = await voteBase(db, cell, year);
  const sum = VOTE_KEYS.reduce((s, k) => s + input.votes[k], 0);
  if (sum > base)
    throw new AppError(
      'VALIDATION_FAILED',
      `Tổng số phiếu (${sum}) vượt số đảng viên chính thức của chi bộ được biểu quyết (${base}).`,
      { fields: { votes: `Tổng tối đa ${base}` } },
    );
  return db.transaction(async (tx) => {
    const meetingId = await checkMeeting(tx, cell, input.meetingId);
    const [before] = await tx.query<VoteRow>(
      'SELECT * FROM cell_member_votes WHERE year = $1 AND member_id = $2',
      [year, memberId],
    );
    const v = input.votes;
    await tx.query(
      `INSERT INTO cell_member_votes (year, member_id, unit_id, meeting_id, comments, base, votes_xuat_sac, votes_tot,
         votes_hoan_thanh, votes_khong, proposed_level, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (year, member_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, meeting_id = EXCLUDED.meeting_id,
         comments = EXCLUDED.comments, base = EXCLUDED.base, votes_xuat_sac = EXCLUDED.votes_xuat_sac,
         votes_tot = EXCLUDED.votes_tot, votes_hoan_thanh = EXCLUDED.votes_hoan_thanh, votes_khong = EXCLUDED.votes_khong,
         proposed_level = EXCLUDED.proposed_level, recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [
        year,
        memberId,
        cell.id,
        meetingId,
        input.comments?.trim() || null,
        base,
        v.xuat_sac,
        v.tot,
        v.hoan_thanh,
        v.khong_hoan_thanh,
        input.proposedLevel,
        actor.userId,
      ],
    );
    await audit(
      tx,
      actor,
      {
        action: 'grading.vote_record',
        entityType: 'member',
        entityId: memberId,
        orgUnitId: cell.id,
        before: before
          ? {
              proposedLevel: before.proposed_level,
              votes: {
                xuat_sac: before.votes_xuat_sac,
                tot: before.votes_tot,
                hoan_thanh: before.votes_hoan_thanh,
                khong_hoan_thanh: before.votes_khong,
              },
            }
          : undefined,
        after: { year, base, votes: v, proposedLevel: input.proposedLevel, meetingId },
      },
      ip,
    );
    return { base, votes: v, shares: presentVotes(v, base), proposedLevel: input.proposedLevel };
  });
}

export interface SelfAssessmentInput {
  scores: Record<string, number>;
  proposedLevel: GradeLevel;
  comments?: string | null;
  meetingId?: number | null;
}

export async function recordSelfAssessment(
  db: Executor,
  actor: Actor,
  cellId: number,
  year: number,
  input: SelfAssessmentInput,
  ip?: string,
) {
  const cell = await cellFor(db, actor, cellId, 'grading.vote');
  await assertReviewOpen(db, cell.path, year);
  const pack = await cellPack(db, cell, year);
  const criteria = new Map(pack.grading.organisationCriteria.map((c) => [c.key, c]));
  for (const [key, value] of Object.entries(input.scores)) {
    const c = criteria.get(key);
    if (!c)
      throw new AppError('VALIDATION_FAILED', `Không có tiêu chí "${key}" trong bộ tiêu chí đánh giá.`, {
        fields: { scores: 'Tiêu chí không có trong bộ tiêu chí' },
      });
    if (value > c.maxPoints)
      throw new AppError(
        'VALIDATION_FAILED',
        `Điểm tiêu chí "${c.title}" tối đa ${String(c.maxPoints).replace('.', ',')} điểm.`,
        { fields: { [`scores.${key}`]: `Tối đa ${c.maxPoints}` } },
      );
  }
  // Hundredths, summed as integers so that 12,5 + 7,25 is 19,75 exactly.
  const total = Object.values(input.scores).reduce((s, v) => s + Math.round(v * 100), 0) / 100;
  if (total > 100) throw new AppError('VALIDATION_FAILED', 'Tổng điểm tự đánh giá không vượt quá 100 điểm.');
  return db.transaction(async (tx) => {
    const meetingId = await checkMeeting(tx, cell, input.meetingId);
    await tx.query(
      `INSERT INTO org_self_assessments (year, unit_id, meeting_id, scores, total, proposed_level, comments, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (year, unit_id) DO UPDATE SET meeting_id = EXCLUDED.meeting_id, scores = EXCLUDED.scores,
         total = EXCLUDED.total, proposed_level = EXCLUDED.proposed_level, comments = EXCLUDED.comments,
         recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
      [
        year,
        cell.id,
        meetingId,
        JSON.stringify(input.scores),
        total,
        input.proposedLevel,
        input.comments?.trim() || null,
        actor.userId,
      ],
    );
    await audit(
      tx,
      actor,
      {
        action: 'grading.self_assessment_record',
        entityType: 'org_unit',
        entityId: cell.id,
        orgUnitId: cell.id,
        after: { year, total, proposedLevel: input.proposedLevel, meetingId },
      },
      ip,
    );
    return { total, proposedLevel: input.proposedLevel };
  });
}
