/**
 * "Mã truy cập API" (issue 13 item 6, ADR 039) in the BUILT app: reached from the account menu,
 * a token is created and its secret shown once with a copy button, the secret works as
 * `Authorization: Bearer` on the API, a token is revoked after a confirm; axe-clean, and usable
 * on a 360 px phone. Screenshots: docs/screenshots/ma-truy-cap-api(-dien-thoai).png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

const { session, shot, problems, baseUrl } = setupJourney();

async function createToken(page: Page, name: string, lifetime?: string) {
  await page.getByLabel('Tên gợi nhớ').fill(name);
  if (lifetime) {
    await page.getByRole('combobox', { name: 'Thời hạn' }).click();
    await page.getByRole('option', { name: lifetime }).click();
  }
  await page.getByRole('button', { name: 'Tạo mã' }).click();
  const secret = page.getByTestId('api-token-secret');
  await expect.poll(() => secret.inputValue(), { timeout: 15_000 }).toMatch(/^chibo_pat_/);
  return secret.inputValue();
}

describe('personal API tokens page', () => {
  it('creates a token from the account menu, shows it once, it works as a bearer token, revokes one', async () => {
    const page = await session();
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, 'danguy');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Mã truy cập API' }).click();
    await page.waitForURL('**/ca-nhan/ma-truy-cap');
    await page.getByText('Bạn chưa tạo mã truy cập nào.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toContain('Mã truy cập API');

    const old = await createToken(page, 'Thử nghiệm cũ', '30 ngày');
    await page.getByRole('button', { name: 'Tôi đã lưu mã' }).click();
    expect(await page.getByTestId('api-token-secret').count()).toBe(0);

    const secret = await createToken(page, 'Đồng bộ CSDL đảng viên');
    expect(await page.getByText('Sao chép mã ngay: mã này sẽ không hiện lại').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sao chép mã' }).count()).toBe(1);

    // The secret works server to server, without cookie or CSRF token.
    const me = await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('danguy');
    await page.reload();
    // After a reload the secret is gone for good; the list shows the prefix only.
    await page.getByText(`${secret.slice(0, 16)}…`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('api-token-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByText(`${secret.slice(0, 16)}…`).count()).toBe(1);

    // Revoke the older one, after a confirm.
    const card = page.getByRole('article', { name: 'Thử nghiệm cũ' });
    await card.getByRole('button', { name: /Thu hồi/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thu hồi mã' }).click();
    await expect.poll(() => card.getByText('Đã thu hồi').count(), { timeout: 15_000 }).toBe(1);
    const refused = await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${old}` } });
    expect(refused.status).toBe(401);

    expect(await axeViolations(page, { include: 'main' })).toEqual([]);
    // The screenshot shows a fresh secret as it appears once.
    await createToken(page, 'Báo cáo tự động', '90 ngày');
    expect(await axeViolations(page, { include: 'main' })).toEqual([]);
    await shot(page, 'ma-truy-cap-api');
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const page = await session({ mobile: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await loginAs(page, 'danguy');
    await page.goto('/ca-nhan/ma-truy-cap');
    await createToken(page, 'Đồng bộ trên điện thoại');
    await expect.poll(() => page.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page, { include: 'main' })).toEqual([]);
    // The secret, its warning and the copy button fill the phone's screen.
    await page.getByTestId('api-token-created').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -76); // below the sticky header
    });
    await shot(page, 'ma-truy-cap-api-dien-thoai');
    expect(problems).toEqual([]);
  });
});
