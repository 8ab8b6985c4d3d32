/**
 * Browser journey through the committee overview (issue 9 items 1–3): the ward office opens the
 * overview from the menu, reads the totals (checked against the API), changes the period and
 * comes back with the back button, sorts, drills into a cell and returns, exports the table
 * (the workbook holds the page's numbers in the page's order), reads the charts and downloads a
 * chart's data; the same page on a phone shows cards; a cell secretary sees the ward's totals
 * and only their own cell. axe-core checks each view. Runs the BUILT app (`npm run build` first).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/domain/format.js';
import { axeViolations } from './support/axe.js';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

const { session, apiAs, shot, problems } = setupJourney();

interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}
interface Row {
  unit: { id: number; name: string; kind: string };
  indicators: Record<string, Ratio> & {
    ratingCell: Record<string, Ratio>;
    alertsOpen: { total: number };
  };
}
interface Overview {
  totals: Row['indicators'];
  items: Row[];
  total: number;
  limited: boolean;
}

const frac = (r: Ratio) => `${formatNumber(r.numerator)}/${formatNumber(r.denominator)}`;
const pct = (r: Ratio) => (r.percent === null ? '—' : `${formatNumber(r.percent, 2)}%`);
const thisMonth = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
const prevMonth = (m: string) => {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 7);
};

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

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('committee overview in the browser', () => {
  it('the ward office reads, drills down, exports and charts its overview; phone; a bí thư’s limited view', async () => {
    const started = Date.now();
    const step = (name: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);

    // ---- Facts through the API: the page opens on the year so far ------------------------
    const staff = await apiAs('danguy');
    const ward = ((await (await staff.request.get('/api/me')).json()) as { homeUnitId: number }).homeUnitId;
    const now = thisMonth();
    const from = `${now.slice(0, 4)}-01`;
    const get = async (query: string) => {
      const res = await staff.request.get(`/api/org-units/${ward}/overview?${query}`);
      expect(res.status()).toBe(200);
      return (await res.json()) as Overview;
    };
    const year = await get(`from=${from}&to=${now}&limit=50`);
    expect(year.total).toBeGreaterThan(5);
    expect(year.limited).toBe(false);

    step('office opens the overview from the menu');
    const office = await session();
    await loginAs(office, 'danguy');
    await office.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await office.waitForURL((u) => u.pathname === `/tong-quan/${ward}`);
    await office.getByTestId('overview-table').waitFor();
    expect(await office.getByTestId('overview-title').textContent()).toBe(
      'Tổng quan — Đảng bộ phường An Hội',
    );
    // Totals as the API computes them, "x/y" beside the Vietnamese percentage.
    for (const [id, key] of [
      ['total-onTime', 'regularOnTime'],
      ['total-missed', 'regularMissed'],
      ['total-pending', 'regularPending'],
      ['total-attendance', 'attendance'],
      ['total-tasks', 'tasksCompleted'],
    ] as const) {
      expect(await office.getByTestId(`${id}-fraction`).textContent(), id).toBe(frac(year.totals[key]!));
      expect(await office.getByTestId(`${id}-value`).textContent(), id).toBe(pct(year.totals[key]!));
    }
    expect(await office.getByTestId('total-cells-value').textContent()).toBe(
      formatNumber(year.totals.cells!.numerator),
    );
    expect(await office.getByTestId('overview-row').count()).toBe(Math.min(50, year.total));
    expect(await office.getByTestId('overview-count').textContent()).toBe(
      `Đơn vị 1–${formatNumber(Math.min(50, year.total))} trong ${formatNumber(year.total)}`,
    );
    expect(await axeViolations(office, { include: 'main' })).toEqual([]);

    step('period: last month, then back');
    const last = prevMonth(now);
    const lastMonth = await get(`from=${last}&to=${last}&limit=50`);
    await pick(office, 'period-preset', 'Tháng trước');
    await office.waitForURL((u) => u.searchParams.get('tu') === last && u.searchParams.get('den') === last);
    await expect
      .poll(() => office.getByTestId('total-attendance-fraction').textContent())
      .toBe(frac(lastMonth.totals.attendance!));
    expect(await office.getByTestId('overview-period').textContent()).toMatch(
      new RegExp(`^Tháng ${Number(last.slice(5))}/${last.slice(0, 4)}\\.`),
    );
    await office.goBack();
    await office.waitForURL((u) => u.pathname === `/tong-quan/${ward}` && !u.searchParams.has('tu'));
    await expect
      .poll(() => office.getByTestId('total-attendance-fraction').textContent())
      .toBe(frac(year.totals.attendance!));

    step('sort by attendance');
    const byAttendance = await get(`from=${from}&to=${now}&sort=attendance&order=desc&limit=50`);
    await office.getByTestId('sort-attendance').click();
    await office.waitForURL((u) => u.searchParams.get('sx') === 'attendance');
    await expect
      .poll(() => office.getByTestId('overview-row').first().getAttribute('data-unit-id'))
      .toBe(String(byAttendance.items[0]!.unit.id));
    await scrollTo(office, '[role="tablist"]');
    await shot(office, 'tong-quan');

    step('drill into a cell and back');
    const kp1 = year.items.find((r) => r.unit.name === 'Chi bộ Khu phố 1')!;
    expect(kp1).toBeDefined();
    const kp1Row = office.getByTestId('overview-row').filter({ hasText: 'Chi bộ Khu phố 1' });
    const pageAttendance = await kp1Row.getByTestId('row-attendance').textContent();
    expect(pageAttendance).toBe(`${pct(kp1.indicators.attendance!)}${frac(kp1.indicators.attendance!)}`);
    await kp1Row.getByTestId('row-link').click();
    await office.waitForURL((u) => u.pathname === `/don-vi/${kp1.unit.id}` && u.hash === '#chat-luong');
    expect(await office.getByTestId('unit-name').textContent()).toBe('Chi bộ Khu phố 1');
    await office.getByTestId('quality-section').waitFor();
    await office.goBack();
    await office.waitForURL(
      (u) => u.pathname === `/tong-quan/${ward}` && u.searchParams.get('sx') === 'attendance',
    );
    await office.getByTestId('overview-table').waitFor();

    step('export the table');
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.getByTestId('overview-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(3);
    let attCol = 0;
    header.eachCell((cell, col) => {
      // A merged header repeats its text over its three columns: the first is the numerator.
      if (!attCol && String(cell.value).startsWith('Đảng viên dự họp')) attCol = col;
    });
    expect(attCol).toBeGreaterThan(0);
    const sheetRows: { name: string; n: number; d: number }[] = [];
    for (let r = 5; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (typeof row.getCell(1).value !== 'number') continue;
      sheetRows.push({
        name: String(row.getCell(2).value),
        n: Number(row.getCell(attCol).value),
        d: Number(row.getCell(attCol + 1).value),
      });
    }
    // The whole table (no paging), in the page's order, with the page's numbers.
    expect(sheetRows.length).toBe(year.total);
    const pageNames = await office.getByTestId('row-link').allTextContents();
    expect(sheetRows.slice(0, pageNames.length).map((r) => r.name)).toEqual(pageNames);
    const kp1Sheet = sheetRows.find((r) => r.name === 'Chi bộ Khu phố 1')!;
    expect(pageAttendance).toContain(`${formatNumber(kp1Sheet.n)}/${formatNumber(kp1Sheet.d)}`);

    step('charts');
    await office.getByTestId('tab-charts').click();
    await office.waitForURL((u) => u.searchParams.get('muc') === 'bieu-do');
    await office.getByTestId('chart-trend').getByRole('img').first().waitFor();
    await pick(office, 'chart-indicator', 'Tỷ lệ dự họp');
    await office.waitForURL((u) => u.searchParams.get('chi-so') === 'attendance');
    await expect
      .poll(() => office.getByTestId('rank-best').locator('[data-testid="bar-group"]').first().textContent())
      .toContain(byAttendance.items[0]!.unit.name);
    await office.getByTestId('chart-compare').getByRole('img').first().waitFor();
    const [csv] = await Promise.all([
      office.waitForEvent('download'),
      office.getByTestId('chart-ratings-csv').click(),
    ]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"Người chấm","Xếp loại","Tử số","Mẫu số","Tỷ lệ (%)"');
    const tot = year.totals.ratingCell.tot!;
    expect(lines[1]).toBe(
      `"Chi bộ tự chấm","Tốt",${tot.numerator},${tot.denominator},${tot.percent === null ? '' : `"${formatNumber(tot.percent, 2)}"`}`,
    );
    expect(await axeViolations(office, { include: 'main' })).toEqual([]);
    await scrollTo(office, '[data-testid="chart-trend"]');
    await shot(office, 'tong-quan-bieu-do');

    step('phone');
    const phone = await session({ mobile: true });
    await loginAs(phone, 'danguy');
    await phone.goto(`/tong-quan/${ward}`);
    await phone.getByTestId('overview-cards').waitFor();
    expect(await phone.getByTestId('overview-table').count()).toBe(0);
    expect(await phone.getByTestId('overview-card').count()).toBe(Math.min(20, year.total));
    const card = phone.getByTestId('overview-card').filter({ hasText: 'Chi bộ Khu phố 1' });
    if ((await card.count()) > 0) {
      expect(await card.getByTestId('card-attendance').textContent()).toContain(
        frac(kp1.indicators.attendance!),
      );
    }
    await noSidewaysScroll(phone);
    expect(await axeViolations(phone, { include: 'main' })).toEqual([]);
    await scrollTo(phone, '[data-testid="overview-cards"]');
    await shot(phone, 'tong-quan-dien-thoai');
    await phone.getByTestId('tab-charts').click();
    await phone.getByTestId('chart-ratings').getByRole('img').first().waitFor();
    await noSidewaysScroll(phone);

    step('a bí thư sees the ward totals and only their cell');
    const secretary = await session();
    await loginAs(secretary, 'bithu1');
    await secretary.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await secretary.waitForURL((u) => u.pathname === `/tong-quan/${ward}`);
    await secretary
      .getByTestId('overview-limited')
      .getByText(/các chi bộ khác không được hiển thị/)
      .waitFor();
    await expect.poll(() => secretary.getByTestId('overview-row').count()).toBe(1);
    expect(await secretary.getByTestId('row-link').textContent()).toBe('Chi bộ Khu phố 1');
    expect(await secretary.getByTestId('total-cells-value').textContent()).toBe(
      formatNumber(year.totals.cells!.numerator),
    );
    expect(await axeViolations(secretary, { include: 'main' })).toEqual([]);

    step('done');
    expect(problems).toEqual([]);
  }, 300_000);
});
