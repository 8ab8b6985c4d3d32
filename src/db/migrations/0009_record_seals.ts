/**
 * Seals what was locked before keyed hashes (ADR 017), once, at the upgrade: every version
 * adopted on the plain SHA-256 chain gets a keyed seal over its stored hash and link, and every
 * confirmed score gets the keyed hash of its frozen result. Afterwards `chibo verify` accepts no
 * locked row without a valid keyed hash, so relabelling a new row as "old" is detected as well.
 *
 * It needs the server's key (carried by the executor): a database holding such rows cannot be
 * upgraded without it. A new database has none, and the step records itself without a key.
 */
import {
  FROZEN_SCORE_COLUMNS,
  type FrozenScore,
  LEGACY_ALG,
  legacySeal,
  requireRecordKey,
  scoreHash,
} from '../../features/integrity/hash.js';
import { audit } from '../../server/audit.js';
import type { Executor } from '../executor.js';

const BATCH = 2000;

export async function sealLegacyRecords(tx: Executor, batch = BATCH): Promise<{ records: number; scores: number }> {
  const [pending] = await tx.query<{ records: number; scores: number }>(
    `SELECT (SELECT count(*)::int FROM meeting_record_versions WHERE status = 'adopted' AND seal IS NULL AND hash_alg = $1) AS records,
            (SELECT count(*)::int FROM meeting_scores WHERE confirmed_at IS NOT NULL AND result_hash IS NULL) AS scores`,
    [LEGACY_ALG],
  );
  if (!pending || (pending.records === 0 && pending.scores === 0)) return { records: 0, scores: 0 };
  const key = requireRecordKey(tx);
  // The locks refuse any update of a locked row; the owner lifts them for this step only, inside
  // the migration's transaction (a failure puts them back with everything else).
  await tx.exec(`ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked;
    ALTER TABLE meeting_scores DISABLE TRIGGER meeting_score_locked`);
  let after = 0;
  for (;;) {
    const rows = await tx.query<{
      id: number;
      meeting_id: number;
      version: number;
      prev_hash: string | null;
      content_hash: string;
    }>(
      `SELECT id, meeting_id, version, prev_hash, content_hash FROM meeting_record_versions
        WHERE id > $1 AND status = 'adopted' AND seal IS NULL AND hash_alg = $2 ORDER BY id LIMIT $3`,
      [after, LEGACY_ALG, batch],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    await tx.query(
      `UPDATE meeting_record_versions v SET seal = x.seal, hash_key = $3
         FROM unnest($1::int[], $2::text[]) AS x(id, seal) WHERE v.id = x.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) =>
          legacySeal(key, {
            id: r.id,
            meetingId: r.meeting_id,
            version: r.version,
            prevHash: r.prev_hash,
            contentHash: r.content_hash ?? '',
          }),
        ),
        key.id,
      ],
    );
  }
  after = 0;
  for (;;) {
    const rows = await tx.query<FrozenScore & { id: number }>(
      `SELECT s.id, ${FROZEN_SCORE_COLUMNS} FROM meeting_scores s
        WHERE s.id > $1 AND s.confirmed_at IS NOT NULL AND s.result_hash IS NULL ORDER BY s.id LIMIT $2`,
      [after, batch],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    await tx.query(
      `UPDATE meeting_scores s SET result_hash = x.hash, hash_key = $3
         FROM unnest($1::int[], $2::text[]) AS x(id, hash) WHERE s.id = x.id`,
      [rows.map((r) => r.id), rows.map((r) => scoreHash(key, r)), key.id],
    );
  }
  await tx.exec(`ALTER TABLE meeting_record_versions ENABLE TRIGGER meeting_record_locked;
    ALTER TABLE meeting_scores ENABLE TRIGGER meeting_score_locked`);
  // Written down where the application cannot erase it: a second sealing later would be suspect.
  await audit(tx, null, {
    action: 'integrity.seal',
    entityType: 'system',
    after: { records: pending.records, scores: pending.scores, keyId: key.id },
  });
  return pending;
}

export const recordSeals = {
  name: '0009_record_seals.js',
  run: async (tx: Executor) => {
    await sealLegacyRecords(tx);
  },
};
