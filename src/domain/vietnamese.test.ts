import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVietnameseNames,
  normalizeText,
  safeFileName,
  sortByVietnameseName,
  vietnameseNameSortKey,
} from './vietnamese.js';

// ---------------------------------------------------------------------------------------------
// A reference comparator written straight from the rule, independent of the key encoding.

const ORDER = 'a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y'.split(' ');
const TONE_ORDER = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

/** A word as [letters, tones]: each letter's base rank and its tone rank. */
function parts(word: string): [number[], number[]] {
  const letters: number[] = [];
  const tones: number[] = [];
  for (const ch of word.toLowerCase().normalize('NFD')) {
    const tone = TONE_ORDER.indexOf(ch);
    if (tone > 0) tones[tones.length - 1] = tone;
    else if (ch === '\u0306' || ch === '\u0302' || ch === '\u031b') {
      // Breve, circumflex and horn make another letter of the alphabet (a → ă, o → ơ …).
      const last = ORDER[letters[letters.length - 1]!]!;
      letters[letters.length - 1] = ORDER.indexOf(`${last}${ch}`.normalize('NFC'));
    } else {
      letters.push(ORDER.indexOf(ch));
      tones.push(0);
    }
  }
  return [letters, tones];
}

function compareLists(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function referenceCompare(x: string, y: string): number {
  const order = (n: string) => {
    const w = n.split(' ');
    return w.length <= 1 ? w : [w[w.length - 1]!, w[0]!, ...w.slice(1, -1)];
  };
  const wx = order(x);
  const wy = order(y);
  for (let i = 0; i < Math.min(wx.length, wy.length); i++) {
    const [lx, tx] = parts(wx[i]!);
    const [ly, ty] = parts(wy[i]!);
    const c = compareLists(lx, ly) || compareLists(tx, ty);
    if (c !== 0) return c;
  }
  return wx.length - wy.length;
}

const WORDS = [
  'An',
  'Anh',
  'Ánh',
  'Ân',
  'Ấn',
  'Ăn',
  'Lê',
  'Lễ',
  'Lý',
  'Hà',
  'Hải',
  'Hai',
  'Đào',
  'Dương',
  'Ơn',
  'Ưng',
  'Uyên',
];
const nameArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
  .chain((ws) => fc.constantFrom(ws.join(' '), ws.join(' ').normalize('NFD'), ws.join(' ').toUpperCase()));

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

  it('sorts given names "An, Anh, Ánh, Ân" whatever the family names (tone of the given name first)', () => {
    // The guide's promise (docs/huong-dan/bi-thu-chi-bo.md): a tone never waits for the family name.
    const names = ['Trần Ân', 'Lê Thị Ánh', 'Nguyễn Văn Anh', 'Phạm An', 'Bùi Thị Ánh', 'Vũ Anh'];
    expect(sortByVietnameseName(names, (n) => n)).toEqual([
      'Phạm An',
      'Nguyễn Văn Anh',
      'Vũ Anh',
      'Bùi Thị Ánh',
      'Lê Thị Ánh',
      'Trần Ân',
    ]);
    expect(compareVietnameseNames('Nguyễn Văn Anh', 'Lê Thị Ánh')).toBeLessThan(0);
  });

  it('compares the family name completely (letters, then tones) before the middle names', () => {
    // Same given name: "Lê" before "Lễ" before "Lý", whatever the middle names say.
    const names = ['Lý An Hùng', 'Lễ Văn Hùng', 'Lê Xuân Hùng', 'Lê Anh Hùng'];
    expect(sortByVietnameseName(names, (n) => n)).toEqual([
      'Lê Anh Hùng',
      'Lê Xuân Hùng',
      'Lễ Văn Hùng',
      'Lý An Hùng',
    ]);
  });

  it('orders names exactly as word-by-word comparison does (given, family, middle; letters, then tones)', () => {
    fc.assert(
      fc.property(nameArb, nameArb, (x, y) => {
        expect(Math.sign(compareVietnameseNames(x, y))).toBe(Math.sign(referenceCompare(x, y)));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets the given name alone decide when the given names differ', () => {
    fc.assert(
      fc.property(nameArb, nameArb, (x, y) => {
        const gx = x.split(' ').at(-1)!;
        const gy = y.split(' ').at(-1)!;
        fc.pre(gx.normalize('NFC').toLowerCase() !== gy.normalize('NFC').toLowerCase());
        expect(Math.sign(compareVietnameseNames(x, y))).toBe(
          Math.sign(compareVietnameseNames(`Lê ${gx}`, `Lê ${gy}`)),
        );
      }),
      { numRuns: 1000 },
    );
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
