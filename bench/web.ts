/**
 * First load on a phone (issue 13, item 2; ADR 035). Reads the built web app (dist/web, or
 * CHIBO_E2E_DIST/web) and prints the entry chunk's sizes (with the chunks it imports statically), then starts the built server
 * (`chibo serve --demo` on a fresh PGlite) and loads two pages in Debian's Chromium under the
 * throttled phone profile, each RUNS times with an empty cache and RUNS times with a warm one:
 *
 *   - the login page (`/dang-nhap`): usable when the username field is enabled;
 *   - "Của tôi" (`/cua-toi`) as the demo member `dangvien1`, logged in through the API before the
 *     measured navigation: usable when the member's page shows its sections, no loader left;
 *   - the member's first visit as it happens: the login page on an empty cache, typing, then
 *     "Đăng nhập" → "Của tôi" usable (measured from the click).
 *
 * Profile: Lighthouse's "Slow 4G" mobile profile as DevTools applies it per request (RTT 150 ms ×
 * 3,75 = 562,5 ms, 1,6 Mbit/s × 0,9 down, 750 kbit/s × 0,9 up) and CPU slowed 4×, on a 360×740
 * touch viewport. "Usable" (time to interactive, as a member sees it) = from navigation start until
 * the page's working element is visible and the main thread then answers a task within 50 ms (no
 * long task left queued in front of a tap). Also printed: first contentful paint, bytes on the
 * wire and requests. One JSON line per page and cache state, then one summary line with targets.
 *
 *   npm run build && npx tsx bench/web.ts
 *
 * Env: RUNS (3), CHIBO_E2E_DIST (dist), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { startChibo } from '../test/e2e/support/server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.resolve(ROOT, process.env.CHIBO_E2E_DIST ?? 'dist');
const RUNS = Number(process.env.RUNS ?? 3);
const TARGET_ENTRY_GZIP_KB = 150;
const TARGET_MY_PAGE_MS = 3000;

// Lighthouse mobile "Slow 4G", DevTools (request-level) throttling constants.
const PROFILE = {
  latencyMs: 150 * 3.75,
  downloadBytesPerSec: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadBytesPerSec: ((750 * 1024) / 8) * 0.9,
  cpuSlowdown: 4,
};

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The entry script and the modules it preloads, as index.html names them, with their sizes. */
function entrySizes() {
  const web = path.join(DIST, 'web');
  const html = readFileSync(path.join(web, 'index.html'), 'utf8');
  const entry = /<script[^>]+type="module"[^>]+src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error(`Không tìm thấy script vào trong ${web}/index.html`);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]!);
  const size = (rel: string) => {
    const buf = readFileSync(path.join(web, rel));
    return {
      file: rel,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const entryFile = size(entry);
  // What the browser must fetch before anything renders: the entry, the modules it imports
  // statically (index.html preloads them), and the stylesheets.
  const js = [entry, ...preloads].map(size);
  const sum = (xs: { raw: number; gzip: number; brotli: number }[]) => ({
    files: xs.length,
    raw: xs.reduce((s, f) => s + f.raw, 0),
    gzip: xs.reduce((s, f) => s + f.gzip, 0),
    brotli: xs.reduce((s, f) => s + f.brotli, 0),
  });
  const assets = readdirSync(path.join(web, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    entry: entryFile,
    initialJs: sum(js),
    initialCss: sum(css.map(size)),
    jsChunks: assets.length,
    jsTotalRaw: assets.reduce((s, f) => s + statSync(path.join(web, 'assets', f)).size, 0),
  };
}

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: PROFILE.downloadBytesPerSec,
    uploadThroughput: PROFILE.uploadBytesPerSec,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
}

async function phoneContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}

interface Sample {
  usableMs: number;
  fcpMs: number | null;
  transferKb: number;
  requests: number;
}

/**
 * Navigates (throttled) and measures, in the page, until `ready()` holds (the working element is
 * shown, no loader left in it) and the main thread then answers a task within 50 ms.
 */
async function measure(page: Page, url: string, ready: string): Promise<Sample> {
  await throttle(page);
  await page.goto(url, { waitUntil: 'commit' });
  // Source strings, not functions: tsx's helpers (`__name`) do not exist inside the page.
  const usableMs = (await page.evaluate(`(async () => {
    const isReady = () => ${ready};
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    while (!isReady()) await frame();
    for (;;) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      if (performance.now() - t0 < 50) break;
    }
    return Math.round(performance.now());
  })()`)) as number;
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource');
    const bytes = resources.reduce((s, r) => s + r.transferSize, 0) + (nav ? nav.transferSize : 0);
    return { fcpMs: fcp ? Math.round(fcp.startTime) : null, bytes, requests: resources.length + 1 };
  })()`)) as { fcpMs: number | null; bytes: number; requests: number };
  return { usableMs, fcpMs: timing.fcpMs, transferKb: kb(timing.bytes), requests: timing.requests };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function line(obj: Record<string, unknown>): void {
  console.log(JSON.stringify(obj));
}

async function main(): Promise<void> {
  if (!existsSync(path.join(DIST, 'web/index.html')) || !existsSync(path.join(DIST, 'src/cli.js'))) {
    throw new Error(`Chưa có bản build ở ${DIST}: chạy npm run build trước.`);
  }
  const sizes = entrySizes();
  line({
    bench: 'web-entry',
    entry: sizes.entry.file,
    entryFileKb: { raw: kb(sizes.entry.raw), gzip: kb(sizes.entry.gzip), brotli: kb(sizes.entry.brotli) },
    // The entry chunk with its static imports: the JavaScript of a first visit before any page.
    entryKb: {
      files: sizes.initialJs.files,
      raw: kb(sizes.initialJs.raw),
      gzip: kb(sizes.initialJs.gzip),
      brotli: kb(sizes.initialJs.brotli),
    },
    cssKb: { files: sizes.initialCss.files, raw: kb(sizes.initialCss.raw), gzip: kb(sizes.initialCss.gzip) },
    jsChunks: sizes.jsChunks,
    jsTotalRawKb: kb(sizes.jsTotalRaw),
  });

  const app = await startChibo();
  const browser = await launchBrowser();
  const results: Record<string, number> = {};
  try {
    const pages = [
      {
        name: 'login',
        url: '/dang-nhap',
        ready: `(() => { const i = document.querySelector('input[autocomplete="username"]'); return !!i && !i.disabled && i.getBoundingClientRect().height > 0; })()`,
      },
      {
        name: 'my-page',
        url: '/cua-toi',
        user: 'dangvien1',
        ready: `(() => { const p = document.querySelector('[data-testid="my-page"]'); return !!p && !!p.querySelector('h2') && !p.querySelector('.mantine-Loader-root, [data-loading]'); })()`,
      },
    ];
    for (const p of pages) {
      for (const cache of ['cold', 'warm'] as const) {
        const samples: Sample[] = [];
        for (let i = 0; i < RUNS; i++) {
          const context = await phoneContext(browser, app.baseUrl);
          try {
            if (p.user) {
              const res = await context.request.post('/api/auth/login', {
                data: { username: p.user, password: 'chibo-demo' },
              });
              if (!res.ok()) throw new Error(`Đăng nhập ${p.user} thất bại: ${res.status()}`);
            }
            const page = await context.newPage();
            if (cache === 'warm') {
              // Fill the HTTP cache (hashed assets are immutable), unthrottled, then measure again.
              await page.goto(p.url);
              await page.evaluate(
                `(async () => { while (!(${p.ready})) await new Promise((r) => setTimeout(r, 50)); })()`,
              );
            }
            samples.push(await measure(page, p.url, p.ready));
          } finally {
            await context.close();
          }
        }
        const usable = median(samples.map((s) => s.usableMs));
        results[`${p.name}-${cache}`] = usable;
        line({
          bench: 'web-load',
          page: p.name,
          url: p.url,
          cache,
          runs: RUNS,
          profile: 'Slow 4G (562,5 ms, 1,47 Mbit/s) + CPU 4×, 360×740',
          usableMsMedian: usable,
          usableMs: samples.map((s) => s.usableMs),
          fcpMsMedian: samples.some((s) => s.fcpMs !== null)
            ? median(samples.flatMap((s) => (s.fcpMs === null ? [] : [s.fcpMs])))
            : null,
          transferKbMedian: median(samples.map((s) => s.transferKb)),
          requestsMedian: median(samples.map((s) => s.requests)),
        });
      }
    }

    // The member's real first visit: the login page on an empty cache, ~5 s to type the name and
    // password (the page fetches the shell meanwhile, ADR 035), then "Đăng nhập" → "Của tôi".
    // Measured from the click until Của tôi is usable.
    const myReady = pages[1]!.ready;
    const flow: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await phoneContext(browser, app.baseUrl);
      try {
        const page = await context.newPage();
        await throttle(page);
        await page.goto('/dang-nhap');
        await page.getByLabel('Tên đăng nhập').fill('dangvien1');
        await page.getByLabel('Mật khẩu').fill('chibo-demo');
        await page.waitForTimeout(5000);
        const t0 = Date.now();
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.waitForURL(/\/cua-toi$/, { timeout: 60_000 });
        await page.evaluate(
          `(async () => { while (!(${myReady})) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); })()`,
        );
        flow.push(Date.now() - t0);
      } finally {
        await context.close();
      }
    }
    results['login-to-my-page'] = median(flow);
    line({
      bench: 'web-load',
      page: 'login-to-my-page',
      url: '/dang-nhap → /cua-toi',
      cache: 'cold',
      runs: RUNS,
      profile: 'Slow 4G (562,5 ms, 1,47 Mbit/s) + CPU 4×, 360×740',
      usableMsMedian: median(flow),
      usableMs: flow,
    });
  } finally {
    await browser.close();
    await app.stop();
  }
  const entryGzipKb = kb(sizes.initialJs.gzip);
  line({
    bench: 'web-summary',
    entryGzipKb,
    entryTargetKb: TARGET_ENTRY_GZIP_KB,
    entryOk: entryGzipKb <= TARGET_ENTRY_GZIP_KB,
    myPageColdMs: results['my-page-cold'],
    myPageTargetMs: TARGET_MY_PAGE_MS,
    myPageOk: (results['my-page-cold'] ?? Number.POSITIVE_INFINITY) <= TARGET_MY_PAGE_MS,
    myPageWarmMs: results['my-page-warm'],
    loginToMyPageMs: results['login-to-my-page'],
    loginColdMs: results['login-cold'],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
