/**
 * `redocly lint` of the OpenAPI document the app serves (GET /api/openapi.json), with the
 * repository's redocly.yaml: builds the app in-process on a throwaway in-memory PGlite, writes
 * the document under node_modules/.cache and lints it offline. Exits non-zero on any error or
 * warning (ADR 038). Part of `npm run check`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScriptApp, openapiDocument } from './openapi-app.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Fixed path: .redocly.lint-ignore.yaml names problems of this file.
const file = join(root, 'node_modules', '.cache', 'chibo-openapi', 'openapi.json');

const s = await buildScriptApp();
let doc: Record<string, unknown>;
try {
  doc = await openapiDocument(s.app);
} finally {
  await s.close();
}
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(doc, null, 2));

const res = spawnSync(
  join(root, 'node_modules', '.bin', 'redocly'),
  ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish', '--max-problems', '1000'],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  },
);
const output = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? `${res.error.message}\n` : ''}`;
const problems = output.split('\n').filter((l) => /\s(error|warning)\s/.test(l));
if (res.status !== 0 || problems.length > 0) {
  process.stderr.write(output);
  process.stderr.write(`openapi-lint: tài liệu OpenAPI chưa đạt (${problems.length} vấn đề).\n`);
  process.exit(1);
}
console.log('openapi-lint: tài liệu OpenAPI hợp lệ, không có lỗi hay cảnh báo.');
