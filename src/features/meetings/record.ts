/**
 * Minutes (biên bản) and resolution (nghị quyết) of a meeting, as versions: a draft the
 * secretary edits, signed by the chair and the secretary with their own accounts, then adopted
 * and locked (a database trigger refuses any change to an adopted row). A correction is a new
 * version. Each adopted version stores the full document data it was rendered from and a keyed
 * hash (HMAC-SHA-256 under the server's key) over it chained to the previous adopted record of
 * the same cell (house rule 6, ADR 017); versions adopted before keyed hashes keep their plain
 * SHA-256 chain and a keyed seal.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import type { RecordKey } from '../../db/record-key.js';
import type { MeetingRecord } from '../../documents/meeting-record.js';
import { toIsoDate } from '../../domain/format.js';
import { packVersionFor } from '../../rules/store.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError } from '../../server/errors.js';
import {
  canonicalJson,
  KEYED_ALG,
  LEGACY_ALG,
  legacySeal,
  recordHash,
  requireRecordKey,
} from '../integrity/hash.js';
import { cellMemberUserIds, notifyUsers } from '../notifications/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { buildMeetingRecord } from './record-build.js';
import { assertAllMarked, closeMeeting } from './running.js';
import { findMeeting, type MeetingRow, visibleMeeting } from './service.js';
import { isoLocal, localMonth } from './time.js';

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

export { buildMeetingRecord, placeOf } from './record-build.js';
export { canonicalJson };

/** The plain SHA-256 chain of versions adopted before keyed hashes (`hash_alg = 'sha256'`). */
export function chainHash(prevHash: string | null, content: unknown): string {
  return createHash('sha256')
    .update(`${prevHash ?? ''}\n${canonicalJson(content)}`)
    .digest('hex');
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
 * Turns a draft into its adopted version: the content frozen and hashed under the server's key onto
 * the cell's chain (ADR 017), in the one statement that locks it. Returns the hash. The demo's
 * records are adopted through here too.
 */
export async function lockAdoptedVersion(
  tx: Executor,
  v: {
    id: number;
    meetingId: number;
    version: number;
    prevHash: string | null;
    content: unknown;
    adoptedAt: Date;
    adoptedInMeetingId?: number | null;
  },
): Promise<string> {
  const key = requireRecordKey(tx);
  // Hashed in the form the database keeps (JSON), exactly what `verifyChain` reads back.
  const stored = JSON.stringify(v.content);
  const hash = recordHash(key, { ...v, content: JSON.parse(stored) });
  const locked = await tx.query(
    `UPDATE meeting_record_versions SET status = 'adopted', content = $2, content_hash = $3, prev_hash = $4, adopted_at = $5,
       adopted_in_meeting_id = $6, hash_alg = $7, hash_key = $8 WHERE id = $1 AND status = 'draft' RETURNING id`,
    [v.id, stored, hash, v.prevHash, v.adoptedAt, v.adoptedInMeetingId ?? null, KEYED_ALG, key.id],
  );
  if (locked.length === 0) throw new AppError('RECORD_LOCKED');
  return hash;
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
  const seen = await visibleMeeting(tx, actor, id);
  authorize(actor, 'meeting.manage', seen.unit_path, 'buổi sinh hoạt');
  // Serialise adoptions of one cell so the chain has no fork, and decide on what an adoption
  // running at the same time left behind: the second of two simultaneous requests waits here,
  // then reads the minutes already locked (409 RECORD_LOCKED), never half of the first's work.
  await tx.query('SELECT pg_advisory_xact_lock(727002, $1)', [seen.unit_id]);
  const m = await visibleMeeting(tx, actor, id);
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
  // The cell's adoption lock is held since the start (see above): `prev` is the chain's head.
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
  const hash = await lockAdoptedVersion(tx, {
    id: draft.id,
    meetingId: m.id,
    version: draft.version,
    prevHash: prev?.content_hash ?? null,
    content,
    adoptedAt,
    adoptedInMeetingId: atMeeting?.id ?? null,
  });
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

/** Why a chain breaks at a version (see `chainBreakMessage`). */
export type ChainBreakReason = 'link' | 'content' | 'key' | 'unsealed' | 'downgrade' | 'seal' | 'algorithm';

export interface ChainBreak {
  versionId: number;
  meetingId: number;
  meetingTitle: string;
  version: number;
  adoptedAt: string | null;
  reason: ChainBreakReason;
  /** What mismatched, in Vietnamese. */
  message: string;
}

interface ChainRow {
  id: number;
  meeting_id: number;
  version: number;
  title: string;
  adopted_at: Date | null;
  content: unknown;
  content_hash: string | null;
  prev_hash: string | null;
  hash_alg: string | null;
  hash_key: string | null;
  seal: string | null;
}

const short = (h: string | null) => (h ? h.slice(0, 12) : '(trống)');

function chainBreakMessage(
  reason: ChainBreakReason,
  r: ChainRow,
  prev: string | null,
  key: RecordKey,
): string {
  switch (reason) {
    case 'link':
      return `không nối tiếp bản ghi liền trước của chi bộ (mã bản trước ghi ${short(r.prev_hash)}, thực tế ${short(prev)}): có bản ghi đã bị xóa, chèn thêm hoặc viết lại`;
    case 'content':
      return r.hash_alg === LEGACY_ALG
        ? 'nội dung không khớp mã SHA-256 đã lưu: biên bản đã bị sửa sau khi thông qua'
        : 'nội dung không khớp mã kiểm tra có khóa: biên bản đã bị sửa sau khi thông qua';
    case 'key':
      return `được ký bằng khóa ${r.hash_key ?? '(không rõ)'}, không phải khóa hiện tại ${key.id}: hãy dùng đúng khóa niêm phong của máy chủ (RECORD_SECRET hoặc tệp khóa), nếu đúng khóa thì bản ghi đã bị ký lại`;
    case 'unsealed':
      return 'ghi theo mã cũ (SHA-256 không khóa) mà không có niêm phong: bản ghi đã bị viết lại theo mã cũ';
    case 'downgrade':
      return 'ghi theo mã cũ (SHA-256 không khóa) sau một bản ghi đã ký có khóa: bản ghi đã bị viết lại theo mã cũ';
    case 'seal':
      return 'niêm phong có khóa không khớp: mã kiểm tra hoặc liên kết của bản ghi cũ đã bị viết lại';
    default:
      return `không có thuật toán băm hợp lệ (${r.hash_alg ?? 'trống'})`;
  }
}

/** The first rule a version breaks, given the hash before it and whether a keyed one came earlier. */
function chainBreakOf(
  key: RecordKey,
  r: ChainRow,
  prev: string | null,
  keyedBefore: boolean,
): ChainBreakReason | null {
  if (r.prev_hash !== prev) return 'link';
  if (r.hash_alg === KEYED_ALG) {
    if (r.hash_key !== key.id) return 'key';
    const expected = recordHash(key, {
      meetingId: r.meeting_id,
      version: r.version,
      prevHash: r.prev_hash,
      content: r.content,
    });
    return expected === r.content_hash ? null : 'content';
  }
  if (r.hash_alg === LEGACY_ALG) {
    if (keyedBefore) return 'downgrade';
    if (chainHash(r.prev_hash, r.content) !== r.content_hash) return 'content';
    if (!r.seal) return 'unsealed';
    if (r.hash_key !== key.id) return 'key';
    const seal = legacySeal(key, {
      id: r.id,
      meetingId: r.meeting_id,
      version: r.version,
      prevHash: r.prev_hash,
      contentHash: r.content_hash,
    });
    return seal === r.seal ? null : 'seal';
  }
  return 'algorithm';
}

/**
 * Verifies a cell's chain with the executor's key: every adopted version's keyed hash (or, for
 * versions adopted before keyed hashes, its SHA-256 and keyed seal) matches its content and its
 * predecessor. Stops at the first break and says what mismatched.
 */
export async function verifyChain(
  ex: Executor,
  unitId: number,
): Promise<{ ok: boolean; checked: number; brokenAt?: number; break?: ChainBreak }> {
  const key = requireRecordKey(ex);
  const rows = await ex.query<ChainRow>(
    `SELECT v.id, v.meeting_id, v.version, mt.title, v.adopted_at, v.content, v.content_hash, v.prev_hash,
            v.hash_alg, v.hash_key, v.seal
       FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id
      WHERE mt.unit_id = $1 AND v.status = 'adopted' ORDER BY v.adopted_at, v.id`,
    [unitId],
  );
  let prev: string | null = null;
  let keyed = false;
  for (const r of rows) {
    const reason = chainBreakOf(key, r, prev, keyed);
    if (reason) {
      return {
        ok: false,
        checked: rows.length,
        brokenAt: r.id,
        break: {
          versionId: r.id,
          meetingId: r.meeting_id,
          meetingTitle: r.title,
          version: r.version,
          adoptedAt: isoLocal(r.adopted_at),
          reason,
          message: chainBreakMessage(reason, r, prev, key),
        },
      };
    }
    if (r.hash_alg === KEYED_ALG) keyed = true;
    prev = r.content_hash;
  }
  return { ok: true, checked: rows.length };
}
