/** Benchmark: validate and commit a 5.000-row member file (JSON lines). */
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/open.js';
import { generateDemoOrg } from '../src/features/demo/generate.js';
import { applyPlan, validateImport } from '../src/features/members/imports.js';
import { findUnit } from '../src/features/org/service.js';

const N = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const db = await openDb({ databaseUrl: process.env.DATABASE_URL });
await migrate(db);
const [{ id }] = (await db.query<{ id: number }>(
  "INSERT INTO org_units (id, path, name, kind, cell_type) VALUES (nextval('org_units_id_seq'), '', 'Chi bộ Bench', 'chi_bo', 'khu_dan_cu') RETURNING id",
)) as [{ id: number }];
await db.query('UPDATE org_units SET path = $2 WHERE id = $1', [id, `/${id}/`]);

// Plausible people from the demo generator, repeated with distinct identifiers.
const people = generateDemoOrg({ today: '2026-11-21' }).members.filter((m) => m.officialDate);
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('DS');
ws.addRow([
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Số thẻ đảng viên',
  'Số CCCD',
  'Số điện thoại',
]);
for (let i = 0; i < N; i++) {
  const p = people[i % people.length]!;
  const d = (iso: string) => iso.split('-').reverse().join('/');
  // Each repetition is born a day later, so no two rows are the same person.
  const born = new Date(`${p.birthDate}T00:00:00Z`);
  born.setUTCDate(born.getUTCDate() + Math.floor(i / people.length));
  ws.addRow([
    i + 1,
    p.fullName,
    d(born.toISOString().slice(0, 10)),
    p.gender === 'nam' ? 'Nam' : 'Nữ',
    d(p.admissionDate),
    d(p.officialDate!),
    String(10_000_000 + i),
    `0${String(79_000_000_000 + i)}`,
    p.phone,
  ]);
}
const bytes = Buffer.from(await wb.xlsx.writeBuffer());
const unit = (await findUnit(db, id))!;

let t0 = performance.now();
const outcome = await validateImport(db, null, unit, bytes, 'bench.xlsx');
const validateMs = performance.now() - t0;
if (outcome.errors.length)
  throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
t0 = performance.now();
await db.transaction((tx) => applyPlan(tx, null, id, outcome.plan));
const commitMs = performance.now() - t0;
t0 = performance.now();
const again = await validateImport(db, null, unit, bytes, 'bench.xlsx');
const revalidateMs = performance.now() - t0;
for (const [bench, value] of [
  ['members.import.validate', validateMs],
  ['members.import.commit', commitMs],
  ['members.import.revalidate', revalidateMs],
] as const) {
  console.log(
    JSON.stringify({
      bench,
      value: Math.round(value),
      unit: 'ms',
      n: N,
      db: db.kind,
      unchangedOnReimport: again.plan.unchanged.length,
    }),
  );
}
await db.close();
