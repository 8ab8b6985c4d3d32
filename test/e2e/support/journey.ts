/**
 * What every browser journey shares: chibo and Chromium started before the file's tests and
 * stopped after them, sessions whose script errors and CSP refusals are recorded (the strict CSP
 * must not break the app), API sessions logged in with their CSRF token, and screenshots taken
 * without the toasts of earlier steps.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, newSession, screenshot } from './browser.js';
import { type RunningChibo, startChibo } from './server.js';

export interface ApiSession {
  request: APIRequestContext;
  csrf: { 'X-CSRF-Token': string };
}

export interface Journey {
  /** A fresh browser session (its own cookies), phone-sized when `mobile`, watched for problems. */
  session(opts?: { mobile?: boolean }): Promise<Page>;
  /** An API session of its own (no page), logged in through the API. */
  apiAs(username: string, password?: string): Promise<ApiSession>;
  /** Closes the notifications (they queue beyond three) and saves the screenshot. */
  shot(page: Page, name: string): Promise<void>;
  /** Script errors and CSP refusals seen in any page of the journey. */
  readonly problems: string[];
  baseUrl(): string;
}

/** Registers the beforeAll/afterAll hooks of a journey file and returns its helpers. */
export function setupJourney(): Journey {
  let chibo: RunningChibo;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    chibo = await startChibo();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await chibo?.stop();
  });

  async function session(opts: { mobile?: boolean } = {}): Promise<Page> {
    const s = await newSession(browser, chibo.baseUrl, opts);
    contexts.push(s.context);
    s.page.on('pageerror', (e) => problems.push(`${s.page.url()}: ${e.message}`));
    s.page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) {
        problems.push(`${s.page.url()}: ${m.text()}`);
      }
    });
    return s.page;
  }

  async function apiAs(username: string, password = 'chibo-demo'): Promise<ApiSession> {
    const ctx = await browser.newContext({ baseURL: chibo.baseUrl });
    contexts.push(ctx);
    const login = await ctx.request.post('/api/auth/login', { data: { username, password } });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return { request: ctx.request, csrf: { 'X-CSRF-Token': csrfToken } };
  }

  async function shot(page: Page, name: string): Promise<void> {
    const close = page.locator('.mantine-Notification-closeButton');
    // Closing animates: on a loaded machine it takes longer than the default 5 s poll.
    await expect
      .poll(
        async () => {
          for (const b of await close.all()) await b.click({ timeout: 1000 }).catch(() => {});
          return close.count();
        },
        { timeout: 20_000 },
      )
      .toBe(0);
    await screenshot(page, name);
  }

  return { session, apiAs, shot, problems, baseUrl: () => chibo.baseUrl };
}
