/**
 * Issue 8, access: no existence oracles (ADR 015). Refusing a duplicate CCCD, card number or
 * username must not confirm who holds it or where: a holder outside the caller's reach gets one
 * answer naming nobody, each such refusal leaves an audit row, and an account that collects too
 * many in an hour may not submit identity numbers or usernames at all for a while.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSALS_PER_HOUR } from '../../src/server/refusals.js';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { member, unit, user } from '../support/factory.js';

let t: TestApp;
let secretaryA: Client;
let staffA: Client;
const ids = {} as Record<
  'wardA' | 'cellA' | 'cellB' | 'inScope' | 'probationer' | 'secretaryA' | 'staffA',
  number
>;
const ELSEWHERE = { nationalId: '001190000555', cardNumber: '79555555' };
const HERE = { nationalId: '001190000111', cardNumber: '79111111' };

const refusals = async (userId: number, action: string) =>
  (
    await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = $2',
      [userId, action],
    )
  )[0]!.n;
const membersNamed = async (name: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM members WHERE full_name = $1', [name]))[0]!
    .n;

beforeAll(async () => {
  t = await createTestApp();
  const province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
  const wardA = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường An' });
  const wardB = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Bình' });
  const cellA = await unit(t.db, { parentId: wardA.id, name: 'Chi bộ An 1', cellType: 'khu_dan_cu' });
  const cellB = await unit(t.db, { parentId: wardB.id, name: 'Chi bộ Bình Kín', cellType: 'khu_dan_cu' });
  Object.assign(ids, { wardA: wardA.id, cellA: cellA.id, cellB: cellB.id });
  await member(t.db, { unitId: cellB.id, fullName: 'Lê Văn Ẩn', ...ELSEWHERE });
  ids.inScope = await member(t.db, { unitId: cellA.id, fullName: 'Trần Thị Gần', ...HERE });
  ids.probationer = await member(t.db, {
    unitId: cellA.id,
    fullName: 'Phạm Văn Dự',
    admissionDate: '2025-01-01',
    officialDate: null,
  });
  ids.secretaryA = await user(t.db, 'bithu.an', [{ role: 'cell_secretary', unitId: cellA.id }]);
  ids.staffA = await user(t.db, 'vanphong.an', [{ role: 'committee_staff', unitId: wardA.id }]);
  await user(t.db, 'binh.canbo', [{ role: 'committee_staff', unitId: wardB.id }]);
  await user(t.db, 'an.dangvien', [{ role: 'member', unitId: cellA.id }]);
  secretaryA = await t.login('bithu.an');
  staffA = await t.login('vanphong.an');
});
afterAll(() => t?.close());

const create = (c: Client, fullName: string, extra: object) =>
  c.post(`/api/org-units/${ids.cellA}/members`, { fullName, admissionDate: '2000-01-01', ...extra });

describe('a duplicate CCCD or card number held outside the caller’s reach', () => {
  it('answers without naming the holder or their unit, writes nothing, and leaves an audit row', async () => {
    for (const [field, code] of [
      ['nationalId', 'DUPLICATE_NATIONAL_ID'],
      ['cardNumber', 'DUPLICATE_CARD_NUMBER'],
    ] as const) {
      const res = await create(secretaryA, 'Người Thăm Dò', { [field]: ELSEWHERE[field] });
      expect(res.statusCode, res.body).toBe(409);
      const body = res.json();
      expect(body.code).toBe(code);
      expect(body.details).toEqual({ field });
      expect(body.message).toMatch(/^Không dùng được số (CCCD|thẻ đảng viên) này cho hồ sơ/);
      expect(res.body).not.toMatch(/Lê Văn Ẩn|Bình Kín|phường Bình/);
    }
    expect(await membersNamed('Người Thăm Dò')).toBe(0);
    expect(await refusals(ids.secretaryA, 'member.identity_refused')).toBe(2);
  });

  it('answers alike on update and on recognition with a card number; the record keeps its numbers', async () => {
    const update = await secretaryA.patch(`/api/members/${ids.inScope}`, {
      nationalId: ELSEWHERE.nationalId,
    });
    expect(update.statusCode).toBe(409);
    expect(update.json().details).toEqual({ field: 'nationalId' });
    expect(update.body).not.toMatch(/Lê Văn Ẩn|Bình Kín/);
    const recognize = await secretaryA.post(`/api/members/${ids.probationer}/status-changes`, {
      type: 'recognize_official',
      date: '2026-11-01',
      cardNumber: ELSEWHERE.cardNumber,
    });
    expect(recognize.statusCode, recognize.body).toBe(409);
    expect(recognize.json().details).toEqual({ field: 'cardNumber' });
    const [rows] = await t.db.query<{ national_id: string; official_date: string | null }>(
      'SELECT (SELECT national_id FROM members WHERE id = $1) AS national_id, (SELECT official_date::text FROM members WHERE id = $2) AS official_date',
      [ids.inScope, ids.probationer],
    );
    expect(rows).toEqual({ national_id: HERE.nationalId, official_date: null });
    expect(await refusals(ids.secretaryA, 'member.identity_refused')).toBe(4);
  });

  it('names a holder the caller could look up anyway (identity readable), without counting it', async () => {
    const res = await create(secretaryA, 'Người Nhập Trùng', { nationalId: HERE.nationalId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'DUPLICATE_NATIONAL_ID',
      message: 'Số CCCD này đã có trong hồ sơ đảng viên Trần Thị Gần (Chi bộ An 1).',
      details: { field: 'nationalId', memberId: ids.inScope },
    });
    expect(await refusals(ids.secretaryA, 'member.identity_refused')).toBe(4);
  });

  it('pauses identity numbers (duplicate or not) once the hourly refusals are used up; other work goes on', async () => {
    for (let i = await refusals(ids.secretaryA, 'member.identity_refused'); i < REFUSALS_PER_HOUR; i++) {
      expect(
        (await create(secretaryA, 'Người Thăm Dò', { nationalId: ELSEWHERE.nationalId })).statusCode,
      ).toBe(409);
    }
    const fresh = await create(secretaryA, 'Người Mới Thật', { nationalId: '001190000999' });
    expect(fresh.statusCode, fresh.body).toBe(429);
    expect(fresh.json().code).toBe('RATE_LIMITED');
    const probe = await create(secretaryA, 'Người Thăm Dò', { nationalId: ELSEWHERE.nationalId });
    expect(probe.statusCode).toBe(429);
    expect(await refusals(ids.secretaryA, 'member.identity_refused')).toBe(REFUSALS_PER_HOUR);
    const plain = await create(secretaryA, 'Người Không Số', {});
    expect(plain.statusCode, plain.body).toBe(201);
    expect(await membersNamed('Người Mới Thật')).toBe(0);
  });
});

describe('a taken username', () => {
  const newUser = (username: string) =>
    staffA.post('/api/users', {
      username,
      displayName: 'Người Mới',
      password: TEST_PASSWORD,
      grants: [{ role: 'member', orgUnitId: ids.cellA }],
    });

  it('gets the same answer whether the account is in the ward or not; only the hidden one is counted', async () => {
    const hidden = await newUser('binh.canbo');
    const seen = await newUser('an.dangvien');
    for (const res of [hidden, seen]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        code: 'USERNAME_TAKEN',
        message: 'Không dùng được tên đăng nhập này; hãy chọn tên khác.',
        details: { field: 'username' },
      });
    }
    expect(await refusals(ids.staffA, 'user.username_refused')).toBe(1);
    const [row] = await t.db.query<{ after: { username: string } }>(
      "SELECT after FROM audit_log WHERE actor_user_id = $1 AND action = 'user.username_refused'",
      [ids.staffA],
    );
    expect(row!.after).toEqual({ username: 'binh.canbo' });
  });

  it('shares the hourly budget: once used up, even a free username waits', async () => {
    for (let i = await refusals(ids.staffA, 'user.username_refused'); i < REFUSALS_PER_HOUR; i++) {
      expect((await newUser('binh.canbo')).statusCode).toBe(409);
    }
    const free = await newUser('hoan.toan.moi');
    expect(free.statusCode).toBe(429);
    const [n] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE username = 'hoan.toan.moi'",
    );
    expect(n!.n).toBe(0);
  });
});
