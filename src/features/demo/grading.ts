/**
 * The demo's annual review (issue 10 "must show"): last year completed for Đảng bộ phường An Hội —
 * a closed campaign, a submitted self-review for every reviewed member of its cells, the cells'
 * votes and self-assessments, and the ward's issued decisions for its members and its cells, with
 * levels derived from the year's facts, held to the hard rules' caps (`capLevel`) and within the
 * quotas (`checkQuotas` before anything is written); the decisions go through the same services
 * as the committee's page (saveDecisions, issueSet). The current year's campaign is open and
 * under way: everyone has written and been voted on except `dangvien1` (the e2e journey).
 * Deterministic for a given `today`.
 */
import type { Executor } from '../../db/executor.js';
import { capLevel, checkQuotas, levelForScore, levelRank } from '../../domain/grading.js';
import type { RulePack } from '../../rules/types.js';
import { GRADE_LEVELS, type GradeLevel } from '../../rules/year-types.js';
import type { Actor } from '../../server/access.js';
import { issueSet } from '../grading/decision-issue.js';
import { loadUnit, packFor, saveDecisions } from '../grading/decisions.js';
import { memberYearFacts, reviewableMembers } from '../grading/facts.js';
import { REGULAR_STATE_SQL } from '../recognition/proposals.js';
import { addDays } from './dates.js';

export interface DemoGradingResult {
  year: number;
  members: number;
  organisations: number;
  memberSetId: number;
  organisationSetId: number;
}

const better = (l: GradeLevel): GradeLevel => GRADE_LEVELS[Math.max(0, levelRank(l) - 1)]!;

/** The level a member's year earns before the caps: attendance and tasks, from the records. */
function earned(f: { meetingsDue: number; attended: number; absentUnexcused: number }): GradeLevel {
  if (f.absentUnexcused >= 3) return 'khong_hoan_thanh';
  if (f.meetingsDue > 0 && f.attended * 10 < f.meetingsDue * 8) return 'hoan_thanh';
  return 'tot';
}

export async function seedDemoGrading(
  tx: Executor,
  input: { today: string; unitIds: ReadonlyMap<string, number>; staffUserId: number },
): Promise<DemoGradingResult> {
  const year = Number(input.today.slice(0, 4)) - 1;
  const wardId = input.unitIds.get('phuong')!;
  const ward = await loadUnit(tx, wardId);
  const staff: Actor = {
    userId: input.staffUserId,
    username: 'danguy',
    displayName: 'Văn phòng Đảng ủy phường An Hội',
    memberId: null,
    grants: [{ id: 0, role: 'committee_staff', orgUnitId: wardId, path: ward.path, unitName: ward.name }],
    sessionId: 'demo',
    csrfToken: 'demo',
  };
  const pack = await packFor(tx, ward, year, input.today);

  // Campaigns: last year's closed, this year's open with its deadlines in the coming weeks.
  await tx.query(
    `INSERT INTO grading_campaigns (unit_id, year, title, self_review_due, cell_session_due, decision_due, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'closed', $7),
            ($1, $2 + 1, $8, $9, $10, $11, 'open', $7)`,
    [
      wardId,
      year,
      `Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${year}`,
      `${year}-12-10`,
      `${year}-12-20`,
      `${year + 1}-01-15`,
      input.staffUserId,
      `Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${year + 1}`,
      addDays(input.today, 14),
      addDays(input.today, 28),
      addDays(input.today, 42),
    ],
  );

  const { graded, level, cells } = await seedMemberReviews(tx, {
    year,
    wardPath: ward.path,
    pack,
    today: input.today,
    staffUserId: input.staffUserId,
    submittedAt: `${year}-12-08T09:00:00+07:00`,
    votedAt: `${year}-12-18T19:30:00+07:00`,
    leaveOut: new Set(),
  });
  const orgLevels = await seedSelfAssessments(tx, pack, wardId, year, input.today, input.staffUserId);

  const memberSet = await saveDecisions(
    tx,
    staff,
    wardId,
    year,
    {
      type: 'member',
      // Cadres (diện cấp ủy quản lý): the first official member of every third cell, for the report.
      items: graded.map((m) => ({
        memberId: m.memberId,
        level: level.get(m.memberId)!,
        isCadre: m.status === 'official' && cells.indexOf(m.unitId) % 3 === 0 && isFirstOfficial(graded, m),
      })),
    },
    undefined,
    input.today,
  );
  const decisionDate = `${year + 1}-01-12`;
  await issueSet(
    tx,
    staff,
    wardId,
    year,
    { type: 'member', decisionNo: '125-QĐ/ĐU', decisionDate },
    undefined,
    input.today,
  );
  const orgSet = await saveDecisions(
    tx,
    staff,
    wardId,
    year,
    {
      type: 'organisation',
      items: orgLevels.map((o) => ({ unitId: o.unitId, level: o.level, score: o.total })),
    },
    undefined,
    input.today,
  );
  await issueSet(
    tx,
    staff,
    wardId,
    year,
    { type: 'organisation', decisionNo: '126-QĐ/ĐU', decisionDate },
    undefined,
    input.today,
  );
  // This year's review under way: every reviewed member has written and been voted on, except
  // dangvien1 (the e2e journey writes it and bithu1 records the cell's vote); every cell has
  // assessed itself. Nothing is decided yet.
  const [journeyMember] = await tx.query<{ member_id: number }>(
    "SELECT member_id FROM users WHERE username = 'dangvien1' AND member_id IS NOT NULL",
  );
  await seedMemberReviews(tx, {
    year: year + 1,
    wardPath: ward.path,
    pack,
    today: input.today,
    staffUserId: input.staffUserId,
    submittedAt: `${addDays(input.today, -3)}T09:00:00+07:00`,
    votedAt: `${addDays(input.today, -1)}T19:30:00+07:00`,
    leaveOut: new Set(journeyMember ? [journeyMember.member_id] : []),
  });
  await seedSelfAssessments(
    tx,
    pack,
    wardId,
    year + 1,
    input.today,
    input.staffUserId,
    `${addDays(input.today, -1)}T21:00:00+07:00`,
  );
  // Notifications carry the decision's day, not the seeding's clock (the demo is deterministic).
  await tx.query("UPDATE notifications SET created_at = $1::timestamptz WHERE kind = 'grading.issued'", [
    `${decisionDate}T08:00:00+07:00`,
  ]);
  return {
    year,
    members: graded.length,
    organisations: orgLevels.length,
    memberSetId: memberSet.setId,
    organisationSetId: orgSet.setId,
  };
}

/**
 * Self-reviews and the cells' votes of one year for the ward's reviewed members (all but
 * `leaveOut`), with the levels their year earns, held to the caps and within the quotas.
 */
async function seedMemberReviews(
  tx: Executor,
  o: {
    year: number;
    wardPath: string;
    pack: RulePack;
    today: string;
    staffUserId: number;
    submittedAt: string;
    votedAt: string;
    leaveOut: ReadonlySet<number>;
  },
) {
  const { year } = o;
  const g = o.pack.grading;
  const reviewed = (await reviewableMembers(tx, { year, unitPath: o.wardPath, today: o.today })).filter(
    (m) => m.reviewed,
  );
  const facts = await memberYearFacts(tx, {
    year,
    memberIds: reviewed.map((m) => m.memberId),
    today: o.today,
  });
  const graded = reviewed.filter((m) => m.graded);
  const level = new Map<number, GradeLevel>();
  for (const m of graded) {
    const f = facts.get(m.memberId)!;
    const cap = capLevel(f, g, 'member').maxLevel;
    const e = earned(f);
    level.set(m.memberId, levelRank(e) < levelRank(cap) ? cap : e);
  }
  // Xuất sắc: in each cell the member with the best attendance at tốt, kept only if every quota holds.
  const items = () =>
    graded.map((m) => ({
      key: String(m.memberId),
      groupKey: String(m.unitId),
      level: level.get(m.memberId)!,
    }));
  const cells = [...new Set(graded.map((m) => m.unitId))];
  for (const cellId of cells) {
    const candidates = graded
      .filter((m) => m.unitId === cellId && level.get(m.memberId) === 'tot' && m.status === 'official')
      .sort((a, b) => {
        const fa = facts.get(a.memberId)!;
        const fb = facts.get(b.memberId)!;
        return fb.attended - fa.attended || a.memberId - b.memberId;
      });
    const best = candidates[0];
    if (!best) continue;
    level.set(best.memberId, 'xuat_sac');
    if (checkQuotas(items(), g.quotas, 'member').length > 0) level.set(best.memberId, 'tot');
  }
  if (checkQuotas(items(), g.quotas, 'member').length > 0)
    throw new Error('demo: member grades break a quota');

  const writers = reviewed.filter((m) => !o.leaveOut.has(m.memberId));
  // Self-reviews (submitted at the cell's session deadline), one better than earned for every fourth.
  const submitted = o.submittedAt;
  const sections = Object.fromEntries(
    g.selfReviewSections.map((s) => [
      s.key,
      `Tự đánh giá: ${s.title.toLocaleLowerCase('vi')} — đạt yêu cầu.`,
    ]),
  );
  await tx.query(
    `INSERT INTO member_self_reviews (year, member_id, unit_id, sections, proposed_level, status, submitted_at, created_at, updated_at)
     SELECT $1, t.member_id, t.unit_id, $2::jsonb, t.level, 'submitted', $3::timestamptz, $3::timestamptz, $3::timestamptz
       FROM unnest($4::int[], $5::int[], $6::text[]) AS t(member_id, unit_id, level)`,
    [
      year,
      JSON.stringify(sections),
      submitted,
      writers.map((m) => m.memberId),
      writers.map((m) => m.unitId),
      writers.map((m, i) => {
        const l = level.get(m.memberId) ?? 'hoan_thanh';
        return i % 4 === 0 ? better(l) : l;
      }),
    ],
  );

  // The cells' votes on the statutory base (official members of the cell): most at the level, a
  // few one step away, and the chi ủy's proposal = the level decided.
  const officials = new Map<number, number>();
  for (const m of reviewed)
    if (m.status === 'official') officials.set(m.unitId, (officials.get(m.unitId) ?? 0) + 1);
  const votes = graded
    .filter((m) => !o.leaveOut.has(m.memberId))
    .map((m, i) => {
      const b = officials.get(m.unitId) ?? 0;
      const l = level.get(m.memberId)!;
      const away = Math.min(b, i % 3);
      const counts: Record<GradeLevel, number> = { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 };
      counts[l] = b - away;
      const next = l === 'khong_hoan_thanh' ? 'hoan_thanh' : GRADE_LEVELS[levelRank(l) + 1]!;
      counts[next] += away;
      return { m, counts, l };
    });
  await tx.query(
    `INSERT INTO cell_member_votes (year, member_id, unit_id, base, votes_xuat_sac, votes_tot, votes_hoan_thanh, votes_khong,
       proposed_level, recorded_by, recorded_at)
     SELECT $1, t.member_id, t.unit_id, t.base, t.xs, t.tot, t.ht, t.k, t.level, $2, $3::timestamptz
       FROM unnest($4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::text[])
            AS t(member_id, unit_id, base, xs, tot, ht, k, level)`,
    [
      year,
      o.staffUserId,
      o.votedAt,
      votes.map((v) => v.m.memberId),
      votes.map((v) => v.m.unitId),
      votes.map((v) => officials.get(v.m.unitId) ?? 0),
      votes.map((v) => v.counts.xuat_sac),
      votes.map((v) => v.counts.tot),
      votes.map((v) => v.counts.hoan_thanh),
      votes.map((v) => v.counts.khong_hoan_thanh),
      votes.map((v) => v.l),
    ],
  );

  return { graded, level, cells };
}

function isFirstOfficial(
  all: readonly { unitId: number; memberId: number; status: string }[],
  m: { unitId: number; memberId: number },
) {
  return all.find((x) => x.unitId === m.unitId && x.status === 'official')?.memberId === m.memberId;
}

/**
 * Each direct child of the ward scores itself from its year's routine (the summary rows): the
 * share of months held on time spread over the pack's criteria; the level follows the score, and
 * xuất sắc is kept only within the quota (the others are set to tốt).
 */
async function seedSelfAssessments(
  tx: Executor,
  pack: RulePack,
  wardId: number,
  year: number,
  today: string,
  userId: number,
  recordedAt = `${year}-12-18T21:00:00+07:00`,
): Promise<{ unitId: number; total: number; level: GradeLevel }[]> {
  const rows = await tx.query<{ id: number; due: number; on_time: number }>(
    `WITH kids AS (SELECT id, path, sort_order, name FROM org_units WHERE parent_id = $1 AND archived_at IS NULL AND kind <> 'other'),
     st AS (
       SELECT k.id, ${REGULAR_STATE_SQL} AS state
         FROM kids k JOIN org_units c ON c.path LIKE k.path || '%'
         JOIN cell_month_status s ON s.unit_id = c.id AND s.month BETWEEN $2 AND $3
     )
     SELECT k.id, count(st.state) FILTER (WHERE st.state IN ('held_on_time', 'held_late', 'missed'))::int AS due,
            count(st.state) FILTER (WHERE st.state = 'held_on_time')::int AS on_time
       FROM kids k LEFT JOIN st ON st.id = k.id GROUP BY k.id, k.sort_order, k.name ORDER BY k.sort_order, k.name, k.id`,
    [wardId, `${year}-01`, `${year}-12`, today],
  );
  const g = pack.grading;
  const sum = g.organisationCriteria.reduce((s, c) => s + c.maxPoints, 0);
  const out = rows.map((r, i) => {
    const ratio = r.due > 0 ? r.on_time / r.due : 0.8;
    // 78–98,5 points, a little spread by position so the levels differ (the best few reach 90).
    const total = Math.round((78 + 16 * ratio + (i % 4) * 1.5) * 100) / 100;
    return {
      unitId: r.id,
      total: Math.min(total, 100),
      level: levelForScore(Math.min(total, 100), g.levels),
    };
  });
  const items = () => out.map((o) => ({ key: String(o.unitId), groupKey: String(wardId), level: o.level }));
  // Keep the best scores at xuất sắc while the quota allows.
  const ranked = [...out]
    .filter((o) => o.level === 'xuat_sac')
    .sort((a, b) => b.total - a.total || a.unitId - b.unitId);
  for (const o of ranked) o.level = 'tot';
  for (const o of ranked) {
    o.level = 'xuat_sac';
    if (checkQuotas(items(), g.quotas, 'organisation').length > 0) o.level = 'tot';
  }
  await tx.query(
    `INSERT INTO org_self_assessments (year, unit_id, scores, total, proposed_level, comments, recorded_by, recorded_at)
     SELECT $1, t.unit_id, t.scores::jsonb, t.total, t.level, $2, $3, $4::timestamptz
       FROM unnest($5::int[], $6::text[], $7::numeric[], $8::text[]) AS t(unit_id, scores, total, level)`,
    [
      year,
      'Chi bộ tự đánh giá tại buổi sinh hoạt kiểm điểm cuối năm.',
      userId,
      recordedAt,
      out.map((o) => o.unitId),
      out.map((o) =>
        JSON.stringify(
          Object.fromEntries(
            g.organisationCriteria.map((c) => [
              c.key,
              Math.round(((o.total * c.maxPoints) / sum) * 100) / 100,
            ]),
          ),
        ),
      ),
      out.map((o) => o.total),
      out.map((o) => o.level),
    ],
  );
  return out;
}
