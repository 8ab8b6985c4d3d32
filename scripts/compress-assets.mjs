#!/usr/bin/env node
/**
 * After `vite build`: writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9)
 * beside every text asset of the web app larger than 1 KB, for @fastify/static's
 * `preCompressed` (ADR 035). A variant that would not be smaller than the file is not written.
 *
 *   node scripts/compress-assets.mjs [dir]     (default dist/web)
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? 'dist/web');
const EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.map']);
const MIN_BYTES = 1024;

function* files(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else yield p;
  }
}

let count = 0;
let raw = 0;
let br = 0;
let gz = 0;
for (const file of [...files(dir)]) {
  if (file.endsWith('.br') || file.endsWith('.gz')) {
    unlinkSync(file); // stale from an earlier run
    continue;
  }
  if (!EXTENSIONS.has(path.extname(file)) || statSync(file).size <= MIN_BYTES) continue;
  const data = readFileSync(file);
  const b = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  const g = gzipSync(data, { level: 9 });
  if (b.length < data.length) writeFileSync(`${file}.br`, b);
  if (g.length < data.length) writeFileSync(`${file}.gz`, g);
  count++;
  raw += data.length;
  br += b.length;
  gz += g.length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `compress-assets: ${count} files in ${path.relative(process.cwd(), dir) || '.'}: ${kb(raw)} → br ${kb(br)}, gz ${kb(gz)}`,
);
