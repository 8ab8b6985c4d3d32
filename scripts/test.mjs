#!/usr/bin/env node
/**
 * `npm test`: the whole test suite, in order, stopping at the first failure.
 *
 *   1. unit + integration: `vitest run --project unit --project tz-* --project pglite`
 *      (+ `--project postgres` when TEST_DATABASE_URL is set)
 *   2. `npm run build` (the browser journeys drive the built app, dist/src/cli.js)
 *   3. browser journeys: `vitest run --project e2e` (when test/e2e/**\/*.e2e.test.ts exist),
 *      in Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH)
 *
 * Flags: --e2e-only (steps 2 and 3), --no-e2e (step 1 only).
 * Env:   CHIBO_SKIP_E2E=1 skips step 3 (on purpose) instead of failing when Chromium is missing.
 *
 * The last line printed is always `N passed, M failed`, summed over every vitest run (read from
 * the JSON reports written to test-results/vitest-<step>.json).
 * Dependency-free on purpose: it must run right after `npm ci`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');

const USAGE = `Cách dùng: node scripts/test.mjs [--e2e-only | --no-e2e]
  (không cờ)   unit + tích hợp (PGlite, và PostgreSQL nếu có TEST_DATABASE_URL), build, e2e
  --e2e-only   chỉ build + e2e (trình duyệt)
  --no-e2e     chỉ unit + tích hợp (không build, không e2e)
Biến môi trường: TEST_DATABASE_URL, CHROMIUM_PATH, CHIBO_SKIP_E2E=1`;

const args = process.argv.slice(2);
for (const a of args) {
  if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  }
  if (a !== '--e2e-only' && a !== '--no-e2e') {
    console.error(`Cờ không hợp lệ: ${a}\n${USAGE}`);
    process.exit(2);
  }
}
const e2eOnly = args.includes('--e2e-only');
const noE2e = args.includes('--no-e2e');
if (e2eOnly && noE2e) {
  console.error('--e2e-only và --no-e2e không dùng cùng nhau.');
  process.exit(2);
}

const totals = { total: 0, passed: 0, failed: 0 };
const notes = [];
let current = null;

function header(title) {
  console.log(`\n=== ${title} ===\n`);
}

function run(cmd, cmdArgs, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: 'inherit' });
    current = child;
    child.on('error', (err) => {
      console.error(`Không chạy được ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

// Pass Ctrl-C / CI cancellation on to the running step, then stop.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) current.kill(sig);
    finish(130, `dừng vì ${sig}`);
  });
}

function vitestCommand() {
  const local = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
  if (existsSync(local)) return [process.execPath, [local]];
  return ['npx', ['vitest']];
}

async function vitest(step, projects) {
  mkdirSync(RESULTS, { recursive: true });
  const jsonFile = path.join(RESULTS, `vitest-${step}.json`);
  rmSync(jsonFile, { force: true });
  const [cmd, base] = vitestCommand();
  const projectArgs = projects.flatMap((p) => ['--project', p]);
  const code = await run(cmd, [
    ...base,
    'run',
    ...projectArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
  ]);
  if (existsSync(jsonFile)) {
    try {
      const r = JSON.parse(readFileSync(jsonFile, 'utf8'));
      totals.total += r.numTotalTests ?? 0;
      totals.passed += r.numPassedTests ?? 0;
      totals.failed += r.numFailedTests ?? 0;
      // A file that failed with no failing test (import error, beforeAll/afterAll hook) counts as
      // one failure, so the summary never reads "0 failed" for a run that failed.
      const brokenFiles = (r.testResults ?? []).filter(
        (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
      );
      totals.failed += brokenFiles.length;
      for (const f of brokenFiles) {
        const first = String(f.message ?? '').split('\n')[0];
        notes.push(`${path.relative(ROOT, f.name)} hỏng ngoài kiểm thử (tính là 1 lỗi): ${first}`);
      }
      if (code !== 0 && !(r.numFailedTests > 0) && brokenFiles.length === 0) {
        notes.push(`vitest (${projects.join(', ')}) thất bại mà không có kiểm thử nào hỏng (xem lỗi ở trên)`);
      }
    } catch (err) {
      notes.push(`không đọc được ${path.relative(ROOT, jsonFile)}: ${err.message}`);
    }
  } else if (code !== 0) {
    notes.push(`vitest (${projects.join(', ')}) dừng trước khi ghi báo cáo (lỗi cấu hình?)`);
  }
  return code;
}

function findE2eFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findE2eFiles(p));
    else if (entry.name.endsWith('.e2e.test.ts')) out.push(p);
  }
  return out;
}

function finish(code, reason) {
  if (reason) console.log(`\nDừng lại: ${reason}`);
  for (const n of notes) console.log(`Lưu ý: ${n}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

// 1. Unit + integration.
if (!e2eOnly) {
  const projects = ['unit', 'tz-los-angeles', 'tz-kiritimati', 'pglite'];
  if (process.env.TEST_DATABASE_URL) projects.push('postgres');
  header(`Kiểm thử unit + tích hợp: ${projects.join(', ')}`);
  if (!process.env.TEST_DATABASE_URL) {
    console.log('(TEST_DATABASE_URL chưa đặt: bỏ qua project "postgres"; CI chạy cả PostgreSQL thật.)\n');
  }
  const code = await vitest('unit-integration', projects);
  if (code !== 0) finish(code, `kiểm thử unit/tích hợp thất bại (mã ${code}) sau ${elapsed()}`);
}

// 2 + 3. Build, then the browser journeys.
if (!noE2e) {
  const files = findE2eFiles(path.join(ROOT, 'test/e2e'));
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const skipE2e = process.env.CHIBO_SKIP_E2E === '1';

  header('Build: npm run build (tsc + vite build)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const buildCode = await run(npm, ['run', 'build']);
  if (buildCode !== 0) finish(buildCode, `npm run build thất bại (mã ${buildCode}) sau ${elapsed()}`);

  header('Kiểm thử đầu-cuối (e2e) trong Chromium');
  if (files.length === 0) {
    console.log('Chưa có tệp test/e2e/**/*.e2e.test.ts nào: bỏ qua e2e.');
  } else if (skipE2e) {
    console.log(`CHIBO_SKIP_E2E=1: bỏ qua ${files.length} tệp e2e theo yêu cầu.`);
    notes.push(`đã bỏ qua ${files.length} tệp e2e (CHIBO_SKIP_E2E=1)`);
  } else if (!existsSync(chromium)) {
    console.error(
      [
        `Không tìm thấy Chromium tại ${chromium}.`,
        'Các kiểm thử e2e điều khiển Chromium của Debian qua playwright-core (không tải trình duyệt).',
        'Cài đặt:   sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core',
        'hoặc đặt:  CHROMIUM_PATH=/đường/dẫn/tới/chromium',
        'hoặc bỏ qua có chủ ý: CHIBO_SKIP_E2E=1 npm test   (hay: npm test -- --no-e2e)',
      ].join('\n'),
    );
    finish(1, 'thiếu Chromium cho kiểm thử e2e');
  } else {
    const code = await vitest('e2e', ['e2e']);
    if (code !== 0) finish(code, `kiểm thử e2e thất bại (mã ${code}) sau ${elapsed()}`);
  }
}

console.log(`\nXong sau ${elapsed()}.`);
finish(0);
