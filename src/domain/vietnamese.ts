/**
 * Vietnamese text rules: Unicode normalisation and the way Vietnamese names are sorted.
 *
 * Names sort by the given name (the last word), then the family name (the first word),
 * then the middle names (DOMAIN.md §3). Each word is compared completely before the next:
 * first its letters in the Vietnamese alphabet (a ă â b c d đ e ê …), then, when the letters
 * are the same, its tone marks in dictionary order: none, huyền, hỏi, ngã, sắc, nặng. So the
 * given names run "An, Anh, Ánh, Ân" and "Nguyễn Văn Anh" comes before "Lê Thị Ánh": the tone
 * of the given name decides before the family name is looked at.
 */

const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
];
const LETTER_RANK = new Map(ALPHABET.map((l, i) => [l, String.fromCharCode(0x41 + i)]));

// Combining marks in NFD: tones (secondary key) and letter modifiers (part of the letter).
const TONES: Record<string, string> = {
  '\u0300': '1', // huyền
  '\u0309': '2', // hỏi
  '\u0303': '3', // ngã
  '\u0301': '4', // sắc
  '\u0323': '5', // nặng
};
const MODIFIERS: Record<string, string> = { '\u0306': 'breve', '\u0302': 'circ', '\u031b': 'horn' };
const MODIFIED: Record<string, string> = {
  'a:breve': 'ă',
  'a:circ': 'â',
  'e:circ': 'ê',
  'o:circ': 'ô',
  'o:horn': 'ơ',
  'u:horn': 'ư',
};

/** NFC form, trimmed, inner whitespace collapsed: the stored form of every name. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

interface Letter {
  base: string;
  tone: string;
}

function splitLetters(word: string): Letter[] {
  const out: Letter[] = [];
  for (const ch of word.toLowerCase().normalize('NFD')) {
    const tone = TONES[ch];
    const mod = MODIFIERS[ch];
    const last = out[out.length - 1];
    if (tone !== undefined && last) last.tone = tone;
    else if (mod !== undefined && last) last.base = MODIFIED[`${last.base}:${mod}`] ?? last.base;
    else out.push({ base: ch, tone: '0' });
  }
  return out;
}

/** Sorts before every letter key: a word that is a prefix of another ("An" < "Anh") comes first. */
const TONE_SEP = '\u0001';
/** Follows a word's tones; compared only with another separator or the end of the key. */
const WORD_SEP = ' ';

/**
 * One word's key: its letters, then its tones. Both parts have one character per letter, so
 * two words with the same letters reach their tones at the same position, and two words whose
 * letters differ are told apart before any tone is compared.
 */
function wordKey(word: string): string {
  const letters = splitLetters(word);
  const primary = letters
    .map((l) => LETTER_RANK.get(l.base) ?? (/[0-9]/.test(l.base) ? l.base : '#'))
    .join('');
  return `${primary}${TONE_SEP}${letters.map((l) => l.tone).join('')}`;
}

/** Words in sorting order: given name, family name, then the middle names. */
function sortWords(fullName: string): string[] {
  const words = normalizeText(fullName).split(' ').filter(Boolean);
  if (words.length <= 1) return words;
  return [words[words.length - 1]!, words[0]!, ...words.slice(1, -1)];
}

/**
 * An ASCII key whose byte order (`COLLATE "C"`, or plain string comparison) is the Vietnamese
 * name order. Stored in `members.sort_key` so lists sort and page in SQL; a change to this
 * function needs a migration that re-keys the stored rows (see src/db/migrations/0006_*).
 */
export function vietnameseNameSortKey(fullName: string): string {
  return sortWords(fullName).map(wordKey).join(WORD_SEP);
}

export function compareVietnameseNames(a: string, b: string): number {
  const ka = vietnameseNameSortKey(a);
  const kb = vietnameseNameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function sortByVietnameseName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: vietnameseNameSortKey(name(item)) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.item);
}

/** Removes diacritics (for file names and loose search): "Chi bộ Khu phố 1" → "Chi bo Khu pho 1". */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** A file name in Vietnamese without diacritics, safe in a Content-Disposition header. */
export function safeFileName(s: string): string {
  return stripDiacritics(s)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
