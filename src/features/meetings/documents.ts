import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import {
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_RATIO,
  describeZipRefusal,
  findEntry,
  inspectZip,
  measureInflatedAsync,
  readZipEntry,
  ZipContentError,
  type ZipLimits,
} from '../../documents/zip-guard.js';
import { toIsoDate } from '../../domain/format.js';
import { type Actor, authorize } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { cellMemberUserIds, notifyUsers } from '../notifications/service.js';
import { markPrepStep } from './plan.js';
import { visibleMeeting } from './service.js';

/**
 * A posted document is stored and downloaded, never opened here; the limits protect this server
 * (which reads one part of it) and the members whose Word or Excel will open it. Pictures are
 * already compressed inside these files (a ratio near 1), so 250 MB is far above any real
 * minutes or report.
 */
const DOCUMENT_ZIP_LIMITS: ZipLimits = {
  maxUnzippedBytes: 250 * 1024 * 1024,
  maxRatio: DEFAULT_MAX_RATIO,
  maxEntries: DEFAULT_MAX_ENTRIES,
};
/** [Content_Types].xml lists the parts of the package: a few kilobytes in real files. */
const CONTENT_TYPES_MAX_BYTES = 1024 * 1024;

export interface SniffedType {
  mime: string;
  ext: string;
}

/**
 * The file's real type from its bytes, never from its name: PDF, JPEG, PNG, and the Office
 * Open XML formats (a zip whose [Content_Types].xml names a Word or Excel main part).
 */
export async function sniffFileType(bytes: Buffer, fileName?: string): Promise<SniffedType | null> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { mime: 'application/pdf', ext: 'pdf' };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mime: 'image/png', ext: 'png' };
  }
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    // A zip bomb is refused from its directory, before anything is inflated (ADR 018). Then the
    // content is proved to be no larger than declared (inflated off this thread, nothing kept),
    // and only [Content_Types].xml is read, never more of it than a real one holds.
    const verdict = inspectZip(bytes, DOCUMENT_ZIP_LIMITS);
    if (!verdict.ok) {
      if (verdict.reason === 'unreadable') return null;
      throw new AppError('ARCHIVE_TOO_LARGE', describeZipRefusal(verdict, fileName), { ...verdict });
    }
    const entry = findEntry(verdict.entries, '[Content_Types].xml');
    if (!entry) return null;
    try {
      await measureInflatedAsync(bytes, verdict.entries, DOCUMENT_ZIP_LIMITS.maxUnzippedBytes);
      const types = readZipEntry(bytes, entry, CONTENT_TYPES_MAX_BYTES).toString('utf8');
      if (types.includes('wordprocessingml.document.main')) {
        return {
          mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          ext: 'docx',
        };
      }
      if (types.includes('spreadsheetml.sheet.main')) {
        return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
      }
    } catch (err) {
      if (err instanceof ZipContentError && err.refusal.reason !== 'unreadable') {
        throw new AppError('ARCHIVE_TOO_LARGE', describeZipRefusal(err.refusal, fileName), {
          ...err.refusal,
        });
      }
      return null;
    }
  }
  return null;
}

/** Stores a posted document in the database with its hash; the download name is ours, not the uploader's path. */
export async function postDocument(
  tx: Executor,
  actor: Actor,
  meetingId: number,
  file: { bytes: Buffer; fileName: string; title?: string; purpose: 'material' | 'final' },
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, meetingId);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  if (m.status === 'cancelled') throw new AppError('MEETING_CANCELLED');
  const type = await sniffFileType(file.bytes, file.fileName.split(/[\\/]/).pop());
  if (!type) throw new AppError('UNSUPPORTED_FILE_TYPE');
  // Keep only a base name: a path in the name is discarded, never used to store or serve.
  const base =
    file.fileName
      .split(/[\\/]/)
      .pop()!
      .replace(/[^\p{L}\p{N} ._()-]+/gu, '')
      .trim()
      .slice(0, 150) || 'tai-lieu';
  const stem = base.replace(/\.[^.]*$/, '');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content, posted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      m.id,
      file.purpose,
      file.title?.trim() || stem,
      `${stem}.${type.ext}`,
      type.mime,
      file.bytes.length,
      sha256,
      file.bytes,
      actor.userId,
    ],
  );
  if (file.purpose === 'material') {
    await markPrepStep(tx, actor, m.id, 'documents_posted');
    await notifyUsers(tx, await cellMemberUserIds(tx, m.unit_id, toIsoDate(new Date(m.scheduled_at))), {
      kind: 'meeting.documents',
      title: `Tài liệu mới: ${m.title}`,
      body: `Đã đăng tài liệu "${file.title?.trim() || stem}" để đảng viên đọc trước buổi sinh hoạt.`,
      link: `/sinh-hoat/${m.id}`,
      dedupeKey: `doc:${row!.id}`,
    });
  }
  await audit(
    tx,
    actor,
    {
      action: 'meeting.document_post',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { documentId: row!.id, fileName: base, sha256, purpose: file.purpose },
    },
    ip,
  );
  return row!.id;
}

export async function getDocument(ex: Executor, actor: Actor, meetingId: number, documentId: number) {
  const m = await visibleMeeting(ex, actor, meetingId);
  const [d] = await ex.query<{ file_name: string; mime_type: string; content: Buffer | Uint8Array }>(
    'SELECT file_name, mime_type, content FROM meeting_documents WHERE id = $1 AND meeting_id = $2 AND removed_at IS NULL',
    [documentId, m.id],
  );
  if (!d) throw notFound('tài liệu');
  return { fileName: d.file_name, mime: d.mime_type, bytes: Buffer.from(d.content) };
}

export async function removeDocument(
  tx: Executor,
  actor: Actor,
  meetingId: number,
  documentId: number,
  ip?: string,
) {
  const m = await visibleMeeting(tx, actor, meetingId);
  authorize(actor, 'meeting.run', m.unit_path, 'buổi sinh hoạt');
  const rows = await tx.query(
    'UPDATE meeting_documents SET removed_at = now() WHERE id = $1 AND meeting_id = $2 AND removed_at IS NULL RETURNING id',
    [documentId, m.id],
  );
  if (rows.length === 0) throw notFound('tài liệu');
  await audit(
    tx,
    actor,
    {
      action: 'meeting.document_remove',
      entityType: 'meeting',
      entityId: m.id,
      orgUnitId: m.unit_id,
      after: { documentId },
    },
    ip,
  );
}
