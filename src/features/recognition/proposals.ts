/**
 * Proposals to commend or remind (issue 9 item 5, ADR 023): one set-based query over the cells of
 * a subtree and the months of a period, from the summary rows (`cell_month_status`) and the open
 * alerts, grouped by cell — never a query per cell. Thresholds come from the rule pack of the unit
 * asked about (`recognition`); the reason is written out with its numbers.
 */
import type { Executor } from '../../db/executor.js';
import { formatNumber, formatPercent } from '../../domain/format.js';
import type { RulePack } from '../../rules/types.js';
import type { UnitRow } from '../org/service.js';
import { monthsBetween, RECOGNITION_KINDS, type RecognitionKind } from './schema.js';

/**
 * The state of a cell's regular meeting in a month: `regular_state` once the summary job fills it
 * (ADR 021), else derived from the older columns (held, on time, due date) the same way.
 */
export const REGULAR_STATE_SQL = `CASE
    WHEN s.regular_state IN ('held_on_time', 'held_late', 'missed', 'none') THEN s.regular_state
    WHEN s.regular_held THEN CASE WHEN s.regular_on_time THEN 'held_on_time' ELSE 'held_late' END
    WHEN s.due_date IS NOT NULL AND s.due_date < $4::date THEN 'missed'
    ELSE 'pending' END`;

export interface ProposalFigures {
  dueMonths: number;
  onTimeMonths: number;
  lateMonths: number;
  missedMonths: number;
  ratedMonths: number;
  goodMonths: number;
  weakMonths: number;
  overdueAlerts: number;
  longestOverdueDays: number | null;
}

export interface Proposal {
  unit: { id: number; name: string; kind: string; cellType: string | null };
  proposal: 'commend' | 'remind';
  suggestedKind: RecognitionKind;
  suggestedKindLabel: string;
  reason: string;
  figures: ProposalFigures;
}

interface Row {
  id: number;
  name: string;
  kind: string;
  cell_type: string | null;
  due: number;
  on_time: number;
  late: number;
  missed: number;
  rated: number;
  tot: number;
  kem: number;
  overdue: number;
  max_days: number | null;
  proposal: 'commend' | 'remind';
  excellent: boolean;
  total: number;
}

const bandLabels = (pack: RulePack, key: string) => {
  const label = pack.scoring.rubric.bands.find((b) => b.key === key)?.label;
  return label ? [label, key] : [key];
};

export async function listProposals(
  ex: Executor,
  unit: UnitRow,
  pack: RulePack,
  q: { from: string; to: string; proposal?: 'commend' | 'remind'; limit: number; offset: number },
  today: string,
): Promise<{ items: Proposal[]; total: number }> {
  const r = pack.recognition;
  const params: unknown[] = [
    `${unit.path}%`,
    q.from,
    q.to,
    today,
    bandLabels(pack, 'tot'),
    bandLabels(pack, 'kem'),
    r.remindAlertOverdueDays,
    r.remindMissedMonths,
    r.remindWeakMonths,
    r.remindOverdueAlerts,
    r.commendMinDueMonths,
    r.commendMaxMissed,
    r.commendGoodPercent,
    r.commendExcellentPercent,
    q.limit,
    q.offset,
  ];
  const only = q.proposal ? `AND proposal = $${params.push(q.proposal)}` : '';
  const rows = await ex.query<Row>(
    `WITH cells AS (
       SELECT id, name, kind, cell_type FROM org_units
        WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL
     ), agg AS (
       SELECT st.unit_id,
              count(*) FILTER (WHERE st.state IN ('held_on_time', 'held_late', 'missed'))::int AS due,
              count(*) FILTER (WHERE st.state = 'held_on_time')::int AS on_time,
              count(*) FILTER (WHERE st.state = 'held_late')::int AS late,
              count(*) FILTER (WHERE st.state = 'missed')::int AS missed,
              count(*) FILTER (WHERE st.rating IS NOT NULL AND st.state <> 'none')::int AS rated,
              count(*) FILTER (WHERE st.rating = ANY($5::text[]) AND st.state <> 'none')::int AS tot,
              count(*) FILTER (WHERE st.rating = ANY($6::text[]) AND st.state <> 'none')::int AS kem
         FROM (SELECT s.unit_id, s.rating, ${REGULAR_STATE_SQL} AS state
                 FROM cell_month_status s JOIN cells c ON c.id = s.unit_id
                WHERE s.month BETWEEN $2 AND $3) st
        GROUP BY st.unit_id
     ), al AS (
       SELECT a.unit_id, count(*)::int AS overdue, max($4::date - a.due_date)::int AS max_days
         FROM alerts a JOIN cells c ON c.id = a.unit_id
        WHERE a.resolved_at IS NULL AND a.due_date IS NOT NULL AND a.due_date <= $4::date - $7::int
        GROUP BY a.unit_id
     ), judged AS (
       SELECT c.id, c.name, c.kind, c.cell_type,
              coalesce(agg.due, 0) AS due, coalesce(agg.on_time, 0) AS on_time, coalesce(agg.late, 0) AS late,
              coalesce(agg.missed, 0) AS missed, coalesce(agg.rated, 0) AS rated, coalesce(agg.tot, 0) AS tot,
              coalesce(agg.kem, 0) AS kem, coalesce(al.overdue, 0) AS overdue, al.max_days,
              CASE
                WHEN coalesce(agg.missed, 0) >= $8 OR coalesce(agg.kem, 0) >= $9 OR coalesce(al.overdue, 0) >= $10
                  THEN 'remind'
                WHEN coalesce(agg.due, 0) >= $11 AND coalesce(agg.missed, 0) <= $12 AND coalesce(agg.kem, 0) = 0
                     AND agg.tot * 100 >= $13::numeric * agg.due
                  THEN 'commend'
              END AS proposal,
              coalesce(agg.tot * 100 >= $14::numeric * agg.due, false) AS excellent
         FROM cells c LEFT JOIN agg ON agg.unit_id = c.id LEFT JOIN al ON al.unit_id = c.id
     )
     SELECT *, count(*) OVER ()::int AS total FROM judged
      WHERE proposal IS NOT NULL ${only}
      ORDER BY proposal, 
               CASE WHEN proposal = 'commend' THEN -(tot::numeric / nullif(due, 0)) END,
               CASE WHEN proposal = 'remind' THEN -(missed + kem + overdue) END,
               name, id
      LIMIT $15 OFFSET $16`,
    params,
  );
  return { items: rows.map(present), total: rows[0]?.total ?? 0 };
}

function present(r: Row): Proposal {
  const figures: ProposalFigures = {
    dueMonths: r.due,
    onTimeMonths: r.on_time,
    lateMonths: r.late,
    missedMonths: r.missed,
    ratedMonths: r.rated,
    goodMonths: r.tot,
    weakMonths: r.kem,
    overdueAlerts: r.overdue,
    longestOverdueDays: r.max_days,
  };
  const suggestedKind: RecognitionKind =
    r.proposal === 'remind' ? 'nhac_nho' : r.excellent ? 'khen_thuong' : 'bieu_duong';
  return {
    unit: { id: r.id, name: r.name, kind: r.kind, cellType: r.cell_type },
    proposal: r.proposal,
    suggestedKind,
    suggestedKindLabel: RECOGNITION_KINDS[suggestedKind],
    reason: proposalReason(r.proposal, figures),
    figures,
  };
}

/**
 * "Tốt 11/12 tháng (91,67%), không bỏ sinh hoạt tháng nào, sinh hoạt đúng hạn 12/12 tháng" or
 * "Bỏ sinh hoạt thường kỳ 2/12 tháng; xếp loại Kém 3/12 tháng; 2 cảnh báo quá hạn chưa xử lý (lâu nhất 45 ngày)".
 */
export function proposalReason(kind: 'commend' | 'remind', f: ProposalFigures): string {
  const n = formatNumber;
  if (kind === 'commend') {
    const parts = [
      `Tốt ${n(f.goodMonths)}/${n(f.dueMonths)} tháng (${formatPercent(f.goodMonths, f.dueMonths)})`,
      f.missedMonths === 0
        ? 'không bỏ sinh hoạt tháng nào'
        : `bỏ sinh hoạt ${n(f.missedMonths)}/${n(f.dueMonths)} tháng`,
      f.lateMonths === 0
        ? `sinh hoạt đúng hạn ${n(f.onTimeMonths)}/${n(f.dueMonths)} tháng`
        : `sinh hoạt muộn ${n(f.lateMonths)}/${n(f.dueMonths)} tháng`,
    ];
    return parts.join(', ');
  }
  const parts: string[] = [];
  if (f.missedMonths > 0) parts.push(`bỏ sinh hoạt thường kỳ ${n(f.missedMonths)}/${n(f.dueMonths)} tháng`);
  if (f.weakMonths > 0) parts.push(`xếp loại Kém ${n(f.weakMonths)}/${n(f.ratedMonths)} tháng được chấm`);
  if (f.overdueAlerts > 0)
    parts.push(
      `${n(f.overdueAlerts)} cảnh báo quá hạn chưa xử lý${f.longestOverdueDays !== null ? ` (lâu nhất ${n(f.longestOverdueDays)} ngày)` : ''}`,
    );
  const text = parts.join('; ');
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** The period's label, "tháng 01/2026 – 12/2026" (or one month). */
export function periodLabel(from: string, to: string): string {
  const m = (s: string) => `${s.slice(5, 7)}/${s.slice(0, 4)}`;
  return monthsBetween(from, to) === 1 ? `tháng ${m(from)}` : `tháng ${m(from)} – ${m(to)}`;
}
