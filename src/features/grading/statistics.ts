/**
 * The year's grading statistics of a subtree (issue 10, ADR 024): how many organisations,
 * members and cadres the current decisions put at each level, and who has no decision yet.
 * Aggregate numbers only, no names.
 *
 * A summarised year (grading-summary.ts, ADR 021 "roll-ups are designed") is read from its
 * summary rows: one query over the subtree's units (a province: ~10.000 rows) sums the counts,
 * never the province's 300.000 decisions or members. Any other year (never rebuilt) is counted
 * directly from the decisions (`grading_decisions_stats` index) and the memberships.
 *
 * "Current decision": a decision in an issued set that no decision of an issued set supersedes.
 */
import type { Executor } from '../../db/executor.js';
import type {
  ChildGradingCounts,
  GradingReportData,
  GradingStatistics,
  LevelCounts,
} from '../../documents/grading-text.js';
import { committeeName } from '../../documents/hd36.js';
import type { ReviewGradingYear } from '../../documents/review-data.js';
import { gradingDistribution } from '../../domain/grading.js';
import { GRADE_LEVELS, type GradeLevel, type GradingRules } from '../../rules/year-types.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { rulePackForUnit, visibleUnit } from '../org/service.js';
import { referenceDate } from './facts.js';
import { isGradingYearSummarised, summarisedYears } from './grading-summary.js';

export type { ChildGradingCounts, GradingReportData, GradingStatistics, LevelCounts };

/** The organisations the committees grade: cells and đảng bộ (not the province, not "other"). */
export const GRADED_ORG_KINDS = ['chi_bo', 'chi_bo_co_so', 'dang_bo_co_so', 'dang_bo_bo_phan'] as const;
const ORG_KINDS_SQL = `(${GRADED_ORG_KINDS.map((k) => `'${k}'`).join(', ')})`;

/** Decision `d` (joined to its set `s`) is current. */
const CURRENT = `s.status = 'issued'
  AND NOT EXISTS (SELECT 1 FROM grading_decisions n JOIN grading_decision_sets ns ON ns.id = n.set_id
                   WHERE n.supersedes_id = d.id AND ns.status = 'issued')`;

interface LevelRow {
  level: GradeLevel;
  n: number;
  cadres: number;
}

interface SubtreeTotals {
  members: LevelCounts;
  cadres: LevelCounts;
  organisations: LevelCounts;
  reviewable: number;
  organisationsNotGraded: number;
}

/** Sums of the summary rows `g` of units `u` per level; organisations other than the unit at `self`. */
const levelSums = (self: string) =>
  GRADE_LEVELS.map(
    (l) => `coalesce(sum(g.graded_${l}), 0)::int AS m_${l}, coalesce(sum(g.cadres_${l}), 0)::int AS c_${l},
            (count(*) FILTER (WHERE g.org_level = '${l}' AND u.path <> ${self}))::int AS o_${l}`,
  ).join(',\n');

type SumRow = Record<string, number>;

/** The non-zero counts of a list; the cadres' for each level the members have (as counted directly). */
function levelsOf(r: SumRow, prefix: 'm' | 'c' | 'o'): LevelCounts {
  const out: LevelCounts = {};
  for (const l of GRADE_LEVELS)
    if (r[prefix === 'c' ? `m_${l}` : `${prefix}_${l}`]) out[l] = r[`${prefix}_${l}`];
  return out;
}

/**
 * The subtree's totals from the summary rows, in one query over its units: the levels of the
 * members' and cadres' current decisions, the organisations' below the unit, the reviewable
 * members, and the cells and đảng bộ below the unit without a current decision.
 */
async function summaryTotals(ex: Executor, year: number, path: string): Promise<SubtreeTotals> {
  const [r] = await ex.query<SumRow>(
    `SELECT ${levelSums('$3')},
            coalesce(sum(g.reviewable_members), 0)::int AS reviewable,
            (count(*) FILTER (WHERE g.org_level IS NULL AND u.path <> $3 AND u.kind IN ${ORG_KINDS_SQL}
                                AND u.archived_at IS NULL))::int AS not_graded
       FROM org_units u LEFT JOIN grading_unit_year g ON g.unit_id = u.id AND g.year = $1
      WHERE u.path LIKE $2`,
    [year, `${path}%`, path],
  );
  return {
    members: levelsOf(r!, 'm'),
    cadres: levelsOf(r!, 'c'),
    organisations: levelsOf(r!, 'o'),
    reviewable: r!.reviewable ?? 0,
    organisationsNotGraded: r!.not_graded ?? 0,
  };
}

/** The current member decisions of the year in the subtree, by level (and the cadres among them). */
export async function memberLevelCounts(
  ex: Executor,
  year: number,
  path: string,
): Promise<{ members: LevelCounts; cadres: LevelCounts }> {
  if (await isGradingYearSummarised(ex, year)) {
    const t = await summaryTotals(ex, year, path);
    return { members: t.members, cadres: t.cadres };
  }
  return directMemberLevelCounts(ex, year, path);
}

async function directMemberLevelCounts(
  ex: Executor,
  year: number,
  path: string,
): Promise<{ members: LevelCounts; cadres: LevelCounts }> {
  const rows = await ex.query<LevelRow>(
    `SELECT d.level, count(*)::int AS n, (count(*) FILTER (WHERE d.is_cadre))::int AS cadres
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = $1 AND d.subject_type = 'member' AND d.unit_path LIKE $2 AND ${CURRENT}
      GROUP BY d.level`,
    [year, `${path}%`],
  );
  const members: LevelCounts = {};
  const cadres: LevelCounts = {};
  for (const r of rows) {
    members[r.level] = r.n;
    cadres[r.level] = r.cadres;
  }
  return { members, cadres };
}

/** The current organisation decisions of the year below the unit (the unit itself excluded). */
export async function organisationLevelCounts(
  ex: Executor,
  year: number,
  path: string,
): Promise<LevelCounts> {
  if (await isGradingYearSummarised(ex, year)) return (await summaryTotals(ex, year, path)).organisations;
  return directOrganisationLevelCounts(ex, year, path);
}

async function directOrganisationLevelCounts(ex: Executor, year: number, path: string): Promise<LevelCounts> {
  const rows = await ex.query<LevelRow>(
    `SELECT d.level, count(*)::int AS n, 0 AS cadres
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = $1 AND d.subject_type = 'organisation' AND d.unit_path LIKE $2 AND d.unit_path <> $3
        AND ${CURRENT}
      GROUP BY d.level`,
    [year, `${path}%`, path],
  );
  return Object.fromEntries(rows.map((r) => [r.level, r.n]));
}

/**
 * Who has no current decision yet (ADR 024): the members reviewable on the reference day — home
 * membership in a cell of the subtree open that day, official or probationary and not exempted
 * that day (unless the pack reviews the exempted), not admitted after the pack's new-member
 * cutoff (reviewed, not graded) — minus `gradedMembers`, the current member decisions of the
 * subtree; and the cells and đảng bộ below the unit without a current decision. A summarised year
 * reads the reviewable count of each cell (with the cell's own pack) from the summary rows;
 * otherwise it is counted here with `rules`, the unit's pack.
 */
export async function notGradedCounts(
  ex: Executor,
  year: number,
  path: string,
  rules: Pick<GradingRules, 'reviewExempted' | 'newMembers'>,
  gradedMembers: number,
  today?: string,
): Promise<{ organisations: number; members: number }> {
  if (await isGradingYearSummarised(ex, year)) {
    const t = await summaryTotals(ex, year, path);
    return {
      members: Math.max(0, t.reviewable - gradedMembers),
      organisations: t.organisationsNotGraded,
    };
  }
  return directNotGradedCounts(ex, year, path, rules, gradedMembers, today);
}

async function directNotGradedCounts(
  ex: Executor,
  year: number,
  path: string,
  rules: Pick<GradingRules, 'reviewExempted' | 'newMembers'>,
  gradedMembers: number,
  today?: string,
): Promise<{ organisations: number; members: number }> {
  const day = referenceDate(year, today);
  const newCutoff =
    rules.newMembers.rule === 'review_not_graded'
      ? monthsBefore(`${year}-12-31`, rules.newMembers.minMonths)
      : null;
  const [row] = await ex.query<{ members: number; organisations: number }>(
    `WITH home AS (
       SELECT DISTINCT ms.member_id
         FROM org_units c
         CROSS JOIN LATERAL (SELECT m1.member_id FROM memberships m1
                              WHERE m1.unit_id = c.id AND m1.valid_from <= $2
                                AND (m1.valid_to IS NULL OR m1.valid_to > $2)) ms
        WHERE c.path LIKE $1 AND c.kind IN ('chi_bo', 'chi_bo_co_so')
     )
     SELECT
       (SELECT count(*)::int FROM home h
          CROSS JOIN LATERAL (
            SELECT bool_or(p.kind IN ('official', 'probationary')) AS active, bool_or(p.kind = 'exempted') AS exempted
              FROM member_status_periods p
             WHERE p.member_id = h.member_id AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)) st
          JOIN members m ON m.id = h.member_id
         WHERE st.active AND ($4::boolean OR NOT coalesce(st.exempted, false))
           AND ($5::date IS NULL OR coalesce(coalesce(m.admission_date,
                 (SELECT min(p.valid_from) FROM member_status_periods p
                   WHERE p.member_id = h.member_id AND p.kind = 'probationary')) <= $5::date, true))) AS members,
       (SELECT count(*)::int FROM org_units u
         WHERE u.path LIKE $1 AND u.path <> $6 AND u.kind IN ${ORG_KINDS_SQL} AND u.archived_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
                            WHERE d.unit_id = u.id AND d.member_id IS NULL AND d.year = $3
                              AND d.subject_type = 'organisation' AND ${CURRENT})) AS organisations`,
    [`${path}%`, day, year, rules.reviewExempted, newCutoff, path],
  );
  return {
    members: Math.max(0, (row?.members ?? 0) - gradedMembers),
    organisations: row?.organisations ?? 0,
  };
}

/** `iso` minus whole months (day clamped to the month's end). */
function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The statistics of a unit the actor reads (`unit.read`; outside the scope: 404). */
export async function gradingStatistics(
  ex: Executor,
  actor: Actor,
  unitId: number,
  year: number,
): Promise<{
  statistics: GradingStatistics;
  rules: GradingRules;
  unit: Awaited<ReturnType<typeof visibleUnit>>;
}> {
  const unit = await visibleUnit(ex, actor, unitId);
  const rules = (await rulePackForUnit(ex, unit.path, referenceDate(year))).grading;
  let members: LevelCounts;
  let cadres: LevelCounts;
  let organisations: LevelCounts;
  let reviewable: { organisations: number; members: number };
  if (await isGradingYearSummarised(ex, year)) {
    const t = await summaryTotals(ex, year, unit.path);
    ({ members, cadres, organisations } = t);
    reviewable = { organisations: t.organisationsNotGraded, members: t.reviewable };
  } else {
    [{ members, cadres }, organisations, reviewable] = await Promise.all([
      directMemberLevelCounts(ex, year, unit.path),
      directOrganisationLevelCounts(ex, year, unit.path),
      directNotGradedCounts(ex, year, unit.path, rules, 0),
    ]);
  }
  const graded = Object.values(members).reduce((n, x) => n + (x ?? 0), 0);
  const notGraded = { ...reviewable, members: Math.max(0, reviewable.members - graded) };
  return {
    unit,
    rules,
    statistics: {
      year,
      unitId: unit.id,
      organisations: gradingDistribution(organisations, rules.levels),
      members: gradingDistribution(members, rules.levels),
      cadres: gradingDistribution(cadres, rules.levels),
      notGraded,
    },
  };
}

/** Counts per direct child of the unit, both lists in one query each (grouped by the child). */
export async function childCounts(ex: Executor, year: number, path: string): Promise<ChildGradingCounts[]> {
  const children = await ex.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path FROM org_units WHERE parent_id = (SELECT id FROM org_units WHERE path = $1)
        AND archived_at IS NULL ORDER BY sort_order, name, id`,
    [path],
  );
  if (children.length === 0) return [];
  const byId = new Map<number, ChildGradingCounts>(
    children.map((c) => [
      c.id,
      { unitId: c.id, unitName: c.name, organisations: {}, members: {}, cadres: {} },
    ]),
  );
  if (await isGradingYearSummarised(ex, year)) {
    const sums = await ex.query<SumRow & { child: number }>(
      `SELECT split_part(substr(u.path, length($2) + 1), '/', 1)::int AS child, ${levelSums('$2')}
         FROM org_units u JOIN grading_unit_year g ON g.unit_id = u.id AND g.year = $1
        WHERE u.path LIKE $3
        GROUP BY 1`,
      [year, path, `${path}%_/`],
    );
    for (const r of sums) {
      const c = byId.get(r.child);
      if (!c) continue;
      c.organisations = levelsOf(r, 'o');
      c.members = levelsOf(r, 'm');
      c.cadres = levelsOf(r, 'c');
    }
    return [...byId.values()];
  }
  const rows = await ex.query<{
    child: number;
    subject_type: string;
    level: GradeLevel;
    n: number;
    cadres: number;
  }>(
    `SELECT split_part(substr(d.unit_path, length($2) + 1), '/', 1)::int AS child, d.subject_type, d.level,
            count(*)::int AS n, (count(*) FILTER (WHERE d.is_cadre))::int AS cadres
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = $1 AND d.subject_type IN ('member', 'organisation') AND d.unit_path LIKE $3
        AND d.unit_path <> $2 AND ${CURRENT}
      GROUP BY 1, 2, 3`,
    [year, path, `${path}%_/`],
  );
  for (const r of rows) {
    const c = byId.get(r.child);
    if (!c) continue;
    if (r.subject_type === 'organisation') c.organisations[r.level] = r.n;
    else {
      c.members[r.level] = r.n;
      c.cadres[r.level] = r.cadres;
    }
  }
  return [...byId.values()];
}

/** Everything the reports need, read for the actor (scope as the statistics). */
export async function gradingReportData(
  ex: Executor,
  actor: Actor,
  unitId: number,
  year: number,
  today: string,
): Promise<GradingReportData> {
  const { statistics, rules, unit } = await gradingStatistics(ex, actor, unitId, year);
  const [parent] = await ex.query<{ name: string; kind: string }>(
    'SELECT name, kind FROM org_units WHERE id = $1',
    [unit.parent_id ?? 0],
  );
  return {
    statistics,
    unit: { id: unit.id, name: unit.name, kind: unit.kind, path: unit.path },
    superiorName: parent ? parent.name : null,
    issuerName: committeeName(unit.name, unit.kind),
    levels: rules.levels,
    children: await childCounts(ex, year, unit.path),
    generatedOn: today,
  };
}

/** The audit row of a report download (aggregates, but an export of the subtree's grading). */
export async function auditGradingExport(
  ex: Executor,
  actor: Actor,
  data: GradingReportData,
  format: 'docx' | 'xlsx',
  ip?: string,
): Promise<void> {
  await audit(
    ex,
    actor,
    {
      action: 'grading.report_export',
      entityType: 'org_unit',
      entityId: data.unit.id,
      orgUnitId: data.unit.id,
      after: { year: data.statistics.year, format },
    },
    ip,
  );
}

/**
 * The grading of several years in a subtree (the periodic review's section): one query for all
 * the years, grouped by year, subject type and level; only the years with current decisions.
 */
export async function gradingOfYears(
  ex: Executor,
  path: string,
  years: readonly number[],
  levels: GradingRules['levels'],
): Promise<ReviewGradingYear[]> {
  if (years.length === 0) return [];
  const byYear = new Map<number, { organisations: LevelCounts; members: LevelCounts; cadres: LevelCounts }>();
  const summarised = await summarisedYears(ex, years);
  if (summarised.size > 0) {
    const sums = await ex.query<SumRow & { year: number }>(
      `SELECT g.year, ${levelSums('$3')}
         FROM org_units u JOIN grading_unit_year g ON g.unit_id = u.id AND g.year = ANY($1::int[])
        WHERE u.path LIKE $2
        GROUP BY g.year`,
      [[...summarised], `${path}%`, path],
    );
    for (const r of sums) {
      const y = { organisations: levelsOf(r, 'o'), members: levelsOf(r, 'm'), cadres: levelsOf(r, 'c') };
      if (Object.keys(y.organisations).length + Object.keys(y.members).length > 0) byYear.set(r.year, y);
    }
  }
  const direct = years.filter((y) => !summarised.has(y));
  const rows = await ex.query<{
    year: number;
    subject_type: string;
    level: GradeLevel;
    n: number;
    cadres: number;
  }>(
    `SELECT d.year, d.subject_type, d.level, count(*)::int AS n, (count(*) FILTER (WHERE d.is_cadre))::int AS cadres
       FROM grading_decisions d JOIN grading_decision_sets s ON s.id = d.set_id
      WHERE d.year = ANY($1::int[]) AND d.subject_type IN ('member', 'organisation') AND d.unit_path LIKE $2
        AND (d.subject_type = 'member' OR d.unit_path <> $3) AND ${CURRENT}
      GROUP BY 1, 2, 3`,
    [direct, `${path}%`, path],
  );
  for (const r of rows) {
    const y = byYear.get(r.year) ?? { organisations: {}, members: {}, cadres: {} };
    if (r.subject_type === 'organisation') y.organisations[r.level] = r.n;
    else {
      y.members[r.level] = r.n;
      y.cadres[r.level] = r.cadres;
    }
    byYear.set(r.year, y);
  }
  return [...years]
    .filter((y) => byYear.has(y))
    .sort((a, b) => a - b)
    .map((year) => {
      const c = byYear.get(year)!;
      return {
        year,
        organisations: gradingDistribution(c.organisations, levels),
        members: gradingDistribution(c.members, levels),
        cadres: gradingDistribution(c.cadres, levels),
      };
    });
}
