/**
 * Dissemination (quán triệt) of a directive by the cells it reached (issue 11 part A, ADR 025):
 * recorded at a cell's meeting with the meeting's date and attendance on the statutory base; the
 * committee's per-cell view pages over the directive's recipients (the cells of the subtree at
 * publication) in SQL, its summary counted in SQL; reminders go to the pending cells' secretaries.
 */
import type { Executor } from '../../db/executor.js';
import { percentHalfUp, todayIso, toIsoDate } from '../../domain/format.js';
import { unitNameSortKey } from '../../domain/indicators.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { visibleMeeting } from '../meetings/service.js';
import type { DisseminationQuery } from './schema.js';
import { DIRECTIVE_KIND_LABELS } from './schema.js';
import {
  DIRECTIVE_COLS,
  type DirectiveRow,
  managedDirective,
  notifyCellSecretaries,
  presentDirective,
  visibleDirective,
} from './service.js';

const pct = (present: number | null, base: number | null) =>
  present === null || base === null || base === 0 ? null : percentHalfUp(present, base);

/**
 * A directive's cells: counts of the recipients, those done, those late (not done, deadline
 * passed). For other parts (a plan target bound to a directive's dissemination): numerator `done`,
 * denominator `cells`; `underPath` narrows to one unit's subtree.
 */
export async function disseminationCounts(
  ex: Executor,
  directiveId: number,
  today: string,
  underPath?: string,
): Promise<{ cells: number; done: number; late: number; percent: number | null }> {
  const [s] = await ex.query<{ cells: number; done: number; late: number }>(
    `SELECT count(*)::int AS cells, count(dd.unit_id)::int AS done,
            count(*) FILTER (WHERE dd.unit_id IS NULL AND d.disseminate_by < $2::date)::int AS late
       FROM directive_recipients r JOIN directives d ON d.id = r.directive_id
       LEFT JOIN directive_disseminations dd ON dd.directive_id = r.directive_id AND dd.unit_id = r.unit_id
      WHERE r.directive_id = $1
        AND ($3::text IS NULL OR r.unit_id IN (SELECT id FROM org_units WHERE path LIKE $3))`,
    [directiveId, today, underPath ? `${underPath}%` : null],
  );
  return {
    cells: s!.cells,
    done: s!.done,
    late: s!.late,
    percent: s!.cells ? percentHalfUp(s!.done, s!.cells) : null,
  };
}

/** The per-cell view of the publisher's committee (unit.read at the publisher). */
export async function listDissemination(ex: Executor, actor: Actor, id: number, q: DisseminationQuery) {
  const d = await visibleDirective(ex, actor, id);
  if (!can(actor, 'unit.read', d.unit_path)) throw new AppError('FORBIDDEN');
  const today = todayIso();
  const stateSql =
    q.state === 'done'
      ? 'AND dd.unit_id IS NOT NULL'
      : q.state === 'pending'
        ? 'AND dd.unit_id IS NULL'
        : q.state === 'late'
          ? 'AND dd.unit_id IS NULL AND d.disseminate_by < $2::date'
          : '';
  const [summary, rows] = await Promise.all([
    disseminationCounts(ex, d.id, today),
    ex.query<{
      unit_id: number;
      unit_name: string;
      parent_name: string | null;
      disseminated_on: string | null;
      meeting_id: number | null;
      present: number | null;
      base: number | null;
      late: boolean;
      total: number;
    }>(
      `SELECT r.unit_id, u.name AS unit_name, pu.name AS parent_name, dd.disseminated_on, dd.meeting_id,
              CASE WHEN mt.status IN ('in_progress', 'held') AND mt.att_present IS NOT NULL THEN mt.att_present ELSE dd.present END AS present,
              CASE WHEN mt.status IN ('in_progress', 'held') AND mt.att_summoned IS NOT NULL THEN mt.att_summoned ELSE dd.base END AS base,
              (dd.unit_id IS NULL AND d.disseminate_by IS NOT NULL AND d.disseminate_by < $2::date) AS late,
              count(*) OVER ()::int AS total
         FROM directive_recipients r JOIN directives d ON d.id = r.directive_id
         JOIN org_units u ON u.id = r.unit_id LEFT JOIN org_units pu ON pu.id = u.parent_id
         LEFT JOIN directive_disseminations dd ON dd.directive_id = r.directive_id AND dd.unit_id = r.unit_id
         LEFT JOIN meetings mt ON mt.id = dd.meeting_id
        WHERE r.directive_id = $1 ${stateSql}
        ORDER BY r.sort_key COLLATE "C", r.unit_id
        LIMIT $3 OFFSET $4`,
      [d.id, today, q.limit, q.offset],
    ),
  ]);
  // Read marks per cell of this page: one grouped query (members counted in their home cell).
  const reads = rows.length
    ? await ex.query<{ unit_id: number; n: number }>(
        `SELECT m.unit_id, count(*)::int AS n FROM directive_reads dr JOIN members m ON m.id = dr.member_id
          WHERE dr.directive_id = $1 AND m.unit_id = ANY($2::int[]) GROUP BY m.unit_id`,
        [d.id, rows.map((r) => r.unit_id)],
      )
    : [];
  const readBy = new Map(reads.map((r) => [r.unit_id, r.n]));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.offset > 0) {
    total =
      q.state === 'done'
        ? summary.done
        : q.state === 'pending'
          ? summary.cells - summary.done
          : q.state === 'late'
            ? summary.late
            : summary.cells;
  }
  return {
    directive: presentDirective(d),
    summary,
    canRemind:
      can(actor, 'directive.manage', d.unit_path) && d.status === 'published' && d.requires_dissemination,
    remindedToday: d.last_reminded_at ? toIsoDate(new Date(d.last_reminded_at)) === today : false,
    items: rows.map((r) => ({
      unitId: r.unit_id,
      unitName: r.unit_name,
      parentName: r.parent_name,
      disseminatedOn: r.disseminated_on,
      meetingId: r.meeting_id,
      present: r.present,
      base: r.base,
      percent: pct(r.present, r.base),
      late: r.late,
      reads: readBy.get(r.unit_id) ?? 0,
    })),
    total,
  };
}

interface MeetingState {
  id: number;
  unit_id: number;
  unit_path: string;
  status: string;
  scheduled_at: Date;
  started_at: Date | null;
  att_present: number | null;
  att_summoned: number | null;
  adopted: boolean;
}

async function meetingState(ex: Executor, actor: Actor, meetingId: number): Promise<MeetingState> {
  const m = await visibleMeeting(ex, actor, meetingId);
  const [s] = await ex.query<{ att_present: number | null; att_summoned: number | null; adopted: boolean }>(
    `SELECT att_present, att_summoned,
            EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted') AS adopted
       FROM meetings mt WHERE mt.id = $1`,
    [m.id],
  );
  return { ...m, ...s! };
}

/** A published directive that reached the meeting's cell (published by the cell's unit or an ancestor). */
async function directiveForCell(ex: Executor, actor: Actor, directiveId: number, cellPath: string) {
  const d = await visibleDirective(ex, actor, directiveId);
  if (!cellPath.startsWith(d.unit_path) || d.status === 'draft') throw notFound('văn bản');
  return d;
}

/**
 * The meeting's directives: those awaiting dissemination by its cell (published, requiring it,
 * not yet done) and those disseminated at this meeting.
 */
export async function meetingDirectives(ex: Executor, actor: Actor, meetingId: number) {
  const m = await meetingState(ex, actor, meetingId);
  const rows = await ex.query<
    DirectiveRow & {
      disseminated_on: string | null;
      here: boolean;
      present: number | null;
      base: number | null;
      awaiting_total: number;
    }
  >(
    // The page shows the first 50 awaiting; `awaitingTotal` says how many there are in all.
    `SELECT ${DIRECTIVE_COLS}, dd.disseminated_on, (dd.meeting_id = $2) AS here, dd.present, dd.base,
            (count(*) FILTER (WHERE dd.unit_id IS NULL) OVER ())::int AS awaiting_total
       FROM directive_recipients r JOIN directives d ON d.id = r.directive_id JOIN org_units u ON u.id = d.unit_id
       LEFT JOIN directive_disseminations dd ON dd.directive_id = d.id AND dd.unit_id = r.unit_id
      WHERE r.unit_id = $1
        AND ((d.status = 'published' AND d.requires_dissemination AND dd.unit_id IS NULL) OR dd.meeting_id = $2)
      ORDER BY d.disseminate_by NULLS LAST, d.issued_on DESC, d.id DESC
      LIMIT 50`,
    [m.unit_id, m.id],
  );
  const files = rows.length
    ? await ex.query<{ id: number; directive_id: number; file_name: string }>(
        'SELECT id, directive_id, file_name FROM directive_files WHERE directive_id = ANY($1::int[]) ORDER BY id',
        [rows.map((r) => r.id)],
      )
    : [];
  const present = (r: (typeof rows)[number]) => ({
    ...presentDirective(r),
    files: files.filter((f) => f.directive_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name })),
  });
  return {
    canRecord:
      can(actor, 'meeting.run', m.unit_path) &&
      (m.status === 'in_progress' || (m.status === 'held' && !m.adopted)),
    canUndo: can(actor, 'meeting.run', m.unit_path) && m.status === 'in_progress',
    awaiting: rows.filter((r) => !r.here).map(present),
    awaitingTotal: rows[0]?.awaiting_total ?? 0,
    disseminated: rows
      .filter((r) => r.here)
      // The meeting's attendance as it stands (marked during the meeting, final once held).
      .map((r) => ({
        ...present(r),
        disseminatedOn: r.disseminated_on,
        present: m.att_present ?? r.present,
        base: m.att_summoned ?? r.base,
      })),
  };
}

function refuseMeetingState(m: MeetingState, undo: boolean) {
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'planned') throw new AppError('MEETING_NOT_STARTED');
  if (undo && m.status !== 'in_progress')
    throw new AppError(
      'MEETING_ALREADY_HELD',
      'Buổi sinh hoạt đã kết thúc: không bỏ ghi nhận quán triệt được nữa.',
    );
  if (m.adopted) throw new AppError('RECORD_LOCKED');
}

/** Records that the meeting's cell disseminated the directive at this meeting (date, present/base). */
export async function recordDissemination(
  tx: Executor,
  actor: Actor,
  meetingId: number,
  directiveId: number,
  ip?: string,
) {
  const m = await meetingState(tx, actor, meetingId);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  const d = await directiveForCell(tx, actor, directiveId, m.unit_path);
  refuseMeetingState(m, false);
  if (d.status === 'withdrawn') throw new AppError('DIRECTIVE_WITHDRAWN');
  const on = toIsoDate(new Date(m.started_at ?? m.scheduled_at));
  const [cell] = await tx.query<{ name: string }>('SELECT name FROM org_units WHERE id = $1', [m.unit_id]);
  // A cell created after publication is not a recipient; recording it makes it one.
  await tx.query(
    `INSERT INTO directive_recipients (directive_id, unit_id, sort_key) VALUES ($1, $2, $3)
     ON CONFLICT (directive_id, unit_id) DO NOTHING`,
    [d.id, m.unit_id, unitNameSortKey(cell!.name)],
  );
  const rows = await tx.query<{ disseminated_on: string }>(
    `INSERT INTO directive_disseminations (directive_id, unit_id, meeting_id, disseminated_on, present, base, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (directive_id, unit_id) DO NOTHING RETURNING disseminated_on`,
    [d.id, m.unit_id, m.id, on, m.att_present ?? 0, m.att_summoned ?? 0, actor.userId],
  );
  if (!rows[0]) throw new AppError('DIRECTIVE_ALREADY_DISSEMINATED');
  await audit(
    tx,
    actor,
    {
      action: 'directive.disseminate',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: m.unit_id,
      after: {
        meetingId: m.id,
        number: d.number,
        disseminatedOn: on,
        present: m.att_present,
        base: m.att_summoned,
      },
    },
    ip,
  );
  return {
    directiveId: d.id,
    unitId: m.unit_id,
    meetingId: m.id,
    disseminatedOn: on,
    present: m.att_present ?? 0,
    base: m.att_summoned ?? 0,
    percent: pct(m.att_present ?? 0, m.att_summoned ?? 0),
  };
}

/** Undoes a dissemination recorded at this meeting while the meeting is still in progress. */
export async function undoDissemination(
  tx: Executor,
  actor: Actor,
  meetingId: number,
  directiveId: number,
  ip?: string,
) {
  const m = await meetingState(tx, actor, meetingId);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  const d = await directiveForCell(tx, actor, directiveId, m.unit_path);
  refuseMeetingState(m, true);
  const rows = await tx.query(
    'DELETE FROM directive_disseminations WHERE directive_id = $1 AND unit_id = $2 AND meeting_id = $3 RETURNING 1',
    [d.id, m.unit_id, m.id],
  );
  if (rows.length === 0) throw notFound('ghi nhận quán triệt tại buổi sinh hoạt này');
  await audit(
    tx,
    actor,
    {
      action: 'directive.disseminate_undo',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: m.unit_id,
      after: { meetingId: m.id, number: d.number },
    },
    ip,
  );
}

/** Reminds the secretaries of the cells that have not disseminated it; at most once a day. */
export async function remindPending(tx: Executor, actor: Actor, id: number, ip?: string) {
  const d = await managedDirective(tx, actor, id);
  if (d.status === 'draft') throw new AppError('DIRECTIVE_NOT_PUBLISHED');
  if (d.status === 'withdrawn') throw new AppError('DIRECTIVE_WITHDRAWN');
  if (!d.requires_dissemination)
    throw new AppError('VALIDATION_FAILED', 'Văn bản này không yêu cầu các chi bộ quán triệt.');
  const today = todayIso();
  // The day's claim first: two reminders sent at once cannot both pass.
  const claimed = await tx.query(
    `UPDATE directives SET last_reminded_at = now()
      WHERE id = $1 AND (last_reminded_at IS NULL OR (last_reminded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $2::date)
      RETURNING 1`,
    [d.id, today],
  );
  if (claimed.length === 0) throw new AppError('DIRECTIVE_REMIND_TOO_SOON');
  const label = `${DIRECTIVE_KIND_LABELS[d.kind]} số ${d.number}`;
  const due = d.disseminate_by ? ` (hạn ${d.disseminate_by.split('-').reverse().join('/')})` : '';
  const notified = await notifyCellSecretaries(
    tx,
    d.id,
    today,
    {
      kind: 'directive.remind',
      title: `Nhắc quán triệt: ${label}`,
      body: `Chi bộ chưa ghi nhận quán triệt ${label} (${d.title})${due}. Đề nghị quán triệt tại buổi sinh hoạt gần nhất.`,
      link: `/van-ban/${d.id}`,
      dedupeKey: `directive-remind:${d.id}:${today}`,
    },
    true,
  );
  const counts = await disseminationCounts(tx, d.id, today);
  await audit(
    tx,
    actor,
    {
      action: 'directive.remind',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: d.unit_id,
      after: { number: d.number, pendingCells: counts.cells - counts.done, notified },
    },
    ip,
  );
  return { pendingCells: counts.cells - counts.done, notified };
}

/** The minutes' sentence for the directives disseminated at a meeting, or null (record-build.ts). */
export async function disseminationSentence(ex: Executor, meetingId: number): Promise<string | null> {
  const rows = await ex.query<{
    kind: keyof typeof DIRECTIVE_KIND_LABELS;
    number: string;
    issued_on: string;
    issuer: string;
    title: string;
  }>(
    `SELECT d.kind, d.number, d.issued_on, d.issuer, d.title
       FROM directive_disseminations dd JOIN directives d ON d.id = dd.directive_id
      WHERE dd.meeting_id = $1 ORDER BY d.issued_on, d.id`,
    [meetingId],
  );
  if (rows.length === 0) return null;
  const parts = rows.map(
    (r) =>
      `${DIRECTIVE_KIND_LABELS[r.kind]} số ${r.number} ngày ${r.issued_on.split('-').reverse().join('/')} của ${r.issuer} (${r.title})`,
  );
  return `Quán triệt: ${parts.join('; ')}.`;
}
