/**
 * Issued grading decisions are locked by the database (migration 0017's triggers), whatever the
 * application does: UPDATE, DELETE and INSERT into an issued set are refused by SQL as the app's
 * role (`chibo_app`, the test app's `db`) and as the tables' owner; a draft set stays writable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import type { Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';

const YEAR = Number(todayIso().slice(0, 4)) - 1;

describe('issued grading decisions are locked in the database', () => {
  let t: TestApp;
  let setId: number;
  let decisionId: number;
  let cellId: number;
  let memberIds: number[];

  beforeAll(async () => {
    t = await createTestApp();
    let wardId = 0;
    await t.db.transaction(async (tx) => {
      const ward = await unit(tx, { name: 'Đảng bộ phường Khóa' });
      wardId = ward.id;
      const cell = await unit(tx, { parentId: ward.id, name: 'Chi bộ Khóa', cellType: 'khu_dan_cu' });
      cellId = cell.id;
      memberIds = [];
      for (const n of ['An', 'Bình', 'Chi'])
        memberIds.push(await member(tx, { unitId: cell.id, fullName: `Đỗ Văn ${n}` }));
      await user(tx, 'khoa_staff', [{ role: 'committee_staff', unitId: ward.id }]);
    });
    const staff = await t.login('khoa_staff');
    const url = `/api/org-units/${wardId}/grading/${YEAR}/decisions`;
    const saved = await staff.request({
      method: 'PUT',
      url,
      payload: { type: 'member', items: memberIds.map((id) => ({ memberId: id, level: 'tot' })) },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    setId = saved.json().setId;
    const issued = await staff.post(`${url}/issue`, {
      type: 'member',
      decisionNo: '125-QĐ/ĐU',
      decisionDate: `${YEAR + 1}-01-20`,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const [d] = await t.db.query<{ id: number }>(
      'SELECT id FROM grading_decisions WHERE set_id = $1 ORDER BY id LIMIT 1',
      [setId],
    );
    decisionId = d!.id;
  });
  afterAll(() => t?.close());

  const attempt = (ex: Executor, sql: string, params: unknown[]) =>
    ex.query(sql, params).then(
      () => 'accepted',
      (e: Error) => e.message,
    );

  for (const who of ['app', 'owner'] as const) {
    it(`refuses UPDATE, DELETE and INSERT as the ${who === 'app' ? "app's role" : "tables' owner"}`, async () => {
      const run = (sql: string, params: unknown[]) =>
        who === 'app' ? attempt(t.db, sql, params) : t.asOwner((o) => attempt(o, sql, params));
      expect(
        await run("UPDATE grading_decision_sets SET decision_no = 'khác' WHERE id = $1", [setId]),
      ).toMatch(/issued and locked/);
      expect(await run('DELETE FROM grading_decision_sets WHERE id = $1', [setId])).toMatch(
        /issued and locked/,
      );
      expect(
        await run("UPDATE grading_decisions SET level = 'xuat_sac' WHERE id = $1", [decisionId]),
      ).toMatch(/issued and locked/);
      expect(await run('DELETE FROM grading_decisions WHERE id = $1', [decisionId])).toMatch(
        /issued and locked/,
      );
      expect(
        await run(
          `INSERT INTO grading_decisions (set_id, year, subject_type, member_id, unit_id, unit_path, level)
           SELECT $1, $2, 'member', $3, id, path, 'tot' FROM org_units WHERE id = $4`,
          [setId, YEAR, memberIds[0], cellId],
        ),
      ).toMatch(/no new decision|issued and locked|duplicate|unique/);
      // A decision for a subject not yet in the set: refused by the lock, not by uniqueness.
      const other = await t.asOwner(async (o) => {
        const [m] = await o.query<{ id: number }>(
          `INSERT INTO members (full_name, sort_key, unit_id) VALUES ('Thêm Vào', 'them vao', $1) RETURNING id`,
          [cellId],
        );
        return m!.id;
      });
      expect(
        await run(
          `INSERT INTO grading_decisions (set_id, year, subject_type, member_id, unit_id, unit_path, level)
           SELECT $1, $2, 'member', $3, id, path, 'tot' FROM org_units WHERE id = $4`,
          [setId, YEAR, other, cellId],
        ),
      ).toMatch(/no new decision/);
      const [row] = await t.db.query<{ status: string; decision_no: string; n: number }>(
        `SELECT s.status, s.decision_no, (SELECT count(*)::int FROM grading_decisions WHERE set_id = s.id) AS n
           FROM grading_decision_sets s WHERE s.id = $1`,
        [setId],
      );
      expect(row).toEqual({ status: 'issued', decision_no: '125-QĐ/ĐU', n: 3 });
    });
  }

  it('leaves a draft set writable by SQL (the lock is the issue, not the table)', async () => {
    const [draft] = await t.db.query<{ id: number }>(
      `INSERT INTO grading_decision_sets (year, unit_id, subject_type, kind, status, reason)
       VALUES ($1, $2, 'member', 'revision', 'draft', 'Thử') RETURNING id`,
      [YEAR, cellId],
    );
    expect(await attempt(t.db, 'DELETE FROM grading_decision_sets WHERE id = $1', [draft!.id])).toBe(
      'accepted',
    );
  });
});
