import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVietnameseNames,
  normalizeText,
  safeFileName,
  sortByVietnameseName,
  vietnameseNameSortKey,
} from './vietnamese.js';

describe('Vietnamese name sorting (given name first, then family, then middle)', () => {
  it('sorts by the given name before the family name', () => {
    const names = ['Nguyễn Văn Bình', 'Trần Thị An', 'Lê Văn Cường', 'Đỗ Minh Anh'];
    expect(sortByVietnameseName(names, (n) => n)).toEqual([
      'Trần Thị An',
      'Đỗ Minh Anh',
      'Nguyễn Văn Bình',
      'Lê Văn Cường',
    ]);
  });

  it('breaks a tie on the given name by family name, then middle names', () => {
    const names = ['Trần Văn Hùng', 'Lê Thị Hùng', 'Lê Anh Hùng'];
    expect(sortByVietnameseName(names, (n) => n)).toEqual(['Lê Anh Hùng', 'Lê Thị Hùng', 'Trần Văn Hùng']);
  });

  it('follows the Vietnamese alphabet: a < ă < â, d < đ, o < ô < ơ, u < ư', () => {
    const given = ['Ơn', 'Ân', 'Đức', 'Dung', 'Ăn', 'An', 'Ôn', 'On', 'Ưng', 'Uyên', 'Em', 'Ê'];
    const sorted = sortByVietnameseName(
      given.map((g) => `Nguyễn ${g}`),
      (n) => n,
    ).map((n) => n.split(' ')[1]);
    expect(sorted).toEqual(['An', 'Ăn', 'Ân', 'Dung', 'Đức', 'Em', 'Ê', 'On', 'Ôn', 'Ơn', 'Uyên', 'Ưng']);
  });

  it('puts đ after every d word, unlike a plain code-point sort would not', () => {
    // Plain localeCompare may treat đ as d; the Vietnamese alphabet does not.
    expect(compareVietnameseNames('Lê Đào', 'Lê Dương')).toBeGreaterThan(0);
  });

  it('uses tones only to break ties, in the order none, huyền, hỏi, ngã, sắc, nặng', () => {
    const given = ['Hạ', 'Há', 'Hà', 'Hả', 'Ha', 'Hã'];
    const sorted = sortByVietnameseName(
      given.map((g) => `Lê ${g}`),
      (n) => n,
    ).map((n) => n.split(' ')[1]);
    expect(sorted).toEqual(['Ha', 'Hà', 'Hả', 'Hã', 'Há', 'Hạ']);
    // A tone never outweighs a letter: "Hà" sorts before "Hai".
    expect(compareVietnameseNames('Lê Hà', 'Lê Hai')).toBeLessThan(0);
  });

  it('sorts a shorter given name before a longer one sharing its start (An < Anh)', () => {
    expect(compareVietnameseNames('Vũ An', 'Bùi Anh')).toBeLessThan(0);
  });

  it('gives the same key for NFC and NFD spellings of a name', () => {
    const nfc = 'Nguyễn Thị Hương'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(vietnameseNameSortKey(nfd)).toBe(vietnameseNameSortKey(nfc));
    expect(normalizeText(`  ${nfd}  `)).toBe(nfc);
  });

  it('keys are ASCII, so the database sorts them the same way with COLLATE "C"', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the key uses \u0001 as a separator
        expect(/^[\u0001-\u007f]*$/.test(vietnameseNameSortKey(s))).toBe(true);
      }),
    );
  });

  it('is a total order consistent with the comparator (antisymmetric)', () => {
    const word = fc.constantFrom('An', 'Ánh', 'Bình', 'Đạt', 'Dũng', 'Hà', 'Hải', 'Ơn', 'Ưng', 'Yến');
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 2, maxLength: 4 }),
        fc.array(word, { minLength: 2, maxLength: 4 }),
        (a, b) => {
          const x = a.join(' ');
          const y = b.join(' ');
          expect(Math.sign(compareVietnameseNames(x, y)) + Math.sign(compareVietnameseNames(y, x))).toBe(0);
        },
      ),
    );
  });
});

describe('safeFileName', () => {
  it('drops diacritics and unsafe characters', () => {
    expect(safeFileName('Danh sách đảng viên - Chi bộ Khu phố 1.xlsx')).toBe(
      'Danh-sach-dang-vien-Chi-bo-Khu-pho-1.xlsx',
    );
  });
});
