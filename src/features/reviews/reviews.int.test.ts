/**
 * Periodic reviews end to end through the API on the demo (issue 9 item 4, ADR 022): a draft of
 * the ward's 3 years, its texts saved as versions, the documents' statistics sentences made from
 * the very numbers the overview answers, the appendix tables in the .xlsx, the issue freezing it
 * (409 from the API, refusals from the database's triggers even for the tables' owner), audit rows,
 * scope, and a backup of an issued review restoring identical with its locks back on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { user } from '../../../test/support/factory.js';
import type { Db, Executor } from '../../db/executor.js';
import { formatNumber, todayIso } from '../../domain/format.js';
import { backupToFile } from '../backup/backup.js';
import { readCatalog } from '../backup/catalog.js';
import { restoreFromFile } from '../backup/restore.js';
import { digestTables, fixTextForms } from '../backup/rows.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { reportLines, verifyIntegrity } from '../integrity/verify.js';

const TODAY = todayIso();
const FROM = `${Number(TODAY.slice(0, 4)) - 2}-01`;
const TO = `${TODAY.slice(0, 4)}-12`;
const OPENING =
  'Ngay sau khi có Chỉ thị, Ban Thường vụ Đảng ủy đã ban hành kế hoạch thực hiện và quán triệt đến 100% chi bộ.';

type Ratio = { numerator: number; denominator: number; percent: number | null };
const pct = (r: Ratio) => `${formatNumber(r.percent!, 2)}%`;
const frac = (r: Ratio) => `${formatNumber(r.numerator)}/${formatNumber(r.denominator)}`;

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/\u200b/g, '')
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

describe('periodic reviews', () => {
  let t: TestApp;
  let staff: Client;
  let wardId: number;
  let cellName: string;
  let id: number;
  let dir: string;
  const fresh: TestDb[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    const [ward] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Đảng bộ phường An Hội'",
    );
    wardId = ward!.id;
    const [cell] = await t.db.query<{ id: number; name: string }>(
      'SELECT id, name FROM org_units WHERE parent_id = $1 ORDER BY id LIMIT 1',
      [wardId],
    );
    cellName = cell!.name;
    await t.db.query(
      `INSERT INTO recognition_decisions (unit_id, subject_unit_id, kind, number, decided_on, reason, period_from, period_to)
       VALUES ($1, $2, 'khen_thuong', '12-QĐ/ĐU', $3, 'Sinh hoạt Tốt 12 tháng liền', $4, $5)`,
      [wardId, cell!.id, TODAY, FROM, TODAY.slice(0, 7)],
    );
    staff = await t.login('danguy', DEMO_PASSWORD);
    dir = mkdtempSync(path.join(tmpdir(), 'chibo-review-'));
  }, 900_000);
  afterAll(async () => {
    await t?.close();
    for (const d of fresh) await d.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a draft of the ward for 3 years and refuses bad periods and pages', async () => {
    const res = await staff.post(`/api/org-units/${wardId}/reviews`, {
      title: 'Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU về nâng cao chất lượng sinh hoạt chi bộ',
      subject: 'Chỉ thị 10-CT/TU',
      from: FROM,
      to: TO,
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(id).toBeGreaterThan(0);

    const bad = await staff.post(`/api/org-units/${wardId}/reviews`, {
      title: 'Sai',
      from: '2026-05',
      to: '2026-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const long = await staff.post(`/api/org-units/${wardId}/reviews`, {
      title: 'Dài',
      from: '2000-01',
      to: '2026-01',
    });
    expect(long.statusCode).toBe(400);
    expect((await staff.get(`/api/org-units/${wardId}/reviews?limit=101`)).statusCode).toBe(400);

    const list = (await staff.get(`/api/org-units/${wardId}/reviews`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id, status: 'draft', from: FROM, to: TO, canEdit: true });
    expect(list.items[0].meta.place).toBe('Phường An Hội');
  });

  it('saves the narrative and the form fields as a new revision and version', async () => {
    const res = await put(staff, `/api/reviews/${id}`, {
      revision: 1,
      number: '45-BC/ĐU',
      signerName: 'Nguyễn Văn Bình',
      sections: {
        opening: OPENING,
        lessons: 'Một là, cấp ủy phải sâu sát.\nHai là, phân công rõ người, rõ việc.',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      revision: 2,
      meta: { number: '45-BC/ĐU', signerName: 'Nguyễn Văn Bình' },
    });
    expect(res.json().sections.opening).toBe(OPENING);
    // A save from the old revision (someone else's tab) is refused, not merged.
    const stale = await put(staff, `/api/reviews/${id}`, { revision: 1, sections: { causes: 'Cũ' } });
    expect(stale.statusCode).toBe(409);
    const versions = (await staff.get(`/api/reviews/${id}/versions`)).json();
    expect(versions.items.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [2, 'draft'],
      [1, 'draft'],
    ]);
  });

  it('writes the statistics sentences from the numbers the overview answers, in the DOCX and the preview', async () => {
    const ov = (await staff.get(`/api/org-units/${wardId}/overview?from=${FROM}&to=${TO}&limit=200`)).json();
    const x = ov.totals;
    expect(x.regularOnTime.denominator).toBeGreaterThan(0);
    expect(x.attendance.denominator).toBeGreaterThan(0);
    const routine = `${frac(x.regularOnTime)} chi bộ duy trì sinh hoạt thường kỳ đúng định kỳ, chiếm tỷ lệ ${pct(x.regularOnTime)}`;
    const attendance = `${frac(x.attendance)} lượt đảng viên có mặt trên tổng số phải dự các buổi sinh hoạt thường kỳ, chiếm tỷ lệ ${pct(x.attendance)}`;

    const docx = await staff.get(`/api/reviews/${id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toMatch(/Bao-cao-du-thao-Dang-bo-phuong-An-Hoi-/);
    const text = await docxText(docx.rawPayload);
    expect(text).toContain(routine);
    expect(text).toContain(attendance);
    expect(text).toContain(OPENING);
    expect(text).toContain('Hai là, phân công rõ người, rõ việc.');
    expect(text).toContain('DỰ THẢO');
    expect(text).toContain('Số 45-BC/ĐU');
    expect(text).toContain('ĐẢNG ỦY PHƯỜNG AN HỘI');
    expect(text).toContain('T/M BAN THƯỜNG VỤ');
    expect(text).toContain(`${cellName} (Quyết định số 12-QĐ/ĐU`);
    // The table per unit: one row per direct subordinate, with that row's own ratio.
    expect(ov.items.length).toBeGreaterThan(1);
    for (const item of ov.items) {
      expect(text).toContain(item.unit.name);
      if (item.indicators.attendance.denominator > 0)
        expect(text).toContain(`${frac(item.indicators.attendance)}${pct(item.indicators.attendance)}`);
    }

    const preview = (await staff.get(`/api/reviews/${id}/statistics`)).json();
    expect(preview.frozen).toBe(false);
    expect(preview.sentences.join('\n')).toContain(routine);
    expect(preview.tables.units.rows).toHaveLength(ov.items.length + 1);

    const pdf = await staff.get(`/api/reviews/${id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('puts the appendix tables in the XLSX with numerator, denominator and percent columns', async () => {
    const ov = (await staff.get(`/api/org-units/${wardId}/overview?from=${FROM}&to=${TO}&limit=200`)).json();
    const res = await staff.get(`/api/reviews/${id}/report.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo năm',
      'Theo đơn vị',
      'Khen thưởng, nhắc nhở',
    ]);
    const units = wb.getWorksheet('Theo đơn vị')!;
    const header = units.getRow(5).values as unknown[];
    const col = header.indexOf('Lượt đảng viên dự sinh hoạt / phải dự');
    expect(col).toBeGreaterThan(0);
    expect((units.getRow(6).values as unknown[]).slice(col, col + 3)).toEqual([
      'Tử số',
      'Mẫu số',
      'Tỷ lệ (%)',
    ]);
    for (const [i, item] of ov.items.entries()) {
      const row = units.getRow(7 + i);
      expect(row.getCell(2).value).toBe(item.unit.name);
      const a = item.indicators.attendance;
      expect([row.getCell(col).value, row.getCell(col + 1).value, row.getCell(col + 2).value]).toEqual([
        a.numerator,
        a.denominator,
        a.percent,
      ]);
    }
    const years = wb.getWorksheet('Theo năm')!;
    expect(years.getRow(7).getCell(1).value).toBe(`Năm ${FROM.slice(0, 4)}`);
    expect(years.getRow(10).getCell(1).value).toBe('Cả kỳ');
    const rec = wb.getWorksheet('Khen thưởng, nhắc nhở')!;
    const numbers: unknown[] = [];
    rec.eachRow((row) => numbers.push(row.getCell(3).value));
    expect(numbers).toContain('12-QĐ/ĐU');
  });

  it('issues the review: frozen version with a hash, then the API and the database refuse changes', async () => {
    const res = await staff.post(`/api/reviews/${id}/issue`);
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json();
    expect(issued).toMatchObject({ status: 'issued', version: 3, canEdit: false });
    expect(issued.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.meta.date).toBe(TODAY);

    const edit = await put(staff, `/api/reviews/${id}`, { sections: { opening: 'Sửa sau khi ban hành' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'REVIEW_ISSUED' } });
    expect((await staff.post(`/api/reviews/${id}/issue`)).statusCode).toBe(409);

    const versions = (await staff.get(`/api/reviews/${id}/versions`)).json();
    expect(versions.items[0]).toMatchObject({ version: 3, kind: 'issued', contentHash: issued.contentHash });

    // The database's own refusal, for the tables' owner as much as for the application.
    const refused = (sql: string) =>
      t
        .asOwner((ex: Executor) => ex.query(sql, [id]))
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        );
    expect(await refused("UPDATE reviews SET title = 'Đổi tên' WHERE id = $1")).toMatch(/issued and locked/);
    expect(await refused('DELETE FROM reviews WHERE id = $1')).toMatch(/issued and locked/);
    expect(await refused("UPDATE review_versions SET content = '{}' WHERE review_id = $1")).toMatch(/locked/);
    expect(await refused('DELETE FROM review_versions WHERE review_id = $1')).toMatch(/locked/);
    expect(
      await refused(
        "INSERT INTO review_versions (review_id, version, kind, content, content_hash) VALUES ($1, 9, 'draft', '{}', 'x')",
      ),
    ).toMatch(/no new version/);

    // The issued documents come from the snapshot: no draft mark, the hash printed.
    const text = await docxText((await staff.get(`/api/reviews/${id}/report.docx`)).rawPayload);
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain(issued.contentHash.slice(0, 12));
    expect(text).toContain(OPENING);
    expect((await staff.get(`/api/reviews/${id}/statistics`)).json().frozen).toBe(true);
  });

  it('audits every change, the issue and every download', async () => {
    const rows = await t.db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE entity_type = 'review' AND entity_id = $1
        GROUP BY action ORDER BY action`,
      [String(id)],
    );
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toEqual({
      'review.create': 1,
      'review.update': 1,
      'review.issue': 1,
      'review.download': 4,
    });
  });

  it('is for the unit’s office and administrators: 403 inside without the right, 404 outside', async () => {
    const [other] = await t.db.query<{ id: number }>(
      "SELECT id FROM org_units WHERE name = 'Đảng bộ xã Mỹ Thạnh An'",
    );
    await user(t.db, 'vanphong.khac', [{ role: 'committee_staff', unitId: other!.id }]);
    await user(t.db, 'giamsat.phuong', [{ role: 'supervisor', unitId: wardId }]);
    const expectations: [string, string | undefined, number][] = [
      ['quantri', DEMO_PASSWORD, 200],
      ['bithu1', DEMO_PASSWORD, 404],
      ['dangvien1', DEMO_PASSWORD, 404],
      ['giamsat1', DEMO_PASSWORD, 404],
      ['giamsat.phuong', undefined, 403],
      ['vanphong.khac', undefined, 404],
    ];
    for (const [username, password, status] of expectations) {
      const c = await t.login(username, password);
      for (const url of [
        `/api/reviews/${id}`,
        `/api/reviews/${id}/versions`,
        `/api/reviews/${id}/statistics`,
        `/api/reviews/${id}/report.docx`,
        `/api/reviews/${id}/report.pdf`,
        `/api/reviews/${id}/report.xlsx`,
        `/api/org-units/${wardId}/reviews`,
      ])
        expect((await c.get(url)).statusCode, `${username} ${url}`).toBe(status);
      const write = status === 200 ? 409 : status;
      expect((await put(c, `/api/reviews/${id}`, { title: 'X' })).statusCode, `${username} PUT`).toBe(write);
      expect((await c.post(`/api/reviews/${id}/issue`)).statusCode, `${username} issue`).toBe(write);
    }
    const c = await t.login('vanphong.khac');
    expect(
      (await c.post(`/api/org-units/${wardId}/reviews`, { title: 'X', from: FROM, to: TO })).statusCode,
    ).toBe(404);
    expect((await staff.get('/api/reviews/999999')).statusCode).toBe(404);
  });

  it('backs up and restores an issued review identically, with its locks back on', async () => {
    const file = path.join(dir, 'backup.jsonl.gz');
    await backupToFile(t.db, file);
    const target = await createTestDb({ migrated: false });
    fresh.push(target);
    await restoreFromFile(target.db, file, {
      verify: async (tx) => {
        const r = await verifyIntegrity(tx);
        return { ok: r.ok, lines: reportLines(r) };
      },
    });
    const digests = (db: Db) =>
      db.transaction(async (tx) => {
        await fixTextForms(tx);
        const tables = (await readCatalog(tx)).tables.filter(
          (x) => x.name === 'reviews' || x.name === 'review_versions',
        );
        return digestTables(tx, tables);
      });
    const [a, b] = [await digests(t.db), await digests(target.db)];
    expect(a).toHaveLength(2);
    expect(b).toEqual(a);
    const err = await target.db.query("UPDATE reviews SET title = 'x' WHERE id = $1", [id]).then(
      () => 'accepted',
      (e: Error) => e.message,
    );
    expect(err).toMatch(/issued and locked/);
  }, 240_000);
});
