/**
 * Model meetings (seed 002's "điểm" pilots; issue 9 item 6, ADR 023): a committee marks a held
 * meeting with adopted minutes as a model; every cell of its subtree lists it and opens it
 * read-only, with the model cell's members' personal data hidden (model-view.ts).
 */
import type { Executor } from '../../db/executor.js';
import { type Actor, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { MEETING_KINDS } from '../meetings/labels.js';
import { qualityAnnex, recordForRendering } from '../meetings/record-render.js';
import { findMeeting, type MeetingRow } from '../meetings/service.js';
import { isoLocal } from '../meetings/time.js';
import { CELL_TYPES, type CellType } from '../org/labels.js';
import type { UnitRow } from '../org/service.js';
import {
  anonymiseRecord,
  minutesParagraphs,
  nameMapping,
  peopleOfMeeting,
  scrub,
  tidy,
} from './model-view.js';
import { isStaffOf, markingUnitPath, mayOpenModel } from './policy.js';

interface ModelRow {
  meeting_id: number;
  marked_by_unit: number;
  marker_name: string;
  marker_path: string;
  topic: string | null;
  note: string | null;
  marked_at: Date;
}

async function modelOf(ex: Executor, meetingId: number): Promise<ModelRow | undefined> {
  const [row] = await ex.query<ModelRow>(
    `SELECT mm.meeting_id, mm.marked_by_unit, u.name AS marker_name, u.path AS marker_path, mm.topic, mm.note, mm.marked_at
       FROM model_meetings mm JOIN org_units u ON u.id = mm.marked_by_unit WHERE mm.meeting_id = $1`,
    [meetingId],
  );
  return row;
}

/** A meeting the actor can see, else 404 as if absent. */
async function meetingInScope(ex: Executor, actor: Actor, id: number): Promise<MeetingRow> {
  const m = await findMeeting(ex, id);
  if (!m || !can(actor, 'unit.read', m.unit_path)) throw notFound('buổi sinh hoạt');
  return m;
}

export async function markModel(
  tx: Executor,
  actor: Actor,
  meetingId: number,
  input: { topic?: string | null; note?: string | null },
  ip?: string,
) {
  const m = await meetingInScope(tx, actor, meetingId);
  const markerPath = markingUnitPath(actor, m.unit_path);
  if (!markerPath) {
    throw new AppError(
      'FORBIDDEN',
      'Chỉ cán bộ văn phòng cấp ủy cấp trên của chi bộ mới chọn được sinh hoạt mẫu.',
    );
  }
  if (m.kind === 'committee') {
    throw new AppError(
      'CONFLICT',
      'Chỉ chọn buổi sinh hoạt của chi bộ làm sinh hoạt mẫu, không chọn họp chi ủy.',
    );
  }
  const [adopted] = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'",
    [m.id],
  );
  if (m.status !== 'held' || !adopted?.n) {
    throw new AppError(
      'CONFLICT',
      'Chỉ chọn được buổi sinh hoạt đã tổ chức và đã thông qua biên bản làm sinh hoạt mẫu.',
    );
  }
  const [marker] = await tx.query<{ id: number; name: string }>(
    'SELECT id, name FROM org_units WHERE path = $1',
    [markerPath],
  );
  const before = await modelOf(tx, m.id);
  const topic = input.topic?.trim() || m.thematic_topic || m.title;
  const note = input.note?.trim() || null;
  await tx.query(
    `INSERT INTO model_meetings (meeting_id, marked_by_unit, topic, note, marked_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (meeting_id) DO UPDATE SET marked_by_unit = EXCLUDED.marked_by_unit, topic = EXCLUDED.topic,
       note = EXCLUDED.note, marked_by = EXCLUDED.marked_by, marked_at = now()`,
    [m.id, marker!.id, topic, note, actor.userId],
  );
  await audit(
    tx,
    actor,
    {
      action: 'meeting.model_mark',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: before
        ? { markedByUnitId: before.marked_by_unit, topic: before.topic, note: before.note }
        : undefined,
      after: { markedByUnitId: marker!.id, topic, note },
    },
    ip,
  );
  return { meetingId: m.id, markedBy: { unitId: marker!.id, unitName: marker!.name }, topic, note };
}

export async function unmarkModel(tx: Executor, actor: Actor, meetingId: number, ip?: string) {
  const m = await meetingInScope(tx, actor, meetingId);
  // Only staff of a committee above the cell ever mark or unmark its meetings.
  if (!markingUnitPath(actor, m.unit_path)) {
    throw new AppError(
      'FORBIDDEN',
      'Chỉ cán bộ văn phòng cấp ủy cấp trên của chi bộ mới bỏ chọn được sinh hoạt mẫu.',
    );
  }
  const model = await modelOf(tx, m.id);
  if (!model) throw notFound('sinh hoạt mẫu');
  if (!isStaffOf(actor, model.marker_path)) {
    throw new AppError(
      'FORBIDDEN',
      'Chỉ cán bộ văn phòng cấp ủy đã chọn sinh hoạt mẫu này mới bỏ chọn được.',
    );
  }
  await tx.query('DELETE FROM model_meetings WHERE meeting_id = $1', [m.id]);
  await audit(
    tx,
    actor,
    {
      action: 'meeting.model_unmark',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: { markedByUnitId: model.marked_by_unit, topic: model.topic, note: model.note },
    },
    ip,
  );
}

export interface ModelListItem {
  meetingId: number;
  title: string;
  kind: string;
  kindLabel: string;
  topic: string | null;
  note: string | null;
  heldAt: string | null;
  cell: { id: number; name: string; cellType: string | null; cellTypeLabel: string | null };
  markedBy: { unitId: number; unitName: string };
  markedAt: string;
  rating: string | null;
  points: number | null;
}

/** `%` and `_` typed by a person are letters, not wildcards. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listModels(
  ex: Executor,
  actor: Actor,
  unit: UnitRow,
  q: { cellType?: CellType; topic?: string; limit: number; offset: number },
): Promise<{ items: ModelListItem[]; total: number }> {
  const params: unknown[] = [unit.path, isStaffOf(actor, unit.path), q.limit, q.offset];
  const where: string[] = [];
  if (q.cellType) where.push(`c.cell_type = $${params.push(q.cellType)}`);
  if (q.topic?.trim()) {
    const p = params.push(likeText(q.topic.trim().normalize('NFC')));
    where.push(
      `(coalesce(mm.topic, '') || ' ' || coalesce(mt.thematic_topic, '') || ' ' || mt.title) ILIKE $${p}`,
    );
  }
  const rows = await ex.query<{
    meeting_id: number;
    title: string;
    kind: keyof typeof MEETING_KINDS;
    topic: string | null;
    note: string | null;
    started_at: Date | null;
    cell_id: number;
    cell_name: string;
    cell_type: CellType | null;
    marker_id: number;
    marker_name: string;
    marked_at: Date;
    band: string | null;
    points: string | null;
    total: number;
  }>(
    `SELECT mm.meeting_id, mt.title, mt.kind, mm.topic, mm.note, mt.started_at, c.id AS cell_id, c.name AS cell_name,
            c.cell_type, mk.id AS marker_id, mk.name AS marker_name, mm.marked_at, sc.band, sc.total AS points,
            count(*) OVER ()::int AS total
       FROM model_meetings mm
       JOIN org_units mk ON mk.id = mm.marked_by_unit
       JOIN meetings mt ON mt.id = mm.meeting_id
       JOIN org_units c ON c.id = mt.unit_id
       LEFT JOIN LATERAL (
         SELECT band, total FROM meeting_scores
          WHERE meeting_id = mm.meeting_id AND scorer = 'cell' AND confirmed_at IS NOT NULL
          ORDER BY revision DESC LIMIT 1
       ) sc ON true
      WHERE ($1 LIKE mk.path || '%' OR ($2::boolean AND mk.path LIKE $1 || '%'))
        ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY mm.marked_at DESC, mm.meeting_id DESC
      LIMIT $3 OFFSET $4`,
    params,
  );
  return {
    items: rows.map((r) => ({
      meetingId: r.meeting_id,
      title: r.title,
      kind: r.kind,
      kindLabel: MEETING_KINDS[r.kind] ?? r.kind,
      topic: r.topic,
      note: r.note,
      heldAt: isoLocal(r.started_at),
      cell: {
        id: r.cell_id,
        name: r.cell_name,
        cellType: r.cell_type,
        cellTypeLabel: r.cell_type ? CELL_TYPES[r.cell_type] : null,
      },
      markedBy: { unitId: r.marker_id, unitName: r.marker_name },
      markedAt: new Date(r.marked_at).toISOString(),
      rating: r.band,
      points: r.points === null ? null : Number(r.points),
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** The model meeting and its marker, when the actor may open it; else 404 as if absent. */
async function openableModel(ex: Executor, actor: Actor, meetingId: number) {
  const model = await modelOf(ex, meetingId);
  if (!model || !mayOpenModel(actor, model.marker_path)) throw notFound('sinh hoạt mẫu');
  const m = await findMeeting(ex, meetingId);
  if (!m) throw notFound('sinh hoạt mẫu');
  return { model, m };
}

export async function modelView(ex: Executor, actor: Actor, meetingId: number) {
  const { model, m } = await openableModel(ex, actor, meetingId);
  const [{ record }, people, documents, quality] = await Promise.all([
    recordForRendering(ex, m),
    peopleOfMeeting(ex, m.id, m.unit_id),
    ex.query<{ id: number; title: string; file_name: string; mime_type: string; size_bytes: number }>(
      `SELECT id, title, file_name, mime_type, size_bytes FROM meeting_documents
        WHERE meeting_id = $1 AND purpose = 'material' AND removed_at IS NULL ORDER BY posted_at, id`,
      [m.id],
    ),
    qualityAnnex(ex, m.id),
  ]);
  const anon = anonymiseRecord(record, people);
  const pairs = nameMapping(record, people);
  return {
    meeting: {
      id: m.id,
      title: m.title,
      kind: m.kind,
      kindLabel: MEETING_KINDS[m.kind],
      thematicTopic: m.thematic_topic,
      cell: {
        id: m.unit_id,
        name: m.unit_name,
        cellType: m.cell_type,
        cellTypeLabel: m.cell_type ? (CELL_TYPES[m.cell_type as CellType] ?? null) : null,
      },
      scheduledAt: isoLocal(m.scheduled_at),
      startedAt: isoLocal(m.started_at),
      endedAt: isoLocal(m.ended_at),
      durationMinutes:
        m.started_at && m.ended_at
          ? Math.floor((new Date(m.ended_at).getTime() - new Date(m.started_at).getTime()) / 60_000)
          : null,
    },
    model: {
      topic: model.topic,
      note: model.note,
      markedBy: { unitId: model.marked_by_unit, unitName: model.marker_name },
      markedAt: new Date(model.marked_at).toISOString(),
      canUnmark: isStaffOf(actor, model.marker_path),
    },
    agenda: anon.agenda.map((a, i) => ({
      position: i + 1,
      title: tidy(a.title),
      conclusion: a.conclusion ? tidy(a.conclusion) : null,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      title: tidy(scrub(d.title, pairs)),
      mimeType: d.mime_type,
      sizeBytes: d.size_bytes,
    })),
    attendance: {
      summoned: anon.attendance.summoned,
      present: anon.attendance.present,
      percent: anon.attendance.percent,
    },
    score: quality
      ? {
          rating: quality.rating,
          points: quality.points ?? null,
          maxPoints: quality.maxPoints ?? null,
          supervisor: quality.supervisor
            ? { rating: quality.supervisor.rating, points: quality.supervisor.points }
            : null,
        }
      : null,
    minutes: { adopted: Boolean(record.adoption), paragraphs: minutesParagraphs(anon) },
  };
}

/** A material document of a model meeting, under the same rule as the view; the download is audited. */
export async function modelDocument(
  ex: Executor,
  actor: Actor,
  meetingId: number,
  documentId: number,
  ip?: string,
) {
  const { m } = await openableModel(ex, actor, meetingId);
  const [d] = await ex.query<{ file_name: string; mime_type: string; content: Buffer | Uint8Array }>(
    `SELECT file_name, mime_type, content FROM meeting_documents
      WHERE id = $1 AND meeting_id = $2 AND purpose = 'material' AND removed_at IS NULL`,
    [documentId, m.id],
  );
  if (!d) throw notFound('tài liệu');
  const pairs = nameMapping(
    (await recordForRendering(ex, m)).record,
    await peopleOfMeeting(ex, m.id, m.unit_id),
  );
  await audit(
    ex,
    actor,
    {
      action: 'meeting.document_download',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { documentId, fileName: d.file_name, model: true },
    },
    ip,
  );
  return { fileName: scrub(d.file_name, pairs), mime: d.mime_type, bytes: Buffer.from(d.content) };
}
