/**
 * Keyed hashes of locked records (ADR 017). Pure: the key comes in, hex comes out. Each message
 * starts with its own label, so a hash made for one kind of record is never valid for another.
 */
import { hmacHex, type RecordKey } from '../../db/record-key.js';

export const KEYED_ALG = 'hmac-sha256';
export const LEGACY_ALG = 'sha256';

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

/**
 * An adopted version's hash: its content, its place (meeting and version) and the hash of the
 * cell's previous adopted record, under the key. Without the key nobody can make one that verifies.
 */
export function recordHash(
  key: RecordKey,
  r: { meetingId: number; version: number; prevHash: string | null; content: unknown },
): string {
  return hmacHex(
    key,
    `chibo/record/v2\n${r.meetingId}\n${r.version}\n${r.prevHash ?? ''}\n${canonicalJson(r.content)}`,
  );
}

/**
 * The seal of a version adopted before keyed hashes (plain SHA-256 chain): a keyed hash over its
 * stored hash and link, made once at the upgrade, so that rewriting it later is detected too.
 */
export function legacySeal(
  key: RecordKey,
  r: { id: number; meetingId: number; version: number; prevHash: string | null; contentHash: string },
): string {
  return hmacHex(
    key,
    `chibo/record-seal/v1\n${r.id}\n${r.meetingId}\n${r.version}\n${r.prevHash ?? ''}\n${r.contentHash}`,
  );
}

/** The stored columns of a confirmed score that its hash covers (read back as stored). */
export interface FrozenScore {
  meeting_id: number;
  scorer: string;
  revision: number;
  judgement: unknown;
  result: unknown;
  /** `total::text`: the numeric as the database keeps it. */
  total_text: string | null;
  band: string | null;
  rule_pack: string;
  rule_pack_version: string;
  scored_by: number | null;
  confirmed_at: Date | string;
}

/** SQL list of the columns of `FrozenScore`, for `SELECT … FROM meeting_scores s`. */
export const FROZEN_SCORE_COLUMNS = `s.meeting_id, s.scorer, s.revision, s.judgement, s.result, s.total::text AS total_text,
  s.band, s.rule_pack, s.rule_pack_version, s.scored_by, s.confirmed_at`;

export function scoreHash(key: RecordKey, s: FrozenScore): string {
  return hmacHex(
    key,
    `chibo/score/v1\n${canonicalJson({
      meetingId: s.meeting_id,
      scorer: s.scorer,
      revision: s.revision,
      judgement: s.judgement,
      result: s.result,
      total: s.total_text,
      band: s.band,
      rulePack: s.rule_pack,
      rulePackVersion: s.rule_pack_version,
      scoredBy: s.scored_by,
      confirmedAt: new Date(s.confirmed_at).toISOString(),
    })}`,
  );
}

/** The key of an executor, or a clear error: a locked record is never written unsigned. */
export function requireRecordKey(ex: { recordKey?: RecordKey }): RecordKey {
  if (!ex.recordKey)
    throw new Error(
      'Chưa nạp khóa niêm phong (RECORD_SECRET hoặc tệp khóa): không thể khóa biên bản hay điểm số.',
    );
  return ex.recordKey;
}
