/**
 * Issue 8, point 10: the server never freezes on a user's input (ADR 018). A member file is
 * checked in a worker thread while the server keeps answering; its row count and unzipped size
 * are limited by settings, refused with a Vietnamese message naming the setting; a zip bomb —
 * as an import or as a meeting document — is refused before anything is inflated.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../support/app.js';
import { meeting, unit, user } from '../support/factory.js';

const HEADER = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Số thẻ đảng viên',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phương'];

const dmy = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/** `n` distinct, valid members: each born a day after the previous one, with a card of their own. */
async function memberFile(n: number, cardBase = 20_000_000): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(HEADER);
  for (let i = 0; i < n; i++) {
    const born = new Date(Date.UTC(1950, 0, 1 + i));
    const admitted = new Date(Date.UTC(born.getUTCFullYear() + 25, born.getUTCMonth(), born.getUTCDate()));
    const official = new Date(
      Date.UTC(admitted.getUTCFullYear() + 1, admitted.getUTCMonth(), admitted.getUTCDate()),
    );
    const name = `${FAMILY[i % 6]} ${MIDDLE[Math.floor(i / 6) % 5]} ${GIVEN[Math.floor(i / 30) % 12]}`;
    ws.addRow([
      i + 1,
      name,
      dmy(born),
      i % 2 ? 'Nữ' : 'Nam',
      dmy(admitted),
      dmy(official),
      String(cardBase + i),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An Office package whose one part is 64 MB of zeros: about 64 kB on disk, a ratio near 1 000. */
async function zipBomb(kind: 'xlsx' | 'docx'): Promise<Buffer> {
  const z = new JSZip();
  const main =
    kind === 'xlsx'
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  const part = kind === 'xlsx' ? 'xl/worksheets/sheet1.xml' : 'word/document.xml';
  z.file('[Content_Types].xml', `<Types><Override PartName="/${part}" ContentType="${main}"/></Types>`);
  z.file(part, new Uint8Array(64 * 1024 * 1024));
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same bomb with its directory lying: every part declares 1 kB, under any ratio check. */
function lying(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (out.readUInt32LE(p) === 0x02014b50 && out.readUInt32LE(p + 24) > 1024)
      out.writeUInt32LE(1024, p + 24);
  }
  return out;
}

function multipart(bytes: Buffer, fileName: string) {
  const boundary = '----chibo-security-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (c: Client, url: string, bytes: Buffer, name: string) =>
  c.request({ method: 'POST', url, ...multipart(bytes, name) });

async function finished(c: Client, id: number) {
  for (let i = 0; i < 1200; i++) {
    const job = (await c.get(`/api/member-imports/${id}`)).json();
    if (job.status !== 'validating') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe('member import under load and attack', () => {
  let t: TestApp;
  let strict: TestApp;
  let secretary: Client;
  let strictSecretary: Client;
  let cell: { id: number; path: string };
  let strictCell: { id: number; path: string };

  beforeAll(async () => {
    t = await createTestApp();
    cell = await unit(t.db, { name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    await user(t.db, 'bithu9', [{ role: 'cell_secretary', unitId: cell.id }]);
    secretary = await t.login('bithu9');
    // An office that set its limits low: 3 rows, half a megabyte unzipped.
    strict = await createTestApp({ importMaxRows: 3, importMaxUnzippedMb: 0.5 });
    strictCell = await unit(strict.db, { name: 'Chi bộ Khu phố 10', cellType: 'khu_dan_cu' });
    await user(strict.db, 'bithu10', [{ role: 'cell_secretary', unitId: strictCell.id }]);
    strictSecretary = await strict.login('bithu10');
  });
  afterAll(async () => {
    await t?.close();
    await strict?.close();
  });

  const count = async (app: TestApp, table: string) =>
    (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('keeps answering /api/health while a 5 000-row file is checked', async () => {
    const bytes = await memberFile(5000);
    const res = await upload(secretary, `/api/org-units/${cell.id}/member-imports`, bytes, 'ca-phuong.xlsx');
    expect(res.statusCode).toBe(202);
    const id = res.json().id as number;
    let answeredDuringCheck = 0;
    for (let i = 0; i < 2000; i++) {
      const health = await t.anonymous.get('/api/health');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok' });
      // Read after the answer: the check was still running when health answered.
      const [job] = await t.db.query<{ status: string }>('SELECT status FROM member_imports WHERE id = $1', [
        id,
      ]);
      if (job!.status !== 'validating') break;
      answeredDuringCheck++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(answeredDuringCheck).toBeGreaterThanOrEqual(3);
    const job = await finished(secretary, id);
    expect(job.status).toBe('ready');
    expect(job.summary).toMatchObject({ create: 5000, update: 0, errors: 0 });
    // The preview stays a preview; the plan waits in chunks for the commit.
    expect(job.preview.create).toHaveLength(500);
    const commit = await secretary.post(`/api/member-imports/${id}/commit`, {});
    expect(commit.statusCode).toBe(200);
    expect(commit.json().result).toEqual({ created: 5000, updated: 0 });
    expect(await count(t, `members WHERE unit_id = ${cell.id}`)).toBe(5000);
    expect(await count(t, `member_import_chunks WHERE import_id = ${id}`)).toBe(0);
  });

  it('refuses more rows than IMPORT_MAX_ROWS, saying so in Vietnamese, and writes nothing', async () => {
    const res = await upload(
      strictSecretary,
      `/api/org-units/${strictCell.id}/member-imports`,
      await memberFile(4),
      'bon-dong.xlsx',
    );
    expect(res.statusCode).toBe(202);
    const job = await finished(strictSecretary, res.json().id);
    expect(job.status).toBe('invalid');
    expect(job.fileErrorCode).toBe('IMPORT_TOO_MANY_ROWS');
    expect(job.fileError).toBe(
      "Tệp 'bon-dong.xlsx' có 4 dòng đảng viên, vượt giới hạn 3 dòng của một lần nhập (thiết lập IMPORT_MAX_ROWS). " +
        'Hãy chia tệp thành nhiều phần, hoặc đề nghị quản trị hệ thống nâng giới hạn.',
    );
    expect(await count(strict, 'members')).toBe(0);
    // At the limit, the same file goes through.
    const ok = await upload(
      strictSecretary,
      `/api/org-units/${strictCell.id}/member-imports`,
      await memberFile(3),
      'ba-dong.xlsx',
    );
    expect((await finished(strictSecretary, ok.json().id)).status).toBe('ready');
  });

  it('refuses an .xlsx larger unzipped than IMPORT_MAX_UNZIPPED_MB before creating a job', async () => {
    const big = await memberFile(3000);
    const before = await count(strict, 'member_imports');
    const res = await upload(
      strictSecretary,
      `/api/org-units/${strictCell.id}/member-imports`,
      big,
      'lon.xlsx',
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', details: { reason: 'too_large' } });
    expect(res.json().message).toMatch(
      /^Tệp 'lon\.xlsx' khi giải nén lên tới [\d,]+ MB, vượt giới hạn 0,5 MB \(thiết lập IMPORT_MAX_UNZIPPED_MB\)/,
    );
    expect(await count(strict, 'member_imports')).toBe(before);
  });

  it('refuses a zip bomb .xlsx from its directory, and a lying one before it inflates past what it declares', async () => {
    const bomb = await zipBomb('xlsx');
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = await count(t, 'member_imports');
    const res = await upload(secretary, `/api/org-units/${cell.id}/member-imports`, bomb, 'bom.xlsx');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', details: { reason: 'ratio' } });
    expect(res.json().message).toMatch(/bom nén/);
    expect(await count(t, 'member_imports')).toBe(before);

    // Declared at 1 kB a part, it passes the directory check; the check in the worker inflates
    // with a cap of what was declared, and stops there.
    const hidden = await upload(
      secretary,
      `/api/org-units/${cell.id}/member-imports`,
      lying(bomb),
      'an.xlsx',
    );
    expect(hidden.statusCode).toBe(202);
    const job = await finished(secretary, hidden.json().id);
    expect(job.status).toBe('invalid');
    expect(job.fileErrorCode).toBe('ARCHIVE_TOO_LARGE');
    expect(job.fileError).toMatch(
      /^Tệp 'an\.xlsx' có phần 'xl\/worksheets\/sheet1\.xml' chứa nhiều hơn kích thước nó khai/,
    );
    expect((await t.anonymous.get('/api/health')).statusCode).toBe(200);
  });

  it('refuses a zip bomb .docx posted as a meeting document, open or hidden', async () => {
    const m = await meeting(t.db, { unitId: cell.id });
    const before = await count(t, 'meeting_documents');
    const bomb = await zipBomb('docx');
    for (const [bytes, reason] of [
      [bomb, 'ratio'],
      [lying(bomb), 'mismatch'],
    ] as const) {
      const res = await upload(secretary, `/api/meetings/${m}/documents`, bytes, 'bien-ban.docx');
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'ARCHIVE_TOO_LARGE', details: { reason } });
      expect(res.json().message).toMatch(/^Tệp 'bien-ban\.docx' .*bom nén/);
    }
    expect(await count(t, 'meeting_documents')).toBe(before);
    // A real Word file still goes through.
    const z = new JSZip();
    z.file(
      '[Content_Types].xml',
      '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    );
    z.file('word/document.xml', '<w:document/>');
    const ok = await upload(
      secretary,
      `/api/meetings/${m}/documents`,
      await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
      'bien-ban.docx',
    );
    expect(ok.statusCode).toBe(201);
  });
});
