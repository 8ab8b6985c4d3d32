/**
 * Accessibility of the whole app (issue 13 item 4, ADR 041), on the demo data:
 *  - axe-core's WCAG 2.2 AA rule set finds nothing on every page of the app, each opened as the
 *    role that uses it, on a laptop (1280×800) and on a phone (360×740, touch);
 *  - a keyboard-only journey: signing in, "Của tôi" and a committee page reached with Tab and
 *    Enter alone, every stop showing a focus ring;
 *  - text at 200 %: nothing clipped, no sideways scrolling of the page;
 *  - on a phone every control is a touch target of at least 44×44 px.
 * Runs the BUILT app (`npm run build`, or CHIBO_E2E_DIST=<dir> after scripts/build-into.sh).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations } from './support/axe.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { type RunningChibo, startChibo } from './support/server.js';

vi.setConfig({ hookTimeout: 300_000, testTimeout: 300_000 });

type Role = 'anonymous' | 'dangvien1' | 'bithu1' | 'danguy' | 'giamsat1' | 'quantri';
type Viewport = 'desktop' | 'phone';

const VIEWPORTS: Record<Viewport, Parameters<Browser['newContext']>[0]> = {
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
};

interface Ids {
  ward: number;
  cell: number;
  memberSelf: number;
  memberOther: number;
  meetings: { label: string; id: number }[];
  checkIn: number;
  directive: number;
  plan: number;
  inspection: number;
  modelMeeting: number;
  year: number;
}

interface Target {
  name: string;
  role: Role;
  path: (ids: Ids) => string;
}

/** The pages of the app (web/src/app/App.tsx), each as the person who uses it. */
const PAGES: Target[] = [
  { name: 'đăng nhập', role: 'anonymous', path: () => '/dang-nhap' },
  { name: 'Của tôi', role: 'dangvien1', path: () => '/cua-toi' },
  { name: 'hồ sơ của tôi', role: 'dangvien1', path: (i) => `/dang-vien/${i.memberSelf}` },
  { name: 'điểm danh', role: 'dangvien1', path: (i) => `/diem-danh/${i.checkIn}` },
  { name: 'kiểm điểm của tôi', role: 'dangvien1', path: () => '/kiem-diem' },
  { name: 'bản kiểm điểm năm', role: 'dangvien1', path: (i) => `/kiem-diem/${i.year}` },
  { name: 'chi bộ', role: 'bithu1', path: (i) => `/don-vi/${i.cell}` },
  { name: 'hồ sơ đảng viên', role: 'bithu1', path: (i) => `/dang-vien/${i.memberOther}` },
  { name: 'chi ủy', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/chi-uy` },
  { name: 'đảng phí chi bộ', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/dang-phi` },
  { name: 'chương trình công tác', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/chuong-trinh/${i.year}` },
  { name: 'họp kiểm điểm chi bộ', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/kiem-diem/${i.year}` },
  { name: 'thêm đảng viên', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/them-dang-vien` },
  { name: 'tổ chức đoàn thể', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/to-chuc` },
  { name: 'nhập đảng viên', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/nhap-dang-vien` },
  { name: 'đảng bộ', role: 'danguy', path: (i) => `/don-vi/${i.ward}` },
  { name: 'tổng quan', role: 'danguy', path: (i) => `/tong-quan/${i.ward}` },
  { name: 'văn bản', role: 'danguy', path: (i) => `/don-vi/${i.ward}/van-ban` },
  { name: 'một văn bản', role: 'danguy', path: (i) => `/van-ban/${i.directive}` },
  { name: 'kế hoạch', role: 'danguy', path: (i) => `/don-vi/${i.ward}/ke-hoach` },
  { name: 'một kế hoạch', role: 'danguy', path: (i) => `/ke-hoach/${i.plan}` },
  { name: 'chương trình các chi bộ', role: 'danguy', path: (i) => `/don-vi/${i.ward}/chuong-trinh` },
  { name: 'kiểm tra giám sát', role: 'danguy', path: (i) => `/don-vi/${i.ward}/kiem-tra` },
  { name: 'một cuộc kiểm tra', role: 'danguy', path: (i) => `/kiem-tra/${i.inspection}` },
  { name: 'báo cáo', role: 'danguy', path: (i) => `/don-vi/${i.ward}/bao-cao` },
  { name: 'đợt đánh giá', role: 'danguy', path: (i) => `/don-vi/${i.ward}/dot-danh-gia` },
  { name: 'thống kê xếp loại', role: 'danguy', path: (i) => `/don-vi/${i.ward}/xep-loai/${i.year}` },
  {
    name: 'quyết định xếp loại',
    role: 'danguy',
    path: (i) => `/don-vi/${i.ward}/xep-loai/${i.year}/quyet-dinh`,
  },
  { name: 'khen thưởng', role: 'danguy', path: (i) => `/khen-thuong/${i.ward}` },
  { name: 'sinh hoạt mẫu', role: 'danguy', path: () => '/sinh-hoat-mau' },
  { name: 'một buổi sinh hoạt mẫu', role: 'danguy', path: (i) => `/sinh-hoat-mau/${i.modelMeeting}` },
  { name: 'đảng phí đảng bộ', role: 'danguy', path: (i) => `/don-vi/${i.ward}/dang-phi` },
  { name: 'xuất tệp', role: 'danguy', path: () => '/xuat-tep' },
  { name: 'giám sát', role: 'giamsat1', path: () => '/giam-sat' },
  { name: 'tài khoản', role: 'quantri', path: () => '/tai-khoan' },
  { name: 'nhật ký', role: 'quantri', path: () => '/nhat-ky' },
  { name: 'bộ tiêu chí', role: 'quantri', path: () => '/bo-tieu-chi' },
  { name: 'lịch nghỉ', role: 'quantri', path: () => '/lich-nghi' },
  { name: 'không tìm thấy', role: 'bithu1', path: () => '/khong-co-trang-nay' },
];

let chibo: RunningChibo;
let browser: Browser;
let ids: Ids;
const contexts = new Map<string, BrowserContext>();
const problems: string[] = [];
const watched = new WeakSet<Page>();

async function apiJson<T>(ctx: BrowserContext, path: string): Promise<T> {
  const res = await ctx.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** One logged-in browser context per role and viewport, reused by every check. */
async function contextFor(role: Role, viewport: Viewport): Promise<BrowserContext> {
  const key = `${role}:${viewport}`;
  const cached = contexts.get(key);
  if (cached) return cached;
  const ctx = await browser.newContext({
    baseURL: chibo.baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    deviceScaleFactor: 1,
    ...VIEWPORTS[viewport],
  });
  if (role !== 'anonymous') {
    const login = await ctx.request.post('/api/auth/login', {
      data: { username: role, password: 'chibo-demo' },
    });
    expect(login.status(), `đăng nhập ${role}`).toBe(200);
  }
  contexts.set(key, ctx);
  return ctx;
}

async function pageFor(role: Role, viewport: Viewport): Promise<Page> {
  const ctx = await contextFor(role, viewport);
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  if (!watched.has(page)) {
    watched.add(page);
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  }
  return page;
}

/** Opens a page and waits for its real content: a heading, and no loader left in it. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('main h1, main h2, h1').first().waitFor({ state: 'visible', timeout: 30_000 });
  await expect
    .poll(() => page.locator('.mantine-Loader-root:visible, [role="status"] .mantine-Loader-root').count(), {
      timeout: 30_000,
    })
    .toBe(0);
  // Fonts and transitions settled: axe's contrast check reads the colours as painted.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

beforeAll(async () => {
  chibo = await startChibo();
  browser = await launchBrowser();
  const staff = await contextFor('danguy', 'desktop');
  const secretary = await contextFor('bithu1', 'desktop');
  const member = await contextFor('dangvien1', 'desktop');
  const staffMe = await apiJson<{ homeUnitId: number }>(staff, '/api/me');
  const secMe = await apiJson<{ homeUnitId: number; member: { id: number } }>(secretary, '/api/me');
  const memberMe = await apiJson<{ member: { id: number } }>(member, '/api/me');
  const ward = staffMe.homeUnitId;
  const cell = secMe.homeUnitId;
  const meetings = await apiJson<{
    items: { id: number; status: string; kind: string; scheduledAt: string }[];
  }>(secretary, `/api/org-units/${cell}/meetings`);
  // A meeting in each phase the demo holds (held, planned, …) and a committee meeting.
  const byPhase = new Map<string, number>();
  for (const m of meetings.items) {
    const key = m.kind === 'committee' ? `committee:${m.status}` : m.status;
    if (!byPhase.has(key)) byPhase.set(key, m.id);
  }
  const upcoming = meetings.items.find((m) => m.status !== 'held' && m.kind !== 'committee');
  const directives = await apiJson<{ items: { id: number }[] }>(staff, `/api/org-units/${ward}/directives`);
  const plans = await apiJson<{ items: { id: number }[] }>(staff, `/api/org-units/${ward}/plans`);
  const inspections = await apiJson<{ items: { id: number; status: string }[] }>(
    staff,
    `/api/org-units/${ward}/inspections`,
  );
  const models = await apiJson<{ items: { meetingId: number }[] }>(
    staff,
    `/api/org-units/${ward}/model-meetings`,
  );
  const members = await apiJson<{ items: { id: number }[] }>(secretary, `/api/org-units/${cell}/members`);
  ids = {
    ward,
    cell,
    memberSelf: memberMe.member.id,
    memberOther: members.items.find((m) => m.id !== secMe.member.id)!.id,
    meetings: [...byPhase].map(([label, id]) => ({ label, id })),
    checkIn: (upcoming ?? meetings.items[0]!).id,
    directive: directives.items[0]!.id,
    plan: plans.items[0]!.id,
    inspection: (inspections.items.find((x) => x.status !== 'planned') ?? inspections.items[0]!).id,
    modelMeeting: models.items[0]!.meetingId,
    year: Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4)),
  };
});

afterAll(async () => {
  for (const c of contexts.values()) await c.close().catch(() => {});
  await browser?.close();
  await chibo?.stop();
});

function allTargets(): Target[] {
  const meetingPages: Target[] = ids.meetings.map((m) => ({
    name: `cuộc họp (${m.label})`,
    role: 'bithu1',
    path: () => `/sinh-hoat/${m.id}`,
  }));
  return [...PAGES, ...meetingPages];
}

describe('axe-core, WCAG 2.2 AA, every page', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`finds no violation on any page (${viewport})`, async () => {
      const found: Record<string, string[]> = {};
      let checked = 0;
      let total = 0;
      for (const t of allTargets()) {
        const page = await pageFor(t.role, viewport);
        const path = t.path(ids);
        const violations = await open(page, path)
          .then(() => axeViolations(page))
          .catch((e: Error) => [`không mở được: ${e.message.split('\n')[0]}`]);
        checked++;
        total += violations.length;
        if (violations.length) found[`${t.name} ${path} (${t.role})`] = violations;
      }
      console.info(`a11y ${viewport}: ${checked} trang, ${total} vi phạm`);
      expect(checked).toBeGreaterThanOrEqual(24);
      // A11Y_REPORT=<path prefix>: the violations as JSON, one file per viewport (to count them).
      if (process.env.A11Y_REPORT) {
        (await import('node:fs')).writeFileSync(
          process.env.A11Y_REPORT + viewport,
          JSON.stringify(found, null, 1),
        );
      }
      expect(found).toEqual({});
      expect(problems).toEqual([]);
    });
  }
});

describe('an open calendar', () => {
  it('has no violation in either viewport: named arrows and days, readable days (the unit page’s date)', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await pageFor('danguy', viewport);
      await open(page, `/don-vi/${ids.cell}`);
      await page.getByRole('button', { name: /Tính đến ngày/ }).click();
      const calendar = page
        .locator('[data-dates-dropdown], .mantine-Popover-dropdown, .mantine-Modal-content')
        .last();
      await calendar.getByRole('button', { name: 'Tháng trước' }).waitFor();
      expect(await axeViolations(page), viewport).toEqual([]);
      await page.keyboard.press('Escape');
    }
  });
});

/** Where focus is, and whether it shows: an outline or a box-shadow drawn by :focus-visible. */
async function focused(page: Page): Promise<{ text: string; tag: string; ring: boolean; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { text: '', tag: 'body', ring: false, visible: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    return {
      text: (el.getAttribute('aria-label') ?? (label || el.textContent) ?? '').replace(/\s+/g, ' ').trim(),
      tag: el.tagName.toLowerCase(),
      ring: el.matches(':focus-visible') && (outline || shadow),
      visible: el.getBoundingClientRect().width > 0,
    };
  });
}

/** Presses Tab until the focused element's name matches; every stop on the way shows its focus. */
async function tabTo(page: Page, name: RegExp, noRing: string[], max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag !== 'body' && f.visible && !f.ring)
      noRing.push(`${page.url()} ${f.tag} «${f.text.slice(0, 60)}»`);
    if (name.test(f.text)) return;
  }
  throw new Error(`Tab không tới được ${name} sau ${max} lần bấm (${page.url()})`);
}

describe('keyboard only', () => {
  it('signs in, opens "Của tôi" and the chi ủy page with Tab and Enter, focus always visible', async () => {
    const ctx = await browser.newContext({
      baseURL: chibo.baseUrl,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...VIEWPORTS.desktop,
    });
    contexts.set('keyboard', ctx);
    const page = await ctx.newPage();
    const noRing: string[] = [];
    await page.goto('/dang-nhap');
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (!/Tên đăng nhập/.test((await focused(page)).text)) await tabTo(page, /Tên đăng nhập/, noRing);
    await page.keyboard.type('bithu1');
    await tabTo(page, /Mật khẩu/, noRing);
    await page.keyboard.type('chibo-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
    await page.locator('main h1').first().waitFor();

    await tabTo(page, /^Của tôi$/, noRing);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cua-toi$/);
    await expect.poll(() => page.locator('main h1').first().textContent()).toMatch(/\S/);

    // The committee's page: the unit tree's cell, then the unit page's "Chi ủy".
    await tabTo(page, /^Chi bộ Khu phố 1/, noRing);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/don-vi/${ids.cell}$`));
    await page.locator('main h1').first().waitFor();
    await tabTo(page, /^Chi ủy$/, noRing);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/don-vi/${ids.cell}/chi-uy$`));
    await page.getByRole('heading', { level: 1, name: /Chi ủy/ }).waitFor();
    expect(noRing).toEqual([]);
  });
});

/** Text clipped by an `overflow: hidden` box, and the page's sideways scroll, at the current size. */
async function clipping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (window.scrollX > 0) out.push(`trang bị đẩy ngang ${window.scrollX} px`);
    if (Math.max(doc.scrollWidth, document.body.scrollWidth) > window.innerWidth + 1) {
      // Name the outermost boxes that stick out of a box that fits, so the message says what to fix.
      const wide = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter(
        (el) =>
          el.getBoundingClientRect().right > window.innerWidth + 1 &&
          (el.parentElement?.getBoundingClientRect().right ?? 0) <= window.innerWidth + 1 &&
          !el.parentElement?.closest('.mantine-Table-scrollContainer, .mantine-ScrollArea-viewport'),
      );
      const names = wide
        .slice(0, 4)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} «${(el.textContent ?? '').trim().slice(0, 40)}»`,
        );
      out.push(`trang cuộn ngang: ${doc.scrollWidth} > ${window.innerWidth}: ${names.join(', ')}`);
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      if (['INPUT', 'TEXTAREA', 'SELECT', 'svg', 'IMG', 'CANVAS'].includes(el.tagName)) continue;
      const cs = getComputedStyle(el);
      if (!['hidden', 'clip'].includes(cs.overflowX) && !['hidden', 'clip'].includes(cs.overflow)) continue;
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2) continue; // text for screen readers only (1 px, 2 px at 200 %)
      if (!el.textContent?.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const cls =
          typeof el.className === 'string'
            ? el.className.split(' ').find((c) => c.startsWith('mantine-'))
            : '';
        out.push(
          `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} «${el.textContent.trim().slice(0, 50)}» ${el.scrollWidth} > ${el.clientWidth}`,
        );
      }
    }
    return out;
  });
}

const MAIN_PAGES: { name: string; role: Role; path: (i: Ids) => string; shot?: string }[] = [
  { name: 'đăng nhập', role: 'anonymous', path: () => '/dang-nhap' },
  { name: 'Của tôi', role: 'dangvien1', path: () => '/cua-toi', shot: 'cua-toi' },
  { name: 'chi bộ', role: 'bithu1', path: (i) => `/don-vi/${i.cell}`, shot: 'chi-bo' },
  { name: 'cuộc họp', role: 'bithu1', path: (i) => `/sinh-hoat/${i.meetings[0]!.id}`, shot: 'cuoc-hop' },
  { name: 'chi ủy', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/chi-uy` },
  { name: 'tổng quan', role: 'danguy', path: (i) => `/tong-quan/${i.ward}` },
  { name: 'văn bản', role: 'danguy', path: (i) => `/don-vi/${i.ward}/van-ban` },
  { name: 'đảng phí', role: 'bithu1', path: (i) => `/don-vi/${i.cell}/dang-phi` },
  { name: 'nhật ký', role: 'quantri', path: () => '/nhat-ky' },
];

describe('text at 200 %', () => {
  it('clips nothing and scrolls no page sideways at 1280 px', async () => {
    const found: Record<string, string[]> = {};
    for (const t of MAIN_PAGES) {
      const page = await pageFor(t.role, 'desktop');
      await open(page, t.path(ids));
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      // Laid out at the new size, and the shell's transitions (its padding follows the menu's
      // width) finished, before measuring.
      await page.evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      });
      const clipped = await clipping(page);
      if (clipped.length) found[`${t.name} ${t.path(ids)}`] = clipped;
      if (t.shot) await screenshot(page, `a11y-chu-200-${t.shot}`);
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
    }
    expect(found).toEqual({});
  });
});

/**
 * The controls on a phone page smaller than 44×44 px. A checkbox or radio counts with its label
 * (tapping the label ticks it). Exempt, as WCAG 2.5.8 allows: a link inside running text (its
 * block holds other words), and text kept only for screen readers (1 px boxes).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const sel =
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"]';
    const seen = new Set<Element>();
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      if (seen.has(el)) continue;
      seen.add(el);
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      if (el.closest('[aria-hidden="true"], [inert]')) continue;
      let r = el.getBoundingClientRect();
      const input = el as HTMLInputElement;
      if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')) {
        const boxes = [r, ...Array.from(input.labels ?? []).map((l) => l.getBoundingClientRect())].filter(
          (b) => b.width > 0,
        );
        if (!boxes.length) continue;
        const left = Math.min(...boxes.map((b) => b.left));
        const top = Math.min(...boxes.map((b) => b.top));
        r = new DOMRect(
          left,
          top,
          Math.max(...boxes.map((b) => b.right)) - left,
          Math.max(...boxes.map((b) => b.bottom)) - top,
        );
      } else if (r.width <= 1 || r.height <= 1) {
        continue;
      }
      if (el.tagName === 'A' && cs.display === 'inline') {
        const block = el.parentElement?.closest('p, li, td, div');
        const rest = (block?.textContent ?? '').replace(el.textContent ?? '', '');
        if (/\p{L}{2,}/u.test(rest)) continue;
      }
      if (r.width + 0.5 < 44 || r.height + 0.5 < 44) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
        const cls =
          typeof el.className === 'string'
            ? el.className.split(' ').find((c) => c.startsWith('mantine-'))
            : '';
        out.push(
          `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} «${name.slice(0, 40)}» ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return out;
  });
}

describe('touch targets on a phone', () => {
  it('are at least 44×44 px on the main pages', async () => {
    const found: Record<string, string[]> = {};
    for (const t of MAIN_PAGES) {
      const page = await pageFor(t.role, 'phone');
      await open(page, t.path(ids));
      const small = await smallTargets(page);
      if (small.length) found[`${t.name} ${t.path(ids)}`] = small;
      if (t.shot) await screenshot(page, `a11y-dien-thoai-${t.shot}`);
    }
    expect(MAIN_PAGES.length).toBeGreaterThanOrEqual(8);
    expect(found).toEqual({});
  });
});
