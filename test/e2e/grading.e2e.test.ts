/**
 * Browser journey of issue 10: the year's review from the member to the statistics.
 *  1. dangvien1, on a phone, opens "Viết bản kiểm điểm" from the home page, writes the sections
 *     beside the year's record, proposes a level and submits;
 *  2. bithu1 records Khu phố 1's vote on that member (counts on the statutory base, the share of
 *     each shown rounded half-up) and the chi ủy's proposal;
 *  3. the ward office (danguy) sees last year's issued decisions read-only, then this year's:
 *     too many "xuất sắc" in Khu phố 1 turn the quota panel into a warning naming the rule and the
 *     issue is refused; put right, the decision is issued, locked, and the statistics page's Word
 *     report holds the seed-style sentences with the API's numbers.
 * On a laptop and on a phone, axe-clean. Runs the BUILT app (`npm run build` first).
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from './support/axe.js';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

vi.setConfig({ hookTimeout: 600_000, testTimeout: 420_000 });
const { session, apiAs, shot, problems } = setupJourney();

interface Row {
  level: string;
  label: string;
  numerator: number;
  denominator: number;
  percent: number;
}

/** round-half-up(100·x/y, 2) in integers, as a reader checks it by hand: "19,64%". */
function percentText(x: number, y: number): string {
  const hundredths = y === 0 ? 0 : Math.floor((20000 * x + y) / (2 * y));
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}%`;
}

async function choose(page: Page, name: string, option: string) {
  const label = `Mức xếp loại: ${name}`;
  await page
    .getByRole('textbox', { name: label })
    .or(page.getByRole('combobox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('the year’s review in the browser', () => {
  it('dangvien1 writes, bithu1 records the vote, danguy decides within the quota, issues and downloads the statistics', async () => {
    const staff = await apiAs('danguy');
    const ward = ((await (await staff.request.get('/api/me')).json()) as { homeUnitId: number }).homeUnitId;
    const year = new Date().getFullYear();
    const kp1 = (
      (await (await staff.request.get(`/api/org-units/${ward}/children`)).json()) as {
        items: { id: number; name: string }[];
      }
    ).items.find((c) => c.name === 'Chi bộ Khu phố 1')!;
    const member = await apiAs('dangvien1');
    const me = (await (await member.request.get('/api/me')).json()) as {
      member: { id: number; fullName: string } | null;
    };
    const memberId = me.member!.id;

    // ---- 1. dangvien1 on a phone: from the home page to a submitted self-review ----
    const phone = await session({ mobile: true });
    await loginAs(phone, 'dangvien1');
    const card = phone.getByTestId('my-self-review');
    await card.waitFor();
    expect(await card.innerText()).toContain(`năm ${year}`);
    await card.getByRole('link', { name: 'Viết bản kiểm điểm' }).click();
    await phone.getByTestId('self-review-page').waitFor();
    const page1 = (await phone.evaluate(() => document.body.innerText)).normalize('NFC');
    // The year from the records sits beside the form.
    expect(page1).toMatch(/Sinh hoạt/);
    expect(page1).toMatch(/Đảng phí/);
    const sections = phone.locator('[data-testid^="section-"]');
    expect(await sections.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < (await sections.count()); i++) {
      await sections
        .nth(i)
        .fill(`Nội dung tự kiểm điểm phần ${i + 1}: chấp hành tốt, dự đủ các buổi sinh hoạt.`);
    }
    await phone.getByTestId('level-tot').click();
    await noSidewaysScroll(phone);
    await shot(phone, 'grading-journey-self-review-phone');
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByTestId('submit').click();
    await phone.getByTestId('confirm-submit').click();
    await expect.poll(() => phone.getByTestId('self-review-page').innerText()).toContain('Đã nộp');
    expect(await phone.getByTestId('submit').count()).toBe(0);
    const stored = (await (
      await member.request.get(`/api/members/${memberId}/grading/${year}/self-review`)
    ).json()) as { status: string; proposedLevel: string };
    expect(stored).toMatchObject({ status: 'submitted', proposedLevel: 'tot' });

    // ---- 2. bithu1 records the cell's vote on dangvien1 ----
    const secretary = await session();
    await loginAs(secretary, 'bithu1');
    await secretary.goto(`/don-vi/${kp1.id}/kiem-diem/${year}`);
    await secretary.getByTestId('cell-session-page').waitFor();
    const mine = secretary.getByTestId(`member-${memberId}`);
    await mine.waitFor();
    expect(await mine.innerText()).toContain(me.member!.fullName);
    const bithu = await apiAs('bithu1');
    const sessionView = (await (
      await bithu.request.get(`/api/org-units/${kp1.id}/grading/${year}/session`)
    ).json()) as { base: number };
    const base = sessionView.base;
    expect(base).toBeGreaterThan(3);
    await secretary.getByTestId(`votes-${memberId}-tot`).fill(String(base - 1));
    await secretary.getByTestId(`votes-${memberId}-hoan_thanh`).fill('1');
    await expect
      .poll(() => secretary.getByTestId(`share-${memberId}-tot`).innerText())
      .toBe(percentText(base - 1, base));
    await mine
      .getByRole('textbox', { name: 'Chi ủy đề xuất mức' })
      .or(mine.getByRole('combobox', { name: 'Chi ủy đề xuất mức' }))
      .first()
      .click();
    await secretary.getByRole('option', { name: 'Hoàn thành tốt nhiệm vụ', exact: true }).click();
    await secretary.getByTestId(`save-vote-${memberId}`).click();
    await expect
      .poll(async () => {
        const v = (await (
          await bithu.request.get(`/api/org-units/${kp1.id}/grading/${year}/session`)
        ).json()) as {
          members: { memberId: number; vote: { proposedLevel: string } | null }[];
        };
        return v.members.find((m) => m.memberId === memberId)?.vote?.proposedLevel ?? null;
      })
      .toBe('tot');
    await mine.scrollIntoViewIfNeeded();
    await shot(secretary, 'grading-journey-session-desktop');
    expect(await axeViolations(secretary, { include: 'main' })).toEqual([]);

    // ---- 3a. the office: last year issued and read-only ----
    const office = await session();
    await loginAs(office, 'danguy');
    await office.goto(`/don-vi/${ward}/xep-loai/${year - 1}/quyet-dinh`);
    await office.getByTestId('issued-banner').waitFor();
    expect(await office.getByTestId('issued-banner').innerText()).toContain('125-QĐ/ĐU');
    expect(await office.getByRole('button', { name: 'Điều chỉnh' }).count()).toBeGreaterThan(10);
    await shot(office, 'grading-decide-issued-desktop');
    expect(await axeViolations(office, { include: 'main' })).toEqual([]);

    // ---- 3b. this year: every row holds the cell's proposal; too many xuất sắc in Khu phố 1 ----
    const proposals = (await (
      await staff.request.get(
        `/api/org-units/${ward}/grading/${year}/proposals?type=member&cellId=${kp1.id}&limit=200`,
      )
    ).json()) as {
      items: {
        memberId: number;
        fullName: string;
        graded: boolean;
        vote: { proposedLevel: string } | null;
      }[];
    };
    const kp1Rows = proposals.items.filter((i) => i.graded);
    expect(kp1Rows.every((r) => r.vote !== null)).toBe(true);
    // Others than dangvien1 are raised, so dangvien1's decision stays at the cell's proposal.
    const atTot = kp1Rows.filter((r) => r.vote!.proposedLevel === 'tot' && r.memberId !== memberId);
    expect(atTot.length).toBeGreaterThan(3);
    await office.goto(`/don-vi/${ward}/xep-loai/${year}/quyet-dinh`);
    await office.getByTestId('quota-panel').waitFor();
    expect(await office.getByTestId('quota-warning').count()).toBe(0);
    const raised: string[] = [];
    for (const r of atTot) {
      await choose(office, r.fullName, 'Hoàn thành xuất sắc nhiệm vụ');
      raised.push(r.fullName);
      if ((await office.getByTestId('quota-warning').count()) > 0) break;
    }
    const warning = office.getByTestId('quota-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(
      /Chi bộ Khu phố 1: \d+ đảng viên xếp loại Hoàn thành xuất sắc nhiệm vụ/,
    );
    expect(await warning.innerText()).toContain('không vượt quá 20%');
    await warning.scrollIntoViewIfNeeded();
    await shot(office, 'grading-decide-desktop');
    expect(await axeViolations(office, { include: 'main' })).toEqual([]);
    await office.getByTestId('issue-decisions').click();
    await office.getByTestId('decision-no').fill('130-QĐ/ĐU');
    await office.getByTestId('issue-confirm').click();
    const refused = office.getByTestId('issue-error');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/không vượt quá 20%/);
    await shot(office, 'grading-decide-refused-desktop');
    await office.keyboard.press('Escape');

    // The same page on a phone shows the warning too.
    const officePhone = await session({ mobile: true });
    await loginAs(officePhone, 'danguy');
    await officePhone.goto(`/don-vi/${ward}/xep-loai/${year}/quyet-dinh`);
    await officePhone.getByTestId('quota-panel').waitFor();
    await shot(officePhone, 'grading-decide-phone');
    expect(await axeViolations(officePhone, { include: 'main' })).toEqual([]);

    // ---- 3c. put right: the last one raised goes back to tốt; issue ----
    await choose(office, raised.at(-1)!, 'Hoàn thành tốt nhiệm vụ');
    await expect.poll(() => office.getByTestId('quota-warning').count()).toBe(0);
    await office.getByTestId('issue-decisions').click();
    await office.getByTestId('decision-no').fill('130-QĐ/ĐU');
    await office.getByTestId('issue-confirm').click();
    const banner = office.getByTestId('issued-banner');
    const outcome = banner.or(office.getByTestId('issue-error'));
    await outcome.first().waitFor({ timeout: 60_000 });
    // A refusal here names its reason in the failure.
    expect(await office.getByTestId('issue-error').allInnerTexts()).toEqual([]);
    expect(await banner.innerText()).toContain('130-QĐ/ĐU');
    await shot(office, 'grading-journey-issued-desktop');
    // Locked: the API refuses a change of an issued decision.
    const grades = (await (await member.request.get(`/api/members/${memberId}/grades`)).json()) as {
      items: { year: number; current: { level: string; decisionNo: string } | null }[];
    };
    const thisYear = grades.items.find((g) => g.year === year);
    expect(thisYear?.current).toMatchObject({ level: 'tot', decisionNo: '130-QĐ/ĐU' });
    const again = await staff.request.put(`/api/org-units/${ward}/grading/${year}/decisions`, {
      headers: staff.csrf,
      data: { type: 'member', items: [{ memberId, level: 'hoan_thanh' }] },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('GRADING_DECISION_LOCKED');

    // ---- 3d. the statistics and their Word report agree with the API ----
    const stats = (await (await staff.request.get(`/api/org-units/${ward}/grading/${year}`)).json()) as {
      members: Row[];
    };
    const whole = stats.members[0]!.denominator;
    expect(stats.members.reduce((s, r) => s + r.numerator, 0)).toBe(whole);
    expect(whole).toBe(kp1Rows.length + (await countOtherCells()));
    await office.goto(`/don-vi/${ward}/xep-loai/${year}`);
    await office.getByTestId('grading-stats-page').waitFor();
    const shown = (await office.getByTestId('grading-sentences').innerText()).normalize('NFC');
    const [docx] = await Promise.all([
      office.waitForEvent('download'),
      office.getByTestId('grading-download-docx').click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync((await docx.path())!));
    const xml = (await zip.file('word/document.xml')!.async('string'))
      .replace(/<[^>]+>/g, '')
      .normalize('NFC');
    for (const r of stats.members.filter((x) => x.numerator > 0)) {
      const n = (v: number) => v.toLocaleString('de-DE');
      const sentence = `${n(r.numerator)}/${n(r.denominator)} đảng viên ${r.label.toLocaleLowerCase('vi')}, chiếm tỷ lệ ${percentText(r.numerator, r.denominator)}`;
      expect(xml).toContain(sentence);
      expect(shown).toContain(sentence);
    }
    await shot(office, 'grading-journey-stats-desktop');
    // The whole page, the app's header and menu included.
    expect(await axeViolations(office)).toEqual([]);
    expect(problems).toEqual([]);

    async function countOtherCells(): Promise<number> {
      const all = (await (
        await staff.request.get(`/api/org-units/${ward}/grading/${year}/proposals?type=member&limit=200`)
      ).json()) as { items: { graded: boolean; cellId: number }[]; nextCursor: string | null };
      let n = all.items.filter((i) => i.graded && i.cellId !== kp1.id).length;
      let cursor = all.nextCursor;
      while (cursor) {
        const page = (await (
          await staff.request.get(
            `/api/org-units/${ward}/grading/${year}/proposals?type=member&limit=200&cursor=${encodeURIComponent(cursor)}`,
          )
        ).json()) as { items: { graded: boolean; cellId: number }[]; nextCursor: string | null };
        n += page.items.filter((i) => i.graded && i.cellId !== kp1.id).length;
        cursor = page.nextCursor;
      }
      return n;
    }
  });
});
