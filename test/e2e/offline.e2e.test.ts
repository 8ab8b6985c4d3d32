/**
 * The installable, offline app (issue 13, point 3; ADR 040), on a 360 × 740 phone shared by two
 * members: the first reads "Của tôi" and their meeting's documents, loses the network and still
 * reads them with the time of the copy; after logging out nothing of theirs is left (offline: the
 * login page only); the second member, on the same phone, never sees the first one's copy, which
 * also goes when the session ends on the server (a 401 from /api/me).
 * Runs the BUILT app, whose service worker (web/public/sw.js) is what is tested.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { setupJourney } from './support/journey.js';

const { session, shot, problems: pageProblems } = setupJourney();

const NOTICE = /^Bạn đang ngoại tuyến — bản lưu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/;

/** The names of the offline copies (one Cache Storage cache per user) and the URLs each holds. */
async function copies(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const key of await caches.keys()) {
      if (!key.startsWith('chibo-user-')) continue;
      const cache = await caches.open(key);
      out[key] = (await cache.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    return out;
  });
}

/** A GET from the page (through its service worker): status, the copy's stamp, the first bytes. */
async function read(page: Page, url: string) {
  return page.evaluate(async (u) => {
    const res = await fetch(u).catch(() => null);
    if (!res) return { status: 0, copiedAt: null, head: '' };
    const bytes = new Uint8Array(await res.arrayBuffer()).subarray(0, 5);
    return {
      status: res.status,
      copiedAt: res.headers.get('x-chibo-copied-at'),
      head: String.fromCharCode(...bytes),
    };
  }, url);
}

async function login(page: Page, username: string) {
  await page.goto('/dang-nhap');
  // The service worker takes control of the page (clients.claim) before anything is kept.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.locator('input[type="password"]').fill('chibo-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

/** Opens Của tôi and waits until the copy holds the meetings, a document and the adopted minutes. */
async function readMyPage(page: Page): Promise<{ name: string; cache: string; documentUrl: string }> {
  await page.goto('/cua-toi');
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: 'Xin chào' }).waitFor();
  const name = ((await heading.textContent()) ?? '').replace('Xin chào, ', '').trim();
  const doc = page.getByTestId('my-upcoming').locator('a[href*="/documents/"]').first();
  await doc.waitFor();
  const documentUrl = (await doc.getAttribute('href'))!;
  let held: Record<string, string[]> = {};
  await expect
    .poll(
      async () => {
        held = await copies(page);
        const urls = Object.values(held).flat();
        return (
          urls.includes('/api/me') &&
          urls.some((u) => u.startsWith('/api/me/meetings')) &&
          urls.includes(documentUrl) &&
          urls.some((u) => u.endsWith('/minutes.pdf'))
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const keys = Object.keys(held);
  expect(keys).toHaveLength(1);
  return { name, cache: keys[0]!, documentUrl };
}

describe('installable and offline for the member', () => {
  it('keeps a member’s meetings, documents and adopted minutes offline, with the time of the copy, and forgets them on logout; the next member never sees them', async () => {
    const page = await session({ mobile: true });
    await page.setViewportSize({ width: 360, height: 740 });
    const context = page.context();

    // ---- the first member, online ----------------------------------------------------------------
    await login(page, 'dangvien1');
    const first = await readMyPage(page);
    const me = await read(page, '/api/me');
    expect(me.status).toBe(200);
    // The copy of /api/me holds no identity number.
    const kept = await page.evaluate(async (name) => {
      const res = await (await caches.open(name)).match('/api/me');
      return (await res!.json()) as { member: Record<string, unknown> | null };
    }, first.cache);
    expect(kept.member).not.toBeNull();
    expect(kept.member).not.toHaveProperty('nationalId');
    expect(kept.member).not.toHaveProperty('cardNumber');
    expect(Object.values(await copies(page)).flat()).not.toContain('/api/me/calendar-token');
    // Online: no notice.
    expect(await page.getByTestId('offline-banner').count()).toBe(0);

    // ---- offline: the same page from the copy ---------------------------------------------------
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Xin chào, ${first.name}` }).waitFor();
    const banner = page.getByTestId('offline-banner');
    await expect.poll(async () => (await banner.locator('p').first().textContent())?.trim()).toMatch(NOTICE);
    await page.getByTestId('my-upcoming').locator(`a[href="${first.documentUrl}"]`).waitFor();
    const doc = await read(page, first.documentUrl);
    expect(doc.status).toBe(200);
    expect(doc.head).toBe('%PDF-');
    expect(doc.copiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const minutesUrl = Object.values(await copies(page))
      .flat()
      .find((u) => u.endsWith('/minutes.pdf'))!;
    const minutes = await read(page, minutesUrl);
    expect(minutes.status).toBe(200);
    expect(minutes.head).toBe('%PDF-');
    // Only the member's own reads are kept: the rest of the API is simply not there offline.
    expect((await read(page, '/api/org-units')).status).toBe(0);
    // The notice passes axe (the rest of Của tôi is another suite's, test/e2e/a11y.e2e.test.ts).
    expect(await axeViolations(page, { include: '[data-testid="offline-banner"]' })).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'ngoai-tuyen-cua-toi');

    // ---- logout (online): nothing of theirs is left --------------------------------------------------
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Xin chào, ${first.name}` }).waitFor();
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/dang-nhap/);
    expect(await copies(page)).toEqual({});
    await context.setOffline(true);
    await page.goto('/cua-toi');
    await page.waitForURL(/\/dang-nhap/);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(first.name);
    expect((await read(page, '/api/me/meetings')).status).toBe(503);
    expect((await read(page, first.documentUrl)).status).toBe(503);
    expect(await copies(page)).toEqual({});

    // ---- a second member on the same phone --------------------------------------------------------
    await context.setOffline(false);
    await login(page, 'bithu1');
    const second = await readMyPage(page);
    expect(second.name).not.toBe(first.name);
    expect(second.cache).not.toBe(first.cache);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Xin chào, ${second.name}` }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(first.name);
    expect(Object.keys(await copies(page))).toEqual([second.cache]);
    const secondMe = await page.evaluate(
      async () => (await (await fetch('/api/me')).json()) as { user: { id: number } },
    );
    expect(`chibo-user-${secondMe.user.id}`).toBe(second.cache);
    await context.setOffline(false);

    // ---- the session ends on the server (401 from /api/me): the copy goes too --------------------
    await context.clearCookies();
    await page.reload();
    await page.waitForURL(/\/dang-nhap/);
    await expect.poll(() => copies(page)).toEqual({});

    expect(pageProblems).toEqual([]);
  });
});
