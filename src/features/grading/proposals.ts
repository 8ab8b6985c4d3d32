/**
 * What the committee decides from (issue 10 item 5, ADR 024): every subject of the deciding unit
 * with its self-proposal, the cell's vote, the year's facts, the cap the hard rules put on it, the
 * draft level and the current issued decision; and a member's grades over the years. One query
 * per list and per kind of evidence for the page's subjects (never one per subject); keyset paged.
 */
import type { Db, Executor } from '../../db/executor.js';
import { percentHalfUp, todayIso } from '../../domain/format.js';
import type { CapResult } from '../../domain/grading.js';
import type { GradeLevel } from '../../rules/year-types.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';
import { rulePackForUnit } from '../org/service.js';
import { REGULAR_STATE_SQL } from '../recognition/proposals.js';
import type { ProposalsQuery, SubjectType } from './decision-schema.js';
import {
  CURRENT_SQL,
  capsFor,
  DATE_TEXT,
  type DecidingUnit,
  initialSet,
  levelLabel,
  loadUnit,
  packFor,
  type Subject,
  subjectsOf,
} from './decisions.js';
import { memberYearFacts } from './facts.js';

const VOTE_LEVELS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(cursor: string): (string | number)[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string' || typeof x === 'number'))
      return v;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'Con trỏ trang không hợp lệ; hãy tải lại danh sách từ đầu.');
}

/** Sort key of a subject in the list: its group's name, then its own order, then its id. */
function orderKey(s: Subject, i: number, type: SubjectType): (string | number)[] {
  return type === 'member' ? [s.groupName, s.sortKey, s.key] : ['', String(i).padStart(8, '0'), s.key];
}

function after(a: (string | number)[], b: (string | number)[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    return a[i]! > b[i]!;
  }
  return false;
}

interface Current {
  decisionId: number;
  setId: number;
  level: GradeLevel;
  decisionNo: string;
  decisionDate: string;
  kind: 'initial' | 'revision';
  isCadre: boolean;
}

async function currentDecisions(
  ex: Executor,
  year: number,
  type: SubjectType,
  keys: number[],
): Promise<Map<number, Current>> {
  const col = type === 'member' ? 'd.member_id' : 'd.unit_id';
  const rows = await ex.query<{
    key: number;
    id: number;
    set_id: number;
    level: GradeLevel;
    decision_no: string;
    decision_date: string;
    kind: 'initial' | 'revision';
    is_cadre: boolean;
  }>(
    `SELECT ${col} AS key, d.id, d.set_id, d.level, s.decision_no, ${DATE_TEXT('s.decision_date')} AS decision_date,
            s.kind, d.is_cadre
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = $1 AND d.subject_type = $2 AND ${col} = ANY($3::int[]) AND ${CURRENT_SQL}
      ORDER BY d.id`,
    [year, type, keys],
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        decisionId: r.id,
        setId: r.set_id,
        level: r.level,
        decisionNo: r.decision_no,
        decisionDate: r.decision_date,
        kind: r.kind,
        isCadre: r.is_cadre,
      },
    ]),
  );
}

interface Draft {
  decisionId: number;
  level: GradeLevel;
  isCadre: boolean;
  score: number | null;
  note: string | null;
}

async function draftDecisions(ex: Executor, setId: number | null, type: SubjectType, keys: number[]) {
  const out = new Map<number, Draft>();
  if (setId === null || keys.length === 0) return out;
  const col = type === 'member' ? 'member_id' : 'unit_id';
  const rows = await ex.query<{
    key: number;
    id: number;
    level: GradeLevel;
    is_cadre: boolean;
    score: string | null;
    note: string | null;
  }>(
    `SELECT ${col} AS key, id, level, is_cadre, score::text AS score, note FROM grading_decisions
      WHERE set_id = $1 AND ${col} = ANY($2::int[])`,
    [setId, keys],
  );
  for (const r of rows)
    out.set(r.key, {
      decisionId: r.id,
      level: r.level,
      isCadre: r.is_cadre,
      score: r.score === null ? null : Number(r.score),
      note: r.note,
    });
  return out;
}

const presentCap = (cap: CapResult | undefined, label: (l: string) => string) =>
  cap
    ? {
        maxLevel: cap.maxLevel,
        maxLabel: label(cap.maxLevel),
        limited: cap.reasons.length > 0,
        reasons: cap.reasons,
      }
    : null;

/** The proposals list of a deciding unit (members or organisations), one page. */
export async function listDecisionProposals(
  db: Db,
  actor: Actor,
  unitId: number,
  year: number,
  q: ProposalsQuery,
  today = todayIso(),
) {
  const u = await loadUnit(db, unitId);
  authorize(actor, 'grading.read', u.path, 'đơn vị');
  const type = q.type;
  const pack = await packFor(db, u, year, today);
  const label = (l: string) => levelLabel(pack, l);
  let scope: DecidingUnit = u;
  if (q.cellId !== undefined) {
    if (type !== 'member')
      throw new AppError('VALIDATION_FAILED', 'Lọc theo chi bộ chỉ dùng cho danh sách đảng viên.');
    const [cell] = await db.query<DecidingUnit>(
      'SELECT id, path, name, kind, parent_id FROM org_units WHERE id = $1 AND path LIKE $2',
      [q.cellId, `${u.path}%`],
    );
    if (!cell) throw notFound('chi bộ');
    scope = cell;
  }
  const all = (await subjectsOf(db, scope, year, type, undefined, today)).map((s, i) => ({
    s,
    k: orderKey(s, i, type),
  }));
  all.sort((a, b) => (after(a.k, b.k) ? 1 : after(b.k, a.k) ? -1 : 0));
  const from = q.cursor ? decodeCursor(q.cursor) : null;
  const rest = from ? all.filter((x) => after(x.k, from)) : all;
  const page = rest.slice(0, q.limit);
  const nextCursor = rest.length > q.limit ? encodeCursor(page[page.length - 1]!.k) : null;
  const keys = page.map((x) => x.s.key);
  const set = await initialSet(db, u.id, year, type);
  const [drafts, current, caps] = [
    await draftDecisions(db, set?.id ?? null, type, keys),
    await currentDecisions(db, year, type, keys),
    await capsFor(db, pack, year, type, keys, today),
  ];
  const base = {
    year,
    unitId: u.id,
    type,
    set: set
      ? { id: set.id, status: set.status, decisionNo: set.decision_no, decisionDate: set.decision_date }
      : null,
    canDecide: can(actor, 'grading.decide', u.path),
    levels: pack.grading.levels.map((l) => ({ key: l.key, label: l.label })),
    /** The pack's quotas, so a page can show the live check as levels are chosen. */
    quotas: pack.grading.quotas,
    total: all.length,
    nextCursor,
  };
  if (type === 'member') {
    const items = await memberItems(
      db,
      year,
      page.map((x) => x.s),
      today,
    );
    return {
      ...base,
      items: items.map((it) => ({
        ...it,
        cap: presentCap(caps.get(it.memberId), label),
        draft: drafts.get(it.memberId) ?? null,
        current: current.get(it.memberId) ?? null,
      })),
    };
  }
  const items = await organisationItems(
    db,
    year,
    page.map((x) => x.s),
    today,
  );
  return {
    ...base,
    items: items.map((it) => ({
      ...it,
      cap: presentCap(caps.get(it.unitId), label),
      draft: drafts.get(it.unitId) ?? null,
      current: current.get(it.unitId) ?? null,
    })),
  };
}

async function memberItems(ex: Executor, year: number, subjects: Subject[], today: string) {
  const ids = subjects.map((s) => s.key);
  const reviews = new Map(
    (
      await ex.query<{ member_id: number; status: string; proposed_level: GradeLevel | null }>(
        'SELECT member_id, status, proposed_level FROM member_self_reviews WHERE year = $1 AND member_id = ANY($2::int[])',
        [year, ids],
      )
    ).map((r) => [r.member_id, r]),
  );
  const votes = new Map(
    (
      await ex.query<{
        member_id: number;
        base: number;
        votes_xuat_sac: number;
        votes_tot: number;
        votes_hoan_thanh: number;
        votes_khong: number;
        proposed_level: GradeLevel;
      }>(
        `SELECT member_id, base, votes_xuat_sac, votes_tot, votes_hoan_thanh, votes_khong, proposed_level
           FROM cell_member_votes WHERE year = $1 AND member_id = ANY($2::int[])`,
        [year, ids],
      )
    ).map((r) => [r.member_id, r]),
  );
  const facts = await memberYearFacts(ex, { year, memberIds: ids, today });
  return subjects.map((s) => {
    const r = reviews.get(s.key);
    const v = votes.get(s.key);
    const f = facts.get(s.key);
    const counts = v
      ? {
          xuat_sac: v.votes_xuat_sac,
          tot: v.votes_tot,
          hoan_thanh: v.votes_hoan_thanh,
          khong_hoan_thanh: v.votes_khong,
        }
      : null;
    return {
      memberId: s.key,
      fullName: s.name,
      cellId: s.groupKey,
      cellName: s.groupName,
      graded: s.graded,
      notGradedReason: s.notGradedReason,
      selfReview: r ? { status: r.status, proposedLevel: r.proposed_level } : null,
      vote:
        v && counts
          ? {
              base: v.base,
              counts,
              percents: Object.fromEntries(
                VOTE_LEVELS.map((l) => [l, v.base > 0 ? percentHalfUp(counts[l], v.base) : 0]),
              ) as Record<GradeLevel, number>,
              proposedLevel: v.proposed_level,
            }
          : null,
      facts: f
        ? {
            meetingsDue: f.meetingsDue,
            attended: f.attended,
            absentExcused: f.absentExcused,
            absentUnexcused: f.absentUnexcused,
            tasksAssigned: f.tasksAssigned,
            tasksDone: f.tasksDone,
            tasksLate: f.tasksLate,
            tasksUndone: f.tasksUndone,
            duesUnpaidMonths: f.duesUnpaidMonths,
            disciplined: f.disciplined,
          }
        : null,
    };
  });
}

async function organisationItems(ex: Executor, year: number, subjects: Subject[], today: string) {
  const ids = subjects.map((s) => s.key);
  const from = `${year}-01`;
  const to = `${year}-12`;
  const assessments = new Map(
    (
      await ex.query<{ unit_id: number; total: string; proposed_level: GradeLevel }>(
        'SELECT unit_id, total::text AS total, proposed_level FROM org_self_assessments WHERE year = $1 AND unit_id = ANY($2::int[])',
        [year, ids],
      )
    ).map((r) => [r.unit_id, r]),
  );
  // The year's meeting routine and quality from the summary rows of every cell under each subject.
  const evidence = await ex.query<{
    id: number;
    band: string | null;
    due: number;
    on_time: number;
    rated: number;
    score_sum: string | null;
    scored: number;
  }>(
    `WITH subj AS (SELECT id, path FROM org_units WHERE id = ANY($1::int[])),
     st AS (
       SELECT sj.id, s.cell_band, s.final_score, ${REGULAR_STATE_SQL} AS state
         FROM subj sj JOIN org_units c ON c.path LIKE sj.path || '%' AND c.kind IN ('chi_bo', 'chi_bo_co_so')
         JOIN cell_month_status s ON s.unit_id = c.id AND s.month BETWEEN $2 AND $3
     )
     SELECT id, cell_band AS band,
            count(*) FILTER (WHERE state IN ('held_on_time', 'held_late', 'missed'))::int AS due,
            count(*) FILTER (WHERE state = 'held_on_time')::int AS on_time,
            count(*) FILTER (WHERE cell_band IS NOT NULL)::int AS rated,
            sum(final_score)::text AS score_sum, count(final_score)::int AS scored
       FROM st GROUP BY id, cell_band`,
    [ids, from, to, today],
  );
  const ev = new Map<
    number,
    {
      dueMonths: number;
      onTimeMonths: number;
      scoreSum: number;
      scored: number;
      bands: Record<string, number>;
    }
  >();
  for (const e of evidence) {
    const x = ev.get(e.id) ?? { dueMonths: 0, onTimeMonths: 0, scoreSum: 0, scored: 0, bands: {} };
    x.dueMonths += e.due;
    x.onTimeMonths += e.on_time;
    x.scoreSum += Number(e.score_sum ?? 0);
    x.scored += e.scored;
    if (e.band) x.bands[e.band] = (x.bands[e.band] ?? 0) + e.rated;
    ev.set(e.id, x);
  }
  return subjects.map((s) => {
    const a = assessments.get(s.key);
    const x = ev.get(s.key);
    return {
      unitId: s.key,
      name: s.name,
      parentId: s.groupKey,
      selfAssessment: a ? { total: Number(a.total), proposedLevel: a.proposed_level } : null,
      meetings: {
        onTimeMonths: x?.onTimeMonths ?? 0,
        dueMonths: x?.dueMonths ?? 0,
        onTimePercent: x && x.dueMonths > 0 ? percentHalfUp(x.onTimeMonths, x.dueMonths) : null,
        averageScore: x && x.scored > 0 ? Math.round((x.scoreSum / x.scored) * 10) / 10 : null,
        bands: x?.bands ?? {},
      },
    };
  });
}

/** A member's grades year by year: the current level, its decision, the revisions, the self-review. */
export async function memberGrades(db: Db, actor: Actor, memberId: number, today = todayIso()) {
  const [m] = await db.query<{ id: number; unit_path: string }>(
    'SELECT m.id, u.path AS unit_path FROM members m JOIN org_units u ON u.id = m.unit_id WHERE m.id = $1',
    [memberId],
  );
  if (!m || !(actor.memberId === m.id || can(actor, 'grading.read', m.unit_path)))
    throw notFound('đảng viên');
  const rows = await db.query<{
    id: number;
    year: number;
    level: GradeLevel;
    is_cadre: boolean;
    supersedes_id: number | null;
    kind: 'initial' | 'revision';
    decision_no: string;
    decision_date: string;
    reason: string | null;
    unit_name: string;
    superseded: boolean;
  }>(
    `SELECT d.id, d.year, d.level, d.is_cadre, d.supersedes_id, s.kind, s.decision_no,
            ${DATE_TEXT('s.decision_date')} AS decision_date, s.reason, su.name AS unit_name,
            NOT (${CURRENT_SQL}) AS superseded
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id AND s.status = 'issued'
       JOIN org_units su ON su.id = s.unit_id
      WHERE d.member_id = $1 ORDER BY d.year DESC, d.id`,
    [memberId],
  );
  const reviews = await db.query<{ year: number; status: string; proposed_level: GradeLevel | null }>(
    'SELECT year, status, proposed_level FROM member_self_reviews WHERE member_id = $1',
    [memberId],
  );
  const pack = await rulePackForUnit(db, m.unit_path, today);
  const label = (l: string) => levelLabel(pack, l);
  const years = [...new Set([...rows.map((r) => r.year), ...reviews.map((r) => r.year)])].sort(
    (a, b) => b - a,
  );
  return {
    memberId,
    items: years.map((year) => {
      const ds = rows.filter((r) => r.year === year);
      const cur = ds.find((r) => !r.superseded) ?? null;
      const review = reviews.find((r) => r.year === year);
      return {
        year,
        current: cur
          ? {
              decisionId: cur.id,
              level: cur.level,
              label: label(cur.level),
              isCadre: cur.is_cadre,
              decisionNo: cur.decision_no,
              decisionDate: cur.decision_date,
              issuer: cur.unit_name,
            }
          : null,
        decisions: ds.map((r) => ({
          decisionId: r.id,
          kind: r.kind,
          level: r.level,
          label: label(r.level),
          decisionNo: r.decision_no,
          decisionDate: r.decision_date,
          reason: r.reason,
          supersedesId: r.supersedes_id,
          superseded: r.superseded,
        })),
        selfReview: review
          ? {
              status: review.status,
              proposedLevel: review.proposed_level,
              url: `/api/members/${memberId}/grading/${year}/self-review`,
              documentUrl: `/api/members/${memberId}/grading/${year}/self-review.docx`,
            }
          : null,
      };
    }),
  };
}
