/**
 * The form of a document issued by a party committee (HD 36-HD/VPTW, 03/4/2018), as neutral
 * blocks (meeting-text.ts): the two-column header (the party organisation, "*" and the number at
 * the top left; "ĐẢNG CỘNG SẢN VIỆT NAM" with the place and date at the top right), the title,
 * and the closing (recipients at the bottom left, the signature at the bottom right). Used by the
 * periodic review report and meant for every later report a committee issues.
 */
import {
  type Block,
  blank,
  centered,
  DRAFT_MARK,
  moment,
  nfc,
  type Para,
  para,
  SIGN_SPACE,
  t,
  upper,
} from './meeting-text.js';

export interface Hd36Issuer {
  /** The organisation above the issuing committee ("Đảng bộ tỉnh Bến Tre"); null at the top. */
  superiorName: string | null;
  /** The issuing committee as it signs ("Đảng ủy phường An Hội", "Tỉnh ủy Bến Tre"). */
  issuerName: string;
}

/**
 * The committee that issues for a unit: a đảng bộ's executive committee is its "đảng ủy"
 * (HD 36 §2: "ĐẢNG ỦY PHƯỜNG …"), a province's is the "tỉnh ủy", a cell's is the "chi bộ" itself.
 */
export function committeeName(unitName: string, kind: string): string {
  const name = nfc(unitName.trim());
  if (kind === 'dang_bo_tinh') return name.replace(/^đảng bộ\s+tỉnh\s+/iu, 'Tỉnh ủy ');
  if (/^đảng bộ\s/iu.test(name)) return name.replace(/^đảng bộ/iu, 'Đảng ủy');
  return name;
}

/** The symbol of the issuer in a number: "ĐU" for a đảng ủy, "TU" for a tỉnh ủy, "CB" for a cell. */
export function issuerSymbol(kind: string): string {
  if (kind === 'dang_bo_tinh') return 'TU';
  if (kind === 'chi_bo' || kind === 'chi_bo_co_so') return 'CB';
  return 'ĐU';
}

/**
 * "Số 45-BC/ĐU": a full number is kept, a bare "45" gets the kind and the issuer's symbol, and
 * a blank one leaves room for the office to write the number by hand ("Số      -BC/ĐU").
 */
export function hd36Number(number: string | null | undefined, kind: string, symbol: string): string {
  const n = nfc(number?.trim() ?? '').replace(/^số\s*/iu, '');
  if (!n || n === '…') return `Số\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-${kind}/${symbol}`;
  if (/^\d+[a-z]?$/iu.test(n)) return `Số ${n}-${kind}/${symbol}`;
  return `Số ${n}`;
}

/** "Phường An Hội, ngày 15 tháng 12 năm 2025", or with dots for a date still to be written. */
export function hd36PlaceDate(place: string | null | undefined, isoDate: string | null | undefined): string {
  const where = nfc(place?.trim() ?? '') || '…';
  const day = moment(isoDate ?? undefined);
  return day
    ? `${where}, ngày ${day.day} tháng ${day.month} năm ${day.year}`
    : `${where}, ngày … tháng … năm …`;
}

/** The two-column header of HD 36. */
export function hd36Header(
  h: Hd36Issuer & { number: string; place?: string | null; date?: string | null },
): Block {
  const left: Para[] = [];
  if (h.superiorName) left.push(centered(t(upper(h.superiorName.trim()))));
  left.push(centered(t(upper(h.issuerName), { bold: true })), centered(t('*')));
  if (h.number) left.push(centered(t(h.number)));
  const right: Para[] = [centered(t('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true }), 15)];
  // The place and date sit on the line of the number, as in the form.
  for (let i = 2; i < left.length; i++) right.push(blank());
  right.push(centered(t(hd36PlaceDate(h.place, h.date), { italics: true }), 13));
  return { kind: 'columns', widths: [45, 55], cells: [left, right] };
}

/** "DỰ THẢO" (drafts), the kind of document ("BÁO CÁO") and its title lines, then a short rule. */
export function hd36Title(opts: { kind: string; lines: string[]; draft?: boolean }): Block[] {
  const blocks: Block[] = [];
  if (opts.draft)
    blocks.push(
      para([t(DRAFT_MARK, { bold: true })], { align: 'center', size: 15, spaceBefore: 12, spaceAfter: 0 }),
    );
  blocks.push(
    para([t(upper(opts.kind), { bold: true })], {
      align: 'center',
      size: 16,
      spaceBefore: opts.draft ? 4 : 20,
      spaceAfter: 0,
    }),
  );
  for (const line of opts.lines.map((l) => nfc(l.trim())).filter(Boolean))
    blocks.push(para([t(line, { bold: true })], { align: 'center', spaceAfter: 0 }));
  blocks.push(para('-----', { align: 'center', spaceAfter: 10 }));
  return blocks;
}

export interface Hd36Signature {
  /** "T/M BAN THƯỜNG VỤ" (on behalf of the standing committee), or as the committee sets. */
  onBehalfOf: string;
  /** "BÍ THƯ", "PHÓ BÍ THƯ". */
  position: string;
  name: string;
}

/**
 * The recipients ("Nơi nhận:" with one "- …," line each, the last one ending with a full stop)
 * beside the signature block ("T/M …", the position, room to sign, the name).
 */
export function hd36Closing(opts: { recipients: string[]; signature: Hd36Signature }): Block {
  const list = opts.recipients.map((r) => nfc(r.trim()).replace(/[,.;]+$/u, '')).filter(Boolean);
  const left: Para[] = [
    { runs: [t('Nơi nhận:', { bold: true, italics: true, underline: true })], size: 12, spaceAfter: 0 },
    ...list.map((r, i) => ({
      runs: [t(`- ${r}${i === list.length - 1 ? '.' : ','}`)],
      size: 11,
      spaceAfter: 0,
    })),
  ];
  const s = opts.signature;
  const right: Para[] = [
    centered(t(upper(s.onBehalfOf || 'T/M BAN THƯỜNG VỤ'), { bold: true })),
    centered(t(upper(s.position || ''), { bold: true })),
    { runs: [t('\u00a0')], align: 'center', spaceAfter: SIGN_SPACE },
    centered(t(nfc(s.name.trim()) || '\u00a0', { bold: true })),
  ];
  return { kind: 'columns', widths: [45, 55], cells: [left, right], spaceBefore: 12, keepWithPrevious: true };
}
