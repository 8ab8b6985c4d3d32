/**
 * Minutes (biên bản) and resolution (nghị quyết) of a meeting, as versions: a draft the
 * secretary edits, signed by the chair and the secretary with their own accounts, then adopted
 * and locked (a database trigger refuses any change to an adopted row). A correction is a new
 * version. Each adopted version stores the full document data it was rendered from and a
 * SHA-256 over it chained to the previous adopted record of the same cell (house rule 6).
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import type { MeetingRecord } from '../../documents/meeting-record.js';
import { summarizeAttendance } from '../../domain/attendance.js';
import { toIsoDate } from '../../domain/format.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import { cellMemberUserIds, notifyUsers } from '../notifications/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { dueTasks, loadTasks } from './follow-up.js';
import { assertAllMarked, closeMeeting, loadRoster, toEntries } from './running.js';
import { findMeeting, type MeetingRow, visibleMeeting } from './service.js';
import { isoLocal, localMonth, quarterOf } from './time.js';

export type RecordText = MeetingRecord['text'];

interface VersionRow {
  id: number;
  version: number;
  status: 'draft' | 'adopted';
  content: { text?: RecordText; record?: MeetingRecord };
  content_hash: string | null;
  prev_hash: string | null;
  correction_note: string | null;
  adopted_at: Date | null;
  chair_signed_by: number | null;
  chair_signed_at: Date | null;
  secretary_signed_by: number | null;
  secretary_signed_at: Date | null;
}

const VCOLS = `id, version, status, content, content_hash, prev_hash, correction_note, adopted_at, chair_signed_by,
  chair_signed_at, secretary_signed_by, secretary_signed_at`;

export async function versions(ex: Executor, meetingId: number): Promise<VersionRow[]> {
  return ex.query<VersionRow>(
    `SELECT ${VCOLS} FROM meeting_record_versions WHERE meeting_id = $1 ORDER BY version`,
    [meetingId],
  );
}

/** JSON with keys in a fixed order, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prevHash: string | null, content: unknown): string {
  return createHash('sha256')
    .update(`${prevHash ?? ''}\n${canonicalJson(content)}`)
    .digest('hex');
}

export function placeOf(superiorName: string): string {
  const m = /(?:phường|xã|thị trấn|đặc khu|thành phố|tỉnh)\s+(.+)$/iu.exec(superiorName);
  return (m?.[1] ?? superiorName).trim();
}

function kindLabel(m: MeetingRow): string {
  const iso = isoLocal(m.scheduled_at)!;
  const month = `${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
  const quarter = ['I', 'II', 'III', 'IV'][quarterOf(iso.slice(0, 7)) - 1];
  switch (m.kind) {
    case 'thematic':
      return `sinh hoạt chuyên đề quý ${quarter}/${iso.slice(0, 4)}`;
    case 'combined':
      return `sinh hoạt thường kỳ tháng ${month} kết hợp sinh hoạt chuyên đề`;
    case 'committee':
      return `chi ủy tháng ${month}`;
    case 'extraordinary':
      return `sinh hoạt bất thường tháng ${month}`;
    default:
      return `sinh hoạt thường kỳ tháng ${month}`;
  }
}

/** Builds the document data from the meeting's records (and the secretary's edited text). */
export async function buildMeetingRecord(
  ex: Executor,
  m: MeetingRow,
  text: RecordText,
): Promise<MeetingRecord> {
  const [[parent], roster, agenda, speeches, guests, votes, people, seq, secretaryRole] = await Promise.all([
    ex.query<{ name: string }>(
      'SELECT p.name FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.id = $1',
      [m.unit_id],
    ),
    loadRoster(ex, m),
    ex.query<{
      id: number;
      title: string;
      conclusion: string | null;
      section: string;
      step_key: string | null;
    }>(
      'SELECT id, title, conclusion, section, step_key FROM agenda_items WHERE meeting_id = $1 ORDER BY position',
      [m.id],
    ),
    ex.query<{ agenda_item_id: number | null; speaker_name: string; summary: string }>(
      'SELECT agenda_item_id, speaker_name, summary FROM speeches WHERE meeting_id = $1 ORDER BY id',
      [m.id],
    ),
    ex.query<{ name: string; title: string | null; organisation: string | null }>(
      'SELECT name, title, organisation FROM meeting_guests WHERE meeting_id = $1 ORDER BY id',
      [m.id],
    ),
    ex.query<{
      subject: string;
      base: number;
      votes_for: number;
      votes_against: number;
      votes_abstain: number;
      passed: boolean;
      rule: string;
    }>(
      'SELECT subject, base, votes_for, votes_against, votes_abstain, passed, rule FROM votes WHERE meeting_id = $1 ORDER BY id',
      [m.id],
    ),
    ex.query<{ id: number; full_name: string }>(
      'SELECT id, full_name FROM members WHERE id = ANY($1::int[])',
      [[m.chair_member_id, m.secretary_member_id].filter((x): x is number => x !== null)],
    ),
    ex.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meetings WHERE unit_id = $1 AND status <> 'cancelled' AND kind <> 'committee'
         AND date_trunc('year', scheduled_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = date_trunc('year', $2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')
         AND scheduled_at <= $2`,
      [m.unit_id, m.scheduled_at],
    ),
    ex.query<{ role: string }>(
      `SELECT g.role FROM users us JOIN role_grants g ON g.user_id = us.id
        WHERE us.member_id = $1 AND g.org_unit_id = $2 AND g.role IN ('cell_secretary', 'cell_committee')`,
      [m.chair_member_id ?? 0, m.unit_id],
    ),
  ]);
  const [previous, tasks] = await Promise.all([dueTasks(ex, m), loadTasks(ex, 't.meeting_id = $1', [m.id])]);
  const summary = summarizeAttendance(toEntries(roster));
  const name = (id: number | null) => people.find((p) => p.id === id)?.full_name ?? '…';
  const superiorName = parent?.name ?? '';
  const bySection = new Map<number | null, { speaker: string; summary: string }[]>();
  for (const s of speeches) {
    const list = bySection.get(s.agenda_item_id) ?? [];
    list.push({ speaker: s.speaker_name, summary: s.summary });
    bySection.set(s.agenda_item_id, list);
  }
  const agendaOut: MeetingRecord['agenda'] = agenda.map((a) => ({
    title: a.title,
    stepKey: a.step_key ?? undefined,
    speeches: bySection.get(a.id) ?? [],
    conclusion: a.conclusion ?? undefined,
  }));
  const loose = bySection.get(null);
  if (loose?.length)
    agendaOut.push({ title: 'Ý kiến phát biểu khác', speeches: loose, conclusion: undefined });
  return {
    superiorName,
    cellName: m.unit_name,
    placeName: placeOf(superiorName),
    number: String(seq[0]?.n ?? 1).padStart(2, '0'),
    kindLabel: kindLabel(m),
    thematicTopic: m.thematic_topic ?? undefined,
    scheduledAt: isoLocal(m.scheduled_at)!,
    startedAt: isoLocal(m.started_at) ?? undefined,
    endedAt: isoLocal(m.ended_at) ?? undefined,
    place: m.place ?? '',
    chair: {
      name: name(m.chair_member_id),
      title: secretaryRole.some((r) => r.role === 'cell_secretary') ? 'Bí thư chi bộ' : 'Chủ trì hội nghị',
    },
    secretary: { name: name(m.secretary_member_id) },
    attendance: {
      members: summary.members,
      exempted: summary.exempted,
      away: summary.away,
      summoned: summary.base,
      present: summary.present,
      absentExcused: summary.absentExcused,
      absentUnexcused: summary.absentUnexcused,
      // Only those summoned are absent: an exempted member or one away elsewhere is not.
      absent: roster
        .filter((r) => r.category === 'member' && !r.away)
        .filter((r) => r.status === 'absent_excused' || r.status === 'absent_unexcused')
        .map((r) => ({
          name: r.full_name,
          excused: r.status === 'absent_excused',
          reason: r.reason ?? undefined,
        })),
      exemptedPresent: summary.exemptedPresent,
      temporaryPresent: summary.temporaryPresent,
      percent: summary.percent ?? 0,
    },
    guests: guests.map((g) => ({
      name: g.name,
      title: g.title ?? undefined,
      organisation: g.organisation ?? undefined,
    })),
    agenda: agendaOut,
    previousItems: previous.map((t) => ({
      title: t.title,
      setOn: t.meetingDate ?? undefined,
      owners: t.owners.map((o) => o.fullName),
      deadline: t.deadline ?? undefined,
      result: t.result,
      note: t.resultNote ?? undefined,
    })),
    tasks: tasks.map((t) => ({
      title: t.title,
      owners: t.owners.map((o) => o.fullName),
      deadline: t.deadline ?? undefined,
    })),
    votes: votes.map((v) => ({
      subject: v.subject,
      base: v.base,
      for: v.votes_for,
      against: v.votes_against,
      abstain: v.votes_abstain,
      passed: v.passed,
      rule: v.rule,
    })),
    text: {
      ...text,
      situation: text.situation ?? m.content ?? undefined,
      directions: text.directions ?? m.draft_resolution ?? undefined,
    },
    recipients: [
      `Đảng ủy ${placeOf(superiorName) === superiorName ? superiorName : superiorName.replace(/^Đảng bộ\s+/u, '')}`,
      'Các đồng chí đảng viên trong chi bộ',
      'Lưu chi bộ',
    ],
  };
}

/** The minutes are written while the meeting sits and finished after it (never before it starts). */
function requireRecordable(m: MeetingRow) {
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  if (m.status === 'planned')
    throw new AppError('MEETING_NOT_STARTED', 'Biên bản được ghi khi buổi sinh hoạt đã bắt đầu.');
}

async function draftOf(tx: Executor, m: MeetingRow): Promise<VersionRow> {
  const all = await versions(tx, m.id);
  const draft = all.find((v) => v.status === 'draft');
  if (draft) return draft;
  if (all.length > 0) throw new AppError('RECORD_LOCKED');
  const [row] = await tx.query<VersionRow>(
    `INSERT INTO meeting_record_versions (meeting_id, version, status, content) VALUES ($1, 1, 'draft', $2) RETURNING ${VCOLS}`,
    [m.id, JSON.stringify({ text: {} })],
  );
  return row!;
}

/** Saves the secretary's text; any change after a signature clears the signatures. */
export async function saveDraftText(tx: Executor, actor: Actor, id: number, text: RecordText, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  requireRecordable(m);
  const draft = await draftOf(tx, m);
  await tx.query(
    `UPDATE meeting_record_versions SET content = $2, chair_signed_by = NULL, chair_signed_at = NULL,
       secretary_signed_by = NULL, secretary_signed_at = NULL WHERE id = $1`,
    [draft.id, JSON.stringify({ text })],
  );
  await audit(
    tx,
    actor,
    {
      action: 'record.edit',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: draft.content,
      after: { text },
    },
    ip,
  );
}

/** The chair and the secretary sign the draft with their own accounts (their member records). */
export async function signDraft(tx: Executor, actor: Actor, id: number, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  requireRecordable(m);
  const asChair = actor.memberId !== null && actor.memberId === m.chair_member_id;
  const asSecretary = actor.memberId !== null && actor.memberId === m.secretary_member_id;
  if (!asChair && !asSecretary) {
    throw new AppError(
      'FORBIDDEN',
      'Chỉ chủ trì và thư ký của buổi sinh hoạt ký biên bản bằng tài khoản của mình.',
    );
  }
  const draft = await draftOf(tx, m);
  await tx.query(
    `UPDATE meeting_record_versions SET
       chair_signed_by = CASE WHEN $2 THEN $4::int ELSE chair_signed_by END, chair_signed_at = CASE WHEN $2 THEN now() ELSE chair_signed_at END,
       secretary_signed_by = CASE WHEN $3 THEN $4::int ELSE secretary_signed_by END, secretary_signed_at = CASE WHEN $3 THEN now() ELSE secretary_signed_at END
     WHERE id = $1`,
    [draft.id, asChair, asSecretary, actor.userId],
  );
  await audit(
    tx,
    actor,
    {
      action: 'record.sign',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { asChair, asSecretary, version: draft.version },
    },
    ip,
  );
  return { asChair, asSecretary };
}

/** Who must sign before adoption: the chair and the secretary who have an active account. */
export async function signingState(ex: Executor, m: MeetingRow) {
  const [people, draft] = await Promise.all([
    ex.query<{ id: number; full_name: string; has_account: boolean }>(
      `SELECT m.id, m.full_name, EXISTS (SELECT 1 FROM users us WHERE us.member_id = m.id AND us.is_active) AS has_account
         FROM members m WHERE m.id = ANY($1::int[])`,
      [[m.chair_member_id, m.secretary_member_id].filter((x): x is number => x !== null)],
    ),
    ex.query<{ chair_signed_at: Date | null; secretary_signed_at: Date | null }>(
      "SELECT chair_signed_at, secretary_signed_at FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'draft'",
      [m.id],
    ),
  ]);
  const signer = (memberId: number | null, signedAt: Date | null | undefined) => {
    const p = people.find((x) => x.id === memberId);
    if (!p) return null;
    return {
      memberId: p.id,
      fullName: p.full_name,
      hasAccount: p.has_account,
      signedAt: isoLocal(signedAt ?? null),
      // Without an account the person signs by name on the printed copy.
      onPaper: !p.has_account,
    };
  };
  const chair = signer(m.chair_member_id, draft[0]?.chair_signed_at);
  const secretary = signer(m.secretary_member_id, draft[0]?.secretary_signed_at);
  const missing: string[] = [];
  if (!chair) missing.push('Chưa chọn chủ trì hội nghị');
  if (!secretary) missing.push('Chưa chọn thư ký hội nghị');
  if (chair?.hasAccount && !chair.signedAt) missing.push(`Chủ trì (${chair.fullName}) chưa ký`);
  if (secretary?.hasAccount && !secretary.signedAt && secretary.memberId !== chair?.memberId)
    missing.push(`Thư ký (${secretary.fullName}) chưa ký`);
  return { chair, secretary, ready: missing.length === 0, missing };
}

/** Held meetings of the cell whose minutes were not adopted in time: the meeting `m` may adopt them. */
export async function pendingAdoptions(ex: Executor, m: MeetingRow) {
  const pack = await packVersionFor(ex, m.rule_pack, `${localMonth(new Date(m.scheduled_at))}-01`);
  const rows = await ex.query<{ id: number; title: string; scheduled_at: Date }>(
    `SELECT mt.id, mt.title, mt.scheduled_at FROM meetings mt
      WHERE mt.unit_id = $1 AND mt.id <> $2 AND mt.status = 'held' AND mt.scheduled_at < $3
        AND mt.ended_at < now() - make_interval(mins => $4)
        AND NOT EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted')
      ORDER BY mt.scheduled_at LIMIT 12`,
    [m.unit_id, m.id, m.scheduled_at, pack.meetings.adoptionAfterEndMinutes],
  );
  return rows.map((r) => ({ meetingId: r.id, title: r.title, scheduledAt: isoLocal(r.scheduled_at)! }));
}

/**
 * Adopts the draft: freezes the full document data, hashes it onto the cell's chain, locks it.
 * HD 42: the minutes are read back and adopted before the meeting closes. So adoption happens
 * while the meeting sits (and closes it at that instant), or within the pack's few minutes after
 * its end (the end then moves to the adoption, so the times in the document agree); later, the
 * minutes are adopted at the cell's next meeting (`atMeetingId`, in progress), which the
 * document says. The chair and the secretary who have an account sign first; one without an
 * account signs by name on the printed copy.
 */
export async function adoptRecord(
  tx: Executor,
  actor: Actor,
  id: number,
  opts: { ip?: string; atMeetingId?: number | null; at?: Date } = {},
) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.manage', m.unit_path, 'buổi sinh hoạt');
  requireRecordable(m);
  const adoptedAt = opts.at ?? new Date();
  const draft = await draftOf(tx, m);
  const signing = await signingState(tx, m);
  if (!signing.ready) {
    throw new AppError('RECORD_NOT_SIGNED', `Chưa thể thông qua biên bản: ${signing.missing.join('; ')}.`, {
      missing: signing.missing,
    });
  }
  const pack = await packVersionFor(tx, m.rule_pack, `${localMonth(new Date(m.scheduled_at))}-01`);
  let atMeeting: MeetingRow | undefined;
  // A correction (a later version) is adopted whenever it is ready: the meeting itself is not touched.
  const original = (await versions(tx, m.id)).find((v) => v.status === 'adopted');
  if (original) {
    // nothing to time: the read-back happened when the first version was adopted
  } else if (m.status === 'in_progress') {
    await assertAllMarked(tx, m);
    await closeMeeting(tx, m, adoptedAt);
  } else {
    const graceEnd = new Date(m.ended_at!).getTime() + pack.meetings.adoptionAfterEndMinutes * 60_000;
    if (adoptedAt.getTime() <= graceEnd) {
      // Read back right after closing: the meeting lasted until its minutes were adopted.
      await closeMeeting(tx, m, adoptedAt);
    } else {
      if (opts.atMeetingId) atMeeting = await findMeeting(tx, opts.atMeetingId);
      const valid =
        atMeeting &&
        atMeeting.unit_id === m.unit_id &&
        atMeeting.status === 'in_progress' &&
        new Date(atMeeting.scheduled_at).getTime() > new Date(m.scheduled_at).getTime();
      if (!valid) {
        const [current] = await tx.query<{ id: number }>(
          `SELECT id FROM meetings WHERE unit_id = $1 AND status = 'in_progress' AND scheduled_at > $2 ORDER BY scheduled_at LIMIT 1`,
          [m.unit_id, m.scheduled_at],
        );
        throw new AppError('RECORD_ADOPTION_LATE', undefined, {
          adoptionAfterEndMinutes: pack.meetings.adoptionAfterEndMinutes,
          nextMeetingId: current?.id ?? null,
        });
      }
    }
  }
  const fresh = (await findMeeting(tx, m.id))!;
  const record = await buildMeetingRecord(tx, fresh, draft.content.text ?? {});
  // Serialise adoptions of one cell so the chain has no fork.
  await tx.query('SELECT pg_advisory_xact_lock(727002, $1)', [m.unit_id]);
  const [prev] = await tx.query<{ content_hash: string }>(
    `SELECT v.content_hash FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id
      WHERE mt.unit_id = $1 AND v.status = 'adopted' ORDER BY v.adopted_at DESC, v.id DESC LIMIT 1`,
    [m.unit_id],
  );
  const first = original?.content.record?.adoption;
  record.adoption = {
    // A correction keeps the time the minutes were read back and adopted, and says when it was made.
    adoptedAt: first?.adoptedAt ?? isoLocal(adoptedAt)!,
    chairSignedAt: isoLocal(draft.chair_signed_at) ?? undefined,
    secretarySignedAt: isoLocal(draft.secretary_signed_at) ?? undefined,
    version: draft.version,
    ...(original ? { correction: { at: isoLocal(adoptedAt)!, note: draft.correction_note ?? '' } } : {}),
    ...(first?.atMeeting ? { atMeeting: first.atMeeting } : {}),
    ...(atMeeting
      ? {
          atMeeting: {
            title: atMeeting.title,
            startedAt: isoLocal(atMeeting.started_at ?? atMeeting.scheduled_at)!,
          },
        }
      : {}),
  };
  const content = { text: draft.content.text ?? {}, record };
  const hash = chainHash(prev?.content_hash ?? null, content);
  await tx.query(
    `UPDATE meeting_record_versions SET status = 'adopted', content = $2, content_hash = $3, prev_hash = $4, adopted_at = $5,
       adopted_in_meeting_id = $6 WHERE id = $1`,
    [draft.id, JSON.stringify(content), hash, prev?.content_hash ?? null, adoptedAt, atMeeting?.id ?? null],
  );
  await refreshCellMonth(tx, m.unit_id, localMonth(new Date(m.scheduled_at)));
  await notifyUsers(tx, await cellMemberUserIds(tx, m.unit_id, toIsoDate(new Date(m.scheduled_at))), {
    kind: 'meeting.minutes_adopted',
    title: `Biên bản đã thông qua: ${m.title}`,
    body: 'Biên bản và nghị quyết buổi sinh hoạt đã được thông qua; đảng viên có thể xem và tải về.',
    link: `/sinh-hoat/${m.id}`,
    dedupeKey: `adopted:${m.id}:${draft.version}`,
  });
  await audit(
    tx,
    actor,
    {
      action: 'record.adopt',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      before: m.status === 'held' && !atMeeting && !original ? { endedAt: isoLocal(m.ended_at) } : undefined,
      after: {
        version: draft.version,
        hash,
        adoptedAt: isoLocal(adoptedAt),
        ...(original
          ? { correction: true }
          : atMeeting
            ? { atMeetingId: atMeeting.id }
            : { endedAt: isoLocal(adoptedAt) }),
      },
    },
    opts.ip,
  );
  return { version: draft.version, contentHash: hash, prevHash: prev?.content_hash ?? null };
}

/** Opens a correction: a new draft version carrying the adopted text and a note of what is corrected. */
export async function openCorrection(tx: Executor, actor: Actor, id: number, note: string, ip?: string) {
  const m = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.manage', m.unit_path, 'buổi sinh hoạt');
  const all = await versions(tx, m.id);
  if (all.some((v) => v.status === 'draft'))
    throw new AppError('CONFLICT', 'Đã có một bản đính chính đang soạn.');
  const last = all.filter((v) => v.status === 'adopted').pop();
  if (!last) throw new AppError('CONFLICT', 'Biên bản chưa được thông qua: hãy sửa trực tiếp bản nháp.');
  const [row] = await tx.query<{ version: number }>(
    `INSERT INTO meeting_record_versions (meeting_id, version, status, content, correction_note) VALUES ($1, $2, 'draft', $3, $4) RETURNING version`,
    [m.id, last.version + 1, JSON.stringify({ text: last.content.text ?? {} }), note],
  );
  await audit(
    tx,
    actor,
    {
      action: 'record.correction',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { version: row!.version, note },
    },
    ip,
  );
  return row!.version;
}

/** Verifies a cell's chain: every adopted version's hash matches its content and its predecessor. */
export async function verifyChain(
  ex: Executor,
  unitId: number,
): Promise<{ ok: boolean; checked: number; brokenAt?: number }> {
  const rows = await ex.query<{
    id: number;
    content: unknown;
    content_hash: string;
    prev_hash: string | null;
  }>(
    `SELECT v.id, v.content, v.content_hash, v.prev_hash FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id
      WHERE mt.unit_id = $1 AND v.status = 'adopted' ORDER BY v.adopted_at, v.id`,
    [unitId],
  );
  let prev: string | null = null;
  for (const r of rows) {
    if (r.prev_hash !== prev || chainHash(r.prev_hash, r.content) !== r.content_hash)
      return { ok: false, checked: rows.length, brokenAt: r.id };
    prev = r.content_hash;
  }
  return { ok: true, checked: rows.length };
}
