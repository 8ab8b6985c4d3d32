/**
 * The issue of an inspection's conclusion (ADR 025 part D): number, date and the SHA-256 of the
 * canonical content (findings, conclusion, remedies); the row is then locked by migration 0022's
 * trigger, and the inspected unit's secretaries are told, all in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { formatDate, todayIso } from '../../domain/format.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { canonicalJson } from '../integrity/hash.js';
import { notifyUsers } from '../notifications/service.js';
import type { IssueBody } from './schema.js';
import {
  getInspection,
  type InspectionRow,
  loadInspection,
  lockedError,
  type RemedyRow,
  remediesOf,
} from './service.js';

const invalid = (message: string, field: string) => new AppError('VALIDATION_FAILED', message, { field });

export function conclusionHash(row: InspectionRow, no: string, on: string, remedies: RemedyRow[]): string {
  const content = {
    inspectionId: row.id,
    committeeId: row.plan_unit_id,
    unitId: row.unit_id,
    kind: row.kind,
    content: row.content,
    plannedMonth: row.planned_month,
    team: row.team,
    strengths: row.strengths,
    limitations: row.limitations,
    shortcomings: row.shortcomings,
    conclusion: row.conclusion,
    conclusionNo: no,
    concludedOn: on,
    remedies: remedies.map((r) => ({ position: r.position, content: r.content, dueOn: r.due_on })),
  };
  return createHash('sha256')
    .update(`chibo/inspection/v1\n${canonicalJson(content)}`)
    .digest('hex');
}

/** Issues the conclusion: number, date and hash; locks it; tells the inspected unit's secretaries. */
export async function issueInspection(
  db: Executor,
  actor: Actor,
  id: number,
  body: IssueBody,
  ip?: string,
  today = todayIso(),
) {
  return db.transaction(async (tx) => {
    const { row } = await loadInspection(tx, actor, id, 'manage', true);
    if (row.issued_at) throw lockedError();
    if (!row.conclusion?.trim()) throw invalid('Cần ghi kết luận trước khi ban hành.', 'conclusion');
    if (body.concludedOn > today)
      throw invalid('Ngày ban hành kết luận không được ở tương lai.', 'concludedOn');
    if (body.concludedOn < `${row.planned_month}-01`)
      throw invalid('Ngày ban hành kết luận không được trước tháng kiểm tra, giám sát.', 'concludedOn');
    const remedies = (await remediesOf(tx, [row.id])).get(row.id) ?? [];
    const hash = conclusionHash(row, body.conclusionNo, body.concludedOn, remedies);
    await tx.query(
      `UPDATE inspections SET status = 'concluded', conclusion_no = $2, concluded_on = $3, content_hash = $4,
              issued_at = now(), issued_by = $5, updated_by = $5, updated_at = now() WHERE id = $1`,
      [row.id, body.conclusionNo, body.concludedOn, hash, actor.userId],
    );
    const secretaries = await tx.query<{ user_id: number }>(
      `SELECT DISTINCT g.user_id FROM role_grants g JOIN users us ON us.id = g.user_id
        WHERE us.is_active AND g.role = 'cell_secretary' AND g.org_unit_id = $1
          AND (g.valid_to IS NULL OR g.valid_to > CURRENT_DATE)`,
      [row.unit_id],
    );
    const what = row.kind === 'inspection' ? 'kiểm tra' : 'giám sát';
    await notifyUsers(
      tx,
      secretaries.map((s) => s.user_id),
      {
        kind: 'inspection.issued',
        title: `${row.plan_unit_name} ban hành kết luận ${what} đối với ${row.unit_name}`,
        body: `Thông báo kết luận số ${body.conclusionNo} ngày ${formatDate(body.concludedOn)} về "${row.content}": ${remedies.length} yêu cầu khắc phục cần báo cáo.`,
        link: `/kiem-tra/${row.id}`,
        dedupeKey: `inspection:${row.id}:issued`,
      },
    );
    await audit(
      tx,
      actor,
      {
        action: 'inspection.issue',
        entityType: 'inspection',
        entityId: row.id,
        orgUnitId: row.unit_id,
        after: {
          number: body.conclusionNo,
          concludedOn: body.concludedOn,
          remedies: remedies.length,
          contentHash: hash,
        },
      },
      ip,
    );
    return getInspection(tx, actor, row.id, today);
  });
}
