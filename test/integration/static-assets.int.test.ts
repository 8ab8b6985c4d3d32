/**
 * Delivery of the web app (issue 13, point 2; ADR 035), on a small fake dist/web written by the
 * test itself (the suite must not depend on `npm run build` having run): a hashed asset is sent
 * brotli- or gzip-encoded as the browser asks, or as is, always immutable for a year; index.html
 * — as a file, at `/` and for a client route — is `no-cache`; the security headers stay; a
 * missing hashed asset is a 404, not index.html.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server/app.js';
import { cacheControlFor } from '../../src/server/static-assets.js';
import { createTestDb } from '../support/db.js';

const JS = `export const greeting = ${JSON.stringify('Xin chào, đồng chí! '.repeat(200))};\n`;
const HTML =
  '<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-Ab12_-Cd.js"></script></head><body><div id="root"></div></body></html>\n';

const PUBLIC = path.resolve(import.meta.dirname, '../../web/public');

let app: FastifyInstance;
let dispose: () => Promise<void>;
let webDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'chibo-web-'));
  mkdirSync(path.join(webDir, 'assets'));
  const asset = path.join(webDir, 'assets', 'index-Ab12_-Cd.js');
  writeFileSync(asset, JS);
  writeFileSync(`${asset}.br`, brotliCompressSync(JS));
  writeFileSync(`${asset}.gz`, gzipSync(JS, { level: 9 }));
  writeFileSync(path.join(webDir, 'index.html'), HTML);
  writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // The build's chunk manifest, as vite writes it: the shell imports the entry's chunk and a UI one.
  mkdirSync(path.join(webDir, '.vite'));
  writeFileSync(
    path.join(webDir, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/index-Ab12_-Cd.js', isEntry: true },
      'src/app/AppLayout.tsx': {
        file: 'assets/AppLayout-Zz9.js',
        isDynamicEntry: true,
        imports: ['index.html', '_ui-Yy8.js'],
        css: ['assets/AppLayout-Xx7.css'],
      },
      '_ui-Yy8.js': { file: 'assets/ui-Yy8.js' },
      'src/lib/zod-locale.ts': { file: 'assets/zod-locale-Ww6.js', imports: ['_ui-Yy8.js'] },
    }),
  );
  // The real manifest, icons and service worker of web/public (ADR 040), as the build copies them.
  for (const f of ['manifest.webmanifest', 'sw.js', 'icons']) {
    cpSync(path.join(PUBLIC, f), path.join(webDir, f), { recursive: true });
  }
  const created = await createTestDb();
  dispose = created.dispose;
  const config = loadConfig({}, { logLevel: 'silent', webDir });
  app = await buildApp({ config, db: created.db, logger: false });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('a hashed asset', () => {
  it('is sent brotli-encoded when the browser accepts br, immutable for a year', async () => {
    const res = await get('/assets/index-Ab12_-Cd.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(JS);
    // helmet's headers are still there
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('is sent gzip-encoded when the browser accepts only gzip', async () => {
    const res = await get('/assets/index-Ab12_-Cd.js', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(res.rawPayload).toString('utf8')).toBe(JS);
  });

  it('is sent as is without Accept-Encoding (or with identity)', async () => {
    for (const ae of [undefined, 'identity']) {
      const res = await get('/assets/index-Ab12_-Cd.js', ae);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['cache-control']).toContain('immutable');
      expect(res.body).toBe(JS);
    }
  });

  it('has no route for its compressed files themselves', async () => {
    const res = await get('/assets/index-Ab12_-Cd.js.br');
    expect(res.statusCode).toBe(404);
  });

  it('that does not exist (an older release) is a 404, not index.html', async () => {
    const res = await get('/assets/index-Zz99_-Yy.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/html/);
  });
});

describe('index.html and other unhashed files', () => {
  it('are revalidated on every use: /, a client route, /index.html, the favicon', async () => {
    for (const url of ['/', '/cua-toi', '/don-vi/3/dang-phi?nam=2026', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-security-policy'], url).toBeDefined();
      expect(res.body, url).toBe(HTML);
    }
    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('an unknown API path is still answered in JSON (401 without a session), not index.html', async () => {
    const res = await get('/api/khong-co');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/json/);
  });
});

describe('cacheControlFor', () => {
  it('tells Vite-hashed names under assets/ from the rest', () => {
    expect(cacheControlFor('/srv/web/assets/index-B87pG-QI.js')).toContain('immutable');
    expect(cacheControlFor('/srv/web/assets/mantine-MrxVXM7H.css.br')).toContain('immutable');
    expect(cacheControlFor('/srv/web/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/favicon.svg')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/assets/logo.svg')).toBe('no-cache');
  });
});

describe('the installable app (issue 13, point 3; ADR 040)', () => {
  it('GET /manifest.webmanifest: Vietnamese (lang vi, Vietnamese names), application/manifest+json, no-cache', async () => {
    const res = await get('/manifest.webmanifest');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const manifest = res.json() as {
      lang: string;
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.lang).toBe('vi');
    expect(manifest.name).toContain('Sinh hoạt chi bộ');
    expect(manifest.short_name).toBe('Chi bộ');
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/cua-toi');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  });

  it('every icon of the manifest, and the apple-touch-icon, is a PNG of the size it claims', async () => {
    const manifest = JSON.parse(readFileSync(path.join(PUBLIC, 'manifest.webmanifest'), 'utf8')) as {
      icons: { src: string; sizes: string }[];
    };
    const icons = [...manifest.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }];
    for (const icon of icons) {
      const res = await get(icon.src);
      expect(res.statusCode, icon.src).toBe(200);
      expect(res.headers['content-type'], icon.src).toBe('image/png');
      const png = res.rawPayload;
      expect(png.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
  });

  it('index.html links the manifest and the apple-touch-icon', () => {
    const html = readFileSync(path.resolve(PUBLIC, '../index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />');
    expect(html).toContain('name="theme-color"');
  });

  it('GET /sw.js: JavaScript at the root scope, revalidated on every use, allowed by the CSP', async () => {
    const res = await get('/sw.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('chibo-user-');
    // worker-src and manifest-src fall back to default-src 'self'.
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/worker-src|manifest-src/);
  });
});

describe('preload hints for a signed-in first load (ADR 035 addendum)', () => {
  it('with a session cookie, a page of the app names the shell chunks and /api/me, not what index.html loads', async () => {
    const res = await app.inject({ method: 'GET', url: '/cua-toi', headers: { cookie: 'chibo_session=x' } });
    expect(res.statusCode).toBe(200);
    const link = String(res.headers.link);
    expect(link.split(', ').sort()).toEqual(
      [
        '</api/me>; rel=preload; as=fetch; crossorigin',
        '</assets/AppLayout-Xx7.css>; rel=preload; as=style',
        '</assets/AppLayout-Zz9.js>; rel=modulepreload',
        '</assets/ui-Yy8.js>; rel=modulepreload',
        '</assets/zod-locale-Ww6.js>; rel=modulepreload',
      ].sort(),
    );
    expect(String(res.headers.vary)).toMatch(/cookie/i);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('without a session (the login page) there is no hint: the login page does not wait for the shell', async () => {
    for (const url of ['/', '/dang-nhap', '/cua-toi']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers.link, url).toBeUndefined();
    }
  });
});
