import { describe, expect, it } from 'vitest';
import { CsvDecodeError, decodeCsvText } from './decode.js';
import { parseMemberFile } from './parse.js';

const CSV = 'Họ và tên\tSinh ngày\tGiới tính\tSố thẻ đảng viên\nNguyễn Thị Ánh\t01/02/1960\tNữ\t01020304\n';

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};

describe('decoding an uploaded CSV', () => {
  it('reads Excel\'s "Unicode Text" (UTF-16LE with BOM FF FE) and UTF-16BE (FE FF), BOM dropped', () => {
    expect(decodeCsvText(utf16le(CSV), 'a.txt')).toBe(CSV);
    expect(decodeCsvText(utf16be(CSV), 'a.txt')).toBe(CSV);
  });

  it('reads UTF-8 with and without its BOM as before', () => {
    expect(decodeCsvText(Buffer.from(CSV, 'utf8'), 'a.csv')).toBe(CSV);
    expect(decodeCsvText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), 'a.csv')).toBe(
      CSV,
    );
  });

  it('refuses UTF-16 without a BOM, a broken UTF-16 file, UTF-32 and a NUL past the first 4 KB, in Vietnamese', () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from(CSV, 'utf16le'), /UTF-16 nhưng thiếu dấu BOM/],
      // An odd number of bytes after the BOM, then a lone high surrogate.
      [Buffer.concat([utf16le('Họ tên'), Buffer.from([0x41])]), /UTF-16\) bị hỏng/],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]), /UTF-16\) bị hỏng/],
      [Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]), /UTF-32/],
      [Buffer.concat([Buffer.from(`${'a,b,c\n'.repeat(1000)}x`), Buffer.from([0]), Buffer.from('y')]), /NUL/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeCsvText(bytes, 'ds.csv')).toThrow(CsvDecodeError);
      expect(() => decodeCsvText(bytes, 'ds.csv')).toThrow(message);
    }
  });

  it('a UTF-16 file goes through the import parser like its UTF-8 twin', async () => {
    const fromUtf16 = await parseMemberFile(utf16le(CSV), 'ds.txt');
    const fromUtf8 = await parseMemberFile(Buffer.from(CSV, 'utf8'), 'ds.csv');
    expect(fromUtf16.rows).toEqual(fromUtf8.rows);
    expect(fromUtf16.rows[0]!.values.fullName).toBe('Nguyễn Thị Ánh');
  });
});
