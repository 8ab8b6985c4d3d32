/**
 * Two scorers per meeting (DOMAIN.md §5): the cell scores itself at closing, the supervising
 * superior member scores separately. Measured items come from the evidence; judgement items are
 * entered. Confirming freezes the column (a trigger refuses edits); later changes are revisions.
 */
import type { Executor } from '../../db/executor.js';
import type { MeetingScore } from '../../domain/scoring/score.js';
import { scoreMeeting } from '../../domain/scoring/score.js';
import type { RulePack } from '../../rules/index.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, can } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { FROZEN_SCORE_COLUMNS, type FrozenScore, requireRecordKey, scoreHash } from '../integrity/hash.js';
import { type MeetingRow, visibleMeeting } from '../meetings/service.js';
import { gatherEvidence, meetingDate } from './evidence.js';
import { refreshCellMonth } from './status.js';

export type Scorer = 'cell' | 'supervisor';

interface ScoreRow {
  id: number;
  scorer: Scorer;
  revision: number;
  judgement: Record<string, number>;
  result: MeetingScore | null;
  total: string | null;
  band: string | null;
  rule_pack: string;
  rule_pack_version: string;
  confirmed_at: Date | null;
  scored_by: number | null;
  revision_note: string | null;
}

async function latest(ex: Executor, meetingId: number, scorer: Scorer): Promise<ScoreRow | undefined> {
  const [row] = await ex.query<ScoreRow>(
    `SELECT id, scorer, revision, judgement, result, total, band, rule_pack, rule_pack_version, confirmed_at, scored_by, revision_note
       FROM meeting_scores WHERE meeting_id = $1 AND scorer = $2 ORDER BY revision DESC LIMIT 1`,
    [meetingId, scorer],
  );
  return row;
}

/** Who may fill which column: the cell's runners score the cell; a supervisor of the cell (or staff above) the other. */
export function scorerRights(actor: Actor, m: Pick<MeetingRow, 'unit_path' | 'unit_id'>) {
  const supervisor = actor.grants.some(
    (g) =>
      (g.role === 'supervisor' && m.unit_path.startsWith(g.path)) ||
      ((g.role === 'committee_staff' || g.role === 'admin') && m.unit_path.startsWith(g.path)),
  );
  return { cell: can(actor, 'meeting.run', m.unit_path), supervisor };
}

function finalOf(pack: RulePack, cell: ColumnView | null, sup: ColumnView | null) {
  const c = cell?.confirmed ? cell : null;
  const s = sup?.confirmed ? sup : null;
  let pick: ColumnView | null = null;
  let total: number | null = null;
  switch (pack.scoring.finalRule) {
    case 'supervisor_if_confirmed':
      pick = s ?? c;
      total = pick?.score.total ?? null;
      break;
    case 'lower':
      pick = s && c ? (s.score.total <= c.score.total ? s : c) : (s ?? c);
      total = pick?.score.total ?? null;
      break;
    case 'average':
      pick = s ?? c;
      total =
        s && c ? Math.round(((s.score.total + c.score.total) / 2) * 10) / 10 : (pick?.score.total ?? null);
      break;
  }
  if (!pick || total === null) return null;
  return {
    total,
    band: pick.score.band,
    source: pick === s ? 'supervisor' : 'cell',
    rule: {
      supervisor_if_confirmed:
        'Theo điểm của cấp ủy viên cấp trên khi đã xác nhận, nếu chưa thì theo chi bộ tự chấm',
      lower: 'Theo điểm thấp hơn của hai cột',
      average: 'Theo trung bình hai cột',
    }[pack.scoring.finalRule],
  };
}

interface ColumnView {
  scorer: Scorer;
  revision: number;
  confirmed: boolean;
  confirmedAt: string | null;
  judgement: Record<string, number>;
  score: MeetingScore;
  revisionNote: string | null;
}

export async function meetingScoreView(ex: Executor, actor: Actor, m: MeetingRow) {
  const pack = await packVersionFor(ex, m.rule_pack, meetingDate(m));
  const evidence = m.status === 'held' ? await gatherEvidence(ex, m, pack) : null;
  const column = async (scorer: Scorer): Promise<ColumnView | null> => {
    const row = await latest(ex, m.id, scorer);
    if (row?.confirmed_at && row.result) {
      return {
        scorer,
        revision: row.revision,
        confirmed: true,
        confirmedAt: new Date(row.confirmed_at).toISOString(),
        judgement: row.judgement,
        score: row.result,
        revisionNote: row.revision_note,
      };
    }
    if (!evidence) return null;
    // Not confirmed: a live pre-score from today's records and the entries so far.
    return {
      scorer,
      revision: row?.revision ?? 1,
      confirmed: false,
      confirmedAt: null,
      judgement: row?.judgement ?? {},
      score: scoreMeeting(pack.scoring.rubric, evidence, row?.judgement ?? {}),
      revisionNote: row?.revision_note ?? null,
    };
  };
  const [cell, supervisor] = await Promise.all([column('cell'), column('supervisor')]);
  const rights = scorerRights(actor, m);
  return {
    meetingId: m.id,
    status: m.status,
    rulePack: { id: pack.id, version: pack.version, name: pack.name },
    rubric: pack.scoring.rubric.criteria.map((c) => ({
      key: c.key,
      title: c.title,
      max: c.max,
      items: c.items.map((i) => ({
        key: i.key,
        title: i.title,
        max: i.max,
        measured: Boolean(i.measure),
        kinds: i.kinds ?? null,
      })),
    })),
    evidence,
    columns: { cell, supervisor },
    final: finalOf(pack, cell, supervisor),
    permissions: {
      canScoreCell: rights.cell && m.status === 'held',
      canScoreSupervisor: rights.supervisor && m.status === 'held',
    },
  };
}

function requireRight(actor: Actor, m: MeetingRow, scorer: Scorer) {
  const rights = scorerRights(actor, m);
  if (!rights[scorer])
    throw new AppError(
      'FORBIDDEN',
      scorer === 'cell' ? 'Chỉ chi bộ tự chấm cột này.' : 'Chỉ cấp ủy viên cấp trên phụ trách chấm cột này.',
    );
  if (m.status !== 'held')
    throw new AppError('MEETING_NOT_STARTED', 'Chỉ chấm điểm buổi sinh hoạt đã kết thúc.');
  if (m.kind === 'committee') {
    throw new AppError('VALIDATION_FAILED', 'Họp chi ủy không chấm điểm chất lượng sinh hoạt chi bộ.');
  }
}

/** Saves judgement points (not yet confirmed). A confirmed column needs a revision first. */
export async function saveJudgement(
  tx: Executor,
  actor: Actor,
  id: number,
  scorer: Scorer,
  judgement: Record<string, number>,
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  requireRight(actor, m, scorer);
  const pack = await packVersionFor(tx, m.rule_pack, meetingDate(m));
  const items = new Map(pack.scoring.rubric.criteria.flatMap((c) => c.items).map((i) => [i.key, i]));
  for (const [key, v] of Object.entries(judgement)) {
    const it = items.get(key);
    if (!it || it.measure)
      throw new AppError('VALIDATION_FAILED', `Mục "${key}" không phải mục chấm theo đánh giá.`, {
        field: key,
      });
    if (!(v >= 0 && v <= it.max))
      throw new AppError('VALIDATION_FAILED', `${it.title}: điểm phải từ 0 đến ${it.max}.`, { field: key });
  }
  const row = await latest(tx, m.id, scorer);
  if (row?.confirmed_at)
    throw new AppError('CONFLICT', 'Điểm đã xác nhận; hãy tạo bản chấm lại (có ghi lý do).');
  if (row) {
    await tx.query(
      'UPDATE meeting_scores SET judgement = $2, scored_by = $3, updated_at = now() WHERE id = $1',
      [row.id, JSON.stringify(judgement), actor.userId],
    );
  } else {
    await tx.query(
      `INSERT INTO meeting_scores (meeting_id, scorer, judgement, rule_pack, rule_pack_version, scored_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [m.id, scorer, JSON.stringify(judgement), pack.id, pack.version, actor.userId],
    );
  }
  await audit(
    tx,
    actor,
    {
      action: `score.${scorer}.save`,
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: judgement,
    },
    ip,
  );
}

/**
 * Locks a written score row: sets `confirmed_at` and, in the same statement, the keyed hash of the
 * frozen columns as stored (ADR 017), so an edit made later by the tables' owner is detected.
 * The demo's scores are locked through here too.
 */
export async function lockScore(tx: Executor, scoreId: number, at: Date): Promise<void> {
  const key = requireRecordKey(tx);
  const [frozen] = await tx.query<FrozenScore>(
    `SELECT ${FROZEN_SCORE_COLUMNS} FROM meeting_scores s WHERE s.id = $1 AND s.confirmed_at IS NULL FOR UPDATE`,
    [scoreId],
  );
  if (!frozen) throw new AppError('CONFLICT', 'Điểm đã được xác nhận.');
  await tx.query(
    'UPDATE meeting_scores SET confirmed_at = $2, result_hash = $3, hash_key = $4 WHERE id = $1',
    [scoreId, at, scoreHash(key, { ...frozen, confirmed_at: at }), key.id],
  );
}

/** Confirms a column: freezes the computed score with its evidence and the pack version. */
export async function confirmScore(tx: Executor, actor: Actor, id: number, scorer: Scorer, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  requireRight(actor, m, scorer);
  const pack = await packVersionFor(tx, m.rule_pack, meetingDate(m));
  const row = await latest(tx, m.id, scorer);
  if (row?.confirmed_at) throw new AppError('CONFLICT', 'Điểm đã được xác nhận.');
  const score = scoreMeeting(pack.scoring.rubric, await gatherEvidence(tx, m, pack), row?.judgement ?? {});
  if (!score.complete) {
    const missing = score.items.filter((i) => i.applicable && i.points === null).map((i) => i.title);
    throw new AppError('VALIDATION_FAILED', `Chưa chấm: ${missing.join(', ')}.`, { missing });
  }
  // The result is written first, then locked with the keyed hash of what the database stored.
  let scoreId = row?.id;
  if (row) {
    await tx.query(
      `UPDATE meeting_scores SET result = $2, total = $3, band = $4, rule_pack = $5, rule_pack_version = $6, scored_by = $7, updated_at = now()
        WHERE id = $1`,
      [row.id, JSON.stringify(score), score.total, score.band.label, pack.id, pack.version, actor.userId],
    );
  } else {
    const [inserted] = await tx.query<{ id: number }>(
      `INSERT INTO meeting_scores (meeting_id, scorer, judgement, result, total, band, rule_pack, rule_pack_version, scored_by)
       VALUES ($1, $2, '{}', $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        m.id,
        scorer,
        JSON.stringify(score),
        score.total,
        score.band.label,
        pack.id,
        pack.version,
        actor.userId,
      ],
    );
    scoreId = inserted!.id;
  }
  await lockScore(tx, scoreId!, new Date());
  await refreshCellMonth(tx, m.unit_id, meetingDate(m).slice(0, 7));
  await audit(
    tx,
    actor,
    {
      action: `score.${scorer}.confirm`,
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { total: score.total, band: score.band.label },
    },
    ip,
  );
  return score;
}

/** Opens a revision of a confirmed column (a recorded reason; the confirmed one stays as it was). */
export async function reviseScore(
  tx: Executor,
  actor: Actor,
  id: number,
  scorer: Scorer,
  note: string,
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, id);
  requireRight(actor, m, scorer);
  const row = await latest(tx, m.id, scorer);
  if (!row?.confirmed_at) throw new AppError('CONFLICT', 'Chưa có điểm đã xác nhận để chấm lại.');
  await tx.query(
    `INSERT INTO meeting_scores (meeting_id, scorer, revision, judgement, rule_pack, rule_pack_version, scored_by, revision_note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      m.id,
      scorer,
      row.revision + 1,
      JSON.stringify(row.judgement),
      row.rule_pack,
      row.rule_pack_version,
      actor.userId,
      note,
    ],
  );
  await audit(
    tx,
    actor,
    {
      action: `score.${scorer}.revise`,
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { revision: row.revision + 1, note },
    },
    ip,
  );
  return row.revision + 1;
}
