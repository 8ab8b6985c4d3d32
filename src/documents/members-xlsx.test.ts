import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseMemberFile } from '../features/members/import/parse.js';
import { type ExistingMember, planImport } from '../features/members/import/plan.js';
import { validateRows } from '../features/members/import/validate.js';
import { type ExportMember, renderMembersXlsx } from './members-xlsx.js';

const CELLS = [
  { id: 11, name: 'Chi bộ Khu phố 1' },
  { id: 12, name: 'Chi bộ Khu phố 2' },
];

/** Stored members, including a CCCD and a card number with leading zeros and sparse records. */
const STORED: ExistingMember[] = [
  {
    id: 1,
    fullName: 'Nguyễn Văn An',
    birthDate: '1970-01-15',
    gender: 'nam',
    ethnicity: 'Kinh',
    hometown: 'Xã Yên Phụ, huyện Yên Phong, tỉnh Bắc Ninh',
    address: 'Số 5, đường Lê Lợi',
    admissionDate: '1995-02-03',
    officialDate: '1996-02-03',
    cardNumber: '01234567',
    nationalId: '001070000123',
    phone: '0912345678',
    email: 'an@example.vn',
    notes: 'Bí thư chi bộ',
    cellId: 11,
  },
  {
    id: 2,
    fullName: 'Trần Thị Bình',
    birthDate: '1980-05-20',
    gender: 'nu',
    admissionDate: '2005-06-01',
    officialDate: '2006-06-01',
    cardNumber: '79123456',
    nationalId: '079180000002',
    ethnicity: null,
    hometown: null,
    address: null,
    phone: null,
    email: null,
    notes: null,
    cellId: 12,
  },
  { id: 3, fullName: 'Lê Hoàng Cường', birthDate: '1985-08-15', cellId: 11 },
];

function toExport(m: ExistingMember): ExportMember {
  const opt = (v: string | null | undefined) => v ?? undefined;
  return {
    fullName: m.fullName,
    birthDate: opt(m.birthDate),
    gender: opt(m.gender),
    ethnicity: opt(m.ethnicity),
    hometown: opt(m.hometown),
    address: opt(m.address),
    admissionDate: opt(m.admissionDate),
    officialDate: opt(m.officialDate),
    cardNumber: opt(m.cardNumber),
    cellName: CELLS.find((c) => c.id === m.cellId)!.name,
    nationalId: opt(m.nationalId),
    phone: opt(m.phone),
    email: opt(m.email),
    statusLabel: 'Chính thức',
    notes: opt(m.notes),
  };
}

const INPUT = {
  title: 'DANH SÁCH ĐẢNG VIÊN',
  unitName: 'Đảng bộ phường Bến Nghé',
  parentName: 'Đảng bộ Quận 1',
  asOf: '2026-02-28',
  members: STORED.map(toExport),
};

async function load(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('renderMembersXlsx', () => {
  it('writes the title block and the canonical import labels as the header', async () => {
    const ws = await load(await renderMembersXlsx(INPUT));
    expect(ws.getCell('A1').value).toBe('ĐẢNG BỘ QUẬN 1');
    expect(ws.getCell('A2').value).toBe('ĐẢNG BỘ PHƯỜNG BẾN NGHÉ');
    expect(ws.getCell('A4').value).toBe('DANH SÁCH ĐẢNG VIÊN');
    expect(ws.getCell('A5').value).toBe('Tính đến ngày 28/02/2026');
    expect(ws.getRow(7).values).toEqual([
      undefined,
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Dân tộc',
      'Quê quán',
      'Nơi ở hiện nay',
      'Ngày vào Đảng',
      'Ngày chính thức',
      'Số thẻ đảng viên',
      'Chi bộ',
      'Số CCCD',
      'Số điện thoại',
      'Email',
      'Trạng thái',
      'Ghi chú',
    ]);
    expect(ws.getCell('B7').font?.bold).toBe(true);
    expect(ws.getCell('B7').border?.bottom?.style).toBe('thin');
  });

  it('writes dates and identity numbers as text, keeping leading zeros', async () => {
    const ws = await load(await renderMembersXlsx(INPUT));
    const first = ws.getRow(8);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('Nguyễn Văn An');
    expect(first.getCell(3).value).toBe('15/01/1970');
    expect(first.getCell(4).value).toBe('Nam');
    expect(first.getCell(10).value).toBe('01234567');
    expect(first.getCell(12).value).toBe('001070000123');
    expect(first.getCell(12).numFmt).toBe('@');
    expect(ws.getRow(9).getCell(4).value).toBe('Nữ');
    // Omitted fields leave the cell empty rather than writing "undefined".
    expect(ws.getRow(10).getCell(12).value).toBeNull();
  });

  it('freezes the header, sets widths and prints on A4 landscape', async () => {
    const ws = await load(await renderMembersXlsx(INPUT));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  it('starts the header right below the title when there is no parent unit', async () => {
    const ws = await load(await renderMembersXlsx({ ...INPUT, parentName: undefined, members: [] }));
    expect(ws.getCell('A1').value).toBe('ĐẢNG BỘ PHƯỜNG BẾN NGHÉ');
    expect(ws.getCell('B6').value).toBe('Họ và tên');
  });
});

describe('export → import round trip', () => {
  it('re-imports its own file: every column recognised, every member unchanged', async () => {
    const bytes = await renderMembersXlsx(INPUT);
    const parsed = await parseMemberFile(bytes, 'danh-sach.xlsx');
    expect(parsed.headerRow).toBe(7);
    expect(parsed.columns).toHaveLength(14);
    expect(parsed.unknownColumns).toEqual(['Trạng thái']);

    const validated = validateRows(parsed, { cells: CELLS, today: '2026-03-01' });
    expect(validated.errors).toEqual([]);
    expect(validated.warnings).toEqual([]);
    expect(validated.rows.map((r) => r.nationalId)).toEqual(['001070000123', '079180000002', undefined]);

    const plan = planImport(STORED, validated.rows);
    expect(plan).toEqual({
      create: [],
      update: [],
      unchanged: [
        { id: 1, rowNumber: 8 },
        { id: 2, rowNumber: 9 },
        { id: 3, rowNumber: 10 },
      ],
      conflicts: [],
    });
  });

  it('re-imports an export that hid the sensitive columns without erasing them', async () => {
    const hidden = STORED.map(toExport).map(({ nationalId: _id, phone: _phone, ...m }) => m);
    const parsed = await parseMemberFile(await renderMembersXlsx({ ...INPUT, members: hidden }), 'x.xlsx');
    const validated = validateRows(parsed, { cells: CELLS, today: '2026-03-01' });
    const plan = planImport(STORED, validated.rows);
    expect(plan.update).toEqual([]);
    expect(plan.unchanged).toHaveLength(3);
  });

  it('imports into an empty unit exactly the members that were exported', async () => {
    const parsed = await parseMemberFile(await renderMembersXlsx(INPUT), 'x.xlsx');
    const { rows } = validateRows(parsed, { cells: CELLS, today: '2026-03-01' });
    const plan = planImport([], rows);
    expect(plan.create.map(({ rowNumber: _r, ...m }) => m)).toEqual(
      STORED.map(({ id: _id, ...m }) => Object.fromEntries(Object.entries(m).filter(([, v]) => v != null))),
    );
  });
});
