/**
 * Background exports (issue 12, ADR 028) through the API on a real database: a job end to end,
 * the fields of a restricted viewer, another user's job, not ready / expired, the audit rows,
 * the direct download's bound, a lapsed lease recovered, and hostile input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { exportRunnerOf } from './runner.js';
import { INTERRUPTED_MESSAGE, MAX_ATTEMPTS } from './service.js';

const DATE = '2026-11-20';

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    out.push(values);
  });
  return out;
}

/** The data rows: those under the header (whose first cell is 'STT'). */
function dataRows(rows: string[][]): string[][] {
  const h = rows.findIndex((r) => r[0] === 'STT');
  return rows.slice(h + 1);
}

describe('background exports', () => {
  let t: TestApp;
  let staff: Client;
  let supervisor: Client;
  let otherStaff: Client;
  let wardId: number;
  let cellId: number;
  let smallCellId: number;
  let outsideCellId: number;
  let staffUserId: number;

  const dir = mkdtempSync(path.join(tmpdir(), 'chibo-exports-'));
  const drain = () => exportRunnerOf(t.db)!.idle();

  beforeAll(async () => {
    // The direct download answers at most 2 rows here, so a 3-member cell is "too large".
    t = await createTestApp({ exportSyncMaxRows: 2, exportMaxJobsPerUser: 2, exportDir: dir });
    const ward = await unit(t.db, { name: 'Đảng bộ phường Xuất' });
    wardId = ward.id;
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Xuất Một', cellType: 'khu_dan_cu' });
    cellId = cell.id;
    const small = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Xuất Hai', cellType: 'khu_dan_cu' });
    smallCellId = small.id;
    const other = await unit(t.db, { name: 'Đảng bộ xã Khác' });
    const otherCell = await unit(t.db, { parentId: other.id, name: 'Chi bộ Khác', cellType: 'nong_thon' });
    outsideCellId = otherCell.id;
    await member(t.db, {
      unitId: cell.id,
      fullName: 'Trần Văn Bình',
      phone: '0901000001',
      nationalId: '001000000001',
    });
    await member(t.db, {
      unitId: cell.id,
      fullName: 'Nguyễn Thị An',
      phone: '0901000002',
      nationalId: '001000000002',
    });
    await member(t.db, {
      unitId: cell.id,
      fullName: 'Lê Văn Cường',
      admissionDate: '2026-01-10',
      officialDate: null,
      phone: '0901000003',
    });
    // Joined after the date: not on the list of that date.
    await member(t.db, {
      unitId: cell.id,
      fullName: 'Phạm Văn Muộn',
      admissionDate: '2026-11-25',
      officialDate: null,
    });
    await member(t.db, { unitId: small.id, fullName: 'Hoàng Văn Dũng' });
    await member(t.db, { unitId: otherCell.id, fullName: 'Đỗ Văn Ngoài' });
    staffUserId = await user(t.db, 'xuat.vanphong', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(t.db, 'xuat.giamsat', [{ role: 'supervisor', unitId: cell.id }]);
    await user(t.db, 'xuat.vanphong2', [{ role: 'committee_staff', unitId: ward.id }]);
    staff = await t.login('xuat.vanphong');
    supervisor = await t.login('xuat.giamsat');
    otherStaff = await t.login('xuat.vanphong2');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues a job, writes every member of the date, and serves the file to its requester', async () => {
    const res = await staff.post(`/api/org-units/${wardId}/exports`, { kind: 'members', date: DATE });
    expect(res.statusCode).toBe(202);
    const { job } = res.json();
    expect(job).toMatchObject({ kind: 'members', unitId: wardId, date: DATE, rowsTotal: 4 });
    await drain();
    const done = (await staff.get(`/api/exports/${job.id}`)).json().job;
    expect(done).toMatchObject({ state: 'done', rowsDone: 4, rowsTotal: 4 });
    expect(done.fileName).toMatch(/^Danh-sach-dang-vien-Dang-bo-phuong-Xuat-2026-11-20\.xlsx$/);
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.expiresAt).not.toBeNull();

    const file = await staff.get(`/api/exports/${job.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(file.rawPayload.length).toBe(done.bytes);
    const rows = dataRows(await sheetRows(file.rawPayload));
    // Vietnamese order (given name first), numbered; the late joiner is not there.
    expect(rows.map((r) => r[1])).toEqual([
      'Nguyễn Thị An',
      'Trần Văn Bình',
      'Lê Văn Cường',
      'Hoàng Văn Dũng',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    const an = rows[0]!;
    expect(an[12]).toBe('0901000002'); // phone
    expect(an[11]).toBe('001000000002'); // CCCD
    expect(an[10]).toBe('Chi bộ Xuất Một');
    expect(an[14]).toBe('Chính thức');
    expect(rows[2]![14]).toBe('Dự bị');
  });

  it('gives a restricted viewer the fields they may see, exactly as on screen', async () => {
    const res = await supervisor.post(`/api/org-units/${cellId}/exports`, { kind: 'members', date: DATE });
    expect(res.statusCode).toBe(202);
    await drain();
    const file = await supervisor.get(`/api/exports/${res.json().job.id}/file`);
    expect(file.statusCode).toBe(200);
    const rows = dataRows(await sheetRows(file.rawPayload));
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r[12] ?? '').toBe(''); // phone
      expect(r[11] ?? '').toBe(''); // CCCD
      expect(r[1]).not.toBe('');
    }
  });

  it("answers 404 for another user's job, as if absent", async () => {
    const res = await staff.post(`/api/org-units/${smallCellId}/exports`, { kind: 'members' });
    await drain();
    const id = res.json().job.id;
    for (const url of [`/api/exports/${id}`, `/api/exports/${id}/file`]) {
      const r = await otherStaff.get(url);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('NOT_FOUND');
    }
    expect(
      (await otherStaff.get('/api/exports')).json().items.map((j: { id: number }) => j.id),
    ).not.toContain(id);
  });

  it('audits the request and every download with the date, the count and the file name', async () => {
    const res = await staff.post(`/api/org-units/${smallCellId}/exports`, { kind: 'members', date: DATE });
    const id = res.json().job.id;
    await drain();
    const [req] = await t.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE action = 'member.export_request' AND actor_user_id = $1
        AND (after->>'jobId')::int = $2`,
      [staffUserId, id],
    );
    expect(req?.after).toEqual({ jobId: id, date: DATE, count: 1 });
    await staff.get(`/api/exports/${id}/file`);
    await staff.get(`/api/exports/${id}/file`);
    const downloads = await t.db.query<{ after: Record<string, unknown>; org_unit_id: number }>(
      `SELECT after, org_unit_id FROM audit_log WHERE action = 'member.export' AND (after->>'jobId')::int = $1`,
      [id],
    );
    expect(downloads).toHaveLength(2);
    expect(downloads[0]).toMatchObject({
      org_unit_id: smallCellId,
      after: {
        date: DATE,
        count: 1,
        fileName: 'Danh-sach-dang-vien-Chi-bo-Xuat-Hai-2026-11-20.xlsx',
        jobId: id,
      },
    });
  });

  it('answers 409 before the file is ready and 410 once it has expired', async () => {
    // A job held by a live lease of another process: not claimed here.
    const [held] = await t.db.query<{ id: number }>(
      `INSERT INTO export_jobs (kind, org_unit_id, requested_by, params, state, claim_token, lease_until, attempts)
       VALUES ('members', $1, $2, $3, 'running', 'khac', now() + interval '10 minutes', 1) RETURNING id`,
      [cellId, staffUserId, JSON.stringify({ date: DATE })],
    );
    const notReady = await staff.get(`/api/exports/${held!.id}/file`);
    expect(notReady.statusCode).toBe(409);
    expect(notReady.json().code).toBe('EXPORT_NOT_READY');

    const res = await staff.post(`/api/org-units/${smallCellId}/exports`, { kind: 'members' });
    await drain();
    const id = res.json().job.id;
    await t.db.query("UPDATE export_jobs SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    exportRunnerOf(t.db)!.kick();
    await drain();
    expect((await staff.get(`/api/exports/${id}`)).json().job.state).toBe('expired');
    const gone = await staff.get(`/api/exports/${id}/file`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('EXPORT_EXPIRED');
    await t.db.query("UPDATE export_jobs SET state = 'failed' WHERE id = $1", [held!.id]);
  });

  it('limits the jobs in hand per user (429 with a code), nothing written', async () => {
    const live = `'members', $1, $2, $3, 'running', 'khac', now() + interval '10 minutes', 1`;
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const [r] = await t.db.query<{ id: number }>(
        `INSERT INTO export_jobs (kind, org_unit_id, requested_by, params, state, claim_token, lease_until, attempts)
         VALUES (${live}) RETURNING id`,
        [cellId, staffUserId, JSON.stringify({ date: DATE })],
      );
      ids.push(r!.id);
    }
    const before = (await staff.get('/api/exports')).json().total;
    const res = await staff.post(`/api/org-units/${cellId}/exports`, { kind: 'members' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('EXPORT_TOO_MANY_JOBS');
    expect(res.json().message).toMatch(/tệp xuất/);
    expect((await staff.get('/api/exports')).json().total).toBe(before);
    await t.db.query("UPDATE export_jobs SET state = 'failed' WHERE id = ANY($1::int[])", [ids]);
  });

  it('takes up a job whose lease lapsed, and fails one that lapsed too often', async () => {
    const [lapsed] = await t.db.query<{ id: number }>(
      `INSERT INTO export_jobs (kind, org_unit_id, requested_by, params, state, claim_token, lease_until, attempts, rows_done)
       VALUES ('members', $1, $2, $3, 'running', 'chet', now() - interval '1 minute', 1, 500) RETURNING id`,
      [cellId, staffUserId, JSON.stringify({ date: DATE })],
    );
    const [dead] = await t.db.query<{ id: number }>(
      `INSERT INTO export_jobs (kind, org_unit_id, requested_by, params, state, claim_token, lease_until, attempts)
       VALUES ('members', $1, $2, $3, 'running', 'chet', now() - interval '1 minute', $4) RETURNING id`,
      [cellId, staffUserId, JSON.stringify({ date: DATE }), MAX_ATTEMPTS],
    );
    exportRunnerOf(t.db)!.kick();
    await drain();
    const recovered = (await staff.get(`/api/exports/${lapsed!.id}`)).json().job;
    expect(recovered).toMatchObject({ state: 'done', rowsDone: 3 });
    const [row] = await t.db.query<{ attempts: number }>('SELECT attempts FROM export_jobs WHERE id = $1', [
      lapsed!.id,
    ]);
    expect(row!.attempts).toBe(2);
    expect((await staff.get(`/api/exports/${lapsed!.id}/file`)).statusCode).toBe(200);
    const failed = (await staff.get(`/api/exports/${dead!.id}`)).json().job;
    expect(failed).toMatchObject({ state: 'failed', error: INTERRUPTED_MESSAGE });
    expect((await staff.get(`/api/exports/${dead!.id}/file`)).statusCode).toBe(409);
  });

  it('lists my jobs newest first by cursor, with the total on every page', async () => {
    const first = (await staff.get('/api/exports?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(4);
    expect(first.items[0].id).toBeGreaterThan(first.items[1].id);
    const second = (await staff.get(`/api/exports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.total).toBe(first.total);
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
    const tooMany = await staff.get('/api/exports?limit=101');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('VALIDATION_FAILED');
    const bad = await staff.get('/api/exports?cursor=khong-phai-con-tro');
    expect(bad.statusCode).toBe(400);
  });

  it('bounds the direct download: 413 EXPORT_TOO_LARGE above EXPORT_SYNC_MAX_ROWS, the file below', async () => {
    const big = await staff.get(`/api/org-units/${cellId}/members.xlsx?date=${DATE}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('EXPORT_TOO_LARGE');
    expect(big.json().message).toMatch(/Xuất tệp \(chạy nền\)/);
    const small = await staff.get(`/api/org-units/${smallCellId}/members.xlsx?date=${DATE}`);
    expect(small.statusCode).toBe(200);
    const rows = dataRows(await sheetRows(small.rawPayload));
    expect(rows.map((r) => r[1])).toEqual(['Hoàng Văn Dũng']);
  });

  it('refuses hostile input with a Vietnamese message and writes nothing', async () => {
    const before = (await staff.get('/api/exports')).json().total;
    const cases: [unknown, number][] = [
      [{ kind: 'audit' }, 400],
      [{ kind: 'members', date: '2026-02-30' }, 400],
      [{ kind: 'members', date: 20261120 }, 400],
      [{}, 400],
    ];
    for (const [body, status] of cases) {
      const r = await staff.post(`/api/org-units/${cellId}/exports`, body);
      expect(r.statusCode).toBe(status);
      expect(r.json().message).toMatch(/[àáảãạăâđêôơưệịọụữ]/u);
    }
    const outside = await staff.post(`/api/org-units/${outsideCellId}/exports`, { kind: 'members' });
    expect(outside.statusCode).toBe(404);
    expect((await staff.get('/api/exports/999999')).statusCode).toBe(404);
    expect((await staff.get('/api/exports/abc')).statusCode).toBe(400);
    expect((await staff.get('/api/exports')).json().total).toBe(before);
  });
});
