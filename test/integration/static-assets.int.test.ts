/**
 * Delivery of the web app (issue 13, point 2; ADR 035), on a small fake dist/web written by the
 * test itself (the suite must not depend on `npm run build` having run): a hashed asset is sent
 * brotli- or gzip-encoded as the browser asks, or as is, always immutable for a year; index.html
 * — as a file, at `/` and for a client route — is `no-cache`; the security headers stay; a
 * missing hashed asset is a 404, not index.html.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
