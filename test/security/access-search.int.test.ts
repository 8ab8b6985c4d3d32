/**
 * Issue 8, access: hidden fields are not searchable. A member who may not see another member's
 * card number, CCCD or phone must not recover them digit by digit through `?q=` on the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { member, unit, user } from '../support/factory.js';

let t: TestApp;
let plain: Client;
let committee: Client;
let keeper: Client;
let cellId: number;
const CARD = '79123456';
const NATIONAL_ID = '001090004321';
const PHONE = '0912765432';

const names = async (c: Client, q: string) => {
  const res = await c.get(`/api/org-units/${cellId}/members?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { fullName: string }[]).map((m) => m.fullName);
};

beforeAll(async () => {
  t = await createTestApp();
  const ward = await unit(t.db, { name: 'Đảng bộ phường An' });
  const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ An 1', cellType: 'khu_dan_cu' });
  cellId = cell.id;
  await member(t.db, {
    unitId: cell.id,
    fullName: 'Nguyễn Văn Kín',
    cardNumber: CARD,
    nationalId: NATIONAL_ID,
    phone: PHONE,
  });
  const self = await member(t.db, {
    unitId: cell.id,
    fullName: 'Lê Thị Hỏi',
    cardNumber: '79000111',
    nationalId: '001090009999',
    phone: '0900000111',
  });
  await user(t.db, 'dv.hoi', [{ role: 'member', unitId: cell.id }], self);
  await user(t.db, 'chiuy.an', [{ role: 'cell_committee', unitId: cell.id }]);
  await user(t.db, 'bithu.an', [{ role: 'cell_secretary', unitId: cell.id }]);
  plain = await t.login('dv.hoi');
  committee = await t.login('chiuy.an');
  keeper = await t.login('bithu.an');
});
afterAll(() => t?.close());

describe('member search matches only the fields the caller may read', () => {
  it('gives a plain member no hit on another member’s card number, CCCD or phone, digit by digit', async () => {
    for (const secret of [CARD, NATIONAL_ID, PHONE]) {
      for (const probe of [secret.slice(0, 3), secret.slice(2, 6), secret]) {
        expect(await names(plain, probe), `${secret} / ${probe}`).not.toContain('Nguyễn Văn Kín');
      }
    }
    // Names stay searchable, and a member finds their own record by their own numbers.
    expect(await names(plain, 'Kín')).toEqual(['Nguyễn Văn Kín']);
    expect(await names(plain, '001090009999')).toEqual(['Lê Thị Hỏi']);
  });

  it('lets a chi ủy viên (contacts, no identity) search phones but not card numbers or CCCD', async () => {
    expect(await names(committee, PHONE.slice(3))).toEqual(['Nguyễn Văn Kín']);
    expect(await names(committee, CARD)).toEqual([]);
    expect(await names(committee, NATIONAL_ID.slice(4))).toEqual([]);
  });

  it('still lets the registry keeper find by card number, CCCD and phone', async () => {
    expect(await names(keeper, CARD.slice(2))).toEqual(['Nguyễn Văn Kín']);
    expect(await names(keeper, NATIONAL_ID)).toEqual(['Nguyễn Văn Kín']);
    expect(await names(keeper, PHONE)).toEqual(['Nguyễn Văn Kín']);
  });

  it('takes % and _ literally (no wildcard probing)', async () => {
    expect(await names(keeper, '%')).toEqual([]);
    expect(await names(keeper, '7_1')).toEqual([]);
  });
});
