import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Field } from './fields.js';
import { type CellValue, type ParsedFile, parseMemberFile } from './parse.js';
import { type ValidateContext, validateRows } from './validate.js';

const CELLS = [
  { id: 1, name: 'Chi bộ Khu phố 1' },
  { id: 2, name: 'Chi bộ Khu phố 2' },
  { id: 3, name: 'Chi bộ Ấp Tân Hòa' },
];
const CTX: ValidateContext = { cells: CELLS, today: '2026-03-01' };

/** A parsed file with a one-row header at row 1 holding the given fields in order. */
function file(fields: Field[], rows: Partial<Record<Field, CellValue>>[]): ParsedFile {
  return {
    headerRow: 1,
    columns: fields.map((field, i) => ({
      field,
      label: `Cột ${field}`,
      column: String.fromCharCode(65 + i),
    })),
    unknownColumns: [],
    rows: rows.map((values, i) => ({ rowNumber: i + 2, values })),
  };
}

const base = { fullName: 'Nguyễn Văn An', cellName: 'Chi bộ Khu phố 1', cardNumber: '10000001' };
const ALL: Field[] = [
  'fullName',
  'birthDate',
  'gender',
  'admissionDate',
  'officialDate',
  'cardNumber',
  'nationalId',
  'phone',
  'email',
  'cellName',
];

function one(values: Partial<Record<Field, CellValue>>, ctx: ValidateContext = CTX) {
  return validateRows(file(ALL, [{ ...base, ...values }]), ctx);
}

describe('validateRows on a file with several bad rows', () => {
  async function badFile(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.getCell('A1').value = 'DANH SÁCH ĐẢNG VIÊN';
    const header = ['STT', 'Họ và tên *', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức'];
    header.push('Số thẻ đảng viên', 'Số CCCD', 'Điện thoại', 'Email', 'Tên chi bộ');
    ws.getRow(3).values = header;
    const rows: ExcelJS.CellValue[][] = [
      [
        'Nguyễn Văn An',
        '15/01/1970',
        'Nam',
        '03/02/1995',
        '03/02/1996',
        '10000001',
        '001070000001',
        '0912345678',
      ],
      ['An', '15/01/1970'],
      ['Trần Văn Bảo', '31/02/1970'],
      ['Lê Thị Chi', '10/05/1990', 'Nữ', '01/05/2008'],
      ['Phạm Văn Dũng', '10/05/1960', 'Nam', '01/05/1990', '01/05/1989'],
      ['Hoàng Văn Em', '10/05/1960', '', '', '', '', '12345'],
      ['Võ Văn Giang', '10/05/1961', '', '', '', '10000001'],
      ['Đỗ Văn Hùng', '10/05/1962', '', '', '', '', '', '12345'],
      ['Bùi Thị Hoa', '10/05/1963', 'Khác'],
      ['Đinh Văn Khoa', '10/05/1964', '', '', '', '', '', '', '', 'Chi bộ Không Có'],
      ['Mai Văn Long', '10/05/1965', '', '', '', '', '', '', 'abc@'],
      ['Lý Văn Minh', '10/05/1966', '', '01/01/2027'],
    ];
    rows.forEach((r, i) => {
      ws.getCell(4 + i, 1).value = i + 1;
      r.forEach((v, k) => {
        if (v !== '') ws.getCell(4 + i, k + 2).value = v;
      });
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reports each error with its exact row, column label, letter and a Vietnamese message', async () => {
    const parsed = await parseMemberFile(await badFile(), 'loi.xlsx');
    const result = validateRows(parsed, { ...CTX, defaultCellId: 1 });
    expect(
      result.errors.map((e) => ({
        row: e.row,
        column: e.column,
        letter: e.columnLetter,
        message: e.message,
      })),
    ).toEqual([
      {
        row: 5,
        column: 'Họ và tên *',
        letter: 'B',
        message: "Họ và tên 'An' phải có ít nhất 2 từ (họ và tên).",
      },
      {
        row: 6,
        column: 'Ngày sinh',
        letter: 'C',
        message: "Ngày sinh '31/02/1970' không phải ngày hợp lệ (dd/mm/yyyy).",
      },
      {
        row: 7,
        column: 'Ngày vào Đảng',
        letter: 'E',
        message:
          'Ngày vào Đảng 01/05/2008 khi chưa đủ 18 tuổi (sinh ngày 10/05/1990); người vào Đảng phải từ đủ 18 tuổi (Điều lệ Đảng, Điều 1).',
      },
      {
        row: 8,
        column: 'Ngày chính thức',
        letter: 'F',
        message: 'Ngày chính thức 01/05/1989 không được trước ngày vào Đảng 01/05/1990.',
      },
      { row: 9, column: 'Số CCCD', letter: 'H', message: "Số CCCD '12345' phải gồm đúng 12 chữ số." },
      {
        row: 10,
        column: 'Số thẻ đảng viên',
        letter: 'G',
        message:
          "Số thẻ đảng viên '10000001' trùng với dòng 4 (Nguyễn Văn An): mỗi đảng viên chỉ được có một dòng.",
      },
      {
        row: 11,
        column: 'Điện thoại',
        letter: 'I',
        message: "Số điện thoại '12345' không hợp lệ: cần 10–11 chữ số, bắt đầu bằng 0 hoặc +84.",
      },
      {
        row: 12,
        column: 'Giới tính',
        letter: 'D',
        message: "Giới tính 'Khác' không hợp lệ: ghi 'Nam' hoặc 'Nữ'.",
      },
      {
        row: 13,
        column: 'Tên chi bộ',
        letter: 'K',
        message:
          "Chi bộ 'Chi bộ Không Có' không thuộc đơn vị đang nhập. Các chi bộ của đơn vị: Chi bộ Khu phố 1, Chi bộ Khu phố 2, Chi bộ Ấp Tân Hòa.",
      },
      {
        row: 14,
        column: 'Email',
        letter: 'J',
        message: "Email 'abc@' không đúng định dạng (ví dụ: ten@example.vn).",
      },
      {
        row: 15,
        column: 'Ngày vào Đảng',
        letter: 'E',
        message: 'Ngày vào Đảng 01/01/2027 ở sau ngày hôm nay (01/03/2026).',
      },
    ]);
    // Only the good row survives; the bad ones are not imported half-right.
    expect(result.rows.map((r) => r.rowNumber)).toEqual([4]);
  });
});

describe('validateRows field rules', () => {
  it('accepts a complete, correct row and normalises it', () => {
    const { rows, errors, warnings } = one({
      fullName: '  nguyễn   văn an '.normalize('NFD'),
      birthDate: '15/01/1970',
      gender: 'NỮ',
      admissionDate: new Date(Date.UTC(1995, 1, 3)),
      officialDate: 35098, // 03/02/1996 as an Excel serial
      cardNumber: '79.012 345',
      nationalId: '079070000001',
      phone: '+84 912.345.678',
      email: 'an@example.vn',
      cellName: 'chi bo khu pho 2',
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        fullName: 'Nguyễn Văn An',
        birthDate: '1970-01-15',
        gender: 'nu',
        admissionDate: '1995-02-03',
        officialDate: '1996-02-03',
        cardNumber: '79012345',
        nationalId: '079070000001',
        phone: '0912345678',
        email: 'an@example.vn',
        cellId: 2,
      },
    ]);
  });

  it('rejects a missing name and a name with digits', () => {
    expect(one({ fullName: undefined }).errors.map((e) => e.message)).toEqual(['Thiếu họ và tên.']);
    expect(one({ fullName: 'I. Chi bộ Khu phố 1' }).errors.map((e) => e.field)).toEqual(['fullName']);
  });

  it('rejects a bare year and an impossible admission date', () => {
    expect(one({ birthDate: '1970' }).errors[0]?.message).toBe(
      "Ngày sinh '1970' chỉ có năm; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy).",
    );
    expect(one({ birthDate: 1970 }).errors[0]?.message).toMatch(/chỉ có năm/);
    expect(one({ admissionDate: '01/01/1929' }).errors[0]?.message).toMatch(/03\/02\/1930/);
  });

  it('puts admission after birth, and the 18th birthday on the day of admission', () => {
    expect(one({ birthDate: '10/05/1990', admissionDate: '10/05/1990' }).errors[0]?.message).toBe(
      'Ngày vào Đảng 10/05/1990 phải sau ngày sinh 10/05/1990.',
    );
    expect(one({ birthDate: '10/05/1990', admissionDate: '09/05/2008' }).errors).toHaveLength(1);
    expect(one({ birthDate: '10/05/1990', admissionDate: '10/05/2008' }).errors).toEqual([]);
  });

  it('refuses an official date inside the probation, as recording the recognition does (pack rule)', () => {
    // Same rule as the status change: Điều lệ Đảng, Điều 5 — recognised after 12 months of probation.
    const r = one({ admissionDate: '01/06/2005', officialDate: '31/05/2006' });
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.field, e.column, e.value])).toEqual([
      ['officialDate', 'Cột officialDate', '31/05/2006'],
    ]);
    expect(r.errors[0]?.message).toBe(
      'Đảng viên vào Đảng ngày 01/06/2005, đến ngày 01/06/2006 mới đủ 12 tháng dự bị; chưa thể công nhận chính thức ' +
        'từ ngày 31/05/2006. Đảng viên dự bị được xét công nhận chính thức khi hết 12 tháng dự bị (Điều lệ Đảng, Điều 5).',
    );
    expect(one({ admissionDate: '01/06/2005', officialDate: '01/06/2006' }).errors).toEqual([]);
    expect(one({ admissionDate: '01/06/2005', officialDate: '01/06/2006' }).warnings).toEqual([]);
  });

  it('only warns about an early official date when the pack allows early recognition', () => {
    const rules = {
      minAdmissionAge: 18,
      probationMonths: 12,
      earlyRecognition: { allowed: true, citation: 'Quy định thử' },
    };
    const r = one({ admissionDate: '01/06/2005', officialDate: '01/06/2005' }, { ...CTX, rules });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.field, w.column])).toEqual([['officialDate', 'Cột officialDate']]);
    // The probation length is the pack's too.
    const six = {
      ...rules,
      probationMonths: 6,
      earlyRecognition: { allowed: false, citation: 'Quy định thử' },
    };
    expect(
      one({ admissionDate: '01/06/2005', officialDate: '01/12/2005' }, { ...CTX, rules: six }).errors,
    ).toEqual([]);
  });

  it('reads ISO date-times in Vietnamese time and year-first dates, and refuses impossible ones', () => {
    const r = one({
      birthDate: '1985-03-12T17:00:00.000Z',
      admissionDate: '2010/01/05',
      officialDate: '2011-01-05 00:00:00',
    });
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      birthDate: '1985-03-13',
      admissionDate: '2010-01-05',
      officialDate: '2011-01-05',
    });
    const bad = one({ birthDate: '1985-02-30T00:00:00Z' });
    expect(bad.errors.map((e) => [e.field, e.message])).toEqual([
      ['birthDate', "Ngày sinh '1985-02-30T00:00:00Z' không phải ngày hợp lệ (dd/mm/yyyy)."],
    ]);
  });

  it('reads bare serial numbers in the workbook’s 1904 date system', () => {
    const parsed = { ...file(ALL, [{ ...base, birthDate: 27899 }]), date1904: true };
    expect(validateRows(parsed, CTX).rows[0]?.birthDate).toBe('1980-05-20');
    expect(validateRows(file(ALL, [{ ...base, birthDate: 29361 }]), CTX).rows[0]?.birthDate).toBe(
      '1980-05-20',
    );
  });

  it('pads a numeric CCCD of 9–11 digits with a warning, but not text or other lengths', () => {
    const padded = one({ nationalId: 79070000001 });
    expect(padded.rows[0]?.nationalId).toBe('079070000001');
    expect(padded.warnings.map((w) => w.field)).toEqual(['nationalId']);
    expect(one({ nationalId: '79070000001' }).errors.map((e) => e.field)).toEqual(['nationalId']);
    expect(one({ nationalId: 12345678 }).errors.map((e) => e.field)).toEqual(['nationalId']);
    expect(one({ nationalId: 1234567890123 }).errors.map((e) => e.field)).toEqual(['nationalId']);
  });

  it('checks card numbers: 6–12 digits after removing spaces and dots', () => {
    expect(one({ cardNumber: '123456' }).rows[0]?.cardNumber).toBe('123456');
    expect(one({ cardNumber: 12345 }).errors.map((e) => e.field)).toEqual(['cardNumber']);
    expect(one({ cardNumber: '1234567890123' }).errors.map((e) => e.field)).toEqual(['cardNumber']);
    expect(one({ cardNumber: 'AB123456' }).errors.map((e) => e.field)).toEqual(['cardNumber']);
  });

  it('normalises phone numbers to a leading 0 and rejects the rest', () => {
    expect(one({ phone: '0243 825 1234' }).rows[0]?.phone).toBe('02438251234');
    expect(one({ phone: '84912345678' }).rows[0]?.phone).toBe('0912345678');
    const numeric = one({ phone: 912345678 });
    expect(numeric.rows[0]?.phone).toBe('0912345678');
    expect(numeric.warnings.map((w) => w.field)).toEqual(['phone']);
    expect(one({ phone: '091234567' }).errors.map((e) => e.field)).toEqual(['phone']);
    expect(one({ phone: '+1 555 123 4567' }).errors.map((e) => e.field)).toEqual(['phone']);
  });

  it('accepts gender in any case or without diacritics, and nothing else', () => {
    expect(one({ gender: 'nam' }).rows[0]?.gender).toBe('nam');
    expect(one({ gender: 'Nu' }).rows[0]?.gender).toBe('nu');
    expect(one({ gender: 'Nữ'.normalize('NFD') }).rows[0]?.gender).toBe('nu');
    expect(one({ gender: 'F' }).errors.map((e) => e.field)).toEqual(['gender']);
  });

  it('matches cell names loosely but refuses to guess between two cells', () => {
    expect(one({ cellName: 'CHI BỘ ẤP TÂN HÒA' }).rows[0]?.cellId).toBe(3);
    expect(one({ cellName: 'Ấp Tân Hoà'.normalize('NFD') }).rows[0]?.cellId).toBe(3);
    const ctx = { ...CTX, cells: [...CELLS, { id: 4, name: 'Chi bộ Ấp Tấn Hòa' }] };
    expect(one({ cellName: 'Chi bộ Ấp Tân Hòa' }, ctx).rows[0]?.cellId).toBe(3);
    expect(one({ cellName: 'chi bo ap tan hoa' }, ctx).errors[0]?.message).toMatch(/khớp với nhiều chi bộ/);
  });

  it('falls back to the default cell, marking it so a stored member is not moved', () => {
    const noColumn = validateRows(
      file(['fullName', 'birthDate'], [{ fullName: 'Nguyễn Văn An', birthDate: '01/01/1970' }]),
      {
        ...CTX,
        defaultCellId: 2,
      },
    );
    expect(noColumn.rows[0]).toMatchObject({ cellId: 2, cellFromDefault: true });
    const emptyCell = one({ cellName: undefined }, { ...CTX, defaultCellId: 1 });
    expect(emptyCell.rows[0]).toMatchObject({ cellId: 1, cellFromDefault: true });
    expect(one({}).rows[0]?.cellFromDefault).toBeUndefined();
  });

  it('refuses a row that only a name identifies, since a re-import could not find it again', () => {
    const r = one({ cardNumber: undefined });
    expect(r.errors).toEqual([
      {
        row: 2,
        column: 'Cột birthDate',
        columnLetter: 'B',
        field: 'birthDate',
        message:
          'Không nhận diện được đảng viên chỉ bằng họ tên: cần thêm ngày sinh, số thẻ đảng viên hoặc số CCCD.',
      },
    ]);
    expect(one({ cardNumber: undefined, birthDate: '01/01/1970' }).errors).toEqual([]);
    expect(one({ cardNumber: undefined, nationalId: '001070000001' }).errors).toEqual([]);
  });

  it('says why when no cell can be determined', () => {
    const noColumn = validateRows(
      file(['fullName', 'birthDate'], [{ fullName: 'Nguyễn Văn An', birthDate: '01/01/1970' }]),
      CTX,
    );
    expect(noColumn.errors).toEqual([
      {
        row: 2,
        column: 'Chi bộ',
        field: 'cellName',
        message: 'Không xác định được chi bộ: tệp không có cột Chi bộ và chưa chọn chi bộ mặc định.',
      },
    ]);
    expect(one({ cellName: undefined }).errors[0]?.message).toMatch(
      /^Không xác định được chi bộ: ô Chi bộ để trống/,
    );
  });

  it('flags the later of two rows with the same CCCD, citing the first', () => {
    const r = validateRows(
      file(ALL, [
        { ...base, cardNumber: undefined, nationalId: '001070000001' },
        { ...base, cardNumber: undefined, fullName: 'Trần Văn Bảo', nationalId: '001070000002' },
        { ...base, cardNumber: undefined, fullName: 'Lê Văn Cường', nationalId: 1070000001 },
      ]),
      CTX,
    );
    expect(r.errors.map((e) => [e.row, e.field, e.message])).toEqual([
      [
        4,
        'nationalId',
        "Số CCCD '001070000001' trùng với dòng 2 (Nguyễn Văn An): mỗi đảng viên chỉ được có một dòng.",
      ],
    ]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 3]);
  });

  it('warns, without refusing, about two rows with the same name and birth date', () => {
    const r = validateRows(
      file(ALL, [
        { ...base, cardNumber: undefined, birthDate: '01/01/1970' },
        { ...base, cardNumber: undefined, fullName: 'NGUYỄN VĂN AN', birthDate: '01/01/1970' },
      ]),
      CTX,
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.row, w.field])).toEqual([[3, 'fullName']]);
    expect(r.warnings[0]?.message).toMatch(/dòng 2/);
  });
});
