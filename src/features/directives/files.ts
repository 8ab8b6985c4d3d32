/**
 * A directive's files (PDF, DOCX, images): typed from their bytes like meeting documents
 * (src/features/meetings/documents.ts `sniffFileType`), size limited by the upload limit of the
 * configuration (@fastify/multipart), stored with their SHA-256. A published directive's files are
 * part of the record (the migration's trigger): attach them while it is a draft.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { sniffFileType } from '../meetings/documents.js';
import { managedDirective, visibleDirective } from './service.js';

const ACCEPTED = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg',
  'image/png',
]);
/** Most files one directive carries. */
export const MAX_DIRECTIVE_FILES = 20;

/** The base name of an uploaded file, without any path, limited to letters, digits and a few signs. */
export function cleanStem(fileName: string): string {
  const base =
    fileName
      .split(/[\\/]/)
      .pop()!
      .replace(/[^\p{L}\p{N} ._()-]+/gu, '')
      .trim()
      .slice(0, 150) || 'van-ban';
  return base.replace(/\.[^.]*$/, '') || 'van-ban';
}

export async function addDirectiveFile(
  tx: Executor,
  actor: Actor,
  id: number,
  file: { bytes: Buffer; fileName: string },
  ip?: string,
) {
  const d = await managedDirective(tx, actor, id);
  if (d.status !== 'draft') throw new AppError('DIRECTIVE_LOCKED');
  if (file.bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'Tệp rỗng.');
  const type = await sniffFileType(file.bytes, file.fileName.split(/[\\/]/).pop());
  if (!type || !ACCEPTED.has(type.mime))
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      'Văn bản chỉ nhận tệp PDF, Word (.docx) hoặc ảnh (JPEG, PNG).',
    );
  const [count] = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM directive_files WHERE directive_id = $1',
    [d.id],
  );
  if ((count?.n ?? 0) >= MAX_DIRECTIVE_FILES)
    throw new AppError('VALIDATION_FAILED', `Một văn bản đính kèm nhiều nhất ${MAX_DIRECTIVE_FILES} tệp.`);
  const stem = cleanStem(file.fileName);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO directive_files (directive_id, file_name, mime_type, size_bytes, sha256, content, posted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [d.id, `${stem}.${type.ext}`, type.mime, file.bytes.length, sha256, file.bytes, actor.userId],
  );
  await audit(
    tx,
    actor,
    {
      action: 'directive.file_add',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: d.unit_id,
      after: { fileId: row!.id, fileName: `${stem}.${type.ext}`, sha256, sizeBytes: file.bytes.length },
    },
    ip,
  );
  return {
    id: row!.id,
    fileName: `${stem}.${type.ext}`,
    mimeType: type.mime,
    sizeBytes: file.bytes.length,
    sha256,
  };
}

export async function getDirectiveFile(ex: Executor, actor: Actor, id: number, fileId: number) {
  const d = await visibleDirective(ex, actor, id);
  const [f] = await ex.query<{ file_name: string; mime_type: string; content: Buffer | Uint8Array }>(
    'SELECT file_name, mime_type, content FROM directive_files WHERE id = $1 AND directive_id = $2',
    [fileId, d.id],
  );
  if (!f) throw notFound('tệp');
  return { directive: d, fileName: f.file_name, mime: f.mime_type, bytes: Buffer.from(f.content) };
}

/** Removes a file of a draft. */
export async function removeDirectiveFile(
  tx: Executor,
  actor: Actor,
  id: number,
  fileId: number,
  ip?: string,
) {
  const d = await managedDirective(tx, actor, id);
  if (d.status !== 'draft') throw new AppError('DIRECTIVE_LOCKED');
  const rows = await tx.query(
    'DELETE FROM directive_files WHERE id = $1 AND directive_id = $2 RETURNING id',
    [fileId, d.id],
  );
  if (rows.length === 0) throw notFound('tệp');
  await audit(
    tx,
    actor,
    {
      action: 'directive.file_remove',
      entityType: 'directive',
      entityId: d.id,
      orgUnitId: d.unit_id,
      after: { fileId },
    },
    ip,
  );
}
