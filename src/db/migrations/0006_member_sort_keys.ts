/**
 * Re-keys `members.sort_key` with the current `vietnameseNameSortKey` (issue 7, point 20: each
 * word is now compared completely — letters, then tones — before the next; the old key put the
 * tones of all words after the letters of all words, so "Anh" and "Ánh" interleaved).
 *
 * The key is computed in JavaScript, so this is a code migration: it reads the names in id
 * order, a batch at a time, and writes each batch back in one set-based UPDATE.
 */
import { vietnameseNameSortKey } from '../../domain/vietnamese.js';
import type { Executor } from '../executor.js';

const BATCH = 5000;

export async function rekeyMemberSortKeys(tx: Executor, batch = BATCH): Promise<number> {
  let after = 0;
  let changed = 0;
  for (;;) {
    const rows = await tx.query<{ id: number; full_name: string; sort_key: string }>(
      'SELECT id, full_name, sort_key FROM members WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batch],
    );
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1]!.id;
    const stale = rows
      .map((r) => ({ id: r.id, key: vietnameseNameSortKey(r.full_name), old: r.sort_key }))
      .filter((r) => r.key !== r.old);
    if (stale.length > 0) {
      // Not a change of the member's record: updated_at and the audit log stay as they are.
      await tx.query(
        `UPDATE members m SET sort_key = k.key
           FROM unnest($1::int[], $2::text[]) AS k(id, key) WHERE m.id = k.id`,
        [stale.map((r) => r.id), stale.map((r) => r.key)],
      );
      changed += stale.length;
    }
  }
}

export const memberSortKeys = {
  name: '0006_member_sort_keys.js',
  run: (tx: Executor) => rekeyMemberSortKeys(tx).then(() => {}),
};
