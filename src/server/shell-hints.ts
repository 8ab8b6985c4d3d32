/**
 * Preload hints for a signed-in browser's first load (ADR 035 addendum). Without them a phone on
 * an empty cache learns of the shell's chunks only after the entry has run, and of `/api/me`
 * after those: two more round trips of ≈ 0,56 s each on Slow 4G. When the request for a page of
 * the app carries a session cookie, `index.html` answers with a `Link` header naming the shell's
 * chunks (`modulepreload`) and `/api/me` (`preload`, as the app's own fetch asks for it), so they
 * load beside the entry. The login page (no cookie) gets none: it does not need the shell first.
 *
 * The chunks come from the build's `.vite/manifest.json`: the shell's dynamic entries and
 * everything they import, minus what `index.html` already loads.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** Modules every signed-in page waits for (web/src/app/App.tsx: the shell, the zod locale). */
const SHELL_ENTRIES = ['src/app/AppLayout.tsx', 'src/lib/zod-locale.ts'];

/** The `Link` header value for a signed-in first load, or null when the build has no manifest. */
export function shellPreloadLinks(webDir: string, indexHtml: string): string | null {
  const file = path.join(webDir, '.vite', 'manifest.json');
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const key of SHELL_ENTRIES) visit(key);
  const inIndex = (f: string) => indexHtml.includes(`/${f}"`);
  const links = [
    ...[...scripts].filter((f) => !inIndex(f)).map((f) => `</${f}>; rel=modulepreload`),
    ...[...styles].filter((f) => !inIndex(f)).map((f) => `</${f}>; rel=preload; as=style`),
    // `crossorigin` (anonymous): the credentials mode of the app's fetch ('same-origin'), so the
    // browser reuses this answer for it.
    '</api/me>; rel=preload; as=fetch; crossorigin',
  ];
  return links.join(', ');
}
