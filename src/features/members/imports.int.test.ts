import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';
import type { Role } from '../../server/access.js';
import { refreshCellMonth } from '../scoring/status.js';
import { importMembersCli } from './import-cli.js';

/** A file shaped like a national-database export: title rows, `*` on required headers. */
async function workbook(rows: (string | Date | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['DANH SÁCH ĐẢNG VIÊN']);
  ws.addRow(['Đảng bộ phường Thử']);
  ws.addRow([]);
  ws.addRow([
    'STT',
    'Họ và tên*',
    'Sinh ngày',
    'Giới tính',
    'Ngày vào Đảng',
    'Ngày chính thức',
    'Số thẻ Đảng',
    'Chi bộ',
    'Số định danh cá nhân',
    'Số điện thoại',
  ]);
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(bytes: Buffer, fileName: string) {
  const boundary = '----chibo-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(c: Client, unitId: number, bytes: Buffer, name = 'dang-vien.xlsx') {
  const { payload, headers } = multipart(bytes, name);
  return c.request({ method: 'POST', url: `/api/org-units/${unitId}/member-imports`, payload, headers });
}

async function waitDone(c: Client, id: number) {
  for (let i = 0; i < 200; i++) {
    const job = (await c.get(`/api/member-imports/${id}`)).json();
    if (!['validating', 'committing'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const GOOD = [
  [
    'Nguyễn Văn Hùng',
    '05/01/1960',
    'Nam',
    '12/03/1985',
    '12/03/1986',
    '01234567',
    'Chi bộ Khu phố 1',
    '079060000101',
    '0901234567',
  ],
  [
    'Trần Thị Mai',
    '20/10/1975',
    'Nữ',
    '03/02/2000',
    '03/02/2001',
    '01234568',
    'Chi bộ Khu phố 1',
    '079175000102',
    '0912345678',
  ],
  [
    'Lê Văn Tư',
    '02/09/1990',
    'nam',
    '19/05/2015',
    '19/05/2016',
    '01234569',
    'Chi bộ Khu phố 2',
    '079090000103',
    null,
  ],
];

describe('member import', () => {
  let t: TestApp;
  let staff: Client;
  let ward: { id: number; path: string };
  let cell1: { id: number; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    ward = await unit(t.db, { name: 'Đảng bộ phường Thử' });
    cell1 = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    await member(t.db, {
      unitId: cell1.id,
      fullName: 'Phạm Văn Cũ',
      cardNumber: '09999999',
      nationalId: '079060000999',
    });
    await user(t.db, 'vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    staff = await t.login('vanphong');
  });
  afterAll(() => t.close());

  const count = async (sql: string) =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n;

  it('reports every bad row with its row number, column and a Vietnamese reason, and writes nothing', async () => {
    const before = { members: await count('members'), audit: await count('audit_log') };
    const bytes = await workbook([
      GOOD[0]!,
      [
        'Trần Thị Lỗi',
        '31/02/1970',
        'Nữ',
        '01/01/1995',
        '01/01/1996',
        '01234570',
        'Chi bộ Khu phố 1',
        '079170000104',
        null,
      ],
      [
        'Võ Văn Trẻ',
        '01/01/2000',
        'Nam',
        '01/01/2015',
        null,
        '01234571',
        'Chi bộ Khu phố 1',
        '079000000105',
        null,
      ],
      [
        'Đỗ Thị Lạ',
        '01/01/1980',
        'Nữ',
        '01/01/2005',
        '01/01/2006',
        '01234572',
        'Chi bộ Không Có',
        '079180000106',
        null,
      ],
      [
        'Bùi Văn Trùng',
        '01/01/1981',
        'Nam',
        '01/01/2006',
        '01/01/2007',
        '01234567',
        'Chi bộ Khu phố 1',
        '079081000107',
        null,
      ],
    ]);
    const res = await upload(staff, ward.id, bytes);
    expect(res.statusCode).toBe(202);
    const job = await waitDone(staff, res.json().id);
    expect(job.status).toBe('invalid');
    expect(job.totalRows).toBe(5);
    const byRow = new Map<number, { column: string; message: string }[]>();
    for (const e of job.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
    // Data starts on spreadsheet row 5 (three title rows, the header on row 4).
    expect([...byRow.keys()].sort()).toEqual([6, 7, 8, 9]);
    expect(byRow.get(6)![0]).toMatchObject({ column: 'Sinh ngày' });
    expect(byRow.get(6)![0]!.message).toMatch(/31\/02\/1970/);
    expect(byRow.get(7)!.some((e) => /18 tuổi/.test(e.message))).toBe(true);
    expect(byRow.get(8)![0]).toMatchObject({ column: 'Chi bộ' });
    expect(byRow.get(9)![0]!.message).toMatch(/dòng 5/);
    // Committing an invalid import is refused, and nothing was written.
    const commit = await staff.post(`/api/member-imports/${job.id}/commit`, {});
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(await count('members')).toBe(before.members);
    expect(await count('audit_log')).toBe(before.audit);
  });

  it('imports a clean file all at once, then a re-import of the same file changes nothing', async () => {
    // The cell's month row exists before the import; the import's commit must bring its count along.
    const month = todayIso().slice(0, 7);
    await refreshCellMonth(t.db, cell1.id, month);
    const monthRow = async () =>
      (
        await t.db.query<{ members_count: number }>(
          'SELECT members_count FROM cell_month_status WHERE unit_id = $1 AND month = $2',
          [cell1.id, month],
        )
      )[0]!.members_count;
    const countedBefore = await monthRow();
    const bytes = await workbook(GOOD);
    const job = await waitDone(staff, (await upload(staff, ward.id, bytes)).json().id);
    expect(job.status).toBe('ready');
    expect(job.summary).toMatchObject({ create: 3, update: 0, unchanged: 0, errors: 0 });
    expect(job.preview.create.map((r: { cellName: string }) => r.cellName)).toEqual([
      'Chi bộ Khu phố 1',
      'Chi bộ Khu phố 1',
      'Chi bộ Khu phố 2',
    ]);
    const done = (await staff.post(`/api/member-imports/${job.id}/commit`, {})).json();
    expect(done.status).toBe('done');
    expect(done.result).toEqual({ created: 3, updated: 0 });
    // A second commit of the same job is refused: a double click imports once.
    expect((await staff.post(`/api/member-imports/${job.id}/commit`, {})).statusCode).toBe(409);

    const [hung] = await t.db.query<{
      national_id: string;
      birth_date: string;
      gender: string;
      official_date: string;
    }>("SELECT national_id, birth_date, gender, official_date FROM members WHERE card_number = '01234567'");
    expect(hung).toEqual({
      national_id: '079060000101',
      birth_date: '1960-01-05',
      gender: 'nam',
      official_date: '1986-03-12',
    });
    const counts = (await staff.get(`/api/org-units/${cell1.id}/counts`)).json();
    expect(counts).toMatchObject({ total: 3, official: 3 });
    expect(countedBefore).toBeLessThan(3);
    expect(await monthRow()).toBe(3);

    const snapshot = async () => ({
      members: await t.db.query('SELECT * FROM members ORDER BY id'),
      periods: await count('member_status_periods'),
      memberships: await count('memberships'),
      audit: await count('audit_log'),
    });
    const before = await snapshot();
    const again = await waitDone(staff, (await upload(staff, ward.id, bytes)).json().id);
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    await staff.post(`/api/member-imports/${again.id}/commit`, {});
    const after = await snapshot();
    expect(after.members).toEqual(before.members);
    expect(after.periods).toBe(before.periods);
    expect(after.memberships).toBe(before.memberships);
    // Only the import's own summary row is added to the log.
    expect(after.audit).toBe(before.audit + 1);
  });

  it('updates a changed phone number matched by card number, keeping other values', async () => {
    // Imported into the cell itself: only its own rows (a row for another cell would be an error).
    const changed = GOOD.slice(0, 2).map((r) => [...r]);
    changed[1]![8] = '0987654321';
    changed[1]![2] = null; // an empty cell never erases the stored birth date
    const job = await waitDone(staff, (await upload(staff, cell1.id, await workbook(changed))).json().id);
    expect(job.errors).toEqual([]);
    expect(job.summary).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    expect(job.preview.update[0]).toMatchObject({
      fullName: 'Trần Thị Mai',
      changes: { phone: { from: '0912345678', to: '0987654321' } },
    });
    await staff.post(`/api/member-imports/${job.id}/commit`, {});
    const [mai] = await t.db.query<{ phone: string; birth_date: string }>(
      "SELECT phone, birth_date FROM members WHERE card_number = '01234568'",
    );
    expect(mai).toEqual({ phone: '0987654321', birth_date: '1975-10-20' });
  });

  it('reports a file that is not a spreadsheet in Vietnamese', async () => {
    const job = await waitDone(
      staff,
      (
        await upload(
          staff,
          ward.id,
          Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 0xff, 0xfe, 0x01, 0x02]),
          'ds.xlsx',
        )
      ).json().id,
    );
    expect(job.status).toBe('invalid');
    expect(job.fileError).toMatch(/Excel|CSV/);
  });

  it('the CLI validates with --dry-run without writing, then imports', async () => {
    const lines: string[] = [];
    const bytes = await workbook([
      [
        'Hoàng Văn Mới',
        '01/01/1970',
        'Nam',
        '01/01/1995',
        '01/01/1996',
        '07777777',
        'Chi bộ Khu phố 2',
        '079070000201',
        null,
      ],
    ]);
    const before = await count('members');
    const code = await importMembersCli(t.db, {
      bytes,
      fileName: 'x.xlsx',
      unitId: ward.id,
      dryRun: true,
      print: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(await count('members')).toBe(before);
    expect(lines.join('\n')).toMatch(/thêm mới 1/);
    expect(
      await importMembersCli(t.db, {
        bytes,
        fileName: 'x.xlsx',
        unitId: ward.id,
        dryRun: false,
        print: () => {},
      }),
    ).toBe(0);
    expect(await count('members')).toBe(before + 1);
  });

  it('never re-targets a person: a row reusing Lê Thị An’s card number with another name is an error, nothing changes', async () => {
    const anId = await member(t.db, {
      unitId: cell1.id,
      fullName: 'Lê Thị An',
      birthDate: '1975-04-30',
      cardNumber: '08888888',
      nationalId: '079175000888',
    });
    const snapshot = async () => ({
      an: await t.db.query('SELECT * FROM members WHERE id = $1', [anId]),
      members: await count('members'),
      audit: await count('audit_log'),
    });
    const before = await snapshot();
    const bytes = await workbook([
      [
        'Nguyễn Văn Chín',
        '01/01/1980',
        'Nam',
        '01/01/2005',
        '01/01/2006',
        '08888888',
        'Chi bộ Khu phố 1',
        null,
        null,
      ],
    ]);
    const job = await waitDone(staff, (await upload(staff, ward.id, bytes)).json().id);
    expect(job.status).toBe('invalid');
    expect(job.summary).toMatchObject({ create: 0, update: 0, unchanged: 0, errors: 1 });
    expect(job.preview.update).toEqual([]);
    expect(job.errors).toEqual([
      {
        row: 5,
        column: 'Số thẻ Đảng',
        columnLetter: 'G',
        field: 'cardNumber',
        value: '08888888',
        message:
          'Trùng số thẻ đảng viên 08888888 với đảng viên Lê Thị An (sinh ngày 30/04/1975, Chi bộ Khu phố 1), nhưng họ tên ' +
          'và ngày sinh ở dòng này (Nguyễn Văn Chín, sinh ngày 01/01/1980) không khớp: không cập nhật người đã có. ' +
          'Hãy kiểm tra lại số thẻ đảng viên.',
      },
    ]);
    const commit = await staff.post(`/api/member-imports/${job.id}/commit`, {});
    expect(commit.json().code).toBe('IMPORT_HAS_ERRORS');
    expect(await snapshot()).toEqual(before);

    // A member outside the importer's scope holding the number is not named.
    const other = await unit(t.db, { name: 'Đảng bộ xã Bên Ngoài' });
    const otherCell = await unit(t.db, { parentId: other.id, name: 'Chi bộ Thôn 9', cellType: 'nong_thon' });
    await member(t.db, { unitId: otherCell.id, fullName: 'Đặng Văn Xa', cardNumber: '08888999' });
    const row = [...GOOD[0]!];
    row[0] = 'Nguyễn Văn Chín';
    row[5] = '08888999';
    row[7] = null;
    const hidden = await waitDone(staff, (await upload(staff, ward.id, await workbook([row]))).json().id);
    expect(hidden.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^Trùng số thẻ đảng viên 08888999 với một đảng viên thuộc tổ chức đảng khác/),
    ]);
    expect(JSON.stringify(hidden.errors)).not.toMatch(/Đặng Văn Xa|Thôn 9/);
  });

  it('updates a corrected spelling or birth date found by card, previewed in Vietnamese', async () => {
    const mai = [...GOOD[1]!];
    mai[0] = 'Trần Thị Mải'; // same birth date: a corrected spelling
    mai[2] = 'Nam';
    mai[8] = '0987654321';
    const hung = [...GOOD[0]!];
    hung[1] = '06/01/1960'; // same name: a corrected birth date
    const job = await waitDone(staff, (await upload(staff, cell1.id, await workbook([hung, mai]))).json().id);
    expect(job.errors).toEqual([]);
    expect(job.summary).toMatchObject({ update: 2 });
    const shown = Object.fromEntries(
      job.preview.update.map((u: { fullName: string; shown: unknown }) => [u.fullName, u.shown]),
    );
    expect(shown).toEqual({
      'Nguyễn Văn Hùng': [{ field: 'birthDate', label: 'Ngày sinh', from: '05/01/1960', to: '06/01/1960' }],
      'Trần Thị Mai': [
        { field: 'fullName', label: 'Họ và tên', from: 'Trần Thị Mai', to: 'Trần Thị Mải' },
        { field: 'gender', label: 'Giới tính', from: 'Nữ', to: 'Nam' },
      ],
    });
  });

  it('reads an ISO date-time as its day in Vietnam and holds the probation rule of the pack', async () => {
    const bytes = await workbook([
      [
        'Đoàn Văn Giờ',
        '1985-03-12T17:00:00.000Z',
        'Nam',
        '2010/01/05',
        '2011-01-05',
        '06666661',
        'Chi bộ Khu phố 2',
        null,
        null,
      ],
      [
        'Mạc Thị Sớm',
        '01/01/1980',
        'Nữ',
        '01/01/2010',
        '01/06/2010',
        '06666662',
        'Chi bộ Khu phố 2',
        null,
        null,
      ],
    ]);
    const job = await waitDone(staff, (await upload(staff, ward.id, bytes)).json().id);
    expect(job.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [6, 'Ngày chính thức'],
    ]);
    expect(job.errors[0].message).toMatch(/đến ngày 01\/01\/2011 mới đủ 12 tháng dự bị.*Quy định 24-QĐ\/TW/);
    const [stored] = await t.db.query<{ plan: { create: { fullName: string; birthDate: string }[] } }>(
      'SELECT plan FROM member_imports WHERE id = $1',
      [job.id],
    );
    expect(stored!.plan.create.map((r) => [r.fullName, r.birthDate])).toEqual([
      ['Đoàn Văn Giờ', '1985-03-13'],
    ]);
  });

  it('is scoped: roles without the import capability get 403, units outside the scope 404', async () => {
    const other = await unit(t.db, { name: 'Đảng bộ khác' });
    const otherCell = await unit(t.db, { parentId: other.id, name: 'Chi bộ khác', cellType: 'co_quan' });
    const bytes = await workbook([GOOD[0]!]);
    const expectations: [Role, number][] = [
      ['cell_secretary', 202],
      ['cell_committee', 403],
      ['supervisor', 403],
      ['member', 403],
    ];
    for (const [role, code] of expectations) {
      await user(t.db, `imp.${role.replace('_', '-')}`, [{ role, unitId: cell1.id }]);
      const c = await t.login(`imp.${role.replace('_', '-')}`);
      const res = await upload(c, cell1.id, bytes);
      expect(res.statusCode, role).toBe(code);
      expect((await upload(c, otherCell.id, bytes)).statusCode, role).toBe(404);
      expect((await c.get(`/api/org-units/${cell1.id}/member-imports`)).statusCode, role).toBe(
        code === 202 ? 200 : 403,
      );
    }
    const job = (await upload(staff, cell1.id, bytes)).json().id;
    await user(t.db, 'ngoai.vp', [{ role: 'committee_staff', unitId: other.id }]);
    const outsider = await t.login('ngoai.vp');
    expect((await outsider.get(`/api/member-imports/${job}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/member-imports/${job}/commit`, {})).statusCode).toBe(404);
  });
});
