/** The PDF documents the demo posts for a meeting's members (tiny, but real and hashed). */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import type { CellContext, Shared } from './meeting-context.js';
import { slugify, tinyPdf } from './pdf.js';

export async function insertDocuments(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  meetingId: number,
  docs: { title: string; lines: string[] }[],
  at: Date,
) {
  const files = docs.map((d) => {
    const bytes = tinyPdf([ctx.unitName, d.title, ...d.lines.flatMap((l) => wrap(l, 85))]);
    return {
      title: d.title,
      fileName: `${slugify(d.title)}.pdf`,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content, posted_at, posted_by)
     SELECT $1, 'material', t, f, 'application/pdf', z, h, decode(c, 'hex'), $7::timestamptz + make_interval(mins => (i - 1)::int), $8
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[]) WITH ORDINALITY AS x(t, f, z, h, c, i)
      ORDER BY i RETURNING id`,
    [
      meetingId,
      files.map((f) => f.title),
      files.map((f) => f.fileName),
      files.map((f) => f.bytes.length),
      files.map((f) => f.sha256),
      files.map((f) => f.bytes.toString('hex')),
      at,
      ctx.actorUserId,
    ],
  );
  shared.result.documents += rows.length;
  return rows.map((r) => r.id);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
