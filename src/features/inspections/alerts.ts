/**
 * The `remedy_overdue` alert (ADR 025 part D): a remedy of an issued inspection conclusion past
 * its due date and not closed by the committee (an answer not yet accepted still counts). One
 * query over the open remedies' index; the alert resolves when the remedy is closed. Raised on the
 * inspected unit, so its secretaries, supervisors and the committee's staff are told.
 */
import type { Executor } from '../../db/executor.js';
import { formatDate } from '../../domain/format.js';
import type { AlertCandidate } from '../oversight/alerts.js';

export async function remedyOverdueAlerts(ex: Executor, today: string): Promise<AlertCandidate[]> {
  const rows = await ex.query<{
    id: number;
    inspection_id: number;
    content: string;
    due_on: string;
    answered: boolean;
    unit_id: number;
    unit_name: string;
    kind: 'inspection' | 'supervision';
    conclusion_no: string;
  }>(
    `SELECT r.id, r.inspection_id, r.content, r.due_on::text AS due_on, r.answered_at IS NOT NULL AS answered,
            i.unit_id, u.name AS unit_name, i.kind, i.conclusion_no
       FROM inspection_remedies r
       JOIN inspections i ON i.id = r.inspection_id
       JOIN org_units u ON u.id = i.unit_id
      WHERE r.closed_at IS NULL AND r.due_on < $1::date AND i.issued_at IS NOT NULL AND u.archived_at IS NULL
      ORDER BY r.due_on, r.id`,
    [today],
  );
  return rows.map((r) => {
    const short = r.content.length > 90 ? `${r.content.slice(0, 89)}…` : r.content;
    const word = r.kind === 'inspection' ? 'kiểm tra' : 'giám sát';
    return {
      unitId: r.unit_id,
      kind: 'remedy_overdue',
      subjectKey: String(r.id),
      severity: 'warning' as const,
      title: `${r.unit_name}: quá hạn khắc phục "${short}" (hạn ${formatDate(r.due_on)})`,
      detail: r.answered
        ? `Chi bộ đã báo cáo khắc phục nhưng cấp ủy chưa xác nhận hoàn thành (thông báo kết luận ${word} số ${r.conclusion_no}).`
        : `Chưa có báo cáo khắc phục theo thông báo kết luận ${word} số ${r.conclusion_no}.`,
      link: `/kiem-tra/${r.inspection_id}`,
      dueDate: r.due_on,
    };
  });
}
