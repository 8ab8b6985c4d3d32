/**
 * A tiny but valid one-page PDF (PDF 1.4, Helvetica, correct cross-reference table) for the
 * demo's posted meeting documents. The standard fonts have no Vietnamese glyphs, so the text
 * is written without diacritics; the document's title in the app keeps them.
 */

/** "Dự thảo nghị quyết" → "Du thao nghi quyet". */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** "Dự thảo nghị quyết tháng 3/2026" → "du-thao-nghi-quyet-thang-3-2026". */
export function slugify(s: string): string {
  return asciiFold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

const escapePdf = (s: string) => s.replace(/([\\()])/g, '\\$1');

export function tinyPdf(lines: readonly string[]): Buffer {
  const text = lines
    .map((l, i) => `${i === 0 ? '' : 'T* '}(${escapePdf(asciiFold(l).slice(0, 90))}) Tj`)
    .join('\n');
  const stream = `BT /F1 12 Tf 16 TL 56 780 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
