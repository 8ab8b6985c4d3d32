/**
 * Issue 8, point 9: tampering is detected, not just discouraged (ADR 017). Adopted minutes and
 * confirmed scores carry HMAC-SHA-256 hashes under a key the database does not hold; the app acts
 * as `chibo_app`, which cannot lift the locks; the database refuses a version inserted as
 * adopted. The attacks are made as the tables' owner, the way someone holding the database's
 * password would, and `chibo verify` / GET /api/admin/verify must name the first break of each
 * chain. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/executor.js';
import { recordHash } from '../../src/features/integrity/hash.js';
import { reportLines, verifyIntegrity } from '../../src/features/integrity/verify.js';
import { chainHash } from '../../src/features/meetings/record.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { TEST_RECORD_KEY } from '../support/db.js';
import { meeting, member, unit, user } from '../support/factory.js';
import { fromNow } from '../support/meeting-flow.js';

const JUDGEMENT = {
  regular_content: 9,
  flexibility: 2,
  guiding: 3,
  atmosphere: 3,
  summing_up: 1,
  democratic_centralism: 1,
  self_criticism: 2,
  character: 1,
  members_concerns: 1,
  ideology_time: 1,
};

interface Version {
  id: number;
  meeting_id: number;
  version: number;
  content: { text: Record<string, string>; record: Record<string, unknown> };
  content_hash: string;
  prev_hash: string | null;
  hash_alg: string | null;
  hash_key: string | null;
  seal: string | null;
}

/** The cell's adopted versions in chain order. */
const chainOf = (ex: Executor, unitId: number) =>
  ex.query<Version>(
    `SELECT v.id, v.meeting_id, v.version, v.content, v.content_hash, v.prev_hash, v.hash_alg, v.hash_key, v.seal
       FROM meeting_record_versions v JOIN meetings mt ON mt.id = v.meeting_id
      WHERE mt.unit_id = $1 AND v.status = 'adopted' ORDER BY v.adopted_at, v.id`,
    [unitId],
  );

/** What a database error says (the driver's message), or null when the statement went through. */
async function refusal(p: Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await p;
    return null;
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message };
  }
}

describe('tampering is detected', () => {
  let t: TestApp;
  let bithu: Client;
  let admin: Client;
  let staff: Client;
  let cell: { id: number; path: string };
  let ward: { id: number; path: string };
  const p: Record<string, number> = {};
  const adopted: number[] = [];
  let original: Version[];

  /** A meeting held now through the API and its minutes adopted as it closes (chair signs on paper). */
  const holdAndAdopt = async (situation: string) => {
    const m = (
      await bithu.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
    ).json();
    expect((await bithu.post(`/api/meetings/${m.id}/start`)).statusCode).toBe(200);
    const d = (await bithu.get(`/api/meetings/${m.id}`)).json();
    const items = (d.attendance.members as { memberId: number; category: string; away: boolean }[])
      .filter((r) => r.category === 'member' && !r.away)
      .map((r) => ({ memberId: r.memberId, status: 'present' }));
    await bithu.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance`, payload: { items } });
    await bithu.patch(`/api/meetings/${m.id}`, { chairMemberId: p.chair, secretaryMemberId: p.secretary });
    await bithu.request({ method: 'PUT', url: `/api/meetings/${m.id}/record`, payload: { situation } });
    const res = await bithu.post(`/api/meetings/${m.id}/record/adopt`);
    expect(res.statusCode, res.body).toBe(200);
    return m.id as number;
  };

  const verifyAsAdmin = async () => {
    const res = await admin.get(`/api/admin/verify?unitId=${ward.id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** Lifts the lock as the owner, runs `fn`, puts the lock back (what an attacker with the owner's password does). */
  const asAttacker = (
    table: 'meeting_record_versions' | 'meeting_scores',
    fn: (ex: Executor) => Promise<void>,
  ) =>
    t.asOwner(async (ex) => {
      const trigger = table === 'meeting_scores' ? 'meeting_score_locked' : 'meeting_record_locked';
      await ex.exec(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
      try {
        await fn(ex);
      } finally {
        await ex.exec(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
      }
    });

  /** Puts the chain back exactly as adopted (between attacks). */
  const restore = () =>
    asAttacker('meeting_record_versions', async (ex) => {
      for (const v of original)
        await ex.query(
          'UPDATE meeting_record_versions SET content = $2, content_hash = $3, prev_hash = $4, hash_alg = $5, hash_key = $6, seal = $7 WHERE id = $1',
          [v.id, JSON.stringify(v.content), v.content_hash, v.prev_hash, v.hash_alg, v.hash_key, v.seal],
        );
    });

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường Kiểm Tra' });
    cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    p.chair = await member(t.db, { unitId: cell.id, fullName: 'Trần Văn Chủ' });
    p.secretary = await member(t.db, { unitId: cell.id, fullName: 'Lê Thị Thư' });
    p.a = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn An' });
    await user(t.db, 'bithu', [{ role: 'cell_secretary', unitId: cell.id }], p.a);
    await user(t.db, 'quantri', [{ role: 'admin', unitId: ward.id }]);
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    bithu = await t.login('bithu');
    admin = await t.login('quantri');
    staff = await t.login('vanphong');
    for (const s of [
      'Tình hình tháng 9 ổn định.',
      'Tình hình tháng 10 ổn định.',
      'Tình hình tháng 11 ổn định.',
    ])
      adopted.push(await holdAndAdopt(s));
    await bithu.request({
      method: 'PUT',
      url: `/api/meetings/${adopted[0]}/score/cell`,
      payload: { judgement: JUDGEMENT },
    });
    const confirmed = await bithu.post(`/api/meetings/${adopted[0]}/score/cell/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    original = await chainOf(t.db, cell.id);
  });
  afterAll(() => t.close());

  it('adoption signs with the server key (HMAC-SHA-256, not the plain SHA-256 chain) and the check passes', async () => {
    expect(original.map((v) => v.meeting_id)).toEqual(adopted);
    let prev: string | null = null;
    for (const v of original) {
      expect(v).toMatchObject({
        hash_alg: 'hmac-sha256',
        hash_key: TEST_RECORD_KEY.id,
        prev_hash: prev,
        seal: null,
      });
      expect(v.content_hash).toBe(
        recordHash(TEST_RECORD_KEY, {
          meetingId: v.meeting_id,
          version: v.version,
          prevHash: prev,
          content: v.content,
        }),
      );
      // Someone without the key computes the old chain: it is not what is stored.
      expect(v.content_hash).not.toBe(chainHash(prev, v.content));
      prev = v.content_hash;
    }
    const [score] = await t.db.query<{ result_hash: string | null; hash_key: string | null }>(
      'SELECT result_hash, hash_key FROM meeting_scores WHERE meeting_id = $1 AND confirmed_at IS NOT NULL',
      [adopted[0]],
    );
    expect(score).toMatchObject({
      hash_key: TEST_RECORD_KEY.id,
      result_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const report = await verifyAsAdmin();
    expect(report).toMatchObject({
      ok: true,
      keyId: TEST_RECORD_KEY.id,
      records: { chains: 1, versions: 3, brokenChains: 0 },
      scores: { checked: 1, broken: 0 },
      breaks: [],
    });
  });

  it('only administrators run the check, within their subtree', async () => {
    expect((await staff.get(`/api/admin/verify?unitId=${ward.id}`)).statusCode).toBe(403);
    expect((await bithu.get('/api/admin/verify')).statusCode).toBe(403);
    expect((await admin.get('/api/admin/verify')).json().records.versions).toBe(3);
    const elsewhere = await unit(t.db, { name: 'Đảng bộ xã Khác' });
    const res = await admin.get(`/api/admin/verify?unitId=${elsewhere.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('a forged chain — adopted content edited by the owner with the trigger off, plain SHA-256 recomputed — is reported at its first break', async () => {
    const [, second, third] = original as [Version, Version, Version];
    // The attacker rewrites the second minutes and, lacking the key, recomputes the old kind of
    // chain from there on, so every link still matches.
    await asAttacker('meeting_record_versions', async (ex) => {
      const forged = {
        ...second.content,
        text: { ...second.content.text, situation: 'Chi bộ không có ý kiến nào.' },
      };
      const h2 = chainHash(second.prev_hash, forged);
      const h3 = chainHash(h2, third.content);
      await ex.query('UPDATE meeting_record_versions SET content = $2, content_hash = $3 WHERE id = $1', [
        second.id,
        JSON.stringify(forged),
        h2,
      ]);
      await ex.query('UPDATE meeting_record_versions SET prev_hash = $2, content_hash = $3 WHERE id = $1', [
        third.id,
        h2,
        h3,
      ]);
    });
    const report = await verifyAsAdmin();
    expect(report.ok).toBe(false);
    expect(report.records).toMatchObject({ versions: 3, brokenChains: 1 });
    // The first break of the chain only: what follows it is not trusted either.
    expect(report.breaks).toHaveLength(1);
    expect(report.breaks[0]).toMatchObject({
      kind: 'record',
      unitId: cell.id,
      meetingId: second.meeting_id,
      version: 1,
      reason: 'content',
    });
    expect(report.breaks[0].message).toMatch(
      new RegExp(
        `^Chi bộ Khu phố 9: biên bản buổi ".+" \\(buổi #${second.meeting_id}, bản 1, thông qua lúc .+\\) — nội dung không khớp mã kiểm tra có khóa: biên bản đã bị sửa sau khi thông qua\\.$`,
      ),
    );
    // The same verdict from the command line's function, with its Vietnamese summary.
    const lines = reportLines(await verifyIntegrity(t.db));
    expect(lines).toContain(`✗ ${report.breaks[0].message}`);
    expect(lines.at(-1)).toMatch(/^Kết quả: PHÁT HIỆN SAI LỆCH/);
    await restore();
    expect((await verifyAsAdmin()).ok).toBe(true);
  });

  it('relabelling forged rows as "adopted before keyed hashes" does not pass either', async () => {
    const [first, second, third] = original as [Version, Version, Version];
    // After a keyed row: a plain-hash row cannot follow it.
    await asAttacker('meeting_record_versions', async (ex) => {
      const forged = { ...third.content, text: { situation: 'Đã sửa.' } };
      await ex.query(
        "UPDATE meeting_record_versions SET content = $2, content_hash = $3, hash_alg = 'sha256' WHERE id = $1",
        [third.id, JSON.stringify(forged), chainHash(third.prev_hash, forged)],
      );
    });
    let report = await verifyAsAdmin();
    expect(report.breaks).toMatchObject([{ meetingId: third.meeting_id, reason: 'downgrade' }]);
    expect(report.breaks[0].message).toMatch(/sau một bản ghi đã ký có khóa/);
    await restore();
    // The whole chain relabelled as old: the old rows were sealed with the key at the upgrade, these have no seal.
    await asAttacker('meeting_record_versions', async (ex) => {
      let prev: string | null = null;
      for (const v of [first, second, third]) {
        const h = chainHash(prev, v.content);
        await ex.query(
          "UPDATE meeting_record_versions SET content_hash = $2, prev_hash = $3, hash_alg = 'sha256' WHERE id = $1",
          [v.id, h, prev],
        );
        prev = h;
      }
    });
    report = await verifyAsAdmin();
    expect(report.breaks).toMatchObject([{ meetingId: first.meeting_id, reason: 'unsealed' }]);
    // A seal made without the key (a plain SHA-256 where the HMAC belongs) is no seal.
    await t.asOwner(async (ex) => {
      await ex.exec('ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked');
      await ex.query('UPDATE meeting_record_versions SET seal = content_hash, hash_key = $2 WHERE id = $1', [
        first.id,
        TEST_RECORD_KEY.id,
      ]);
      await ex.exec('ALTER TABLE meeting_record_versions ENABLE TRIGGER meeting_record_locked');
    });
    report = await verifyAsAdmin();
    expect(report.breaks).toMatchObject([{ meetingId: first.meeting_id, reason: 'seal' }]);
    await restore();
    // Deleting a version from the middle of the chain breaks the next link.
    const [saved] = await t.db.query<{ row: object }>(
      'SELECT row_to_json(v) AS row FROM meeting_record_versions v WHERE id = $1',
      [second.id],
    );
    await asAttacker('meeting_record_versions', async (ex) => {
      await ex.query('DELETE FROM meeting_record_versions WHERE id = $1', [second.id]);
    });
    report = await verifyAsAdmin();
    expect(report.breaks).toMatchObject([{ meetingId: third.meeting_id, reason: 'link' }]);
    expect(report.breaks[0].message).toMatch(/có bản ghi đã bị xóa, chèn thêm hoặc viết lại/);
    // Put back as it was (the owner lifts the insert guard too), and the chain holds again.
    await t.asOwner(async (ex) => {
      await ex.exec('ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_born_draft');
      await ex.query(
        'INSERT INTO meeting_record_versions SELECT * FROM json_populate_record(NULL::meeting_record_versions, $1)',
        [JSON.stringify(saved!.row)],
      );
      await ex.exec('ALTER TABLE meeting_record_versions ENABLE TRIGGER meeting_record_born_draft');
    });
    expect((await verifyAsAdmin()).ok).toBe(true);
  });

  it('a version inserted as adopted is refused by the database, for the app and for the owner alike', async () => {
    const m = {
      id: await meeting(t.db, { unitId: cell.id, status: 'held', scheduledAt: '2026-08-10T19:30:00+07:00' }),
    };
    const head = original.at(-1)!.content_hash;
    const content = { text: { situation: 'Biên bản chưa từng được thông qua.' }, record: {} };
    // Even with a hash made with the key itself: the version did not go through adoption.
    const fake = [
      m!.id,
      JSON.stringify(content),
      recordHash(TEST_RECORD_KEY, { meetingId: m!.id, version: 1, prevHash: head, content }),
      head,
    ];
    const sql = `INSERT INTO meeting_record_versions (meeting_id, version, status, content, content_hash, prev_hash, adopted_at, hash_alg, hash_key)
       VALUES ($1, 1, 'adopted', $2, $3, $4, now(), 'hmac-sha256', '${TEST_RECORD_KEY.id}')`;
    for (const refused of [
      await refusal(t.db.query(sql, fake)),
      await refusal(t.asOwner((ex) => ex.query(sql, fake))),
    ]) {
      expect(refused?.code).toBe('23514');
      expect(refused?.message).toMatch(/cannot be inserted as adopted/);
    }
    expect(await t.db.query('SELECT 1 FROM meeting_record_versions WHERE meeting_id = $1', [m!.id])).toEqual(
      [],
    );
  });

  it('a confirmed score edited by the owner, or written straight in as confirmed, is reported', async () => {
    const [score] = await t.db.query<{ id: number; total: string }>(
      'SELECT id, total::text AS total FROM meeting_scores WHERE meeting_id = $1 AND confirmed_at IS NOT NULL',
      [adopted[0]],
    );
    await asAttacker('meeting_scores', async (ex) => {
      await ex.query(
        `UPDATE meeting_scores SET total = 100, band = 'Tốt', result = jsonb_set(result, '{total}', '100') WHERE id = $1`,
        [score!.id],
      );
    });
    // Without the trigger off, the owner's edit is refused.
    const locked = await refusal(
      t.asOwner((ex) => ex.query('UPDATE meeting_scores SET total = 0 WHERE id = $1', [score!.id])),
    );
    expect(locked?.message).toMatch(/is locked/);
    await t.db.query(
      `INSERT INTO meeting_scores (meeting_id, scorer, judgement, result, total, band, rule_pack, rule_pack_version, confirmed_at)
       VALUES ($1, 'supervisor', '{}', '{}', 95, 'Tốt', 'hd42-2025', '2025.10.28', now())`,
      [adopted[1]],
    );
    const report = await verifyAsAdmin();
    expect(report.scores).toEqual({ checked: 2, broken: 2 });
    const scores = report.breaks.filter((b: { kind: string }) => b.kind === 'score');
    expect(scores).toMatchObject([
      { meetingId: adopted[0], scorer: 'cell', version: 1, reason: 'content' },
      { meetingId: adopted[1], scorer: 'supervisor', reason: 'missing' },
    ]);
    expect(scores[0].message).toMatch(
      /^Chi bộ Khu phố 9: điểm chi bộ tự chấm lần 1 của buổi ".+" \(buổi #\d+, xác nhận lúc .+\) — kết quả đã khóa không khớp mã kiểm tra có khóa: điểm đã bị sửa sau khi xác nhận\.$/,
    );
    expect(scores[1].message).toMatch(/không qua bước xác nhận/);
  });

  it('the app acts as chibo_app: it cannot lift a lock, alter, truncate, or rewrite the audit log', async () => {
    const [who] = await t.db.query<{ role: string }>('SELECT current_user::text AS role');
    expect(who!.role).toBe('chibo_app');
    const denied = async (sql: string) => {
      const r = await refusal(t.db.query(sql));
      expect(r, sql).not.toBeNull();
      expect(r!.code, `${sql}: ${r!.message}`).toBe('42501');
    };
    await denied('ALTER TABLE meeting_record_versions DISABLE TRIGGER meeting_record_locked');
    await denied('ALTER TABLE meeting_scores DISABLE TRIGGER ALL');
    await denied('DROP TRIGGER meeting_record_born_draft ON meeting_record_versions');
    await denied('ALTER TABLE audit_log ADD COLUMN note text');
    await denied('TRUNCATE audit_log');
    await denied('TRUNCATE meeting_record_versions');
    await denied("UPDATE audit_log SET action = 'x'");
    await denied('DELETE FROM audit_log');
    await denied("INSERT INTO schema_migrations (name) VALUES ('9999_fake.sql')");
    await denied('SELECT chibo_grant_app_role()');
    await denied('CREATE TABLE intruder (id int)');
    // Append-only: adding and reading the log is what the app does.
    await t.db.query("INSERT INTO audit_log (action, entity_type) VALUES ('test.append', 'system')");
    expect(
      (await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.append'"))[0],
    ).toEqual({ n: 1 });
  });
});
