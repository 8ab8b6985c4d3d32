/**
 * ADR 015, left from issue 8: a member file is a form of many rows. A CCCD or card number of the
 * file held by a member outside the importer's reach is refused without naming the holder (as
 * before), and now also leaves one `member.identity_refused` audit row per number and counts
 * against the importer's hourly refusals — shared with the member form. A file that would go past
 * the budget shows none of its rows; once the budget is used up, an upload waits (429).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSALS_PER_HOUR } from '../../src/server/refusals.js';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { member, unit, user } from '../support/factory.js';

let t: TestApp;
let secretaryA: Client;
let staffA: Client;
const ids = {} as Record<'cellA' | 'secretaryA' | 'staffA', number>;

/** Members of another ward's cell: the importers below may not see them. */
const HIDDEN = Array.from({ length: 12 }, (_, i) => ({
  fullName: `Lê Văn Ẩn ${String.fromCharCode(65 + i)}`,
  birthDate: `1970-05-0${String((i % 9) + 1)}`,
  nationalId: `00119000${String(7000 + i)}`,
  cardNumber: `7977${String(7000 + i)}`,
}));
const HERE = { fullName: 'Trần Thị Gần', nationalId: '001190000111', cardNumber: '79111111' };

const HEADER = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Số thẻ đảng viên',
  'Số CCCD',
];
type Row = { fullName: string; birth: string; card?: string; cccd?: string };

async function memberFile(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(HEADER);
  for (const [i, r] of rows.entries()) {
    ws.addRow([i + 1, r.fullName, r.birth, 'Nam', '01/01/2000', '01/01/2001', r.card ?? '', r.cccd ?? '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A row that takes the CCCD of hidden member `i` under another name: someone else's number. */
const probe = (i: number): Row => ({
  fullName: `Người Thăm Dò ${String.fromCharCode(65 + i)}`,
  birth: '02/02/1980',
  cccd: HIDDEN[i]!.nationalId,
});

async function upload(c: Client, rows: Row[]) {
  const boundary = '----chibo-import-refusals';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dang-vien.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return c.request({
    method: 'POST',
    url: `/api/org-units/${ids.cellA}/member-imports`,
    payload: Buffer.concat([
      Buffer.from(head),
      await memberFile(rows),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

async function checked(c: Client, rows: Row[]) {
  const res = await upload(c, rows);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as number;
  for (let i = 0; i < 400; i++) {
    const job = await c.get(`/api/member-imports/${id}`);
    const body = job.json();
    if (body.status !== 'validating') return { id, body, text: job.body };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import check did not finish');
}

const refusalRows = async (userId: number) =>
  t.db.query<{ after: Record<string, unknown>; org_unit_id: number; entity_type: string; ip: string | null }>(
    `SELECT after, org_unit_id, entity_type, ip FROM audit_log
      WHERE actor_user_id = $1 AND action = 'member.identity_refused' ORDER BY id`,
    [userId],
  );

beforeAll(async () => {
  t = await createTestApp();
  const province = await unit(t.db, { name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh' });
  const wardA = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường An' });
  const wardB = await unit(t.db, { parentId: province.id, name: 'Đảng bộ phường Bình' });
  const cellA = await unit(t.db, { parentId: wardA.id, name: 'Chi bộ An 1', cellType: 'khu_dan_cu' });
  const cellB = await unit(t.db, { parentId: wardB.id, name: 'Chi bộ Bình Kín', cellType: 'khu_dan_cu' });
  ids.cellA = cellA.id;
  for (const h of HIDDEN) await member(t.db, { unitId: cellB.id, ...h });
  await member(t.db, { unitId: cellA.id, birthDate: '1975-03-03', ...HERE });
  ids.secretaryA = await user(t.db, 'bithu.an', [{ role: 'cell_secretary', unitId: cellA.id }]);
  ids.staffA = await user(t.db, 'vanphong.an', [{ role: 'committee_staff', unitId: wardA.id }]);
  secretaryA = await t.login('bithu.an');
  staffA = await t.login('vanphong.an');
});
afterAll(() => t?.close());

describe('an import colliding with numbers held outside the importer’s reach', () => {
  it('names no holder, and leaves one audit row per hidden number (not for a holder in scope)', async () => {
    const job = await checked(secretaryA, [
      probe(0),
      // The hidden member's own card, name and birth date: still not the importer's to see.
      { fullName: HIDDEN[1]!.fullName, birth: '02/05/1970', card: HIDDEN[1]!.cardNumber },
      // Held in the importer's own cell: named, as the importer could look it up anyway.
      { fullName: 'Người Nhập Trùng', birth: '04/04/1975', cccd: HERE.nationalId },
      { fullName: 'Nguyễn Văn Mới', birth: '05/05/1975', cccd: '001190009999' },
    ]);
    expect(job.body.status).toBe('invalid');
    const byRow = new Map<number, string>(
      job.body.errors.map((e: { row: number; message: string }) => [e.row, e.message]),
    );
    expect([...byRow.keys()].sort()).toEqual([2, 3, 4]);
    expect(byRow.get(2)).toMatch(/một đảng viên thuộc tổ chức đảng khác/);
    expect(byRow.get(3)).toMatch(/tổ chức đảng khác/);
    expect(byRow.get(4)).toMatch(/Trần Thị Gần/);
    expect(job.text).not.toMatch(/Lê Văn Ẩn|Bình Kín|phường Bình/);

    const rows = await refusalRows(ids.secretaryA);
    expect(rows.map((r) => r.after)).toEqual([
      { nationalId: HIDDEN[0]!.nationalId, importId: job.id },
      { cardNumber: HIDDEN[1]!.cardNumber, importId: job.id },
    ]);
    expect(rows.every((r) => r.org_unit_id === ids.cellA && r.entity_type === 'member' && r.ip)).toBe(true);
  });

  it('counts them in the hourly budget shared with the form: shown up to it, then uploads wait (429)', async () => {
    // 2 used above; 8 more reach the budget exactly, and the rows are still answered.
    const rows = [2, 3, 4, 5, 6, 7, 8, 9].map(probe);
    const job = await checked(secretaryA, rows);
    expect(job.body.status).toBe('invalid');
    expect(job.body.errors).toHaveLength(8);
    expect(await refusalRows(ids.secretaryA)).toHaveLength(REFUSALS_PER_HOUR);

    const next = await upload(secretaryA, [{ fullName: 'Nguyễn Văn Khác', birth: '06/06/1976' }]);
    expect(next.statusCode, next.body).toBe(429);
    expect(next.json().code).toBe('RATE_LIMITED');
    const form = await secretaryA.post(`/api/org-units/${ids.cellA}/members`, {
      fullName: 'Người Mới Thật',
      admissionDate: '2000-01-01',
      nationalId: '001190008888',
    });
    expect(form.statusCode, form.body).toBe(429);
    expect(await refusalRows(ids.secretaryA)).toHaveLength(REFUSALS_PER_HOUR);
  });

  it('shows none of the rows of a file that would go past the budget, and audits every number', async () => {
    const job = await checked(
      staffA,
      HIDDEN.slice(0, REFUSALS_PER_HOUR + 1).map((_, i) => probe(i)),
    );
    expect(job.body).toMatchObject({
      status: 'invalid',
      fileErrorCode: 'RATE_LIMITED',
      errors: [],
      warnings: [],
      summary: { create: 0, update: 0, errors: 0 },
    });
    expect(job.body.fileError).toMatch(/vượt số lần bị từ chối cho phép trong một giờ/);
    for (const h of HIDDEN) expect(job.text).not.toContain(h.nationalId);
    expect(job.text).not.toMatch(/Lê Văn Ẩn|Bình Kín|tổ chức đảng khác/);
    expect(await refusalRows(ids.staffA)).toHaveLength(REFUSALS_PER_HOUR + 1);
    const [chunks] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM member_import_chunks WHERE import_id = $1',
      [job.id],
    );
    expect(chunks!.n).toBe(0);
    expect((await upload(staffA, [probe(0)])).statusCode).toBe(429);
  });
});
