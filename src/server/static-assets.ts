/**
 * How the built web app in dist/web is delivered (ADR 035): files under `assets/` carry a content
 * hash in their name and are cached for a year as immutable; everything else (index.html,
 * favicon.svg, …) is revalidated on every use. The `.br`/`.gz` siblings written after the build
 * by scripts/compress-assets.mjs are sent instead of the file when the browser accepts them
 * (`Content-Encoding`, `Vary: Accept-Encoding`); they get no routes of their own. The web
 * manifest goes out as `application/manifest+json` and the service worker `/sw.js` is, like
 * index.html, revalidated on every use so a new release reaches the installed app (ADR 040).
 */
import type { FastifyStaticOptions } from '@fastify/static';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** `assets/index-B87pG-QI.js`, `assets/mantine-MrxVXM7H.css`: Vite's `[name]-[hash].[ext]` names. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[\w-]{8}\.[a-z0-9]+(\.br|\.gz)?$/i;

/** The Cache-Control a file of the web app is sent with (`file` as a path on disk). */
export function cacheControlFor(file: string): string {
  return HASHED.test(file) ? IMMUTABLE : NO_CACHE;
}

/** The Content-Type a file is sent with where the default guess is not the one browsers expect. */
export function contentTypeFor(file: string): string | undefined {
  if (/\.webmanifest(\.br|\.gz)?$/i.test(file)) return 'application/manifest+json; charset=utf-8';
  return undefined;
}

export function webStaticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('Cache-Control', cacheControlFor(file));
      const type = contentTypeFor(file);
      if (type) reply.header('Content-Type', type);
    },
  };
}
