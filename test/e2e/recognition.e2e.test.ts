/**
 * Browser journeys of issue 9 items 5–6: bithu1 (secretary of Khu phố 1) opens the ward's model
 * meeting of another cell from "Sinh hoạt mẫu" on a laptop and on a phone and sees none of that
 * cell's members' names or identity numbers (read as staff through the API); the ward office
 * opens "Khen thưởng, nhắc nhở", records a decision from a proposal in one click.
 * Runs the BUILT app (`npm run build` first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

// The demo seeds at start-up; on a machine shared with other work that can take minutes.
vi.setConfig({ hookTimeout: 600_000, testTimeout: 300_000 });
const { session, apiAs, shot, problems: pageProblems } = setupJourney();

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

interface MemberItem {
  id: number;
  fullName: string;
  nationalId?: string | null;
  cardNumber?: string | null;
  phone?: string | null;
}

describe('model meetings and commendations in the browser', () => {
  it('bithu1 learns from another cell’s model meeting without seeing its members; the office records a decision', async () => {
    // ---- Facts as staff: the ward's model meeting, and the personal data of its cell's members ----
    const staff = await apiAs('danguy');
    const ward = ((await (await staff.request.get('/api/me')).json()) as { homeUnitId: number }).homeUnitId;
    const models = (await (await staff.request.get(`/api/org-units/${ward}/model-meetings`)).json()) as {
      items: { meetingId: number; cell: { id: number; name: string }; topic: string | null }[];
      total: number;
    };
    expect(models.total).toBeGreaterThan(0);
    const model = models.items[0]!;
    expect(model.cell.name).not.toBe('Chi bộ Khu phố 1');
    const members = (
      (await (await staff.request.get(`/api/org-units/${model.cell.id}/members?limit=200`)).json()) as {
        items: MemberItem[];
      }
    ).items;
    expect(members.length).toBeGreaterThan(3);
    const secrets: string[] = [];
    for (const m of members) {
      const full = (await (await staff.request.get(`/api/members/${m.id}`)).json()) as {
        member?: MemberItem;
      } & MemberItem;
      const d = full.member ?? full;
      secrets.push(m.fullName);
      for (const v of [d.nationalId, d.cardNumber, d.phone]) if (v) secrets.push(v);
    }
    expect(secrets.length).toBeGreaterThan(members.length);

    // ---- bithu1 on a laptop: the menu, the list, the model meeting ----
    const secretary = await session();
    await loginAs(secretary, 'bithu1');
    await secretary.getByRole('link', { name: 'Sinh hoạt mẫu' }).first().click();
    await secretary.getByTestId('model-item').first().waitFor();
    await secretary
      .getByRole('link', { name: model.topic ?? '' })
      .first()
      .click();
    await secretary.getByTestId('model-minutes').waitFor();
    await secretary.getByTestId('model-privacy').waitFor();
    const text = (await secretary.evaluate(() => document.body.innerText)).normalize('NFC');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toMatch(/Đảng viên 1\b/);
    for (const s of secrets) expect(text, 'personal data on the page').not.toContain(s.normalize('NFC'));
    await shot(secretary, 'sinh-hoat-mau');

    // ---- the same on a phone: readable, no sideways scrolling, still nothing personal ----
    const phone = await session({ mobile: true });
    await loginAs(phone, 'bithu1');
    await phone.goto(`/sinh-hoat-mau/${model.meetingId}`);
    await phone.getByTestId('model-minutes').waitFor();
    const phoneText = (await phone.evaluate(() => document.body.innerText)).normalize('NFC');
    for (const s of secrets) expect(phoneText).not.toContain(s.normalize('NFC'));
    await noSidewaysScroll(phone);
    await shot(phone, 'sinh-hoat-mau-dien-thoai');

    // ---- the ward office: proposals of the last 12 months, one click to record a decision ----
    const before = (
      (await (await staff.request.get(`/api/org-units/${ward}/commendations`)).json()) as { total: number }
    ).total;
    const office = await session();
    await loginAs(office, 'danguy');
    await office.getByRole('link', { name: 'Khen thưởng, nhắc nhở' }).first().click();
    await office.getByTestId('proposal').first().waitFor();
    await office.getByTestId('decision').first().waitFor();
    await shot(office, 'khen-thuong');
    await office.getByTestId('proposal-record').first().click();
    const reason = office.getByTestId('decision-reason');
    await reason.waitFor();
    expect(await reason.inputValue()).toMatch(/\d+\/\d+ tháng|cảnh báo/);
    await office.getByTestId('decision-number').fill('60-QĐ/ĐU');
    await office.getByTestId('decision-save').click();
    await expect
      .poll(
        async () =>
          (
            (await (await staff.request.get(`/api/org-units/${ward}/commendations`)).json()) as {
              total: number;
            }
          ).total,
      )
      .toBe(before + 1);
    expect(pageProblems).toEqual([]);
  });
});
