/**
 * Browser journey through meeting quality (DOMAIN.md §5–6): the superior committee member opens a
 * held meeting of a cell they supervise, sees the pre-score measured from the records with its
 * evidence, enters the judgement points and confirms; the bí thư then sees both columns and the
 * final rating on a phone; the ward office refreshes the alerts, finds the minutes left unadopted
 * in another cell and follows the alert to the meeting; the supervisor records a visit; the
 * office reads a rule pack and is told in Vietnamese why a broken one cannot be loaded.
 * Runs the BUILT app (`npm run build` first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

/** Script errors and CSP refusals seen in any page: the strict CSP must not break the app. */
const { session, apiAs, shot, problems: pageProblems } = setupJourney();

/** Scrolls so that `selector` sits just under the fixed header. */
async function scrollTo(page: Page, selector: string) {
  await page.locator(selector).first().waitFor();
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 76);
  }, selector);
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

interface ScoreItem {
  key: string;
  title: string;
  max: number;
  applicable: boolean;
  measured: boolean;
}
interface ScoreView {
  columns: {
    supervisor: { confirmed: boolean; score: { total: number; items: ScoreItem[] } } | null;
  };
  final: { total: number; band: { label: string }; source: string } | null;
  permissions: { canScoreSupervisor: boolean };
}

const vn = (n: number) => (Number.isInteger(n) ? String(n) : String(n).replace('.', ','));

describe('meeting quality in the browser', () => {
  it('the supervisor scores with the evidence, the bí thư sees both columns, the office follows an alert', async () => {
    const started = Date.now();
    const step = (name: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);

    // ---- Facts through the API: the two supervised cells, a meeting without a confirmed supervisor score
    const staff = await apiAs('danguy');
    const ward = (await (await staff.request.get('/api/me')).json()) as { homeUnitId: number };
    const children = (
      (await (await staff.request.get(`/api/org-units/${ward.homeUnitId}/children`)).json()) as {
        items: { id: number; name: string }[];
      }
    ).items;
    const kp1 = children.find((u) => u.name === 'Chi bộ Khu phố 1')!;
    const kp2 = children.find((u) => u.name === 'Chi bộ Khu phố 2')!;
    expect(kp1 && kp2).toBeTruthy();
    const sup = await apiAs('giamsat1');
    const meetings = (
      (await (await sup.request.get(`/api/org-units/${kp1.id}/meetings`)).json()) as {
        items: { id: number; kind: string; status: string; scheduledAt: string; title: string }[];
      }
    ).items
      .filter((m) => m.status === 'held' && m.kind !== 'committee')
      .sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
    let meeting: (typeof meetings)[number] | undefined;
    let before: ScoreView | undefined;
    for (const m of meetings) {
      const v = (await (await sup.request.get(`/api/meetings/${m.id}/score`)).json()) as ScoreView;
      if (v.permissions.canScoreSupervisor && !v.columns.supervisor?.confirmed) {
        meeting = m;
        before = v;
        break;
      }
    }
    expect(meeting, 'a held meeting of Khu phố 1 without a confirmed supervisor score').toBeDefined();
    const judged = before!.columns.supervisor!.score.items.filter((i) => i.applicable && !i.measured);
    expect(judged.length).toBeGreaterThan(5);

    step('supervisor scores');
    // ---- giamsat1 on a laptop: the pre-score with its evidence, the judgement points, confirm ----
    const supervisor = await session();
    await loginAs(supervisor, 'giamsat1');
    await supervisor.goto(`/sinh-hoat/${meeting!.id}`);
    await supervisor.getByRole('tab', { name: 'Chấm điểm' }).click();
    await supervisor.getByTestId('score-section').waitFor();
    await expect
      .poll(() => supervisor.getByTestId('score-pack').textContent())
      .toMatch(/^Bộ tiêu chí: .+ — phiên bản /);
    // Measured items carry the sentence they come from, e.g. "Có mặt 29/32 = 90,6%".
    await supervisor
      .getByText(/^Có mặt \d+\/\d+ = \d+(,\d)?%/)
      .first()
      .waitFor();
    // Judgement points: full marks but one point less on the three largest items, one with a decimal.
    const largest = [...judged]
      .sort((a, b) => b.max - a.max)
      .slice(0, 3)
      .map((i) => i.key);
    const entered: Record<string, number> = {};
    for (const [n, it] of judged.entries()) {
      const v = largest.includes(it.key) ? it.max - (n % 2 === 0 ? 1 : 0.5) : it.max;
      entered[it.key] = v;
      await supervisor.getByTestId(`score-input-supervisor-${it.key}`).fill(vn(v));
    }
    await supervisor.getByTestId('score-actionbar').getByText('Có điểm chưa lưu').waitFor();
    await supervisor.getByTestId('score-confirm-supervisor').click();
    const dialog = supervisor.getByRole('dialog');
    await dialog.getByText(/không ai sửa được nữa/).waitFor();
    await dialog.getByTestId('score-confirm-ok').click();
    await supervisor
      .getByTestId('score-column-supervisor')
      .getByText(/^Đã xác nhận lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
    const after = (await (await sup.request.get(`/api/meetings/${meeting!.id}/score`)).json()) as ScoreView;
    expect(after.columns.supervisor!.confirmed).toBe(true);
    for (const [k, v] of Object.entries(entered)) {
      expect(after.columns.supervisor!.score.items.find((i) => i.key === k)).toMatchObject({ points: v });
    }
    const supTotal = vn(after.columns.supervisor!.score.total);
    expect(await supervisor.getByTestId('score-total-supervisor').textContent()).toBe(supTotal);
    expect(after.final).toMatchObject({ source: 'supervisor' });
    await scrollTo(supervisor, '[data-testid="score-section"]');
    await shot(supervisor, 'cham-diem');

    step('bí thư on a phone');
    // ---- bithu1 on a phone: both columns, the supervisor's total and the final rating ----------
    const secretary = await session({ mobile: true });
    await loginAs(secretary, 'bithu1');
    await secretary.goto(`/sinh-hoat/${meeting!.id}?muc=cham-diem`);
    await secretary.getByTestId('score-section').waitFor();
    await expect.poll(() => secretary.getByTestId('score-total-supervisor').textContent()).toBe(supTotal);
    await secretary.getByTestId('score-column-cell').waitFor();
    expect(await secretary.getByTestId('score-final-total').textContent()).toBe(vn(after.final!.total));
    expect(await secretary.getByTestId('score-final-band').textContent()).toBe(after.final!.band.label);
    await secretary.getByTestId('score-final').getByText('theo điểm cấp trên chấm').waitFor();
    await noSidewaysScroll(secretary);
    await scrollTo(secretary, '[data-testid="score-section"]');
    await shot(secretary, 'cham-diem-dien-thoai');
    // On a phone the two columns sit side by side under each item, the evidence once below.
    await scrollTo(secretary, '[data-testid="score-row-length"]');
    await shot(secretary, 'cham-diem-dien-thoai-can-cu');

    step('office refreshes alerts');
    // ---- danguy: "Cập nhật ngay", the unadopted minutes in Khu phố 2, the month grid -----------
    const office = await session();
    await loginAs(office, 'danguy');
    await office.goto(`/don-vi/${ward.homeUnitId}`);
    await office.getByTestId('quality-section').waitFor();
    await office.getByTestId('oversight-refresh').click();
    await office.getByText(/^Đã cập nhật: \d+ cảnh báo mới/).waitFor();
    await office.getByTestId('alerts-unit').click();
    await office.getByRole('option', { name: /^Chi bộ Khu phố 2 \(/ }).click();
    const late = office
      .getByTestId('alert-item')
      .filter({ hasText: /biên bản chưa được thông qua sau 2 ngày/ })
      .filter({ hasText: 'Chi bộ Khu phố 2' });
    await late.first().waitFor();
    // The demo leaves the latest regular meeting of Khu phố 2 unadopted: prefer it over a chi ủy meeting.
    const regular = late.filter({ has: office.getByTestId('alert-title').filter({ hasText: /^Sinh hoạt/ }) });
    const alert = (await regular.count()) > 0 ? regular.first() : late.first();
    await scrollTo(office, '[data-testid="quality-section"]');
    await shot(office, 'canh-bao');
    await scrollTo(office, '[data-testid="chart-ratings"]');
    await office.getByTestId('month-grid').waitFor();
    await shot(office, 'chat-luong-thang');
    const href = await alert.getByTestId('alert-link').getAttribute('href');
    expect(href).toMatch(/^\/sinh-hoat\/\d+$/);
    await alert.getByTestId('alert-link').click();
    await office.waitForURL((u) => u.pathname === href);
    await office.getByTestId('meeting-title').waitFor();

    step('supervision page');
    // ---- giamsat1: the supervision page, a visit recorded at the meeting just scored ----------
    await supervisor.goto('/giam-sat');
    const card = supervisor.getByTestId('supervised-cell').filter({ hasText: 'Chi bộ Khu phố 1' });
    await card.getByTestId('visits-count').waitFor();
    const visitsBefore = Number(((await card.getByTestId('visits-count').textContent()) ?? '').split('/')[0]);
    await card.getByTestId('record-visit').click();
    const form = supervisor.getByTestId('visit-form');
    await form
      .getByRole('textbox', { name: 'Buổi sinh hoạt đã dự' })
      .or(form.getByRole('combobox', { name: 'Buổi sinh hoạt đã dự' }))
      .first()
      .click();
    await supervisor
      .getByRole('option', { name: new RegExp(meeting!.title) })
      .first()
      .click();
    await form.getByLabel('Nhận xét').fill('Chi bộ chuẩn bị chu đáo; cần dành đủ thời gian thảo luận.');
    await form.getByRole('button', { name: 'Ghi lần giám sát' }).click();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(async () => Number(((await card.getByTestId('visits-count').textContent()) ?? '').split('/')[0]))
      .toBe(visitsBefore + 1);
    await supervisor.evaluate(() => window.scrollTo(0, 0));
    await shot(supervisor, 'giam-sat');
    // The office sees the visit counted against the minimum for every cell of the ward.
    await office.goto('/giam-sat');
    const row = office.getByTestId('supervision-row').filter({ hasText: 'Chi bộ Khu phố 1' });
    await expect.poll(() => row.textContent()).toContain(`${visitsBefore + 1}/`);
    await scrollTo(office, '[data-testid="supervision-overview"]');
    await shot(office, 'giam-sat-van-phong');

    step('rule packs');
    // ---- danguy: the rule packs, a broken pack refused with its reasons in Vietnamese ----------
    await office.goto('/bo-tieu-chi');
    await office.getByTestId('pack-rubric').waitFor();
    await office.getByText('Xếp loại Tốt còn cần đạt điểm tối đa ở:', { exact: false }).waitFor();
    const packs = (await (await staff.request.get('/api/rule-packs')).json()) as {
      items: { pack: { scoring: { rubric: { criteria: { max: number }[] } } } }[];
    };
    const broken = structuredClone(packs.items[0]!.pack) as Record<string, unknown> & {
      scoring: { rubric: { criteria: { max: number }[] } };
    };
    Object.assign(broken, { id: 'thu-nghiem', version: '2099.1', effectiveFrom: '2099-01-01' });
    broken.scoring.rubric.criteria[0]!.max += 1;
    await office
      .getByTestId('pack-load')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'bo-tieu-chi-thu.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(broken)),
      });
    await office.getByRole('button', { name: 'Kiểm tra và nạp' }).click();
    const problems = office.getByTestId('pack-problems');
    await problems.getByText(/tổng điểm các mục \d+ khác điểm tối đa \d+/).waitFor();
    await problems.getByText(/Tổng điểm các tiêu chí là 101, phải là 100/).waitFor();
    await office.evaluate(() => window.scrollTo(0, 0));
    await shot(office, 'bo-tieu-chi');
    await scrollTo(office, '[data-testid="pack-load"]');
    await shot(office, 'bo-tieu-chi-loi');

    step('done');
    expect(pageProblems).toEqual([]);
  });

  it('everyone reads the year’s holiday calendar; the administrator sees each decision and its source', async () => {
    for (const mobile of [false, true]) {
      const admin = await session({ mobile });
      await loginAs(admin, 'quantri');
      await admin.goto('/lich-nghi');
      await admin.getByTestId('holidays-page').waitFor();
      const decision = admin.getByTestId('decision-2026');
      await decision.waitFor();
      // The Tết span of 2026 as decided: 14/02 to 22/02, nine days with the weekends.
      expect(await decision.textContent()).toMatch(/14\/02\/2026/);
      expect(await decision.textContent()).toMatch(/22\/02\/2026/);
      await noSidewaysScroll(admin);
      await shot(admin, mobile ? 'lich-nghi-dien-thoai' : 'lich-nghi');
    }
    // A member reads it too (read-only).
    const member = await session({ mobile: true });
    await loginAs(member, 'dangvien1');
    await member.goto('/lich-nghi');
    await member.getByTestId('holidays-page').waitFor();
    expect(await member.getByTestId('holiday-add').count()).toBe(0);
    expect(pageProblems).toEqual([]);
  });
});
