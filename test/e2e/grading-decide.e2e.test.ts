/**
 * Browser journey of issue 10 item 5: the ward office (danguy) opens last year's issued decisions
 * (read-only, the decision number, a Revise action per row), then this year's draft: choosing
 * "xuất sắc" for too many members of Khu phố 1 turns the quota panel into a warning naming the
 * rule, and issuing is refused with the rule shown; on a laptop and on a phone, axe-clean.
 * Runs the BUILT app (`npm run build` first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from './support/axe.js';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

vi.setConfig({ hookTimeout: 600_000, testTimeout: 300_000 });
const { session, apiAs, shot, problems } = setupJourney();

async function choose(page: Page, name: string, option: string) {
  const label = `Mức xếp loại: ${name}`;
  await page.getByRole('textbox', { name: label }).or(page.getByRole('combobox', { name: label })).first().click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

describe('the committee decides the grades in the browser', () => {
  it('danguy sees last year issued, then the quota warning on this year’s draft; issuing is refused with the rule', async () => {
    const staff = await apiAs('danguy');
    const ward = ((await (await staff.request.get('/api/me')).json()) as { homeUnitId: number }).homeUnitId;
    const year = new Date().getFullYear();
    const kp1 = (
      (await (await staff.request.get(`/api/org-units/${ward}/children`)).json()) as {
        items: { id: number; name: string }[];
      }
    ).items.find((c) => c.name === 'Chi bộ Khu phố 1')!;
    const current = (await (
      await staff.request.get(`/api/org-units/${ward}/grading/${year}/proposals?type=member&cellId=${kp1.id}`)
    ).json()) as { items: { fullName: string; graded: boolean }[] };
    const names = current.items.filter((i) => i.graded).map((i) => i.fullName);
    expect(names.length).toBeGreaterThanOrEqual(5);

    // ---- last year: issued, read-only ----
    const office = await session();
    await loginAs(office, 'danguy');
    await office.goto(`/don-vi/${ward}/xep-loai/${year - 1}/quyet-dinh`);
    await office.getByTestId('issued-banner').waitFor();
    expect(await office.getByTestId('issued-banner').innerText()).toContain('125-QĐ/ĐU');
    expect(await office.getByRole('button', { name: 'Điều chỉnh' }).count()).toBeGreaterThan(10);
    await shot(office, 'grading-decide-issued-desktop');
    expect(await axeViolations(office, { include: 'main' })).toEqual([]);

    // ---- this year: too many xuất sắc in Khu phố 1 ----
    await office.goto(`/don-vi/${ward}/xep-loai/${year}/quyet-dinh`);
    await office.getByTestId('quota-panel').waitFor();
    await choose(office, names[0]!, 'Hoàn thành xuất sắc nhiệm vụ');
    await choose(office, names[1]!, 'Hoàn thành xuất sắc nhiệm vụ');
    for (const n of names.slice(2, 5)) await choose(office, n, 'Hoàn thành tốt nhiệm vụ');
    const warning = office.getByTestId('quota-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(
      /Chi bộ Khu phố 1: 2 đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ/,
    );
    expect(await warning.innerText()).toContain('không vượt quá 20%');
    await office.getByTestId('quota-warning').scrollIntoViewIfNeeded();
    await shot(office, 'grading-decide-desktop');
    expect(await axeViolations(office, { include: 'main' })).toEqual([]);
    await office.getByTestId('issue-decisions').click();
    await office.getByTestId('decision-no').fill('130-QĐ/ĐU');
    await office.getByTestId('issue-confirm').click();
    const refused = office.getByTestId('issue-error');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/không vượt quá 20%/);
    await shot(office, 'grading-decide-refused-desktop');

    // ---- on a phone ----
    const phone = await session({ mobile: true });
    await loginAs(phone, 'danguy');
    await phone.goto(`/don-vi/${ward}/xep-loai/${year}/quyet-dinh`);
    await phone.getByTestId('quota-panel').waitFor();
    await phone.getByTestId('quota-warning').waitFor();
    await shot(phone, 'grading-decide-phone');
    expect(await axeViolations(phone, { include: 'main' })).toEqual([]);
    expect(problems).toEqual([]);
  });
});
