/**
 * The year's grading statistics (ADR 024) on a hand-built fixture written through SQL: current
 * decisions only (a revision supersedes, a draft set and a draft revision do not count, another
 * year does not count, a unit outside the subtree does not count, the unit's own grade is not
 * among its organisations), the cadres apart, who has no decision yet; scope 404 outside; the
 * Word and Excel reports hold the same sentences and counts as the route, and are audited.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import type { GradeLevel } from '../../rules/year-types.js';
import { rebuildGradingSummary } from './grading-summary.js';

type Unit = { id: number; path: string };

describe('grading statistics of a year', () => {
  let t: TestApp;
  let province: Unit;
  let ward: Unit;
  let c1: Unit;
  let c2: Unit;
  let outside: Unit;
  let outCell: Unit;
  const m: Record<string, number> = {};
  let setNo = 0;

  /** A decision set with its decisions, issued (or left a draft); returns the decisions' ids. */
  async function decide(opts: {
    year: number;
    by: Unit;
    type: 'member' | 'organisation';
    issued: boolean;
    revision?: boolean;
    items: { member?: number; unit: Unit; level: GradeLevel; cadre?: boolean; supersedes?: number }[];
  }): Promise<number[]> {
    const db = t.db;
    setNo += 1;
    const [s] = await db.query<{ id: number }>(
      `INSERT INTO grading_decision_sets (year, unit_id, subject_type, kind, status, decision_no, decision_date, reason)
       VALUES ($1, $2, $3, $4, 'draft', $5, '2026-01-15', $6) RETURNING id`,
      [
        opts.year,
        opts.by.id,
        opts.type,
        opts.revision ? 'revision' : 'initial',
        `${setNo}-QĐ/ĐU`,
        opts.revision ? 'Xem xét lại theo đơn' : null,
      ],
    );
    const ids: number[] = [];
    for (const it of opts.items) {
      const [d] = await db.query<{ id: number }>(
        `INSERT INTO grading_decisions (set_id, year, subject_type, member_id, unit_id, unit_path, level, is_cadre, supersedes_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          s!.id,
          opts.year,
          opts.type,
          it.member ?? null,
          it.unit.id,
          it.unit.path,
          it.level,
          it.cadre ?? false,
          it.supersedes ?? null,
        ],
      );
      ids.push(d!.id);
    }
    if (opts.issued)
      await db.query(
        `UPDATE grading_decision_sets SET status = 'issued', issued_at = now(), content_hash = 'x' WHERE id = $1`,
        [s!.id],
      );
    return ids;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.db;
    province = await unit(db, { name: 'Đảng bộ tỉnh Thử Xếp Loại', kind: 'dang_bo_tinh' });
    ward = await unit(db, { parentId: province.id, name: 'Đảng bộ phường Một' });
    c1 = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
    c2 = await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 2', cellType: 'khu_dan_cu' });
    await unit(db, { parentId: ward.id, name: 'Chi bộ Khu phố 3', cellType: 'khu_dan_cu' });
    outside = await unit(db, { parentId: province.id, name: 'Đảng bộ phường Hai' });
    outCell = await unit(db, { parentId: outside.id, name: 'Chi bộ Khu phố 9', cellType: 'khu_dan_cu' });
    for (const k of ['a', 'b', 'c', 'd', 'e'])
      m[k] = await member(db, { unitId: c1.id, fullName: `Nguyễn Văn ${k.toUpperCase()}` });
    for (const k of ['f', 'g', 'h', 'i'])
      m[k] = await member(db, { unitId: c2.id, fullName: `Trần Thị ${k.toUpperCase()}` });
    m.z = await member(db, { unitId: outCell.id, fullName: 'Lê Văn Z' });
    // H is exempted from work and meetings: not reviewed, so not counted as "not graded".
    await db.query(
      `INSERT INTO member_status_periods (member_id, kind, valid_from) VALUES ($1, 'exempted', '2024-01-01')`,
      [m.h],
    );

    const [, bDecision, , dDecision] = await decide({
      year: 2025,
      by: ward,
      type: 'member',
      issued: true,
      items: [
        { member: m.a!, unit: c1, level: 'xuat_sac', cadre: true },
        { member: m.b!, unit: c1, level: 'tot' },
        { member: m.c!, unit: c1, level: 'tot', cadre: true },
        { member: m.d!, unit: c1, level: 'hoan_thanh' },
        { member: m.f!, unit: c2, level: 'tot' },
        { member: m.g!, unit: c2, level: 'khong_hoan_thanh' },
      ],
    });
    // B revised to xuất sắc (issued): counts; D revised in a draft revision: does not.
    await decide({
      year: 2025,
      by: ward,
      type: 'member',
      issued: true,
      revision: true,
      items: [{ member: m.b!, unit: c1, level: 'xuat_sac', supersedes: bDecision }],
    });
    await decide({
      year: 2025,
      by: ward,
      type: 'member',
      issued: false,
      revision: true,
      items: [{ member: m.d!, unit: c1, level: 'xuat_sac', supersedes: dDecision }],
    });
    // A draft set (the province's) grading E: does not count.
    await decide({
      year: 2025,
      by: province,
      type: 'member',
      issued: false,
      items: [{ member: m.e!, unit: c1, level: 'tot' }],
    });
    // Another year: does not count in 2025.
    await decide({
      year: 2024,
      by: ward,
      type: 'member',
      issued: true,
      items: [
        { member: m.e!, unit: c1, level: 'xuat_sac' },
        { member: m.h!, unit: c2, level: 'xuat_sac' },
      ],
    });
    // Outside the ward's subtree.
    await decide({
      year: 2025,
      by: outside,
      type: 'member',
      issued: true,
      items: [{ member: m.z!, unit: outCell, level: 'xuat_sac', cadre: true }],
    });
    // Organisations: the ward grades C1 and C2 (C3 not yet); the province grades the ward.
    await decide({
      year: 2025,
      by: ward,
      type: 'organisation',
      issued: true,
      items: [
        { unit: c1, level: 'xuat_sac' },
        { unit: c2, level: 'tot' },
      ],
    });
    await decide({
      year: 2025,
      by: province,
      type: 'organisation',
      issued: true,
      items: [{ unit: ward, level: 'tot' }],
    });

    // The decisions above went in by SQL: build the year's summary rows the statistics read.
    await rebuildGradingSummary(db, {});
    await user(db, 'xl_ward', [{ role: 'committee_staff', unitId: ward.id }]);
    await user(db, 'xl_prov', [{ role: 'committee_staff', unitId: province.id }]);
    await user(db, 'xl_out', [{ role: 'committee_staff', unitId: outside.id }]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const counts = (rows: { level: string; numerator: number; denominator: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.level, `${r.numerator}/${r.denominator}`]));

  it('counts current decisions of the year in the subtree, the unit itself excluded', async () => {
    const c = await t.login('xl_ward');
    const res = await c.get(`/api/org-units/${ward.id}/grading/2025`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2025);
    expect(body.unitId).toBe(ward.id);
    expect(counts(body.organisations)).toEqual({
      xuat_sac: '1/2',
      tot: '1/2',
      hoan_thanh: '0/2',
      khong_hoan_thanh: '0/2',
    });
    expect(counts(body.members)).toEqual({
      xuat_sac: '2/6',
      tot: '2/6',
      hoan_thanh: '1/6',
      khong_hoan_thanh: '1/6',
    });
    expect(body.members[0]).toEqual({
      level: 'xuat_sac',
      label: 'Hoàn thành xuất sắc nhiệm vụ',
      numerator: 2,
      denominator: 6,
      percent: 33.33,
    });
    expect(body.members[2].percent).toBe(16.67);
    expect(counts(body.cadres)).toEqual({
      xuat_sac: '1/2',
      tot: '1/2',
      hoan_thanh: '0/2',
      khong_hoan_thanh: '0/2',
    });
    // E and I have no decision (H is exempted); C3 has none.
    expect(body.notGraded).toEqual({ members: 2, organisations: 1 });
  });

  it('a cell: its members, no organisations below it', async () => {
    const c = await t.login('xl_ward');
    const body = (await c.get(`/api/org-units/${c1.id}/grading/2025`)).json();
    expect(counts(body.members)).toEqual({
      xuat_sac: '2/4',
      tot: '1/4',
      hoan_thanh: '1/4',
      khong_hoan_thanh: '0/4',
    });
    expect(body.organisations.every((r: { denominator: number }) => r.denominator === 0)).toBe(true);
    expect(body.organisations[0].percent).toBe(0);
    expect(body.notGraded).toEqual({ members: 1, organisations: 0 });
  });

  it('the province: the ward among its organisations, the other ward among its members', async () => {
    const c = await t.login('xl_prov');
    const body = (await c.get(`/api/org-units/${province.id}/grading/2025`)).json();
    expect(counts(body.organisations).tot).toBe('2/3');
    expect(counts(body.members).xuat_sac).toBe('3/7');
    expect(counts(body.cadres).xuat_sac).toBe('2/3');
  });

  it('another year counts only its own decisions', async () => {
    const c = await t.login('xl_ward');
    const body = (await c.get(`/api/org-units/${ward.id}/grading/2024`)).json();
    expect(counts(body.members).xuat_sac).toBe('2/2');
    expect(body.organisations[0].denominator).toBe(0);
  });

  it('outside the scope: 404 exactly as a unit that does not exist', async () => {
    const c = await t.login('xl_out');
    const res = await c.get(`/api/org-units/${ward.id}/grading/2025`);
    expect(res.statusCode).toBe(404);
    const missing = await c.get('/api/org-units/999999/grading/2025');
    expect(missing.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    for (const f of ['docx', 'xlsx'])
      expect((await c.get(`/api/org-units/${ward.id}/grading/2025/report.${f}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/org-units/${ward.id}/grading/2025`)).statusCode).toBe(401);
  });

  it('refuses a year outside 2000–2100 with a Vietnamese message', async () => {
    const c = await t.login('xl_ward');
    const res = await c.get(`/api/org-units/${ward.id}/grading/1999`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/Năm/);
  });

  it('the Word report holds the sentences of the route, and is audited', async () => {
    const c = await t.login('xl_ward');
    const res = await c.get(`/api/org-units/${ward.id}/grading/2025/report.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2025');
    expect(text).toContain('1/2 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 50,00%');
    expect(text).toContain('2/6 đảng viên hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 33,33%');
    expect(text).toContain('1/6 đảng viên hoàn thành nhiệm vụ, chiếm tỷ lệ 16,67%');
    expect(text).toContain('1/2 cán bộ hoàn thành tốt nhiệm vụ, chiếm tỷ lệ 50,00%');
    expect(text).toContain('Chi bộ Khu phố 3');
    const [a] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'grading.report_export' AND org_unit_id = $1
          AND after->>'format' = 'docx' AND (after->>'year')::int = 2025`,
      [ward.id],
    );
    expect(a!.n).toBe(1);
  });

  it('the Excel report: counts as numbers matching the route, percent-formatted, a sheet per child', async () => {
    const c = await t.login('xl_ward');
    const route = (await c.get(`/api/org-units/${ward.id}/grading/2025`)).json();
    const res = await c.get(`/api/org-units/${ward.id}/grading/2025/report.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Câu thống kê',
      'Theo đơn vị',
      'Chi bộ Khu phố 1',
      'Chi bộ Khu phố 2',
      'Chi bộ Khu phố 3',
    ]);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (r.getCell(1).value === label) found = r;
      });
      return found!;
    };
    for (const [i, level] of route.members.entries()) {
      const r = rowOf(level.label);
      expect(r.getCell(2).value).toBe(route.organisations[i].numerator);
      expect(r.getCell(4).value).toBe(level.numerator);
      expect(r.getCell(6).value).toBe(route.cadres[i].numerator);
      expect(r.getCell(4).numFmt).toBe('#,##0');
      expect(r.getCell(5).numFmt).toBe('0.00%');
      expect(Math.round((r.getCell(5).value as number) * 10_000)).toBe(Math.round(level.percent * 100));
    }
    expect(rowOf('Tổng số').getCell(4).value).toBe(6);
    const sentences = wb.getWorksheet('Câu thống kê')!;
    const lines: string[] = [];
    sentences.eachRow((r) => lines.push(String(r.getCell(1).value)));
    expect(lines).toContain('- 2/6 đảng viên hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 33,33%');
    const child = wb.getWorksheet('Chi bộ Khu phố 2')!;
    let tot: number | undefined;
    child.eachRow((r) => {
      if (r.getCell(1).value === 'Hoàn thành tốt nhiệm vụ') tot = r.getCell(4).value as number;
    });
    expect(tot).toBe(1);
    const [a] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'grading.report_export' AND after->>'format' = 'xlsx'`,
    );
    expect(a!.n).toBe(1);
  });

  it('a periodic review over the years includes the grading of each year that has decisions', async () => {
    const c = await t.login('xl_ward');
    const created = await c.post(`/api/org-units/${ward.id}/reviews`, {
      title: 'Sơ kết hai năm',
      subject: null,
      from: '2024-01',
      to: '2025-12',
    });
    expect(created.statusCode).toBe(201);
    const res = await c.get(`/api/reviews/${created.json().id}/statistics`);
    expect(res.statusCode).toBe(200);
    const { sentences, statistics } = res.json() as {
      sentences: string[];
      statistics: { grading: { year: number }[] };
    };
    expect(statistics.grading.map((g) => g.year)).toEqual([2024, 2025]);
    expect(sentences).toContain(
      'Về đánh giá, xếp loại chất lượng năm 2024: đảng viên: 2/2 đảng viên hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 100,00%; 0/2 đảng viên hoàn thành tốt nhiệm vụ, chiếm tỷ lệ 0,00%; 0/2 đảng viên hoàn thành nhiệm vụ, chiếm tỷ lệ 0,00%; 0/2 đảng viên không hoàn thành nhiệm vụ, chiếm tỷ lệ 0,00%.',
    );
    const y2025 = sentences.find((l) => l.startsWith('Về đánh giá, xếp loại chất lượng năm 2025: '))!;
    expect(y2025).toContain('tổ chức đảng: 1/2 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 50,00%');
    expect(y2025).toContain('đảng viên: 2/6 đảng viên hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 33,33%');
    expect(y2025).toContain('cán bộ diện cấp ủy quản lý: 1/2 cán bộ hoàn thành xuất sắc nhiệm vụ');
  });
});
