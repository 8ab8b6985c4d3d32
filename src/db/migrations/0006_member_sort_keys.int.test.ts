/**
 * The code migration that re-keys `members.sort_key` (issue 7, point 20): an existing database
 * whose keys were computed by the old function sorts the Vietnamese way once migrated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.js';
import { unit } from '../../../test/support/factory.js';
import { vietnameseNameSortKey } from '../../domain/vietnamese.js';
import type { Db, Executor } from '../executor.js';
import { CODE_MIGRATIONS, migrate } from '../migrate.js';
import { rekeyMemberSortKeys } from './0006_member_sort_keys.js';

const NAMES = ['Trần Ân', 'Lê Thị Ánh', 'Nguyễn Văn Anh', 'Phạm An', 'Bùi Thị Ánh', 'Đỗ Văn Bình', 'Vũ Anh'];
const SORTED = ['Phạm An', 'Nguyễn Văn Anh', 'Vũ Anh', 'Bùi Thị Ánh', 'Lê Thị Ánh', 'Trần Ân', 'Đỗ Văn Bình'];

/**
 * The key as the old function built it: the letters of every word, then the tones of every
 * word — what databases migrated before 0006 hold.
 */
function oldKey(fullName: string): string {
  const key = vietnameseNameSortKey(fullName);
  const words = key.split(' ').map((w) => w.split('\u0001'));
  return `${words.map(([p]) => p).join(' ')}\u0001${words.map(([, t]) => t).join(' ')}`;
}

describe('migration 0006_member_sort_keys.js', () => {
  let db: Db;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await createTestDb({ migrated: false }));
    // A database as it was before this change: every SQL file applied, no code step yet.
    await migrate(db, []);
    const cell = await unit(db, { name: 'Chi bộ Cũ', cellType: 'khu_dan_cu' });
    for (const name of NAMES) {
      await db.query(
        `INSERT INTO members (full_name, sort_key, unit_id, updated_at) VALUES ($1, $2, $3, '2025-01-01T00:00:00Z')`,
        [name, oldKey(name), cell.id],
      );
    }
  });
  afterAll(() => dispose());

  const order = async () =>
    (
      await db.query<{ full_name: string }>('SELECT full_name FROM members ORDER BY sort_key COLLATE "C", id')
    ).map((r) => r.full_name);

  it('the stored keys interleave Anh and Ánh before the migration', async () => {
    expect(await order()).not.toEqual(SORTED);
  });

  it('re-keys every member once, recorded under its name, without touching updated_at', async () => {
    const applied = await migrate(db);
    // Only the code steps are pending (the SQL files ran above); later steps may follow this one.
    expect(applied).toEqual(CODE_MIGRATIONS.map((step) => step.name));
    expect(applied[0]).toBe('0006_member_sort_keys.js');
    expect(await order()).toEqual(SORTED);
    const rows = await db.query<{ full_name: string; sort_key: string; updated_at: Date }>(
      'SELECT full_name, sort_key, updated_at FROM members',
    );
    for (const r of rows) {
      expect(r.sort_key).toBe(vietnameseNameSortKey(r.full_name));
      expect(new Date(r.updated_at).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    }
    const [mark] = await db.query('SELECT name FROM schema_migrations WHERE name = $1', [
      '0006_member_sort_keys.js',
    ]);
    expect(mark).toBeDefined();
    expect(await migrate(db)).toEqual([]);
  });

  it('works in set-based batches: a few statements per batch, never one per member', async () => {
    await db.query('UPDATE members SET sort_key = $1', ['stale']);
    const statements: string[] = [];
    const counting = (tx: Executor): Executor => ({
      query: (sql, params) => {
        statements.push(sql.trim().split(/\s+/)[0]!);
        return tx.query(sql, params);
      },
      exec: (sql) => tx.exec(sql),
      transaction: (fn) => tx.transaction((inner) => fn(counting(inner))),
    });
    const changed = await db.transaction((tx) => rekeyMemberSortKeys(counting(tx), 3));
    expect(changed).toBe(NAMES.length);
    // 7 members in batches of 3: three reads with an update each, and the empty read that ends it.
    expect(statements).toEqual(['SELECT', 'UPDATE', 'SELECT', 'UPDATE', 'SELECT', 'UPDATE', 'SELECT']);
    expect(await order()).toEqual(SORTED);
    // Keys already current are not rewritten.
    expect(await db.transaction((tx) => rekeyMemberSortKeys(tx, 3))).toBe(0);
  });

  it('is listed as a code step, and a failing step rolls the whole migration back', async () => {
    expect(CODE_MIGRATIONS.map((m) => m.name)).toContain('0006_member_sort_keys.js');
    const failing = {
      name: '9999_fails.js',
      run: async (tx: Executor) => {
        await tx.query("UPDATE members SET sort_key = 'broken'");
        throw new Error('step failed');
      },
    };
    await expect(migrate(db, [...CODE_MIGRATIONS, failing])).rejects.toThrow('step failed');
    expect(await order()).toEqual(SORTED);
    expect(await db.query("SELECT 1 FROM schema_migrations WHERE name = '9999_fails.js'")).toEqual([]);
  });
});
