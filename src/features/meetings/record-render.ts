/**
 * What the minutes and resolution documents are rendered from: the adopted version as frozen (or
 * the live draft, marked as a draft), with the confirmed self-assessment as an annex (ADR 010).
 */
import type { Executor } from '../../db/executor.js';
import type { MeetingRecord } from '../../documents/meeting-record.js';
import { buildMeetingRecord, versions } from './record.js';
import type { MeetingRow } from './service.js';
import { isoLocal } from './time.js';

/**
 * The confirmed quality scores of a meeting, as the documents' annex: the cell's own column (the
 * self-assessment the minutes and section IV of the resolution report) and the superior's.
 */
export async function qualityAnnex(ex: Executor, meetingId: number): Promise<MeetingRecord['quality']> {
  const rows = await ex.query<{
    scorer: string;
    total: string;
    band: string;
    confirmed_at: Date;
    raw: number | null;
    applicable_max: number | null;
  }>(
    `SELECT DISTINCT ON (scorer) scorer, total, band, confirmed_at, (result ->> 'raw')::numeric AS raw,
            (result ->> 'applicableMax')::numeric AS applicable_max
       FROM meeting_scores WHERE meeting_id = $1 AND confirmed_at IS NOT NULL ORDER BY scorer, revision DESC`,
    [meetingId],
  );
  const cell = rows.find((r) => r.scorer === 'cell');
  const sup = rows.find((r) => r.scorer === 'supervisor');
  if (!cell) return undefined;
  return {
    rating: cell.band,
    points: Number(cell.total),
    // A pack that bands on the applicable maximum keeps the raw points over that maximum.
    maxPoints:
      cell.applicable_max !== null && Number(cell.raw) === Number(cell.total)
        ? Number(cell.applicable_max)
        : 100,
    confirmedAt: isoLocal(cell.confirmed_at)!,
    ...(sup
      ? {
          supervisor: {
            rating: sup.band,
            points: Number(sup.total),
            confirmedAt: isoLocal(sup.confirmed_at)!,
          },
        }
      : {}),
  };
}

/**
 * The data to render: the latest adopted version, frozen; before adoption, the live draft (marked
 * as a draft). The confirmed self-assessment is added as an annex in both cases: it is not part
 * of the locked content, so confirming the score later regenerates the documents without
 * touching the adopted version or its hash.
 */
export async function recordForRendering(
  ex: Executor,
  m: MeetingRow,
): Promise<{ record: MeetingRecord; adopted: boolean }> {
  const all = await versions(ex, m.id);
  const adopted = all.filter((v) => v.status === 'adopted').pop();
  const quality = await qualityAnnex(ex, m.id);
  if (adopted?.content.record) {
    return {
      record: {
        ...adopted.content.record,
        quality,
        adoption: { ...adopted.content.record.adoption!, contentHash: adopted.content_hash ?? undefined },
      },
      adopted: true,
    };
  }
  const draft = all.find((v) => v.status === 'draft');
  const record = await buildMeetingRecord(ex, m, draft?.content.text ?? {});
  return { record: { ...record, quality, draft: true }, adopted: false };
}
