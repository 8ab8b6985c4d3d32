/**
 * The dues ground of the xóa tên alert (Điều lệ Đảng, Điều 8: dues unpaid for 3 months in a year
 * without a good reason; issue 10): months of `year` with an entry paid < due and no reason. One
 * query for every member; thresholds from the pack of the member's cell (`dues.unpaidRiskMonths`):
 * one month short of it warns, reaching it is critical. The subject key is distinct from the
 * absence ground's (`dues:<member>:<year>`), so both may be open for one member.
 */
import type { Executor } from '../../db/executor.js';
import type { RulePack } from '../../rules/index.js';
import type { AlertCandidate } from '../oversight/alerts.js';

export async function duesRemovalRiskAlerts(
  ex: Executor,
  year: string,
  packFor: (unitId: number) => Promise<RulePack>,
): Promise<AlertCandidate[]> {
  const rows = await ex.query<{ member_id: number; full_name: string; unit_id: number; months: number }>(
    `SELECT e.member_id, mb.full_name, mb.unit_id, count(*)::int AS months
       FROM dues_entries e JOIN members mb ON mb.id = e.member_id
      WHERE e.month >= $1 AND e.month <= $2 AND e.paid < e.due AND e.reason IS NULL AND mb.standing = 'active'
      GROUP BY e.member_id, mb.full_name, mb.unit_id
      ORDER BY e.member_id`,
    [`${year}-01`, `${year}-12`],
  );
  const out: AlertCandidate[] = [];
  for (const r of rows) {
    const risk = (await packFor(r.unit_id)).dues.unpaidRiskMonths;
    if (r.months < risk - 1) continue;
    const atRisk = r.months >= risk;
    out.push({
      unitId: r.unit_id,
      kind: 'removal_risk',
      subjectKey: `dues:${r.member_id}:${year}`,
      severity: atRisk ? 'critical' : 'warning',
      title: `Đồng chí ${r.full_name} chưa đóng đảng phí ${r.months} tháng trong năm ${year} (không có lý do)`,
      detail: atRisk
        ? `Đã đủ ${risk} tháng không đóng đảng phí mà không có lý do chính đáng: thuộc trường hợp chi bộ xem xét xóa tên (Điều lệ Đảng).`
        : `Thêm một tháng nữa không đóng đảng phí là đủ ${risk} tháng: thuộc trường hợp xem xét xóa tên (Điều lệ Đảng).`,
      link: `/dang-vien/${r.member_id}`,
      memberId: r.member_id,
    });
  }
  return out;
}
