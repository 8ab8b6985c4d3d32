/**
 * Tinos — the metric twin of Times New Roman, with every Vietnamese letter — for PDFs, from the
 * `@fontsource/tinos` 4.x package, whose `tinos-all-*` files hold the whole font in one file.
 * (Fontsource 5 splits it into Unicode subsets, and a PDF font is one file.)
 *
 * The files are unpacked from WOFF to plain TrueType once, when this module loads, so a document
 * does not inflate 200 kB of font tables each time it embeds the font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const FILES = join(dirname(require.resolve('@fontsource/tinos/package.json')), 'files');

export const FONT_FAMILY = 'Tinos';

const tag = (b: Buffer, at: number) => b.toString('latin1', at, at + 4);

function tableChecksum(table: Buffer): number {
  let sum = 0;
  for (let i = 0; i < table.length; i += 4) {
    const word = Buffer.alloc(4);
    table.copy(word, 0, i, Math.min(i + 4, table.length));
    sum = (sum + word.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** Unpacks a WOFF 1.0 font to the TrueType/OpenType bytes it wraps. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (tag(woff, 0) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: string; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: tag(woff, at), data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) });
  }
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const headerSize = 12 + 16 * numTables;
  const out = Buffer.alloc(tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), headerSize));
  out.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor: the sfnt version
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerSize;
  for (const [i, t] of tables.entries()) {
    const at = 12 + i * 16;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(tableChecksum(t.data), at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  }
  return out;
}

const font = (weight: 400 | 700, style: 'normal' | 'italic') =>
  woffToSfnt(readFileSync(join(FILES, `tinos-all-${weight}-${style}.woff`)));

/** pdfmake's font table. */
export const PDF_FONTS = {
  [FONT_FAMILY]: {
    normal: font(400, 'normal'),
    bold: font(700, 'normal'),
    italics: font(400, 'italic'),
    bolditalics: font(700, 'italic'),
  },
};
