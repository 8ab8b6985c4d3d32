/**
 * Browser journeys of issue 11: the committee steers, the cell carries out, both see progress.
 *  1. danguy publishes a directive to the ward; bithu1 records it at a meeting of Khu phố 1 (on a
 *     phone); danguy's dissemination table shows Khu phố 1 done on that day with its attendance;
 *  2. danguy adds to the ward's plan a target bound to "share of cells rated Tốt" and sees its
 *     computed progress, equal to the API's and to the overview's own figure;
 *  3. bithu1, on a phone, answers the open remedy of the ward's inspection of Khu phố 1.
 * On a laptop and on a phone, axe-clean. Runs the BUILT app (`npm run build` first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { axeViolations } from './support/axe.js';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

vi.setConfig({ hookTimeout: 600_000, testTimeout: 420_000 });
const { session, apiAs, shot, problems } = setupJourney();

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function axeClean(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).innerText()) ?? '').normalize('NFC');
}

/** dd/mm/yyyy of an ISO date. */
function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** round-half-up(100·x/y, 2) in integers, as a reader checks it by hand: "19,64%". */
function percentText(x: number, y: number): string {
  const hundredths = y === 0 ? 0 : Math.floor((20000 * x + y) / (2 * y));
  const frac = hundredths % 100;
  return frac === 0
    ? `${Math.floor(hundredths / 100)}%`
    : `${Math.floor(hundredths / 100)},${String(frac).padStart(2, '0')}%`;
}

async function wardAndCell() {
  const staff = await apiAs('danguy');
  const ward = ((await (await staff.request.get('/api/me')).json()) as { homeUnitId: number }).homeUnitId;
  const children = (await (await staff.request.get(`/api/org-units/${ward}/children?limit=100`)).json()) as {
    items: { id: number; name: string }[];
  };
  const kp1 = children.items.find((c) => c.name === 'Chi bộ Khu phố 1')!;
  expect(kp1).toBeTruthy();
  return { staff, ward, kp1 };
}

describe('the committee steers, the cell carries out', () => {
  it('danguy publishes a directive; bithu1 records it at a meeting; the dissemination appears', async () => {
    const { staff, ward, kp1 } = await wardAndCell();
    const number = `${60 + (Date.now() % 30)}-CT/ĐU`;

    // ---- danguy, on a laptop: write the draft and publish it to the ward ----
    const office = await session();
    await loginAs(office, 'danguy');
    await office.goto(`/don-vi/${ward}/van-ban`);
    await office.getByTestId('directives-page').waitFor();
    await office.getByTestId('directive-new').click();
    await office.getByTestId('directive-number').fill(number);
    await office
      .getByTestId('directive-title')
      .fill('Chỉ thị về tăng cường chất lượng sinh hoạt chi bộ cuối năm');
    await office.getByTestId('directive-submit').click();
    await office.getByTestId('directive-page').waitFor();
    await office.getByTestId('directive-publish').click();
    await office.getByTestId('directive-publish-confirm').click();
    await office.getByTestId('dissemination-table').waitFor();
    const directiveId = Number(new URL(office.url()).pathname.split('/').pop());
    expect(directiveId).toBeGreaterThan(0);
    const before = (await (
      await staff.request.get(`/api/directives/${directiveId}/dissemination?limit=200`)
    ).json()) as { items: { unitId: number; disseminatedOn: string | null }[]; total: number };
    expect(before.items.find((r) => r.unitId === kp1.id)?.disseminatedOn).toBeNull();
    expect(before.items.every((r) => r.disseminatedOn === null)).toBe(true);
    await shot(office, 'steering-directive-published');
    await axeClean(office);

    // ---- bithu1 holds a meeting of Khu phố 1 and records the dissemination on a phone ----
    const bithu = await apiAs('bithu1');
    const made = await bithu.request.post(`/api/org-units/${kp1.id}/meetings`, {
      headers: bithu.csrf,
      data: {
        kind: 'extraordinary',
        scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        title: 'Sinh hoạt bất thường quán triệt chỉ thị',
      },
    });
    expect(made.status()).toBe(201);
    const { id: meetingId } = (await made.json()) as { id: number };
    const started = await bithu.request.post(`/api/meetings/${meetingId}/start`, { headers: bithu.csrf });
    expect(started.status()).toBe(200);
    // The roll call first: every counted member but the last three present, those absent with a reason.
    const roster = (
      (await started.json()) as {
        attendance: { members: { memberId: number; category: string; away: boolean }[] };
      }
    ).attendance.members.filter((r) => r.category === 'member');
    const marked = await bithu.request.put(`/api/meetings/${meetingId}/attendance`, {
      headers: bithu.csrf,
      data: {
        items: roster.map((r, i) =>
          i < roster.length - 3
            ? { memberId: r.memberId, status: 'present' }
            : { memberId: r.memberId, status: 'absent_excused', reason: 'Đi công tác' },
        ),
      },
    });
    expect(marked.status()).toBe(200);
    const phone = await session({ mobile: true });
    await loginAs(phone, 'bithu1');
    await phone.goto(`/sinh-hoat/${meetingId}`);
    await phone.getByTestId('meeting-directives').waitFor();
    await phone.getByTestId(`meeting-directive-${directiveId}`).scrollIntoViewIfNeeded();
    await shot(phone, 'steering-meeting-directive-phone');
    await phone.getByTestId(`meeting-directive-${directiveId}`).click();
    await phone.getByTestId(`meeting-directive-done-${directiveId}`).waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'steering-meeting-directive-done-phone');
    await axeClean(phone);

    // ---- danguy sees Khu phố 1 done, with the day and the meeting's attendance ----
    const after = (await (
      await staff.request.get(`/api/directives/${directiveId}/dissemination?limit=200`)
    ).json()) as {
      items: {
        unitId: number;
        disseminatedOn: string | null;
        meetingId: number | null;
        present: number | null;
        base: number | null;
      }[];
    };
    const row = after.items.find((r) => r.unitId === kp1.id)!;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(row.disseminatedOn).toBe(today);
    expect(row.meetingId).toBe(meetingId);
    expect(row.base).toBeGreaterThan(0);
    // The meeting's attendance on the statutory base: the present members over those counted.
    const detail = (await (await bithu.request.get(`/api/meetings/${meetingId}`)).json()) as {
      attendance: { summary: { present: number; base: number } };
    };
    expect(row.present).toBe(detail.attendance.summary.present);
    expect(row.base).toBe(detail.attendance.summary.base);
    expect(row.present).toBeGreaterThan(0);
    await office.reload();
    const cellRow = office.getByTestId(`dissemination-row-${kp1.id}`);
    await cellRow.waitFor();
    const cellText = (await cellRow.innerText()).normalize('NFC');
    expect(cellText).toContain(vnDate(today));
    expect(cellText).toContain(`${row.present}/${row.base}`);
    const summary = await textOf(office, 'dissemination-summary');
    expect(summary).toContain(`1/${after.items.length}`);
    await shot(office, 'steering-dissemination');
    await axeClean(office);
  });

  it('danguy binds a target to the share of cells rated Tốt and sees its computed progress', async () => {
    const { staff, ward } = await wardAndCell();
    const plans = (await (await staff.request.get(`/api/org-units/${ward}/plans`)).json()) as {
      items: { id: number; title: string; status: string }[];
      total: number;
    };
    expect(plans.total).toBeGreaterThan(0);
    const plan = plans.items.find((p) => p.status === 'active') ?? plans.items[0]!;

    const office = await session();
    await loginAs(office, 'danguy');
    await office.goto(`/ke-hoach/${plan.id}`);
    await office.getByTestId('plan-page').waitFor();
    await office.getByTestId('target-new').click();
    await office.getByTestId('target-title').fill('Chi bộ được cấp trên xếp loại Tốt đạt từ 80% trở lên');
    await office.getByTestId('target-indicator').selectOption('rated_good');
    await office.getByTestId('target-threshold').fill('80');
    await office.getByTestId('target-submit').click();

    // The API's figure for the new target…
    await expect
      .poll(async () => {
        const p = (await (await staff.request.get(`/api/plans/${plan.id}/progress`)).json()) as {
          items: { title: string }[];
        };
        return p.items.some((i) => i.title.startsWith('Chi bộ được cấp trên xếp loại Tốt đạt từ 80%'));
      })
      .toBe(true);
    const progress = (await (await staff.request.get(`/api/plans/${plan.id}/progress`)).json()) as {
      items: {
        targetId: number;
        title: string;
        indicator: string | null;
        value: number | null;
        threshold: number;
        status: string;
        numerator: number;
        denominator: number;
      }[];
    };
    const target = progress.items.find((i) =>
      i.title.startsWith('Chi bộ được cấp trên xếp loại Tốt đạt từ 80%'),
    )!;
    expect(target.indicator).toBe('rated_good');
    expect(target.threshold).toBe(80);
    expect(target.denominator).toBeGreaterThan(0);
    expect(['met', 'on_track', 'at_risk', 'missed']).toContain(target.status);
    // …is the share of the numerator over the denominator, rounded half-up on its own…
    expect(target.value).toBe(
      Math.floor((20000 * target.numerator + target.denominator) / (2 * target.denominator)) / 100,
    );
    // …and it is what the page shows.
    const row = office.getByTestId(`target-row-${target.targetId}`);
    await row.waitFor();
    const rowText = (await row.innerText()).normalize('NFC');
    expect(rowText).toContain(percentText(target.numerator, target.denominator));
    expect(rowText).toContain(`${target.numerator}/${target.denominator}`);
    await row.scrollIntoViewIfNeeded();
    await shot(office, 'steering-plan-target');
    await axeClean(office);
    const phone = await session({ mobile: true });
    await loginAs(phone, 'danguy');
    await phone.goto(`/ke-hoach/${plan.id}`);
    await phone.getByTestId(`target-row-${target.targetId}`).waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'steering-plan-target-phone');
    await axeClean(phone);
  });

  it('bithu1 answers the open remedy of the ward’s inspection of Khu phố 1', async () => {
    const { kp1 } = await wardAndCell();
    const bithu = await apiAs('bithu1');
    const list = (await (await bithu.request.get(`/api/org-units/${kp1.id}/inspections`)).json()) as {
      items: {
        id: number;
        remedies: { id: number; content: string; answer: string | null; closedAt: string | null }[];
      }[];
      total: number;
    };
    const inspection = list.items.find((i) => i.remedies.some((r) => !r.closedAt && !r.answer))!;
    expect(inspection).toBeTruthy();
    const remedy = inspection.remedies.find((r) => !r.closedAt && !r.answer)!;

    const phone = await session({ mobile: true });
    await loginAs(phone, 'bithu1');
    await phone.goto(`/don-vi/${kp1.id}`);
    await phone.getByTestId('open-inspections').click();
    await phone.getByTestId('inspections-page').waitFor();
    await phone.getByTestId(`inspection-row-${inspection.id}`).getByRole('link').first().click();
    await phone.getByTestId('inspection-page').waitFor();
    const answer = 'Chi bộ đã bổ sung nội dung thảo luận vào chương trình sinh hoạt tháng này.';
    await phone.getByTestId(`remedy-answer-${remedy.id}`).fill(answer);
    await phone.getByTestId(`remedy-answer-submit-${remedy.id}`).click();
    await expect
      .poll(async () => ((await phone.getByTestId(`remedy-${remedy.id}`).innerText()) ?? '').normalize('NFC'))
      .toContain(answer);
    const again = (await (await bithu.request.get(`/api/org-units/${kp1.id}/inspections`)).json()) as {
      items: { id: number; remedies: { id: number; answer: string | null }[] }[];
    };
    expect(
      again.items.find((i) => i.id === inspection.id)?.remedies.find((r) => r.id === remedy.id)?.answer,
    ).toBe(answer);
    await noSidewaysScroll(phone);
    await shot(phone, 'steering-remedy-answered-phone');
    await axeClean(phone);
    expect(problems).toEqual([]);
  });
});
