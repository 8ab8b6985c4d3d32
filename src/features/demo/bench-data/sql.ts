/**
 * SQL fragments of the bench generator: a seeded pseudo-random number per row (no Math.random,
 * no per-row JS), a cell's quality tier, and its profile (the demo's profileOfCellType as a CASE).
 */
import { profileOfCellType } from '../meeting-texts.js';
import type { CellType } from '../org-tree.js';

const CELL_TYPES: CellType[] = [
  'khu_dan_cu',
  'nong_thon',
  'co_quan',
  'truong_hoc',
  'benh_vien',
  'doanh_nghiep_nha_nuoc',
  'doanh_nghiep_ngoai_nha_nuoc',
  'hoc_sinh_sinh_vien',
  'quan_doi',
  'cong_an',
];

export class BenchSql {
  constructor(readonly seed: number) {}

  /**
   * A number in [0, 1) from an integer expression and a salt: PostgreSQL's own hash of the value
   * XOR a constant of the seed and salt. The same seed always gives the same rows.
   */
  rnd(expr: string, salt: number): string {
    const k = (BigInt(this.seed) * 1_000_003n + BigInt(salt) * 7_919n) % 9_000_000_000_000n;
    return `((hashint8(((${expr})::bigint) # ${k}) & 2147483647)::float8 / 2147483648.0)`;
  }

  /** Two integer keys (the first below 4,6 · 10¹², the second below 2 · 10⁶) as one. */
  rnd2(a: string, b: string, salt: number): string {
    return this.rnd(`(${a})::bigint * 2000003 + (${b})`, salt);
  }

  /** The cell's quality tier, as the demo has them: model (8%), good (77%), weak (15%). */
  tier(unitId: string): string {
    const r = this.rnd(unitId, 1);
    return `(CASE WHEN ${r} < 0.08 THEN 'model' WHEN ${r} < 0.85 THEN 'good' ELSE 'weak' END)`;
  }

  /** A value per tier: `CASE tier WHEN 'model' THEN a WHEN 'good' THEN b ELSE c END`. */
  byTier(tier: string, model: number, good: number, weak: number): string {
    return `(CASE ${tier} WHEN 'model' THEN ${model} WHEN 'good' THEN ${good} ELSE ${weak} END)`;
  }
}

/** The demo's profile of a cell type, in SQL. */
export function profileCase(cellType: string): string {
  return `(CASE ${cellType} ${CELL_TYPES.map((t) => `WHEN '${t}' THEN '${profileOfCellType(t)}'`).join(' ')} ELSE 'agency' END)`;
}

/** `text[]` literal-free parameter helper: the 1-based pick of `arr` by a random number. */
export function pick(arrayParam: string, r: string): string {
  return `(${arrayParam})[1 + floor(${r} * cardinality(${arrayParam}))::int]`;
}
