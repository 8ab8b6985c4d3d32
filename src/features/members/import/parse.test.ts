import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseMemberFile } from './parse.js';
import { validateRows } from './validate.js';

const nfd = (s: string) => s.normalize('NFD');

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes `values` into row `row` from column A; undefined leaves a cell empty. */
function put(ws: ExcelJS.Worksheet, row: number, values: ExcelJS.CellValue[]): void {
  values.forEach((v, i) => {
    if (v !== undefined) ws.getCell(row, i + 1).value = v;
  });
}

/**
 * A file shaped like a real export: an empty first sheet, title rows, a two-row header with a
 * merged group cell and vertically merged labels, `*` and `(*)` markers, label variants, a row
 * of column numbers, NFD text, real date cells, text dates, serial dates, a numeric CCCD that
 * lost its leading zeros, rich text, a hyperlink, a formula, a vertically merged cell name, a
 * section title row and trailing template rows.
 */
async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1');
  const ws = wb.addWorksheet('DS đảng viên');
  ws.getCell('A1').value = nfd('ĐẢNG BỘ PHƯỜNG BẾN NGHÉ');
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = 'DANH SÁCH ĐẢNG VIÊN';
  ws.mergeCells('A2:O2');
  // Row 3 left blank.
  const top: Record<string, string> = {
    A: 'STT',
    B: 'Họ và tên (*)',
    C: nfd('Sinh ngày'),
    D: 'GIỚI TÍNH',
    E: 'Thông tin đảng',
    H: 'Số CMND/CCCD*',
    I: 'Chi bộ sinh hoạt',
    J: 'SĐT',
    K: 'Nơi cư trú',
    L: 'Dân tộc',
    M: 'Thư điện tử',
    N: 'Ghi chú',
    O: 'Xếp loại',
  };
  for (const [col, label] of Object.entries(top)) ws.getCell(`${col}4`).value = label;
  for (const col of ['A', 'B', 'C', 'D', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'])
    ws.mergeCells(`${col}4:${col}5`);
  ws.mergeCells('E4:G4');
  ws.getCell('E5').value = 'Ngày kết nạp';
  ws.getCell('F5').value = 'Ngày công nhận chính thức';
  ws.getCell('G5').value = ' Số   thẻ Đảng ';
  put(
    ws,
    6,
    Array.from({ length: 15 }, (_, i) => `(${i + 1})`),
  );

  put(ws, 7, [
    1,
    nfd('Nguyễn Văn An'),
    new Date(Date.UTC(1970, 0, 15)),
    'Nam',
    '03/02/1995',
    new Date(Date.UTC(1996, 1, 3)),
    '01234567',
    1234567890, // CCCD 001234567890 typed into a General cell
    nfd('chi bo khu pho 1'),
    '0912 345 678',
    { richText: [{ text: 'Số 5, ' }, { text: nfd('đường Lê Lợi'), font: { bold: true } }] },
    'Kinh',
    { text: 'an.nguyen@example.vn', hyperlink: 'mailto:an.nguyen@example.vn' },
    { formula: '"Bí thư"', result: 'Bí thư' },
    'Tốt',
  ]);
  put(ws, 8, [
    2,
    nfd('TRẦN THỊ BÌNH'),
    29361, // serial number for 20/05/1980
    nfd('nữ'),
    '1/6/2005',
    '01/06/2006',
    7654321,
    '079180000123',
    undefined, // merged with I7 below
    912345678,
  ]);
  ws.mergeCells('I7:I8');
  ws.getCell('A9').value = nfd('II. CHI BỘ KHU PHỐ 2');
  ws.mergeCells('A9:O9');
  put(ws, 10, [3, 'Lê Hoàng Cường', '15-08-1985', 'Nam', undefined, undefined, '02.123456']);
  ws.getCell('I10').value = 'Chi bộ Khu phố 2';
  // An address typed across two cells: the merged-in copy is not the ethnicity column's value.
  ws.getCell('K10').value = 'Tổ 3, khu phố 2';
  ws.mergeCells('K10:L10');
  ws.getCell('A11').value = 4; // the template numbers rows nobody filled in
  ws.getCell('A12').value = 5;
  return toBuffer(wb);
}

describe('parseMemberFile on a messy .xlsx export', () => {
  it('finds the two-row header below the titles and maps every label variant', async () => {
    const parsed = await parseMemberFile(await messyWorkbook(), 'ds.xlsx');
    expect(parsed.headerRow).toBe(4);
    expect(parsed.columns).toEqual([
      { field: 'fullName', label: 'Họ và tên (*)', column: 'B' },
      { field: 'birthDate', label: 'Sinh ngày', column: 'C' },
      { field: 'gender', label: 'GIỚI TÍNH', column: 'D' },
      { field: 'admissionDate', label: 'Ngày kết nạp', column: 'E' },
      { field: 'officialDate', label: 'Ngày công nhận chính thức', column: 'F' },
      { field: 'cardNumber', label: 'Số thẻ Đảng', column: 'G' },
      { field: 'nationalId', label: 'Số CMND/CCCD*', column: 'H' },
      { field: 'cellName', label: 'Chi bộ sinh hoạt', column: 'I' },
      { field: 'phone', label: 'SĐT', column: 'J' },
      { field: 'address', label: 'Nơi cư trú', column: 'K' },
      { field: 'ethnicity', label: 'Dân tộc', column: 'L' },
      { field: 'email', label: 'Thư điện tử', column: 'M' },
      { field: 'notes', label: 'Ghi chú', column: 'N' },
    ]);
    expect(parsed.unknownColumns).toEqual(['Xếp loại']);
  });

  it('skips the column-number row, the section title and rows holding only an STT', async () => {
    const parsed = await parseMemberFile(await messyWorkbook(), 'ds.xlsx');
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([7, 8, 10]);
  });

  it('keeps values raw but unwraps rich text, hyperlinks and formulas, in NFC', async () => {
    const [first, second, third] = (await parseMemberFile(await messyWorkbook(), 'ds.xlsx')).rows;
    expect(first!.values).toEqual({
      fullName: 'Nguyễn Văn An',
      birthDate: new Date(Date.UTC(1970, 0, 15)),
      gender: 'Nam',
      admissionDate: '03/02/1995',
      officialDate: new Date(Date.UTC(1996, 1, 3)),
      cardNumber: '01234567',
      nationalId: 1234567890,
      cellName: 'chi bo khu pho 1',
      phone: '0912 345 678',
      address: 'Số 5, đường Lê Lợi',
      ethnicity: 'Kinh',
      email: 'an.nguyen@example.vn',
      notes: 'Bí thư',
    });
    expect(first!.values.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect(first!.values.fullName).not.toBe(nfd('Nguyễn Văn An'));
    // The vertically merged cell name belongs to both rows it spans.
    expect(second!.values.cellName).toBe('chi bo khu pho 1');
    expect(second!.values.fullName).toBe('TRẦN THỊ BÌNH');
    expect(second!.values.birthDate).toBe(29361);
    expect(second!.values.gender).toBe('nữ');
    expect(third!.values).toEqual({
      fullName: 'Lê Hoàng Cường',
      birthDate: '15-08-1985',
      gender: 'Nam',
      cardNumber: '02.123456',
      cellName: 'Chi bộ Khu phố 2',
      address: 'Tổ 3, khu phố 2',
    });
  });

  it('skips a section title merged across the table even where its text lands in the name column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    put(ws, 1, ['Họ và tên', 'Ngày sinh', 'Số thẻ đảng viên', 'Ghi chú']);
    put(ws, 2, ['Chi bộ Khu phố 1']);
    ws.mergeCells('A2:D2');
    put(ws, 3, ['Phạm Văn Dũng', '01/01/1960', '12345678']);
    put(ws, 4, ['Chi bộ Khu phố 2']);
    ws.mergeCells('A4:D4');
    put(ws, 5, ['Võ Thị Hoa', '02/03/1975', '12345679']);
    const parsed = await parseMemberFile(await toBuffer(wb), 'x.xlsx');
    expect(parsed.rows.map((r) => [r.rowNumber, r.values.fullName])).toEqual([
      [3, 'Phạm Văn Dũng'],
      [5, 'Võ Thị Hoa'],
    ]);
  });

  it('reads a one-row header with no titles above it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Họ tên', 'Ngày sinh', 'Số thẻ đảng viên', 'Số định danh cá nhân']);
    ws.addRow(['Phạm Văn Dũng', '01/01/1960', '12345678', '001060000001']);
    const parsed = await parseMemberFile(await toBuffer(wb), 'x.xlsx');
    expect(parsed.headerRow).toBe(1);
    expect(parsed.columns.map((c) => c.field)).toEqual(['fullName', 'birthDate', 'cardNumber', 'nationalId']);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          fullName: 'Phạm Văn Dũng',
          birthDate: '01/01/1960',
          cardNumber: '12345678',
          nationalId: '001060000001',
        },
      },
    ]);
  });

  it('reads a header whose upper row is only group labels', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Thông tin cá nhân', '', '', 'Thông tin đảng', '']);
    ws.mergeCells('A1:C1');
    ws.mergeCells('D1:E1');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày vào Đảng', 'Ngày chính thức']);
    ws.addRow(['Võ Thị Hoa', '02/03/1975', 'Nữ', '02/03/2000', '02/03/2001']);
    const parsed = await parseMemberFile(await toBuffer(wb), 'x.xlsx');
    expect(parsed.headerRow).toBe(2);
    expect(parsed.columns.map((c) => `${c.column}:${c.field}`)).toEqual([
      'A:fullName',
      'B:birthDate',
      'C:gender',
      'D:admissionDate',
      'E:officialDate',
    ]);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([3]);
  });

  it('reads "Ngày vào Đảng" merged over "Dự bị | Chính thức" as the two dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Ngày vào Đảng', '']);
    ws.mergeCells('C1:D1');
    ws.addRow(['', '', 'Dự bị', 'Chính thức']);
    ws.mergeCells('A1:A2');
    ws.mergeCells('B1:B2');
    ws.addRow(['Đặng Văn Em', '02/03/1975', '02/03/2000', '02/03/2001']);
    const parsed = await parseMemberFile(await toBuffer(wb), 'x.xlsx');
    expect(parsed.columns.map((c) => `${c.column}:${c.field}`)).toEqual([
      'A:fullName',
      'B:birthDate',
      'C:admissionDate',
      'D:officialDate',
    ]);
    expect(parsed.rows[0]).toEqual({
      rowNumber: 3,
      values: {
        fullName: 'Đặng Văn Em',
        birthDate: '02/03/1975',
        admissionDate: '02/03/2000',
        officialDate: '02/03/2001',
      },
    });
  });

  it('keeps the first of two columns for the same field and lists the other as unused', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Địa chỉ', 'Nơi ở hiện nay']);
    ws.addRow(['Đặng Văn Em', '02/03/1975', 'A', 'B']);
    const parsed = await parseMemberFile(await toBuffer(wb), 'x.xlsx');
    expect(parsed.columns.find((c) => c.field === 'address')?.column).toBe('C');
    expect(parsed.unknownColumns).toEqual(['Nơi ở hiện nay']);
    expect(parsed.rows[0]?.values.address).toBe('A');
  });

  it('passes over an instructions sheet and a hidden sheet to the member list', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hướng dẫn').getCell('A1').value =
      'Điền mỗi đảng viên một dòng; cột có dấu * là bắt buộc.';
    const hidden = wb.addWorksheet('Ẩn', { state: 'hidden' });
    put(hidden, 1, ['Họ và tên', 'Ngày sinh', 'Giới tính']);
    put(hidden, 2, ['Người Ẩn Danh', '01/01/1960', 'Nam']);
    const ws = wb.addWorksheet('Danh sách');
    put(ws, 1, ['Họ và tên', 'Ngày sinh', 'Giới tính']);
    put(ws, 2, ['Phạm Văn Dũng', '01/01/1960', 'Nam']);
    const parsed = await parseMemberFile(await toBuffer(wb), 'x.xlsx');
    expect(parsed.rows.map((r) => r.values.fullName)).toEqual(['Phạm Văn Dũng']);
  });

  it('rejects a file without the required name column, naming it in Vietnamese', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Ngày sinh', 'Giới tính', 'Số thẻ đảng viên']);
    ws.addRow(['02/03/1975', 'Nam', '12345678']);
    const bytes = await toBuffer(wb);
    await expect(parseMemberFile(bytes, 'x.xlsx')).rejects.toThrow(ImportFileError);
    await expect(parseMemberFile(bytes, 'x.xlsx')).rejects.toThrow("thiếu cột bắt buộc 'Họ và tên'");
  });

  it('rejects a sheet whose header is not within the first 15 rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 'Ghi chép';
    put(ws, 16, ['Họ và tên', 'Ngày sinh', 'Giới tính']);
    put(ws, 17, ['Đặng Văn Em', '02/03/1975', 'Nam']);
    await expect(parseMemberFile(await toBuffer(wb), 'x.xlsx')).rejects.toThrow(
      /Không tìm thấy dòng tiêu đề/,
    );
  });
});

describe('parseMemberFile on CSV', () => {
  it('reads UTF-8 with BOM, `;` delimiter, CRLF, title lines, quoted fields and NFD text', async () => {
    const csv = [
      'DANH SÁCH ĐẢNG VIÊN;;;;',
      ';;;;',
      'STT;Họ và tên *;Ngày sinh;Số CCCD;Địa chỉ;Ghi chú',
      `1;${nfd('Hoàng Thị Gấm')};05/06/1965;001165000123;"Số 1, ngõ 2; phố Huế";"Dòng một`,
      `dòng hai"`,
      '2;Ngô Văn Hải;07/08/1970;001070000456;;',
      ';;;;;',
      '',
    ].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
    const parsed = await parseMemberFile(bytes, 'ds.csv');
    expect(parsed.headerRow).toBe(3);
    expect(parsed.columns.map((c) => `${c.column}:${c.field}:${c.label}`)).toEqual([
      'B:fullName:Họ và tên *',
      'C:birthDate:Ngày sinh',
      'D:nationalId:Số CCCD',
      'E:address:Địa chỉ',
      'F:notes:Ghi chú',
    ]);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 4,
        values: {
          fullName: 'Hoàng Thị Gấm',
          birthDate: '05/06/1965',
          nationalId: '001165000123',
          address: 'Số 1, ngõ 2; phố Huế',
          notes: 'Dòng một dòng hai',
        },
      },
      // The quoted note spans two lines of text but one row in Excel, which numbers rows.
      {
        rowNumber: 5,
        values: { fullName: 'Ngô Văn Hải', birthDate: '07/08/1970', nationalId: '001070000456' },
      },
    ]);
    expect(parsed.rows[0]!.values.fullName).toBe('Hoàng Thị Gấm'.normalize('NFC'));
  });

  it('reads a comma-separated file without BOM even when addresses contain semicolons', async () => {
    const csv = 'Họ tên,Sinh ngày,Giới tính,Số thẻ ĐV\nLý Văn Khoa,01/02/1960,Nam,"01;02"\n';
    const parsed = await parseMemberFile(Buffer.from(csv, 'utf8'), 'a.csv');
    expect(parsed.columns.map((c) => c.field)).toEqual(['fullName', 'birthDate', 'gender', 'cardNumber']);
    expect(parsed.rows[0]?.values.cardNumber).toBe('01;02');
  });

  it('rejects a CSV that is not UTF-8 with advice on how to save it', async () => {
    // "Họ tên" in Windows-1258: bytes that are not valid UTF-8.
    const bytes = Buffer.from([0x48, 0xef, 0x20, 0x74, 0xea, 0x6e, 0x2c, 0x4e, 0x67, 0xe0, 0x79, 0x0a]);
    await expect(parseMemberFile(bytes, 'a.csv')).rejects.toThrow(/UTF-8/);
  });
});

describe('parseMemberFile on files that are not spreadsheets', () => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ]);

  it('rejects an image whatever its name says', async () => {
    await expect(parseMemberFile(png, 'danh-sach.xlsx')).rejects.toThrow(ImportFileError);
    await expect(parseMemberFile(png, 'danh-sach.csv')).rejects.toThrow(
      'Tệp không phải Excel (.xlsx) hoặc CSV',
    );
  });

  it('rejects a zip that is not a workbook', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60, 1)]);
    await expect(parseMemberFile(zip, 'x.xlsx')).rejects.toThrow('Tệp không phải Excel (.xlsx) hoặc CSV');
  });

  it('explains that legacy .xls must be saved as .xlsx', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(parseMemberFile(ole, 'x.xls')).rejects.toThrow(/\.xls\).*\.xlsx/);
  });

  it('rejects an empty file and a text file that is not a member list', async () => {
    await expect(parseMemberFile(Buffer.alloc(0), 'x.csv')).rejects.toThrow(/rỗng/);
    await expect(parseMemberFile(Buffer.from('xin chào\n'), 'x.txt')).rejects.toThrow(ImportFileError);
  });

  it('is a real Error subclass carrying its Vietnamese message', async () => {
    const err = await parseMemberFile(png, 'x.png').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('ImportFileError');
  });
});

describe('the messy export, validated', () => {
  it('yields clean member records, padding the numeric CCCD with a warning', async () => {
    const parsed = await parseMemberFile(await messyWorkbook(), 'ds.xlsx');
    const cells = [
      { id: 11, name: 'Chi bộ Khu phố 1' },
      { id: 12, name: 'Chi bộ Khu phố 2' },
    ];
    const result = validateRows(parsed, { cells, today: '2026-01-01' });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        rowNumber: 7,
        fullName: 'Nguyễn Văn An',
        birthDate: '1970-01-15',
        gender: 'nam',
        admissionDate: '1995-02-03',
        officialDate: '1996-02-03',
        cardNumber: '01234567',
        nationalId: '001234567890',
        cellId: 11,
        phone: '0912345678',
        address: 'Số 5, đường Lê Lợi',
        ethnicity: 'Kinh',
        email: 'an.nguyen@example.vn',
        notes: 'Bí thư',
      },
      {
        rowNumber: 8,
        fullName: 'Trần Thị Bình',
        birthDate: '1980-05-20',
        gender: 'nu',
        admissionDate: '2005-06-01',
        officialDate: '2006-06-01',
        cardNumber: '7654321',
        nationalId: '079180000123',
        cellId: 11,
        phone: '0912345678',
      },
      {
        rowNumber: 10,
        fullName: 'Lê Hoàng Cường',
        birthDate: '1985-08-15',
        gender: 'nam',
        cardNumber: '02123456',
        address: 'Tổ 3, khu phố 2',
        cellId: 12,
      },
    ]);
    expect(result.warnings.map((w) => [w.row, w.column, w.columnLetter, w.field])).toEqual([
      [7, 'Số CMND/CCCD*', 'H', 'nationalId'],
      [8, 'SĐT', 'J', 'phone'],
    ]);
    expect(result.warnings[0]!.message).toBe(
      "Số CCCD 1234567890 được lưu dạng số nên mất số 0 ở đầu; đã bổ sung thành '001234567890', hãy kiểm tra.",
    );
  });
});

describe('dates on every path of the import, read as the day meant or refused', () => {
  const cells = [{ id: 11, name: 'Chi bộ Khu phố 1' }];

  it('XLSX in the 1904 date system: date cells and bare serial numbers give the same day', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('DS');
    put(ws, 1, ['Họ và tên', 'Ngày sinh', 'Ngày vào Đảng', 'Số thẻ Đảng']);
    put(ws, 2, ['Nguyễn Văn An', new Date(Date.UTC(1980, 4, 20)), 36527, '01234567']); // 03/01/2004 counted from 1904
    const parsed = await parseMemberFile(await toBuffer(wb), 'ds.xlsx');
    expect(parsed.date1904).toBe(true);
    const result = validateRows(parsed, { cells, defaultCellId: 11, today: '2026-01-01' });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ birthDate: '1980-05-20', admissionDate: '2004-01-03' });
  });

  it('CSV: ISO date-times in Vietnamese time, year-first dates, and a refused impossible date', async () => {
    const csv = [
      'Họ và tên,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Số thẻ Đảng',
      'Nguyễn Văn An,1985-03-12T17:00:00.000Z,2010/01/05,2011-01-05T00:00:00+07:00,01234567',
      'Trần Thị Bình,1986-02-29,05/01/2010,,01234568',
    ].join('\n');
    const parsed = await parseMemberFile(Buffer.from(csv), 'ds.csv');
    const result = validateRows(parsed, { cells, defaultCellId: 11, today: '2026-01-01' });
    expect(result.rows.map((r) => [r.fullName, r.birthDate, r.admissionDate, r.officialDate])).toEqual([
      ['Nguyễn Văn An', '1985-03-13', '2010-01-05', '2011-01-05'],
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.value])).toEqual([[3, 'Ngày sinh', '1986-02-29']]);
  });
});
