/**
 * The grading rules of the annual review (ADR 024; QĐ 366-QĐ/TW 2025, HD 43-HD/BTCTW 2025), pure:
 * the level a score reaches, the cap the year's facts put on a level (hard rules), the quota
 * "xuất sắc ≤ 20 % of (xuất sắc + tốt)" per unit and in total, and the statistics of a set of
 * grades written as the committees write them: "11/56 đơn vị hoàn thành xuất sắc nhiệm vụ,
 * chiếm tỷ lệ 19,64%". All thresholds are rule-pack data; the arithmetic is on integers so that a
 * boundary (20 % of 5 = 1, 20 % late of 10 tasks) never depends on binary floating point.
 */
import { GRADE_LEVELS, type GradeLevel, type GradingRules } from '../rules/year-types.js';
import { formatNumber, percentHalfUp } from './format.js';

export type GradingSubjectType = 'member' | 'organisation';
type PackLevel = GradingRules['levels'][number];
type Quota = GradingRules['quotas'][number];
type HardRule = GradingRules['hardRules'][number];

/** The facts of a member's (or an organisation's) year that the hard rules look at. */
export interface MemberYearFacts {
  /** Disciplined (any form) during the year. */
  disciplined: boolean;
  /** Months of the year with dues unpaid and no reason recorded. */
  duesUnpaidMonths: number;
  tasksAssigned: number;
  /** Done, on time or late. */
  tasksDone: number;
  /** Done after the deadline. */
  tasksLate: number;
  /** Not done at all by the end of the year. */
  tasksUndone: number;
}

export interface QuotaViolation {
  level: GradeLevel;
  scope: 'unit' | 'total';
  /** The group (a member's cell, an organisation's parent); null for the whole set. */
  groupKey: string | null;
  /** Subjects at `level` in the group. */
  count: number;
  /** Subjects at any of the quota's `ofLevels` in the group. */
  base: number;
  /** The most `level` may have: maxPercent × base / 100, rounded as the quota says. */
  allowed: number;
  citation: string;
  message: string;
}

/** A level's line of the statistics: `numerator / denominator`, its own percentage. */
export interface GradeRow {
  level: GradeLevel;
  label: string;
  numerator: number;
  denominator: number;
  /** 100 × numerator / denominator, half-up to 2 decimals; 0 when the denominator is 0. */
  percent: number;
}

export interface CapResult {
  maxLevel: GradeLevel;
  reasons: { citation: string; message: string }[];
}

/** 0 for the best level (xuất sắc) to 3 for the worst (không hoàn thành). */
export function levelRank(level: GradeLevel): number {
  return GRADE_LEVELS.indexOf(level);
}

/** The worse of two levels. */
export function worseLevel(a: GradeLevel, b: GradeLevel): GradeLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/** A proposed level held to a cap: the worse of the two. */
export function applyCap(level: GradeLevel, maxLevel: GradeLevel): GradeLevel {
  return worseLevel(level, maxLevel);
}

/** The best level whose minimum score `score` reaches (QĐ 366: ≥ 90, ≥ 70, ≥ 50, below). */
export function levelForScore(score: number, levels: readonly PackLevel[]): GradeLevel {
  const sorted = [...levels].sort((a, b) => b.minScore - a.minScore);
  // Scores carry at most two decimals (numeric(5,2)): compare in hundredths as integers.
  const s = Math.round(score * 100);
  const hit = sorted.find((l) => s >= Math.round(l.minScore * 100));
  return hit?.key ?? sorted[sorted.length - 1]!.key;
}

const SCALE = 10_000;

/** `part / whole × 100 > above`, exactly (above may carry up to 4 decimals). 0 of 0 is 0 %. */
function percentAbove(part: number, whole: number, above: number): boolean {
  if (whole <= 0) return 0 > above;
  return part * 100 * SCALE > Math.round(above * SCALE) * whole;
}

function levelLabel(level: GradeLevel, levels?: readonly PackLevel[]): string {
  return (levels ?? DEFAULT_LABELS).find((l) => l.key === level)?.label ?? level;
}

const DEFAULT_LABELS: readonly { key: GradeLevel; label: string }[] = [
  { key: 'xuat_sac', label: 'Hoàn thành xuất sắc nhiệm vụ' },
  { key: 'tot', label: 'Hoàn thành tốt nhiệm vụ' },
  { key: 'hoan_thanh', label: 'Hoàn thành nhiệm vụ' },
  { key: 'khong_hoan_thanh', label: 'Không hoàn thành nhiệm vụ' },
];

function ruleFact(rule: HardRule, f: MemberYearFacts): { hit: boolean; what: string } {
  switch (rule.when) {
    case 'disciplined':
      return { hit: (f.disciplined ? 1 : 0) > rule.above, what: 'Bị thi hành kỷ luật trong năm' };
    case 'dues_unpaid_months':
      return {
        hit: f.duesUnpaidMonths > rule.above,
        what: `${formatNumber(f.duesUnpaidMonths)} tháng không đóng đảng phí không có lý do`,
      };
    case 'tasks_late_percent': {
      const pct = f.tasksAssigned > 0 ? percentHalfUp(f.tasksLate, f.tasksAssigned) : 0;
      return {
        hit: percentAbove(f.tasksLate, f.tasksAssigned, rule.above),
        what: `${formatNumber(f.tasksLate)}/${formatNumber(f.tasksAssigned)} nhiệm vụ hoàn thành chậm (${formatNumber(pct, 2)}%)`,
      };
    }
    case 'tasks_undone':
      return {
        hit: f.tasksUndone > rule.above,
        what: `${formatNumber(f.tasksUndone)} nhiệm vụ không hoàn thành`,
      };
  }
}

/**
 * The best level the year's facts allow, and why: every hard rule of the pack for the subject
 * type whose fact is strictly above its threshold caps the level at its `maxLevel`.
 */
export function capLevel(
  facts: MemberYearFacts,
  rules: Pick<GradingRules, 'hardRules'> & Partial<Pick<GradingRules, 'levels'>>,
  subjectType: GradingSubjectType,
): CapResult {
  let maxLevel: GradeLevel = 'xuat_sac';
  const reasons: CapResult['reasons'] = [];
  for (const rule of rules.hardRules) {
    if (!rule.appliesTo.includes(subjectType)) continue;
    const { hit, what } = ruleFact(rule, facts);
    if (!hit) continue;
    maxLevel = worseLevel(maxLevel, rule.maxLevel);
    reasons.push({
      citation: rule.citation,
      message: `${what}: mức cao nhất là "${levelLabel(rule.maxLevel, rules.levels)}" — ${rule.citation}`,
    });
  }
  return { maxLevel, reasons };
}

/** maxPercent × base / 100 rounded as asked, in integers (maxPercent up to 4 decimals). */
export function quotaAllowed(maxPercent: number, base: number, rounding: Quota['rounding']): number {
  const num = Math.round(maxPercent * SCALE) * base;
  const den = 100 * SCALE;
  const r = num % den;
  const q = (num - r) / den;
  if (rounding === 'floor' || r === 0) return q;
  if (rounding === 'ceil') return q + 1;
  return 2 * r >= den ? q + 1 : q;
}

export interface CheckQuotaOptions {
  /** The group's name for the message ("Chi bộ Khu phố 3"); the key itself when absent. */
  groupName?: (groupKey: string) => string;
  /** The pack's levels, for their labels. */
  levels?: readonly PackLevel[];
}

const NOUNS: Record<GradingSubjectType, string> = { member: 'đảng viên', organisation: 'tổ chức đảng' };

/**
 * The quotas a set of grades breaks: for each quota of the subject type, in each group
 * (`per: 'unit'`, by `groupKey`) and over the whole set (`per: 'total'`), a violation when the
 * count at the quota's level exceeds the allowed share of the count at its `ofLevels`.
 */
export function checkQuotas(
  items: readonly { key: string; groupKey: string; level: GradeLevel }[],
  quotas: readonly Quota[],
  subjectType: GradingSubjectType,
  options: CheckQuotaOptions = {},
): QuotaViolation[] {
  const out: QuotaViolation[] = [];
  const noun = NOUNS[subjectType];
  for (const quota of quotas) {
    if (!quota.appliesTo.includes(subjectType)) continue;
    const groups = new Map<string, { count: number; base: number }>();
    const total = { count: 0, base: 0 };
    for (const it of items) {
      const g = groups.get(it.groupKey) ?? { count: 0, base: 0 };
      const atLevel = it.level === quota.level ? 1 : 0;
      const inBase = quota.ofLevels.includes(it.level) ? 1 : 0;
      g.count += atLevel;
      g.base += inBase;
      total.count += atLevel;
      total.base += inBase;
      groups.set(it.groupKey, g);
    }
    const scopes: { scope: 'unit' | 'total'; groupKey: string | null; c: { count: number; base: number } }[] =
      [];
    if (quota.per.includes('unit')) {
      const keys = [...groups.keys()].sort();
      for (const k of keys) scopes.push({ scope: 'unit', groupKey: k, c: groups.get(k)! });
    }
    if (quota.per.includes('total')) scopes.push({ scope: 'total', groupKey: null, c: total });
    const level = levelLabel(quota.level, options.levels);
    const ofText = quota.ofLevels.map((l) => levelLabel(l, options.levels)).join(' và ');
    for (const { scope, groupKey, c } of scopes) {
      const allowed = quotaAllowed(quota.maxPercent, c.base, quota.rounding);
      if (c.count <= allowed) continue;
      const where =
        groupKey === null ? 'Toàn bộ' : options.groupName ? options.groupName(groupKey) : groupKey;
      out.push({
        level: quota.level,
        scope,
        groupKey,
        count: c.count,
        base: c.base,
        allowed,
        citation: quota.citation,
        message:
          `${where}: ${formatNumber(c.count)} ${noun} xếp loại ${level}, vượt mức tối đa ${formatNumber(allowed)} ` +
          `(${formatNumber(quota.maxPercent, Number.isInteger(quota.maxPercent) ? 0 : 2)}% của ${formatNumber(c.base)} ${noun} xếp loại ${ofText}) — ${quota.citation}`,
      });
    }
  }
  return out;
}

/**
 * One row per level of the pack, in its order: the count at the level over the whole (the sum of
 * all the counts), each percentage its own ratio rounded half-up to two decimals.
 */
export function gradingDistribution(
  counts: Partial<Record<GradeLevel, number>>,
  levels: readonly PackLevel[],
): GradeRow[] {
  const whole = levels.reduce((s, l) => s + (counts[l.key] ?? 0), 0);
  return levels.map((l) => {
    const x = counts[l.key] ?? 0;
    return {
      level: l.key,
      label: l.label,
      numerator: x,
      denominator: whole,
      percent: whole === 0 ? 0 : percentHalfUp(x, whole),
    };
  });
}

/** "19,64%" of a row. */
export function gradePercentText(row: Pick<GradeRow, 'percent'>): string {
  return `${formatNumber(row.percent, 2)}%`;
}

/**
 * "11/56 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 19,64%" (seed 002). The words after
 * the noun are the level's `phrase` from `levels` when given, else its label in lower case.
 */
export function gradingSentence(
  row: GradeRow,
  noun: string,
  levels?: readonly Pick<PackLevel, 'key' | 'phrase'>[],
): string {
  const phrase =
    levels?.find((l) => l.key === row.level)?.phrase ??
    row.label.charAt(0).toLocaleLowerCase('vi') + row.label.slice(1);
  return `${formatNumber(row.numerator)}/${formatNumber(row.denominator)} ${noun} ${phrase}, chiếm tỷ lệ ${gradePercentText(row)}`;
}
