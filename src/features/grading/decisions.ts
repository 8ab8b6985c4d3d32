/**
 * The committee decides the year's grades (issue 10 items 5–6, ADR 024): a draft initial set per
 * (year, deciding unit, subject type) written in bulk, the pack's quotas and hard rules checked over
 * it, the issue (number, date, content hash, notifications), and revisions — a new issued set
 * holding one decision that supersedes an issued one. An issued set is refused here with
 * `GRADING_DECISION_LOCKED`; the triggers of migration 0017 refuse it whatever the application does.
 *
 * Subjects: members — every member reviewed in the cells of the deciding unit's subtree (their
 * cell is the quota's unit); organisations — the deciding unit's direct children (the committee
 * above grades a cell or a đảng bộ; their parent is the quota's unit). Partial issue is not
 * allowed: every graded subject needs a level first (`GRADING_INCOMPLETE`); a subject added later
 * is graded by a revision set whose decision supersedes nothing (not built yet).
 */
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import {
  type CapResult,
  capLevel,
  checkQuotas,
  levelRank,
  type MemberYearFacts,
  type QuotaViolation,
} from '../../domain/grading.js';
import type { RulePack } from '../../rules/types.js';
import { GRADE_LEVELS, type GradeLevel } from '../../rules/year-types.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { rulePackForUnit } from '../org/service.js';
import type { SaveDecisionsBody, SubjectType } from './decision-schema.js';
import { memberYearFacts, referenceDate, reviewableMembers } from './facts.js';

export interface DecidingUnit {
  id: number;
  path: string;
  name: string;
  kind: string;
  parent_id: number | null;
}

export interface SetRow {
  id: number;
  year: number;
  unit_id: number;
  subject_type: SubjectType;
  kind: 'initial' | 'revision';
  status: 'draft' | 'issued';
  decision_no: string | null;
  decision_date: string | null;
  reason: string | null;
  content_hash: string | null;
}

/** A grading subject of a deciding unit: a member (group = cell) or an organisation (group = parent). */
export interface Subject {
  key: number;
  name: string;
  /** Vietnamese name order of a member (the list's order within a cell). */
  sortKey: string;
  /** The member's cell, or the organisation itself. */
  unitId: number;
  unitPath: string;
  groupKey: number;
  groupName: string;
  graded: boolean;
  notGradedReason: string | null;
}

export const NO_FACTS: MemberYearFacts = {
  disciplined: false,
  duesUnpaidMonths: 0,
  tasksAssigned: 0,
  tasksDone: 0,
  tasksLate: 0,
  tasksUndone: 0,
};

export const SUBJECT_WORDS: Record<SubjectType, { noun: string; one: string }> = {
  member: { noun: 'đảng viên', one: 'đảng viên' },
  organisation: { noun: 'tổ chức đảng', one: 'tổ chức đảng' },
};

export const lockedError = (what = 'Quyết định xếp loại') =>
  new AppError(
    'GRADING_DECISION_LOCKED',
    `${what} đã ban hành và được khóa; chỉ thay đổi bằng quyết định điều chỉnh có lý do.`,
  );

/** Decision sets are `date` columns: read them as ISO text whatever the driver returns. */
export const DATE_TEXT = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
export const SET_COLS = `s.id, s.year, s.unit_id, s.subject_type, s.kind, s.status, s.decision_no,
  ${DATE_TEXT('s.decision_date')} AS decision_date, s.reason, s.content_hash`;

/** Decisions no issued decision supersedes, in issued sets: the current decision of each subject. */
export const CURRENT_SQL = `s.status = 'issued' AND NOT EXISTS (
    SELECT 1 FROM grading_decisions x JOIN grading_decision_sets xs ON xs.id = x.set_id
     WHERE x.supersedes_id = d.id AND xs.status = 'issued')`;

export async function loadUnit(ex: Executor, unitId: number): Promise<DecidingUnit> {
  const [u] = await ex.query<DecidingUnit>(
    'SELECT id, path, name, kind, parent_id FROM org_units WHERE id = $1 AND archived_at IS NULL',
    [unitId],
  );
  if (!u) throw notFound('đơn vị');
  return u;
}

/** The rule pack of the deciding unit in force on the year's reference day. */
export function packFor(ex: Executor, u: DecidingUnit, year: number, today = todayIso()): Promise<RulePack> {
  return rulePackForUnit(ex, u.path, referenceDate(year, today));
}

export function levelLabel(pack: RulePack, level: string): string {
  return pack.grading.levels.find((l) => l.key === level)?.label ?? level;
}

/**
 * The subjects a deciding unit grades in a year (all of them, or those of `keys`): members reviewed
 * in its cells (exempted members not reviewed are left out), or its direct child organisations.
 */
export async function subjectsOf(
  ex: Executor,
  u: DecidingUnit,
  year: number,
  type: SubjectType,
  keys?: readonly number[],
  today = todayIso(),
): Promise<Subject[]> {
  if (type === 'member') {
    const rows = await reviewableMembers(ex, { year, unitPath: u.path, memberIds: keys, today });
    return rows
      .filter((r) => r.reviewed)
      .map((r) => ({
        key: r.memberId,
        name: r.fullName,
        sortKey: r.sortKey,
        unitId: r.unitId,
        unitPath: r.unitPath,
        groupKey: r.unitId,
        groupName: r.unitName,
        graded: r.graded,
        notGradedReason: r.notGradedReason,
      }));
  }
  const rows = await ex.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path FROM org_units
      WHERE parent_id = $1 AND archived_at IS NULL AND kind <> 'other' AND ($2::int[] IS NULL OR id = ANY($2::int[]))
      ORDER BY sort_order, name, id`,
    [u.id, keys ? [...keys] : null],
  );
  return rows.map((r) => ({
    key: r.id,
    name: r.name,
    sortKey: '',
    unitId: r.id,
    unitPath: r.path,
    groupKey: u.id,
    groupName: u.name,
    graded: true,
    notGradedReason: null,
  }));
}

export async function initialSet(
  ex: Executor,
  unitId: number,
  year: number,
  type: SubjectType,
  forUpdate = false,
): Promise<SetRow | undefined> {
  const [s] = await ex.query<SetRow>(
    `SELECT ${SET_COLS} FROM grading_decision_sets s
      WHERE s.year = $1 AND s.unit_id = $2 AND s.subject_type = $3 AND s.kind = 'initial'${forUpdate ? ' FOR UPDATE' : ''}`,
    [year, unitId, type],
  );
  return s;
}

export const subjectCol = (type: SubjectType) => (type === 'member' ? 'd.member_id' : 'd.unit_id');

/** Subjects of `keys` holding a current decision in another set than `exceptSet`. */
export async function decidedElsewhere(
  ex: Executor,
  year: number,
  type: SubjectType,
  keys: readonly number[],
  exceptSet: number | null,
): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await ex.query<{ key: number }>(
    `SELECT DISTINCT ${subjectCol(type)} AS key FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = $1 AND d.subject_type = $2 AND ${subjectCol(type)} = ANY($3::int[])
        AND d.set_id <> coalesce($4::int, 0) AND ${CURRENT_SQL}`,
    [year, type, [...keys], exceptSet],
  );
  return rows.map((r) => r.key);
}

/** Writes levels into the draft initial set of (year, unit, type), creating it on first use. All or nothing. */
export async function saveDecisions(
  db: Executor,
  actor: Actor,
  unitId: number,
  year: number,
  body: SaveDecisionsBody,
  ip?: string,
  today = todayIso(),
) {
  return db.transaction(async (tx) => {
    const u = await loadUnit(tx, unitId);
    authorize(actor, 'grading.decide', u.path, 'đơn vị');
    const type = body.type;
    const keys = body.items.map((i) => (type === 'member' ? i.memberId! : i.unitId!));
    const subjects = new Map((await subjectsOf(tx, u, year, type, keys, today)).map((s) => [s.key, s]));
    const absent = keys.filter((k) => !subjects.has(k));
    if (absent.length) throw notFound(type === 'member' ? 'đảng viên' : 'tổ chức đảng');
    const notGraded = keys.map((k) => subjects.get(k)!).filter((s) => !s.graded);
    if (notGraded.length)
      throw new AppError(
        'GRADING_NOT_GRADED',
        `${notGraded[0]!.name}: ${notGraded[0]!.notGradedReason ?? 'không xếp loại trong năm'} — không chọn mức xếp loại.`,
        { memberIds: notGraded.map((s) => s.key) },
      );
    let set = await initialSet(tx, u.id, year, type, true);
    if (set?.status === 'issued') throw lockedError();
    const elsewhere = await decidedElsewhere(tx, year, type, keys, set?.id ?? null);
    if (elsewhere.length)
      throw new AppError(
        'GRADING_DECISION_LOCKED',
        `${subjects.get(elsewhere[0]!)!.name} đã có quyết định xếp loại năm ${year} được ban hành; chỉ thay đổi bằng quyết định điều chỉnh.`,
        { subjects: elsewhere },
      );
    if (!set) {
      const [created] = await tx.query<{ id: number }>(
        `INSERT INTO grading_decision_sets (year, unit_id, subject_type, kind, status, created_by)
         VALUES ($1, $2, $3, 'initial', 'draft', $4) RETURNING id`,
        [year, u.id, type, actor.userId],
      );
      set = { id: created!.id, status: 'draft' } as SetRow;
    }
    const items = body.items.map((i, n) => ({ ...i, s: subjects.get(keys[n]!)! }));
    const conflict =
      type === 'member'
        ? '(set_id, member_id) WHERE member_id IS NOT NULL'
        : '(set_id, unit_id) WHERE member_id IS NULL';
    await tx.query(
      `INSERT INTO grading_decisions (set_id, year, subject_type, member_id, unit_id, unit_path, level, score, is_cadre, note, created_by)
       SELECT $1, $2, $3, t.member_id, t.unit_id, t.unit_path, t.level, t.score, coalesce(t.is_cadre, false), t.note, $4
         FROM unnest($5::int[], $6::int[], $7::text[], $8::text[], $9::numeric[], $10::boolean[], $11::text[])
              AS t(member_id, unit_id, unit_path, level, score, is_cadre, note)
       ON CONFLICT ${conflict} DO UPDATE SET
         level = EXCLUDED.level, unit_id = EXCLUDED.unit_id, unit_path = EXCLUDED.unit_path,
         score = coalesce(EXCLUDED.score, grading_decisions.score),
         note = coalesce(EXCLUDED.note, grading_decisions.note), updated_at = now()`,
      [
        set.id,
        year,
        type,
        actor.userId,
        items.map((i) => (type === 'member' ? i.s.key : null)),
        items.map((i) => i.s.unitId),
        items.map((i) => i.s.unitPath),
        items.map((i) => i.level),
        items.map((i) => i.score ?? null),
        items.map((i) => i.isCadre ?? null),
        items.map((i) => i.note ?? null),
      ],
    );
    // The cadre flag: a row that omits it keeps the stored one; the rows that carry it set it here.
    await tx.query(
      `UPDATE grading_decisions d SET is_cadre = t.is_cadre
         FROM unnest($2::int[], $3::boolean[]) AS t(k, is_cadre)
        WHERE d.set_id = $1 AND ${subjectCol(type)} = t.k AND d.is_cadre IS DISTINCT FROM t.is_cadre`,
      [
        set.id,
        items.filter((i) => i.isCadre !== undefined).map((i) => i.s.key),
        items.filter((i) => i.isCadre !== undefined).map((i) => i.isCadre!),
      ],
    );
    await audit(
      tx,
      actor,
      {
        action: 'grading.decisions_save',
        entityType: 'grading_decision_set',
        entityId: set.id,
        orgUnitId: u.id,
        after: {
          year,
          type,
          count: items.length,
          items: items.map((i) => ({ [type === 'member' ? 'memberId' : 'unitId']: i.s.key, level: i.level })),
        },
      },
      ip,
    );
    return { setId: set.id, saved: items.length };
  });
}

export interface DecisionRow {
  id: number;
  member_id: number | null;
  unit_id: number;
  unit_path: string;
  level: GradeLevel;
  score: string | null;
  is_cadre: boolean;
  note: string | null;
}

export async function setDecisions(ex: Executor, setId: number): Promise<DecisionRow[]> {
  return ex.query<DecisionRow>(
    `SELECT id, member_id, unit_id, unit_path, level, score::text AS score, is_cadre, note
       FROM grading_decisions WHERE set_id = $1 ORDER BY unit_path, member_id NULLS FIRST, id`,
    [setId],
  );
}

export interface RuleViolation {
  subject: { memberId: number | null; unitId: number; name: string };
  level: GradeLevel;
  maxLevel: GradeLevel;
  citation: string;
  message: string;
}

export function ruleViolation(
  pack: RulePack,
  subject: RuleViolation['subject'],
  level: GradeLevel,
  cap: CapResult,
): RuleViolation | null {
  if (levelRank(level) >= levelRank(cap.maxLevel)) return null;
  return {
    subject,
    level,
    maxLevel: cap.maxLevel,
    citation: cap.reasons.map((r) => r.citation).join('; '),
    message: `${subject.name}: xếp loại "${levelLabel(pack, level)}" vượt mức tối đa "${levelLabel(pack, cap.maxLevel)}" — ${cap.reasons.map((r) => r.message).join('; ')}`,
  };
}

/** Caps of the subjects (members: from the year's facts; organisations: no facts recorded → no cap). */
export async function capsFor(
  ex: Executor,
  pack: RulePack,
  year: number,
  type: SubjectType,
  keys: readonly number[],
  today = todayIso(),
): Promise<Map<number, CapResult>> {
  const facts = type === 'member' ? await memberYearFacts(ex, { year, memberIds: keys, today }) : null;
  return new Map(keys.map((k) => [k, capLevel(facts?.get(k) ?? NO_FACTS, pack.grading, type)]));
}

export interface CheckResult {
  ok: boolean;
  setId: number | null;
  status: 'none' | 'draft' | 'issued';
  violations: QuotaViolation[];
  ruleViolations: RuleViolation[];
  counts: {
    subjects: number;
    graded: number;
    decided: number;
    missing: number;
    byLevel: Record<GradeLevel, number>;
  };
}

/** The quotas and hard rules over the draft (or issued) initial set; nothing is written. */
export async function checkSet(
  ex: Executor,
  u: DecidingUnit,
  year: number,
  type: SubjectType,
  pack: RulePack,
  today = todayIso(),
): Promise<CheckResult> {
  const set = await initialSet(ex, u.id, year, type);
  const rows = set ? await setDecisions(ex, set.id) : [];
  const subjects = await subjectsOf(ex, u, year, type, undefined, today);
  const byKey = new Map(subjects.map((s) => [s.key, s]));
  const keyOf = (d: DecisionRow) => (type === 'member' ? d.member_id! : d.unit_id);
  const groupNames = new Map(subjects.map((s) => [String(s.groupKey), s.groupName]));
  const violations = checkQuotas(
    rows.map((d) => ({
      key: String(keyOf(d)),
      groupKey: String(byKey.get(keyOf(d))?.groupKey ?? (type === 'member' ? d.unit_id : u.id)),
      level: d.level,
    })),
    pack.grading.quotas,
    type,
    { groupName: (k) => groupNames.get(k) ?? `Đơn vị ${k}`, levels: pack.grading.levels },
  );
  const caps = await capsFor(ex, pack, year, type, rows.map(keyOf), today);
  const ruleViolations = rows
    .map((d) =>
      ruleViolation(
        pack,
        { memberId: d.member_id, unitId: d.unit_id, name: byKey.get(keyOf(d))?.name ?? String(keyOf(d)) },
        d.level,
        caps.get(keyOf(d))!,
      ),
    )
    .filter((v): v is RuleViolation => v !== null);
  const decided = new Set(rows.map(keyOf));
  const graded = subjects.filter((s) => s.graded);
  const missing = graded.filter((s) => !decided.has(s.key)).length;
  const byLevel = Object.fromEntries(GRADE_LEVELS.map((l) => [l, 0])) as Record<GradeLevel, number>;
  for (const d of rows) byLevel[d.level] += 1;
  return {
    ok: violations.length === 0 && ruleViolations.length === 0 && missing === 0 && rows.length > 0,
    setId: set?.id ?? null,
    status: set?.status ?? 'none',
    violations,
    ruleViolations,
    counts: { subjects: subjects.length, graded: graded.length, decided: rows.length, missing, byLevel },
  };
}

export function quotaRefusal(violations: QuotaViolation[]): AppError {
  return new AppError(
    'GRADING_QUOTA_EXCEEDED',
    `Chưa ban hành được: ${violations.map((v) => v.message).join('; ')}.`,
    { violations },
  );
}

export function ruleRefusal(ruleViolations: RuleViolation[]): AppError {
  return new AppError(
    'GRADING_RULE_BROKEN',
    `Chưa ban hành được: ${ruleViolations.map((v) => v.message).join('; ')}.`,
    { violations: ruleViolations },
  );
}
