/**
 * Decisions to commend (khen thưởng, biểu dương) or remind (nhắc nhở) a unit (issue 9 item 5):
 * recorded by the deciding committee's staff about a unit of its subtree, audited in the same
 * transaction, announced to the subject unit's secretary in the app (and by mail after commit,
 * through the outbox). Listed for the deciding unit and for every unit it is about.
 */
import type { Executor } from '../../db/executor.js';
import { formatDate } from '../../domain/format.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { notifyUsers } from '../notifications/service.js';
import { findUnit, type UnitRow } from '../org/service.js';
import { type DecisionInput, RECOGNITION_KINDS, type RecognitionKind } from './schema.js';

export interface DecisionView {
  id: number;
  unit: { id: number; name: string };
  subject: { id: number; name: string; kind: string };
  kind: RecognitionKind;
  kindLabel: string;
  number: string | null;
  decidedOn: string;
  reason: string;
  periodFrom: string | null;
  periodTo: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  unit_id: number;
  unit_name: string;
  subject_unit_id: number;
  subject_name: string;
  subject_kind: string;
  kind: RecognitionKind;
  number: string | null;
  decided_on: string;
  reason: string;
  period_from: string | null;
  period_to: string | null;
  created_at: Date;
  total?: number;
}

const SELECT = `SELECT d.id, d.unit_id, u.name AS unit_name, d.subject_unit_id, s.name AS subject_name, s.kind AS subject_kind,
       d.kind, d.number, to_char(d.decided_on, 'YYYY-MM-DD') AS decided_on, d.reason, d.period_from, d.period_to, d.created_at`;

function present(r: Row): DecisionView {
  return {
    id: r.id,
    unit: { id: r.unit_id, name: r.unit_name },
    subject: { id: r.subject_unit_id, name: r.subject_name, kind: r.subject_kind },
    kind: r.kind,
    kindLabel: RECOGNITION_KINDS[r.kind],
    number: r.number,
    decidedOn: r.decided_on,
    reason: r.reason,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The subject of a decision: a unit strictly inside the deciding unit's subtree, else 400 on the field. */
async function subjectOf(ex: Executor, unit: UnitRow, subjectUnitId: number): Promise<UnitRow> {
  const subject = await findUnit(ex, subjectUnitId);
  if (!subject || subject.path === unit.path || !subject.path.startsWith(unit.path)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Đơn vị được khen thưởng, nhắc nhở phải là đơn vị trực thuộc của cấp ủy ra quyết định.',
      { field: 'subjectUnitId' },
    );
  }
  if (subject.archived_at) throw new AppError('UNIT_ARCHIVED');
  return subject;
}

export async function createDecision(
  tx: Executor,
  actor: Actor,
  unit: UnitRow,
  input: DecisionInput,
  ip?: string,
): Promise<DecisionView> {
  authorize(actor, 'unit.manage', unit.path);
  const subject = await subjectOf(tx, unit, input.subjectUnitId);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO recognition_decisions (unit_id, subject_unit_id, kind, number, decided_on, reason, period_from, period_to, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      unit.id,
      subject.id,
      input.kind,
      input.number?.trim() || null,
      input.decidedOn,
      input.reason,
      input.periodFrom ?? null,
      input.periodTo ?? null,
      actor.userId,
    ],
  );
  const id = row!.id;
  await audit(
    tx,
    actor,
    {
      action: 'recognition.decide',
      entityType: 'org_unit',
      entityId: subject.id,
      orgUnitId: subject.id,
      after: {
        decisionId: id,
        kind: input.kind,
        number: input.number?.trim() || null,
        decidedOn: input.decidedOn,
        reason: input.reason,
        decidedByUnitId: unit.id,
      },
    },
    ip,
  );
  // The subject's secretary (a cell) or its own committee staff (a đảng bộ bộ phận) hear of it.
  const recipients = await tx.query<{ user_id: number }>(
    `SELECT DISTINCT g.user_id FROM role_grants g JOIN users us ON us.id = g.user_id
      WHERE g.org_unit_id = $1 AND g.role IN ('cell_secretary', 'committee_staff') AND us.is_active`,
    [subject.id],
  );
  const label = RECOGNITION_KINDS[input.kind];
  const number = input.number?.trim() ? ` (số ${input.number.trim()})` : '';
  await notifyUsers(
    tx,
    recipients.map((r) => r.user_id),
    {
      kind: 'recognition',
      title: `${unit.name} ${label.toLocaleLowerCase('vi')} ${subject.name}`,
      body: `Quyết định ${label.toLocaleLowerCase('vi')}${number} ngày ${formatDate(input.decidedOn)}: ${input.reason}`,
      link: `/don-vi/${subject.id}`,
      dedupeKey: `recognition:${id}`,
    },
  );
  const [created] = await tx.query<Row>(
    `${SELECT} FROM recognition_decisions d JOIN org_units u ON u.id = d.unit_id JOIN org_units s ON s.id = d.subject_unit_id
      WHERE d.id = $1`,
    [id],
  );
  return present(created!);
}

/** Decisions made by the unit, or about any unit of its subtree (a cell sees its own history). */
export async function listDecisions(
  ex: Executor,
  unit: UnitRow,
  q: { kind?: RecognitionKind; from?: string; to?: string; limit: number; offset: number },
): Promise<{ items: DecisionView[]; total: number }> {
  const params: unknown[] = [unit.id, `${unit.path}%`, q.limit, q.offset];
  const where: string[] = [];
  if (q.kind) where.push(`d.kind = $${params.push(q.kind)}`);
  if (q.from) where.push(`d.decided_on >= $${params.push(q.from)}::date`);
  if (q.to) where.push(`d.decided_on <= $${params.push(q.to)}::date`);
  const rows = await ex.query<Row>(
    `${SELECT}, count(*) OVER ()::int AS total
       FROM recognition_decisions d JOIN org_units u ON u.id = d.unit_id JOIN org_units s ON s.id = d.subject_unit_id
      WHERE (d.unit_id = $1 OR s.path LIKE $2) ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY d.decided_on DESC, d.id DESC
      LIMIT $3 OFFSET $4`,
    params,
  );
  return { items: rows.map(present), total: rows[0]?.total ?? 0 };
}
