/**
 * The member's phone path (issue 13, ADR 036), on a 360 × 740 touch phone: the demo member logs
 * in and lands on "Của tôi", where the open meeting's check-in sits at the top; they check in
 * with the code there; once the meeting is over the check-in page says so (no code form); they
 * download the adopted nghị quyết; a toast never covers the header. Runs the BUILT app.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { screenshot } from './support/browser.js';
import { type ApiSession, setupJourney } from './support/journey.js';

const { session, apiAs, problems } = setupJourney();

async function phone(): Promise<Page> {
  const page = await session({ mobile: true });
  await page.setViewportSize({ width: 360, height: 740 });
  return page;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * axe on the parts of the page this path owns (ADR 036); the rest of each page is checked by
 * a11y.e2e. Sections absent from the page are skipped.
 */
async function axeMine(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const sel of [
    '[data-testid="my-checkin"]',
    '#my-upcoming',
    '#my-tasks',
    '#my-recent',
    '[data-testid="checkin-page"]',
    'header',
  ])
    if ((await page.locator(sel).count()) > 0)
      out.push(...(await axeViolations(page, { include: sel })).map((v) => `${sel}: ${v}`));
  return out;
}

/** An instant `minutes` from now on the +07:00 clock, as the API writes it. */
const fromNow = (minutes: number) =>
  `${new Date(Date.now() + minutes * 60_000 + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;

interface Detail {
  id: number;
  title: string;
  checkinCode: string | null;
  attendance: { members: { memberId: number; category: string; away: boolean; status: string | null }[] };
}

async function detail(s: ApiSession, id: number): Promise<Detail> {
  return (await (await s.request.get(`/api/meetings/${id}`)).json()) as Detail;
}

describe('the member’s phone path', () => {
  it('lands on Của tôi, checks in from the card at the top, reads that the meeting is over, downloads the nghị quyết', async () => {
    // The secretary opens a meeting now, through the API (as meetings.e2e does in the browser).
    const bithu = await apiAs('bithu1');
    const sec = (await (await bithu.request.get('/api/me')).json()) as {
      homeUnitId: number;
      member: { id: number };
    };
    const made = await bithu.request.post(`/api/org-units/${sec.homeUnitId}/meetings`, {
      headers: bithu.csrf,
      data: {
        kind: 'extraordinary',
        scheduledAt: fromNow(5),
        title: 'Sinh hoạt bất thường: điểm danh trên điện thoại',
        place: 'Nhà văn hóa khu phố 1',
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const meetingId = ((await made.json()) as { id: number }).id;
    const started = await bithu.request.post(`/api/meetings/${meetingId}/start`, { headers: bithu.csrf });
    expect(started.status(), await started.text()).toBe(200);
    const open = await detail(bithu, meetingId);
    expect(open.checkinCode).toMatch(/^\d{6}$/);

    // The member logs in on their phone and lands on "Của tôi", the check-in card first.
    const page = await phone();
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('dangvien1');
    await page.locator('input[type="password"]').fill('chibo-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.pathname === '/cua-toi');
    const card = page.getByTestId('my-checkin').filter({ hasText: open.title });
    await card.waitFor();
    const first = await page
      .getByTestId('my-page')
      .evaluate((el) => (el.firstElementChild as HTMLElement | null)?.dataset.testid);
    expect(first).toBe('my-checkin');
    const box = (await card.boundingBox())!;
    expect(box.y).toBeLessThan(200);
    expect(await card.textContent()).toContain('Nhà văn hóa khu phố 1');
    expect(await axeMine(page)).toEqual([]);
    await noSidewaysScroll(page);
    await screenshot(page, 'dien-thoai-cua-toi-diem-danh');

    // Three steps: tap the first box, type the six digits, tap "Điểm danh".
    const code = (await detail(bithu, meetingId)).checkinCode!;
    await card.getByRole('textbox', { name: 'Mã điểm danh, chữ số 1 trên 6' }).tap();
    await page.keyboard.type(code);
    await card.getByRole('button', { name: 'Điểm danh' }).tap();
    await expect.poll(() => card.getByTestId('checkin-result').getAttribute('data-ok')).toBe('true');
    expect(await card.textContent()).toContain('Đã điểm danh');
    // After a reload the card says so with the time, instead of the form.
    await page.reload();
    await page.getByTestId('checkin-done').waitFor();
    expect(await page.getByTestId('checkin-done').textContent()).toMatch(/Đã điểm danh lúc \d{2}:\d{2}/);
    expect(await page.getByTestId('checkin-input').count()).toBe(0);

    // The secretary marks the rest, signs and adopts: the meeting ends then.
    const roster = (await detail(bithu, meetingId)).attendance.members;
    const items = roster
      .filter((r) => r.category === 'member' && !r.away && !r.status)
      .map((r) => ({ memberId: r.memberId, status: 'present' }));
    const marked = await bithu.request.put(`/api/meetings/${meetingId}/attendance`, {
      headers: bithu.csrf,
      data: { items },
    });
    expect(marked.status(), await marked.text()).toBe(200);
    // The member takes the minutes this time: chair and secretary each sign with their account.
    const dv = await apiAs('dangvien1');
    const mine = (await (await dv.request.get('/api/me')).json()) as { member: { id: number } };
    await bithu.request.patch(`/api/meetings/${meetingId}`, {
      headers: bithu.csrf,
      data: { chairMemberId: sec.member.id, secretaryMemberId: mine.member.id },
    });
    for (const s of [bithu, dv]) {
      const signed = await s.request.post(`/api/meetings/${meetingId}/record/sign`, { headers: s.csrf });
      expect(signed.status(), await signed.text()).toBe(200);
    }
    const adopted = await bithu.request.post(`/api/meetings/${meetingId}/record/adopt`, {
      headers: bithu.csrf,
    });
    expect(adopted.status(), await adopted.text()).toBe(200);

    // The check-in page (the QR link again) says it is over, with the time; no code form.
    await page.goto(`/diem-danh/${meetingId}?ma=123456`);
    await page.getByTestId('checkin-closed').waitFor();
    expect(await page.getByTestId('checkin-closed').getAttribute('data-state')).toBe('ended');
    expect(await page.getByTestId('checkin-closed').textContent()).toMatch(
      /Cuộc họp đã kết thúc lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    expect(await page.getByTestId('checkin-input').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Điểm danh', exact: true }).count()).toBe(0);
    expect(await axeMine(page)).toEqual([]);
    await noSidewaysScroll(page);
    await screenshot(page, 'dien-thoai-hop-da-ket-thuc');

    // Back on "Của tôi": the meeting is among the recent ones, with the nghị quyết to download.
    await page.getByRole('link', { name: 'Về trang của tôi' }).tap();
    await page.waitForURL((u) => u.pathname === '/cua-toi');
    const recent = page.getByTestId('my-recent-meeting').filter({ hasText: open.title });
    await recent.waitFor();
    expect(await page.getByTestId('my-checkin').count()).toBe(0);
    await recent.scrollIntoViewIfNeeded();
    await screenshot(page, 'dien-thoai-tai-nghi-quyet');
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      recent.getByRole('link', { name: 'Tải nghị quyết (Word)' }).tap(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/^Nghi-quyet-.*\d{4}-\d{2}-\d{2}\.docx$/);
    expect(docx.suggestedFilename()).not.toMatch(/du-thao/);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      recent.getByRole('link', { name: 'Tải nghị quyết (PDF)' }).tap(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^Nghi-quyet-.*\.pdf$/);
    expect(await axeMine(page)).toEqual([]);
    await noSidewaysScroll(page);

    // A toast appears at the bottom: the header (menu, bell) stays free.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page
      .getByTestId('my-calendar')
      .getByRole('button', { name: 'Thu hồi đường dẫn' })
      .scrollIntoViewIfNeeded();
    await page.getByTestId('my-calendar').getByRole('button', { name: 'Thu hồi đường dẫn' }).tap();
    const toast = page.locator('.mantine-Notification-root').first();
    await toast.waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400); // the toast slides in
    const header = (await page.locator('header').first().boundingBox())!;
    const t = (await toast.boundingBox())!;
    expect(t.y).toBeGreaterThanOrEqual(header.y + header.height);
    expect(t.y + t.height).toBeLessThanOrEqual(740);
    await screenshot(page, 'dien-thoai-toast');
    expect(problems).toEqual([]);
  });
  it('on a phone the task deadline opens as a dialog on the meeting’s month, not over the form', async () => {
    const bithu = await apiAs('bithu1');
    const sec = (await (await bithu.request.get('/api/me')).json()) as { homeUnitId: number };
    const made = await bithu.request.post(`/api/org-units/${sec.homeUnitId}/meetings`, {
      headers: bithu.csrf,
      data: { kind: 'extraordinary', scheduledAt: fromNow(5), title: 'Sinh hoạt bất thường: giao nhiệm vụ' },
    });
    expect(made.status(), await made.text()).toBe(201);
    const meetingId = ((await made.json()) as { id: number }).id;
    const started = await bithu.request.post(`/api/meetings/${meetingId}/start`, { headers: bithu.csrf });
    expect(started.status(), await started.text()).toBe(200);
    const { scheduledAt } = (await (await bithu.request.get(`/api/meetings/${meetingId}`)).json()) as {
      scheduledAt: string;
    };
    const page = await phone();
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('bithu1');
    await page.locator('input[type="password"]').fill('chibo-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
    await page.goto(`/sinh-hoat/${meetingId}`);
    // On a phone the meeting's sections are an accordion; a running meeting opens on "Điều hành".
    const run = page.getByTestId('meeting-sections').getByRole('button', { name: 'Điều hành' });
    await run.waitFor();
    if ((await run.getAttribute('aria-expanded')) !== 'true') await run.tap();
    const form = page.getByTestId('task-form');
    await form.scrollIntoViewIfNeeded();
    expect(await axeViolations(page, { include: '[data-testid="tasks"]' })).toEqual([]);
    await form.getByRole('button', { name: /Thời hạn/ }).tap();
    const dialog = page.getByRole('dialog', { name: 'Thời hạn' });
    await dialog.waitFor();
    // The meeting's month: its 15th is a day of the calendar shown.
    const [y, mo] = scheduledAt.slice(0, 7).split('-');
    await dialog.getByRole('button', { name: `15/${mo}/${y}`, exact: true }).waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await page.waitForTimeout(400); // the dialog fades in
    expect(await axeViolations(page, { include: '[role="dialog"]' })).toEqual([]);
    await screenshot(page, 'dien-thoai-thoi-han-nhiem-vu');
    await dialog.getByRole('button', { name: `15/${mo}/${y}`, exact: true }).tap();
    await dialog.waitFor({ state: 'hidden' });
    expect(await form.getByRole('button', { name: /Thời hạn/ }).textContent()).toContain(`15/${mo}/${y}`);
    await noSidewaysScroll(page);
    expect(problems).toEqual([]);
  });
  it('before the start the check-in page says when it opens, with no code form', async () => {
    const bithu = await apiAs('bithu1');
    const sec = (await (await bithu.request.get('/api/me')).json()) as { homeUnitId: number };
    const made = await bithu.request.post(`/api/org-units/${sec.homeUnitId}/meetings`, {
      headers: bithu.csrf,
      data: {
        kind: 'extraordinary',
        scheduledAt: fromNow(2 * 24 * 60),
        title: 'Sinh hoạt bất thường: chưa bắt đầu',
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const meetingId = ((await made.json()) as { id: number }).id;
    const page = await phone();
    await page.goto(`/diem-danh/${meetingId}`);
    await page.waitForURL(/\/dang-nhap\?next=/);
    await page.getByLabel('Tên đăng nhập').fill('dangvien1');
    await page.locator('input[type="password"]').fill('chibo-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.pathname === `/diem-danh/${meetingId}`);
    const closed = page.getByTestId('checkin-closed');
    await closed.waitFor();
    expect(await closed.getAttribute('data-state')).toBe('not-yet');
    expect(await closed.textContent()).toMatch(
      /Chưa đến giờ điểm danh — mở lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    expect(await page.getByTestId('checkin-input').count()).toBe(0);
    expect(await axeMine(page)).toEqual([]);
    await noSidewaysScroll(page);
    expect(problems).toEqual([]);
  });
});
