/**
 * The text of an uploaded CSV, whatever Excel saved it as: "CSV UTF-8" (with or without its
 * BOM) or "Unicode Text" (UTF-16 with a byte-order mark FF FE or FE FF, tab-separated). Other
 * encodings are refused with advice the user can follow, never read as garbage.
 */

/** The file cannot be read as text; the message is shown to the user as is. */
export class CsvDecodeError extends Error {
  override name = 'CsvDecodeError';
}

const SAVE_AS_UTF8 = 'Trong Excel, hãy chọn "Lưu thành" → "CSV UTF-8 (Comma delimited)".';

export function decodeCsvText(bytes: Buffer, fileName: string): string {
  const b = bytes;
  // UTF-32 BOMs first: FF FE 00 00 also starts like UTF-16LE.
  if (
    (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) ||
    (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff)
  ) {
    throw new CsvDecodeError(`Tệp CSV '${fileName}' dùng bảng mã UTF-32, chưa được hỗ trợ. ${SAVE_AS_UTF8}`);
  }
  const utf16 =
    b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : null;
  let content: string;
  if (utf16) {
    try {
      // TextDecoder drops the BOM; `fatal` refuses an odd length or a lone surrogate.
      content = new TextDecoder(utf16, { fatal: true }).decode(b);
    } catch {
      throw new CsvDecodeError(`Tệp CSV '${fileName}' (UTF-16) bị hỏng, không đọc được. ${SAVE_AS_UTF8}`);
    }
  } else {
    if (looksLikeUtf16WithoutBom(b)) {
      throw new CsvDecodeError(
        `Tệp CSV '${fileName}' có vẻ dùng bảng mã UTF-16 nhưng thiếu dấu BOM ở đầu tệp. ${SAVE_AS_UTF8}`,
      );
    }
    // Control bytes never occur in a text file: this is an image, a PDF, a Word file…
    if (b.subarray(0, 4096).some((x) => x < 0x09 || (x > 0x0d && x < 0x20))) {
      throw new CsvDecodeError(`Tệp không phải Excel (.xlsx) hoặc CSV: '${fileName}' không đọc được.`);
    }
    try {
      // TextDecoder drops a leading BOM, which Excel writes in "CSV UTF-8".
      content = new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      throw new CsvDecodeError(`Tệp CSV '${fileName}' không dùng bảng mã UTF-8. ${SAVE_AS_UTF8}`);
    }
  }
  // PostgreSQL cannot store U+0000; a NUL further than the first 4 KB is still not text.
  if (content.includes('\u0000')) {
    throw new CsvDecodeError(`Tệp CSV '${fileName}' có ký tự NUL (mã 0), không phải tệp văn bản.`);
  }
  return content;
}

/** ASCII text in UTF-16 has a zero in every other byte; UTF-8 text has none. */
function looksLikeUtf16WithoutBom(b: Buffer): boolean {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (odd > pairs * 0.3 && even < pairs * 0.05) || (even > pairs * 0.3 && odd < pairs * 0.05);
}
