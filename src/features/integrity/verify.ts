/**
 * `chibo verify` and GET /api/admin/verify (ADR 017): every cell's chain of adopted records and
 * every confirmed score, checked with the server's key. Reports the first break of each chain
 * (what follows a break cannot be trusted either) and every score that does not match, in
 * Vietnamese: which unit, which meeting and version, what mismatched.
 *
 * Chains are read one unit at a time and scores a page at a time, without a long transaction
 * (on PGlite a transaction would hold the one connection for the whole check).
 */
import type { Executor } from '../../db/executor.js';
import { type ChainBreakReason, verifyChain } from '../meetings/record.js';
import { formatClockDate, isoLocal } from '../meetings/time.js';
import { FROZEN_SCORE_COLUMNS, type FrozenScore, requireRecordKey, scoreHash } from './hash.js';

export type ScoreBreakReason = 'missing' | 'key' | 'content';

export interface IntegrityBreak {
  kind: 'record' | 'score';
  unitId: number;
  unitName: string;
  meetingId: number;
  meetingTitle: string;
  /** Record version, or score revision. */
  version: number;
  scorer?: 'cell' | 'supervisor';
  /** When it was adopted or confirmed (ISO, local time). */
  at: string | null;
  reason: ChainBreakReason | ScoreBreakReason;
  /** One Vietnamese sentence: where, and what mismatched. */
  message: string;
}

export interface IntegrityReport {
  ok: boolean;
  keyId: string;
  records: { chains: number; versions: number; brokenChains: number };
  scores: { checked: number; broken: number };
  breaks: IntegrityBreak[];
}

const SCORE_PAGE = 1000;

const SCORER_LABEL = { cell: 'chi bộ tự chấm', supervisor: 'cấp trên chấm' } as const;

function scoreBreakMessage(reason: ScoreBreakReason, hashKey: string | null, keyId: string): string {
  switch (reason) {
    case 'missing':
      return 'không có mã kiểm tra có khóa: điểm đã được ghi thẳng vào cơ sở dữ liệu, không qua bước xác nhận';
    case 'key':
      return `được ký bằng khóa ${hashKey}, không phải khóa hiện tại ${keyId}: hãy dùng đúng khóa niêm phong của máy chủ, nếu đúng khóa thì điểm đã bị ký lại`;
    default:
      return 'kết quả đã khóa không khớp mã kiểm tra có khóa: điểm đã bị sửa sau khi xác nhận';
  }
}

/**
 * Checks everything under the given path prefixes (SQL LIKE patterns such as '/1/%'), or the
 * whole database when `prefixes` is omitted (the command line).
 */
export async function verifyIntegrity(ex: Executor, prefixes: string[] = ['%']): Promise<IntegrityReport> {
  const key = requireRecordKey(ex);
  const breaks: IntegrityBreak[] = [];
  const units = await ex.query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM org_units u
      WHERE u.path LIKE ANY($1::text[])
        AND EXISTS (SELECT 1 FROM meetings mt JOIN meeting_record_versions v ON v.meeting_id = mt.id
                     WHERE mt.unit_id = u.id AND v.status = 'adopted')
      ORDER BY u.path`,
    [prefixes],
  );
  let versions = 0;
  for (const u of units) {
    const chain = await verifyChain(ex, u.id);
    versions += chain.checked;
    const b = chain.break;
    if (!b) continue;
    breaks.push({
      kind: 'record',
      unitId: u.id,
      unitName: u.name,
      meetingId: b.meetingId,
      meetingTitle: b.meetingTitle,
      version: b.version,
      at: b.adoptedAt,
      reason: b.reason,
      message: `${u.name}: biên bản buổi "${b.meetingTitle}" (buổi #${b.meetingId}, bản ${b.version}${
        b.adoptedAt ? `, thông qua lúc ${formatClockDate(b.adoptedAt)}` : ''
      }) — ${b.message}.`,
    });
  }
  const brokenChains = breaks.length;

  let scores = 0;
  let after = 0;
  for (;;) {
    const rows = await ex.query<
      FrozenScore & {
        id: number;
        result_hash: string | null;
        hash_key: string | null;
        title: string;
        unit_id: number;
        unit_name: string;
      }
    >(
      `SELECT s.id, ${FROZEN_SCORE_COLUMNS}, s.result_hash, s.hash_key, mt.title, mt.unit_id, u.name AS unit_name
         FROM meeting_scores s JOIN meetings mt ON mt.id = s.meeting_id JOIN org_units u ON u.id = mt.unit_id
        WHERE s.confirmed_at IS NOT NULL AND s.id > $1 AND u.path LIKE ANY($2::text[])
        ORDER BY s.id LIMIT ${SCORE_PAGE}`,
      [after, prefixes],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    scores += rows.length;
    for (const s of rows) {
      const reason: ScoreBreakReason | null = !s.result_hash
        ? 'missing'
        : s.hash_key !== key.id
          ? 'key'
          : scoreHash(key, s) !== s.result_hash
            ? 'content'
            : null;
      if (!reason) continue;
      const scorer = s.scorer as 'cell' | 'supervisor';
      breaks.push({
        kind: 'score',
        unitId: s.unit_id,
        unitName: s.unit_name,
        meetingId: s.meeting_id,
        meetingTitle: s.title,
        version: s.revision,
        scorer,
        at: isoLocal(s.confirmed_at),
        reason,
        message: `${s.unit_name}: điểm ${SCORER_LABEL[scorer] ?? s.scorer} lần ${s.revision} của buổi "${s.title}" (buổi #${
          s.meeting_id
        }, xác nhận lúc ${formatClockDate(s.confirmed_at)}) — ${scoreBreakMessage(reason, s.hash_key, key.id)}.`,
      });
    }
  }
  return {
    ok: breaks.length === 0,
    keyId: key.id,
    records: { chains: units.length, versions, brokenChains },
    scores: { checked: scores, broken: breaks.length - brokenChains },
    breaks,
  };
}

/** The report as lines for the terminal (Vietnamese). */
export function reportLines(r: IntegrityReport): string[] {
  const lines = [
    `Kiểm tra toàn vẹn dữ liệu (khóa niêm phong ${r.keyId})`,
    `Biên bản đã thông qua: ${r.records.versions} bản trên ${r.records.chains} chuỗi (mỗi chi bộ một chuỗi); chuỗi bị phá vỡ: ${r.records.brokenChains}`,
    `Điểm đã xác nhận: ${r.scores.checked}; không khớp: ${r.scores.broken}`,
  ];
  for (const b of r.breaks) lines.push(`✗ ${b.message}`);
  lines.push(
    r.ok
      ? 'Kết quả: mọi biên bản và điểm đã khóa đều khớp mã kiểm tra.'
      : 'Kết quả: PHÁT HIỆN SAI LỆCH. Đối chiếu với bản sao lưu và bản giấy đã ký; xem docs/operations.md, mục "Toàn vẹn dữ liệu".',
  );
  return lines;
}
