/**
 * What the dues page's forms read (issue 10 item 1, the web's "Mức đóng" and "Nộp lên cấp trên"):
 * the cell's month carries the pack's dues rules, so the page previews a due with the same
 * `duesFor` as the server, and the month's remittances; a member's year says which cell keeps
 * the ledger and whether the reader keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { addMonthsToMonth, duesFor } from '../../domain/dues.js';
import { todayIso } from '../../domain/format.js';

const TODAY = todayIso();
const NOW = TODAY.slice(0, 7);
const LAST = addMonthsToMonth(NOW, -1);

describe('dues forms', () => {
  let t: TestApp;
  let cell: number;
  let m1: number;
  let m2: number;
  let bithu: Client;
  let self: Client;
  let staff: Client;

  const put = (c: Client, url: string, payload: unknown) =>
    c.request({ method: 'PUT', url, payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp();
    const ward = (await unit(t.db, { name: 'Đảng bộ phường Mẫu Phí' })).id;
    cell = (await unit(t.db, { parentId: ward, name: 'Chi bộ Khu phố Mẫu', cellType: 'khu_dan_cu' })).id;
    m1 = await member(t.db, { unitId: cell, fullName: 'Nguyễn Văn Mẫu' });
    m2 = await member(t.db, { unitId: cell, fullName: 'Trần Thị Phí' });
    await user(t.db, 'bithu.mau', [{ role: 'cell_secretary', unitId: cell }]);
    await user(t.db, 'vp.mau', [{ role: 'committee_staff', unitId: ward }]);
    await user(t.db, 'dv.phi', [{ role: 'member', unitId: cell }], m2);
    bithu = await t.login('bithu.mau');
    self = await t.login('dv.phi');
    staff = await t.login('vp.mau');
  }, 120_000);
  afterAll(() => t.close());

  it("gives the month's rules: the web's preview equals the due the server stores", async () => {
    const month = (await bithu.get(`/api/org-units/${cell}/dues?month=${LAST}`)).json();
    expect(month.rules.roundTo).toBeGreaterThan(0);
    const salary = month.rules.categories.find((c: { key: string }) => c.key === 'salary');
    expect(salary).toMatchObject({ basis: 'percent', rateBasisPoints: 100 });
    const preview = duesFor('salary', 7_550_000, month.rules);
    expect(preview).toBe(76_000); // 1 % of 7.550.000 đ = 75.500 đ, half-up to 1.000 đ
    const res = await put(bithu, `/api/members/${m1}/dues-base`, {
      category: 'salary',
      baseAmount: 7_550_000,
      from: LAST,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().monthlyDue).toBe(preview);
    const after = (await bithu.get(`/api/org-units/${cell}/dues?month=${LAST}`)).json();
    expect(after.items.find((i: { memberId: number }) => i.memberId === m1).due).toBe(preview);
  });

  it("lists the month's remittances with the collected sum to prefill the next", async () => {
    const saved = await put(bithu, `/api/org-units/${cell}/dues/${LAST}`, {
      entries: [
        { memberId: m1, paid: 76_000 },
        { memberId: m2, paid: 5_000 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const first = await bithu.post(`/api/org-units/${cell}/dues/${LAST}/remittance`, {
      amount: 50_000,
      remittedOn: TODAY,
      note: 'Nộp đợt 1',
    });
    expect(first.statusCode, first.body).toBe(201);
    const month = (await bithu.get(`/api/org-units/${cell}/dues?month=${LAST}`)).json();
    expect(month.remittances).toEqual([
      { id: first.json().id, amount: 50_000, remittedOn: TODAY, note: 'Nộp đợt 1' },
    ]);
    expect(month.totals.paid - month.totals.remitted).toBe(31_000);
    const second = await bithu.post(`/api/org-units/${cell}/dues/${LAST}/remittance`, {
      amount: 31_000,
      remittedOn: TODAY,
    });
    expect(second.json().remitted).toBe(81_000);
    const again = (await bithu.get(`/api/org-units/${cell}/dues?month=${LAST}`)).json();
    expect(again.remittances.map((r: { amount: number }) => r.amount)).toEqual([50_000, 31_000]);
    expect(again.remittances[1].note).toBeNull();
    const other = (await bithu.get(`/api/org-units/${cell}/dues?month=${NOW}`)).json();
    expect(other.remittances).toEqual([]);
  });

  it("says on a member's year which cell keeps the ledger and whether the reader keeps it", async () => {
    const year = Number(LAST.slice(0, 4));
    const own = (await self.get(`/api/members/${m2}/dues?year=${year}`)).json();
    expect(own.unitId).toBe(cell);
    expect(own.canManage).toBe(false);
    const kept = (await bithu.get(`/api/members/${m2}/dues?year=${year}`)).json();
    expect(kept.canManage).toBe(true);
    expect((await staff.get(`/api/members/${m2}/dues?year=${year}`)).json().canManage).toBe(true);
  });
});
