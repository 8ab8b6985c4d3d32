/**
 * Inspection and supervision plans through the API on a real database (issue 11 item 4, ADR 025
 * part D): the committee's plan, an inspection's findings and remedies, the issue (hash, lock,
 * notice), the cell's answers, closing and returning, scope, documents and hostile input.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { todayIso } from '../../domain/format.js';
import { runAlerts } from '../oversight/alerts.js';

const TODAY = todayIso();
const YEAR = Number(TODAY.slice(0, 4));
const MONTH = `${YEAR}-01`;
const FUTURE_DUE = `${YEAR + 1}-06-30`;
const CONCLUSION = 'Chi bộ duy trì nền nếp sinh hoạt; cần nâng cao chất lượng thảo luận.';

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((f) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(f));
  const xml = (await Promise.all(parts.map((f) => zip.file(f)!.async('string')))).join('\n');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'inspection-pdf-'));
  writeFileSync(join(dir, 'a.pdf'), bytes);
  return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as object });

describe('inspection and supervision plans', () => {
  let t: TestApp;
  let staff: Client;
  let sec: Client;
  let sup: Client;
  let other: Client;
  let mem: Client;
  let wardId: number;
  let cellId: number;
  let cell2Id: number;
  let foreignCellId: number;
  let planId: number;
  let inspectionId: number;
  let supervisionId: number;
  let remedyIds: number[];

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction(async (tx) => {
      const ward = await unit(tx, { name: 'Đảng bộ phường Kiểm Tra' });
      wardId = ward.id;
      cellId = (await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố Một', cellType: 'khu_dan_cu' })).id;
      cell2Id = (await unit(tx, { parentId: ward.id, name: 'Chi bộ Khu phố Hai', cellType: 'khu_dan_cu' }))
        .id;
      const ward2 = await unit(tx, { name: 'Đảng bộ phường Bên Cạnh' });
      foreignCellId = (
        await unit(tx, { parentId: ward2.id, name: 'Chi bộ Bên Cạnh', cellType: 'khu_dan_cu' })
      ).id;
      const m = await member(tx, { unitId: cellId, fullName: 'Lê Văn Viên' });
      await user(tx, 'kt_staff', [{ role: 'committee_staff', unitId: ward.id }]);
      await user(tx, 'kt_sec', [{ role: 'cell_secretary', unitId: cellId }]);
      await user(tx, 'kt_sup', [{ role: 'supervisor', unitId: cellId }]);
      await user(tx, 'kt_other', [{ role: 'committee_staff', unitId: ward2.id }]);
      await user(tx, 'kt_mem', [{ role: 'member', unitId: cellId }], m);
    });
    staff = await t.login('kt_staff');
    sec = await t.login('kt_sec');
    sup = await t.login('kt_sup');
    other = await t.login('kt_other');
    mem = await t.login('kt_mem');
  });
  afterAll(() => t?.close());

  const count = async (table: string) =>
    ((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0] as { n: number }).n;

  it('the committee writes its plan and adds inspections; a draft does not exist for the cell', async () => {
    const saved = await put(staff, `/api/org-units/${wardId}/inspection-plans/${YEAR}`, {
      title: `Kế hoạch kiểm tra, giám sát năm ${YEAR}`,
      status: 'draft',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    planId = saved.json().plan.id;
    expect(saved.json().plan.status).toBe('draft');

    const created = await staff.post(`/api/inspection-plans/${planId}/inspections`, {
      unitId: cellId,
      kind: 'inspection',
      content: 'Chất lượng sinh hoạt chi bộ',
      plannedMonth: MONTH,
      team: [
        { name: 'Nguyễn Văn Trưởng', role: 'truong_doan' },
        { name: 'Trần Thị Viên', role: 'thanh_vien' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    inspectionId = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'planned',
      issued: false,
      unitName: 'Chi bộ Khu phố Một',
    });

    const sv = await staff.post(`/api/inspection-plans/${planId}/inspections`, {
      unitId: cellId,
      kind: 'supervision',
      content: 'Việc thực hiện nghị quyết của chi bộ',
      plannedMonth: `${YEAR}-02`,
    });
    expect(sv.statusCode, sv.body).toBe(201);
    supervisionId = sv.json().id;

    // The cell does not see the draft plan's inspections at all.
    expect((await sec.get(`/api/inspections/${inspectionId}`)).statusCode).toBe(404);
    const list = await sec.get(`/api/org-units/${cellId}/inspections`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [], total: 0 });
    expect((await sec.get(`/api/org-units/${wardId}/inspection-plans/${YEAR}`)).statusCode).toBe(404);
  });

  it('records findings and remedies; the cell sees the approved plan as an announcement only', async () => {
    const res = await staff.patch(`/api/inspections/${inspectionId}`, {
      strengths: 'Chi bộ sinh hoạt đều đặn hằng tháng.\nBiên bản ghi đầy đủ.',
      limitations: 'Thảo luận còn ít.',
      shortcomings: 'Chưa sinh hoạt chuyên đề quý I.',
      conclusion: CONCLUSION,
      remedies: [
        { content: 'Tổ chức sinh hoạt chuyên đề bù cho quý I', dueOn: FUTURE_DUE },
        { content: 'Rà soát việc ghi biên bản các buổi sinh hoạt', dueOn: `${YEAR + 1}-03-31` },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('in_progress');
    expect(res.json().remedies.map((r: { dueOn: string }) => r.dueOn)).toEqual([
      FUTURE_DUE,
      `${YEAR + 1}-03-31`,
    ]);
    remedyIds = res.json().remedies.map((r: { id: number }) => r.id);

    const draftDoc = await staff.get(`/api/inspections/${inspectionId}/conclusion.docx`);
    expect(draftDoc.statusCode).toBe(200);
    expect(await docxText(draftDoc.rawPayload)).toContain('DỰ THẢO');

    await put(staff, `/api/org-units/${wardId}/inspection-plans/${YEAR}`, {
      title: `Kế hoạch kiểm tra, giám sát năm ${YEAR}`,
      status: 'approved',
    });
    const seen = await sec.get(`/api/inspections/${inspectionId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      content: 'Chất lượng sinh hoạt chi bộ',
      strengths: null,
      conclusion: null,
      remedies: [],
    });
    expect((await sec.get(`/api/inspections/${inspectionId}/conclusion.pdf`)).statusCode).toBe(404);
    expect(
      (await sec.patch(`/api/inspections/${inspectionId}`, { conclusion: 'Chi bộ tự kết luận' })).statusCode,
    ).toBe(403);
    expect((await sec.post(`/api/remedies/${remedyIds[0]}/answer`, { answer: 'Đã làm' })).statusCode).toBe(
      404,
    );
    expect((await mem.get(`/api/inspections/${inspectionId}`)).statusCode).toBe(404);
  });

  it('refuses hostile input with a Vietnamese 400 and writes nothing', async () => {
    const before = [await count('inspections'), await count('inspection_remedies')];
    const add = (body: Record<string, unknown>) =>
      staff.post(`/api/inspection-plans/${planId}/inspections`, {
        unitId: cellId,
        kind: 'inspection',
        content: 'Nội dung',
        plannedMonth: MONTH,
        ...body,
      });
    for (const [body, field] of [
      [{ unitId: foreignCellId }, 'unitId'],
      [{ unitId: wardId }, 'unitId'],
      [{ plannedMonth: `${YEAR}-13` }, 'plannedMonth'],
      [{ plannedMonth: `${YEAR + 1}-01` }, 'plannedMonth'],
      [{ content: 'x'.repeat(1001) }, 'content'],
      [{ kind: 'audit' }, 'kind'],
    ] as const) {
      const res = await add(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().message).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i);
    }
    const early = await staff.post(`/api/inspections/${inspectionId}/remedies`, {
      content: 'Hạn trước cả cuộc kiểm tra',
      dueOn: `${YEAR - 1}-12-31`,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('không được trước tháng kiểm tra');
    const huge = await staff.patch(`/api/inspections/${inspectionId}`, { strengths: 'a'.repeat(20_001) });
    expect(huge.statusCode).toBe(400);
    const badDay = await staff.patch(`/api/inspections/${inspectionId}`, {
      remedies: [{ content: 'Ngày không có thật', dueOn: `${YEAR}-02-30` }],
    });
    expect(badDay.statusCode).toBe(400);
    const future = await staff.post(`/api/inspections/${inspectionId}/issue`, {
      conclusionNo: '05-TB/ĐU',
      concludedOn: `${YEAR + 1}-01-01`,
    });
    expect(future.statusCode).toBe(400);
    expect([await count('inspections'), await count('inspection_remedies')]).toEqual(before);
    const [row] = await t.db.query<{ strengths: string; issued_at: Date | null }>(
      'SELECT strengths, issued_at FROM inspections WHERE id = $1',
      [inspectionId],
    );
    expect(row!.strengths).toContain('sinh hoạt đều đặn');
    expect(row!.issued_at).toBeNull();
  });

  it('keeps other wards and members out (404 as if absent)', async () => {
    expect((await other.get(`/api/inspections/${inspectionId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/org-units/${wardId}/inspections`)).statusCode).toBe(404);
    expect((await other.patch(`/api/inspections/${inspectionId}`, { conclusion: 'x' })).statusCode).toBe(404);
    expect(
      (await other.post(`/api/inspections/${inspectionId}/issue`, { conclusionNo: '1', concludedOn: TODAY }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await other.post(`/api/inspection-plans/${planId}/inspections`, {
          unitId: foreignCellId,
          kind: 'inspection',
          content: 'x',
          plannedMonth: MONTH,
        })
      ).statusCode,
    ).toBe(404);
    expect((await mem.get(`/api/org-units/${cellId}/inspections`)).statusCode).toBe(403);
    const tooMany = await staff.get(`/api/org-units/${wardId}/inspections?limit=201`);
    expect(tooMany.statusCode).toBe(400);
  });

  it('issues the conclusion: hash, lock, notice to the secretary; then the API refuses changes', async () => {
    const res = await staff.post(`/api/inspections/${inspectionId}/issue`, {
      conclusionNo: '05-TB/ĐU',
      concludedOn: TODAY,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      issued: true,
      status: 'concluded',
      conclusionNo: '05-TB/ĐU',
      concludedOn: TODAY,
    });
    expect(res.json().contentHash).toMatch(/^[0-9a-f]{64}$/);

    const notes = (await sec.get('/api/me/notifications')).json();
    const items = (notes.items ?? notes) as { title: string; link: string }[];
    expect(
      items.some((n) => n.link === `/kiem-tra/${inspectionId}` && n.title.includes('ban hành kết luận')),
    ).toBe(true);

    const locked = await staff.patch(`/api/inspections/${inspectionId}`, {
      conclusion: 'Sửa sau khi ban hành',
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().details.reason).toBe('INSPECTION_LOCKED');
    expect(
      (await staff.post(`/api/inspections/${inspectionId}/remedies`, { content: 'Thêm', dueOn: FUTURE_DUE }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await staff.post(`/api/inspections/${inspectionId}/issue`, {
          conclusionNo: '06-TB/ĐU',
          concludedOn: TODAY,
        })
      ).statusCode,
    ).toBe(409);

    const docx = await sec.get(`/api/inspections/${inspectionId}/conclusion.docx`);
    expect(docx.statusCode).toBe(200);
    const text = await docxText(docx.rawPayload);
    expect(text).toContain('05-TB/ĐU');
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain(res.json().contentHash.slice(0, 16));
    const pdf = await sec.get(`/api/inspections/${inspectionId}/conclusion.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const words = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
    expect(words).toContain('Chi bộ duy trì nền nếp sinh hoạt');
    expect(words).toContain('05-TB/ĐU');
  });

  it('is locked in the database as the app role and as the owner', async () => {
    const attempt = (
      ex: { query: (s: string, p: unknown[]) => Promise<unknown> },
      sql: string,
      p: unknown[],
    ) =>
      ex.query(sql, p).then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    for (const who of ['app', 'owner'] as const) {
      const run = (sql: string, p: unknown[]) =>
        who === 'app' ? attempt(t.db, sql, p) : t.asOwner((o) => attempt(o, sql, p));
      expect(await run("UPDATE inspections SET conclusion = 'khác' WHERE id = $1", [inspectionId])).toMatch(
        /issued and locked/,
      );
      expect(await run('DELETE FROM inspections WHERE id = $1', [inspectionId])).toMatch(/issued and locked/);
      expect(
        await run("UPDATE inspection_remedies SET content = 'khác' WHERE id = $1", [remedyIds[0]]),
      ).toMatch(/locked/);
      expect(
        await run("UPDATE inspection_remedies SET due_on = '2099-01-01' WHERE id = $1", [remedyIds[0]]),
      ).toMatch(/locked/);
      expect(await run('DELETE FROM inspection_remedies WHERE id = $1', [remedyIds[0]])).toMatch(/locked/);
      expect(
        await run(
          "INSERT INTO inspection_remedies (inspection_id, position, content, due_on) VALUES ($1, 9, 'mới', '2099-01-01')",
          [inspectionId],
        ),
      ).toMatch(/issued and locked/);
      // Answering stays possible.
      expect(
        await run('UPDATE inspection_remedies SET updated_at = now() WHERE id = $1', [remedyIds[0]]),
      ).toBe('accepted');
    }
    // A draft inspection stays writable.
    expect(
      await attempt(t.db, "UPDATE inspections SET content = content || '' WHERE id = $1", [supervisionId]),
    ).toBe('accepted');
  });

  it('the cell answers, the committee returns (kept in history) and closes; the alert opens and resolves', async () => {
    const [r1, r2] = remedyIds as [number, number];
    const view = (await sec.get(`/api/inspections/${inspectionId}`)).json();
    expect(view.remedies.map((r: { canAnswer: boolean }) => r.canAnswer)).toEqual([true, true]);
    expect(view.strengths).toContain('sinh hoạt đều đặn');
    expect((await staff.post(`/api/remedies/${r1}/close`)).statusCode).toBe(409);
    expect(
      (await sup.post(`/api/remedies/${r1}/answer`, { answer: 'Cấp ủy viên trả lời thay' })).statusCode,
    ).toBe(403);

    const a1 = await sec.post(`/api/remedies/${r1}/answer`, {
      answer: 'Chi bộ đã lên kế hoạch chuyên đề tháng 3.',
    });
    expect(a1.statusCode, a1.body).toBe(200);
    expect(a1.json().status).toBe('answered');
    expect((await sec.post(`/api/remedies/${r1}/close`)).statusCode).toBe(403);
    const back = await staff.post(`/api/remedies/${r1}/return`, {
      comment: 'Cần báo cáo kết quả, không chỉ kế hoạch.',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'open', answer: null });
    const after = (await staff.get(`/api/inspections/${inspectionId}`)).json();
    expect(after.remedies[0].returned).toEqual([
      expect.objectContaining({
        answer: 'Chi bộ đã lên kế hoạch chuyên đề tháng 3.',
        comment: 'Cần báo cáo kết quả, không chỉ kế hoạch.',
      }),
    ]);
    await sec.post(`/api/remedies/${r1}/answer`, { answer: 'Đã sinh hoạt chuyên đề ngày 15/3.' });
    const closed = await staff.post(`/api/remedies/${r1}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect((await sec.post(`/api/remedies/${r1}/answer`, { answer: 'Thêm' })).statusCode).toBe(409);

    // Past the second remedy's due date the alert opens; closing the remedy resolves it.
    const late = `${YEAR + 1}-04-01`;
    await runAlerts(t.db, late);
    const open = await t.db.query<{ id: number; unit_id: number }>(
      "SELECT id, unit_id FROM alerts WHERE kind = 'remedy_overdue' AND subject_key = $1 AND resolved_at IS NULL",
      [String(r2)],
    );
    expect(open).toHaveLength(1);
    expect(open[0]!.unit_id).toBe(cellId);
    const [closedAlert] = await t.db.query(
      "SELECT 1 FROM alerts WHERE kind = 'remedy_overdue' AND subject_key = $1",
      [String(r1)],
    );
    expect(closedAlert).toBeUndefined();
    const listed = (
      await staff.get(`/api/org-units/${wardId}/inspections?year=${YEAR}&status=concluded`)
    ).json();
    expect(listed.total).toBe(1);
    expect(
      listed.items[0].remedies.map((r: { id: number; closedAt: string | null }) => [
        r.id,
        r.closedAt !== null,
      ]),
    ).toEqual([
      [r1, true],
      [r2, false],
    ]);
    await sec.post(`/api/remedies/${r2}/answer`, { answer: 'Đã rà soát biên bản.' });
    await staff.post(`/api/remedies/${r2}/close`);
    await runAlerts(t.db, late);
    const still = await t.db.query(
      "SELECT 1 FROM alerts WHERE kind = 'remedy_overdue' AND subject_key = $1 AND resolved_at IS NULL",
      [String(r2)],
    );
    expect(still).toHaveLength(0);
  });

  it('lists the subtree: the ward sees both inspections, the cell its own, the other cell none', async () => {
    const ward = (await staff.get(`/api/org-units/${wardId}/inspections?year=${YEAR}`)).json();
    expect(ward.total).toBe(2);
    const cell = (await sec.get(`/api/org-units/${cellId}/inspections`)).json();
    expect(cell.items.map((i: { id: number }) => i.id).sort()).toEqual([inspectionId, supervisionId].sort());
    const cell2 = (await staff.get(`/api/org-units/${cell2Id}/inspections`)).json();
    expect(cell2.total).toBe(0);
  });

  it('links a supervisor visit to a supervision of the plan of the same cell', async () => {
    const bad = [
      inspectionId, // an inspection, not a supervision
      2_000_000_000,
    ];
    for (const id of bad) {
      const res = await sup.post(`/api/org-units/${cellId}/visits`, { visitedOn: TODAY, inspectionId: id });
      expect(res.statusCode, res.body).toBe(400);
    }
    const ok = await sup.post(`/api/org-units/${cellId}/visits`, {
      visitedOn: TODAY,
      comments: 'Dự sinh hoạt theo kế hoạch giám sát',
      inspectionId: supervisionId,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const view = (await staff.get(`/api/inspections/${supervisionId}`)).json();
    expect(view.visits).toEqual([
      expect.objectContaining({ visitedOn: TODAY, comments: 'Dự sinh hoạt theo kế hoạch giám sát' }),
    ]);
    const visits = (await staff.get(`/api/org-units/${cellId}/visits`)).json();
    expect(visits.items[0].inspectionId).toBe(supervisionId);
  });
});
