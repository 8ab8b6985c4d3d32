#!/usr/bin/env node
/**
 * Copies the files that the server reads from beside its modules at run time, and that tsc does
 * not emit, into a build: every file under src/ that is not TypeScript (today the SQL migrations
 * of src/db/migrations), to the same place under `<outDir>/src/`. Files of those kinds left in the
 * build with no source any more are removed, so a build never applies a migration that is gone.
 *
 *   node scripts/copy-runtime-assets.mjs [outDir]     (default: dist; run by `npm run build`)
 *
 * Dependency-free on purpose: it runs in the build of a container image too (ADR 033).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
const TARGET = path.join(outDir, 'src');

/** What tsc compiles or emits itself; everything else under src/ is a runtime asset. */
const COMPILED = /\.(ts|tsx|mts|cts)$/;
const EMITTED = /\.(js|mjs|cjs|d\.ts|d\.mts|js\.map|tsbuildinfo)$/;

function walk(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [path.relative(base, p)];
  });
}

const assets = walk(SRC).filter((f) => !COMPILED.test(f));
for (const rel of assets) {
  const to = path.join(TARGET, rel);
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(path.join(SRC, rel), to);
}
const shown = (p) => (path.relative(ROOT, p).startsWith('..') ? p : path.relative(ROOT, p));
const wanted = new Set(assets);
let removed = 0;
for (const rel of walk(TARGET)) {
  if (EMITTED.test(rel) || wanted.has(rel)) continue;
  rmSync(path.join(TARGET, rel));
  removed++;
}
console.log(
  `Đã chép ${assets.length} tệp dùng lúc chạy (src/ → ${shown(TARGET)})` +
    (removed ? `, xóa ${removed} tệp không còn nguồn.` : '.'),
);
