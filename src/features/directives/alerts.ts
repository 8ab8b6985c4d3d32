/**
 * The `directive_overdue` alert (ADR 025): a cell has not disseminated a published directive past
 * its `disseminate_by`. One query over the recipients of the overdue directives (partial index
 * `directives_due`); subject `<directive>:<cell>`, so the alert resolves when the cell records it
 * (or the directive is withdrawn).
 */
import type { Executor } from '../../db/executor.js';
import { formatDate } from '../../domain/format.js';
import type { AlertCandidate } from '../oversight/alerts.js';
import { DIRECTIVE_KIND_LABELS, type DirectiveKind } from './schema.js';

export async function directiveOverdueAlerts(ex: Executor, today: string): Promise<AlertCandidate[]> {
  const rows = await ex.query<{
    directive_id: number;
    kind: DirectiveKind;
    number: string;
    title: string;
    disseminate_by: string;
    unit_id: number;
    unit_name: string;
    publisher: string;
  }>(
    `SELECT d.id AS directive_id, d.kind, d.number, d.title, d.disseminate_by, r.unit_id, u.name AS unit_name,
            p.name AS publisher
       FROM directives d
       JOIN directive_recipients r ON r.directive_id = d.id
       JOIN org_units u ON u.id = r.unit_id AND u.archived_at IS NULL
       JOIN org_units p ON p.id = d.unit_id
      WHERE d.status = 'published' AND d.requires_dissemination AND d.disseminate_by < $1::date
        AND NOT EXISTS (SELECT 1 FROM directive_disseminations dd WHERE dd.directive_id = d.id AND dd.unit_id = r.unit_id)
      ORDER BY d.id, r.unit_id`,
    [today],
  );
  return rows.map((r) => {
    const label = `${DIRECTIVE_KIND_LABELS[r.kind]} số ${r.number}`;
    return {
      unitId: r.unit_id,
      kind: 'directive_overdue',
      subjectKey: `${r.directive_id}:${r.unit_id}`,
      severity: 'warning',
      title: `${r.unit_name}: chưa quán triệt ${label}`,
      detail: `${r.publisher} yêu cầu quán triệt ${label} (${r.title}) trước ngày ${formatDate(r.disseminate_by)}; chi bộ chưa ghi nhận quán triệt tại buổi sinh hoạt nào.`,
      link: `/van-ban/${r.directive_id}`,
      dueDate: r.disseminate_by,
    } satisfies AlertCandidate;
  });
}
