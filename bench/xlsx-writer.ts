/**
 * Streamed member-list writer benchmark (issue 12, ADR 028): writes XLSX_BENCH_ROWS (200.000)
 * synthetic members of realistic lengths to a file in the temporary directory the way the export
 * does (slices of SLICE_ROWS rows with `drain()` between them) and prints one JSON line: rows,
 * seconds, rows/s, file bytes, RSS growth (peak during the run minus before) and the event loop's
 * longest stall and p99 (`perf_hooks.monitorEventLoopDelay`). No database: the writer alone.
 *
 *   npx tsx bench/xlsx-writer.ts
 *
 * XLSX_BENCH_MODULE names another module exporting `openMembersXlsxStream` to compare with, e.g.
 * the exceljs writer before ADR 028's hand-written one:
 *
 *   git show b22114c:src/documents/members-xlsx-stream.ts \
 *     | sed "s#'./members-xlsx.js'#'$PWD/src/documents/members-xlsx.js'#" > /tmp/old-stream.ts
 *   ln -sfn $PWD/node_modules /tmp/node_modules
 *   XLSX_BENCH_MODULE=/tmp/old-stream.ts npx tsx bench/xlsx-writer.ts
 */
import { createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import type { ExportMember } from '../src/documents/members-xlsx.js';
import type { openMembersXlsxStream as Open } from '../src/documents/members-xlsx-stream.js';
import { SLICE_ROWS } from '../src/features/exports/members-writer.js';

const ROWS = Number(process.env.XLSX_BENCH_ROWS ?? 200_000);
const modulePath = process.env.XLSX_BENCH_MODULE ?? '../src/documents/members-xlsx-stream.js';
const out = process.env.XLSX_BENCH_OUT ?? path.join(tmpdir(), 'chibo-bench-members.xlsx');
const slice = Number(process.env.XLSX_BENCH_SLICE ?? SLICE_ROWS);
const { openMembersXlsxStream } = (await import(modulePath)) as { openMembersXlsxStream: typeof Open };

// Synthetic members, deterministic, with the lengths of real records (names with diacritics,
// full addresses, a note on some): a pool of 5.000 cycled, so generating them costs nothing here.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Bích', 'Quang', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc'];
const PLACES = [
  'Bến Tre',
  'Bắc Ninh',
  'Thanh Hóa',
  'Nghệ An',
  'Quảng Nam',
  'Cần Thơ',
  'Hà Tĩnh',
  'Thái Bình',
];
const STATUSES = ['Chính thức', 'Chính thức', 'Chính thức', 'Dự bị', 'Miễn sinh hoạt'];
const pick = <T>(a: readonly T[], i: number) => a[i % a.length]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const iso = (i: number, from: number) => `${from + (i % 40)}-${pad((i % 12) + 1, 2)}-${pad((i % 28) + 1, 2)}`;
const pool: ExportMember[] = Array.from({ length: 5000 }, (_, i) => ({
  fullName: `${pick(FAMILY, i)} ${pick(MIDDLE, i * 7)} ${pick(GIVEN, i * 13)}`,
  birthDate: iso(i, 1950),
  gender: i % 2 ? 'nu' : 'nam',
  ethnicity: 'Kinh',
  hometown: `Xã Thành Long, huyện Châu Thành, tỉnh ${pick(PLACES, i)}`,
  address: `Số ${i % 300}, đường Nguyễn Đình Chiểu, phường ${i % 20}, quận ${i % 12}`,
  admissionDate: iso(i, 1985),
  officialDate: iso(i, 1986),
  cardNumber: pad(79_000_000 + i, 8),
  cellName: `Chi bộ Ấp ${pick(PLACES, i * 3)} ${i % 40}`,
  nationalId: pad(83_100_000_000 + i, 12),
  phone: pad(380_000_000 + i, 10),
  email: i % 3 ? `dangvien${i}@example.vn` : undefined,
  statusLabel: pick(STATUSES, i),
  notes: i % 5 ? undefined : 'Chuyển sinh hoạt từ đảng bộ khác',
}));

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
global.gc?.();
const rssBefore = rssMb();
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, rssMb());
}, 50);
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

const t0 = performance.now();
const file = createWriteStream(out);
const w = openMembersXlsxStream(
  { stream: file },
  {
    title: 'DANH SÁCH ĐẢNG VIÊN',
    unitName: 'Đảng bộ tỉnh Bến Tre',
    parentName: 'Ban Chấp hành Trung ương',
    asOf: '2026-12-01',
  },
);
// The synchronous part of each slice (the adds), to tell the writer's own share of a stall.
const sliceMs: number[] = [];
let ts = performance.now();
for (let i = 0; i < ROWS; i++) {
  w.add(pool[i % pool.length]!);
  if ((i + 1) % slice === 0) {
    sliceMs.push(performance.now() - ts);
    await w.drain();
    ts = performance.now();
  }
}
await w.finish();
await finished(file);
const seconds = (performance.now() - t0) / 1000;
loop.disable();
clearInterval(sampler);
rssPeak = Math.max(rssPeak, rssMb());

console.log(
  JSON.stringify({
    bench: 'xlsx-writer.members',
    writer: process.env.XLSX_BENCH_MODULE ? path.basename(modulePath) : 'members-xlsx-stream',
    rows: w.count,
    slice,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(w.count / seconds),
    bytes: statSync(out).size,
    rssGrowthMb: Math.round(rssPeak - rssBefore),
    loopMaxMs: Math.round(loop.max / 1e5) / 10,
    loopP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
    sliceMaxMs: Math.round(Math.max(0, ...sliceMs) * 10) / 10,
    sliceP99Ms: Math.round((sliceMs.sort((a, b) => a - b)[Math.floor(sliceMs.length * 0.99)] ?? 0) * 10) / 10,
  }),
);
