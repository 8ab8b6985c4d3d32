/**
 * Commendations, reminders and model meetings on the demo organisation (issue 9 items 5–6):
 * proposals from the summary rows, decisions recorded, listed, announced and audited, model
 * meetings marked, listed and opened read-only without the model cell's members' personal data,
 * and every scope rule (404 outside, 403 inside without the role, 400 for an out-of-scope subject).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { user } from '../../../test/support/factory.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';

const TODAY = '2026-11-21';
const FROM = '2025-11';
const TO = '2026-10';

describe('recognition on the demo', () => {
  let t: TestApp;
  let staff: Client;
  let bithu1: Client;
  let outsider: Client;
  let wardId: number;
  let kp1: number;
  let modelId: number;
  let modelCellId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.transaction((tx) => seedDemo(tx, TODAY));
    const unit = async (name: string) =>
      (await t.db.query<{ id: number }>('SELECT id FROM org_units WHERE name = $1', [name]))[0]!.id;
    wardId = await unit('Đảng bộ phường An Hội');
    kp1 = await unit('Chi bộ Khu phố 1');
    const [other] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM org_units c, org_units w WHERE w.id = $1 AND c.kind = 'chi_bo' AND c.path NOT LIKE w.path || '%' LIMIT 1`,
      [wardId],
    );
    await user(t.db, 'ngoai.phuong', [{ role: 'cell_secretary', unitId: other!.id }]);
    staff = await t.login('danguy', DEMO_PASSWORD);
    bithu1 = await t.login('bithu1', DEMO_PASSWORD);
    outsider = await t.login('ngoai.phuong');
    const [m] = await t.db.query<{ meeting_id: number; unit_id: number }>(
      'SELECT mm.meeting_id, mt.unit_id FROM model_meetings mm JOIN meetings mt ON mt.id = mm.meeting_id',
    );
    modelId = m!.meeting_id;
    modelCellId = m!.unit_id;
  }, 240_000);
  afterAll(() => t.close());

  it('proposes the demo cells from their month rows, with the reason in numbers', async () => {
    const res = await staff.get(`/api/org-units/${wardId}/commendation-proposals?from=${FROM}&to=${TO}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period).toMatchObject({ from: FROM, to: TO });
    const commend = body.items.filter((p: { proposal: string }) => p.proposal === 'commend');
    const remind = body.items.filter((p: { proposal: string }) => p.proposal === 'remind');
    expect(commend.length).toBeGreaterThan(0);
    expect(remind.length).toBeGreaterThan(0);
    expect(body.total).toBe(body.items.length);
    for (const p of commend) {
      expect(p.figures.missedMonths).toBe(0);
      expect(p.figures.weakMonths).toBe(0);
      expect(p.figures.goodMonths * 100).toBeGreaterThanOrEqual(75 * p.figures.dueMonths);
      expect(p.reason).toContain(`Tốt ${p.figures.goodMonths}/${p.figures.dueMonths} tháng`);
      expect(p.reason).toContain('không bỏ sinh hoạt tháng nào');
    }
    for (const p of remind) {
      expect(p.suggestedKind).toBe('nhac_nho');
      expect(p.figures.missedMonths + p.figures.weakMonths + p.figures.overdueAlerts).toBeGreaterThan(0);
    }
    // The figures are those of the summary rows.
    const first = commend[0];
    const [rows] = await t.db.query<{ due: number; tot: number }>(
      `SELECT count(*) FILTER (WHERE regular_held OR due_date < now())::int AS due,
              count(*) FILTER (WHERE rating = 'Tốt')::int AS tot
         FROM cell_month_status WHERE unit_id = $1 AND month BETWEEN $2 AND $3`,
      [first.unit.id, FROM, TO],
    );
    expect(first.figures.goodMonths).toBe(rows!.tot);
    expect(first.figures.dueMonths).toBe(rows!.due);
    // Paged, with a total; a page above the maximum is refused, not cut.
    const page = (
      await staff.get(
        `/api/org-units/${wardId}/commendation-proposals?from=${FROM}&to=${TO}&limit=1&offset=1`,
      )
    ).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].unit.id).toBe(body.items[1].unit.id);
    expect(page.total).toBe(body.total);
    const big = await staff.get(
      `/api/org-units/${wardId}/commendation-proposals?from=${FROM}&to=${TO}&limit=201`,
    );
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe('VALIDATION_FAILED');
    const reversed = await staff.get(`/api/org-units/${wardId}/commendation-proposals?from=${TO}&to=${FROM}`);
    expect(reversed.statusCode).toBe(400);
  });

  it('lists the demo ward’s khen thưởng, biểu dương and nhắc nhở, consistent with the proposals', async () => {
    const res = await staff.get(`/api/org-units/${wardId}/commendations`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(3);
    expect(items.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'bieu_duong',
      'khen_thuong',
      'nhac_nho',
    ]);
    const proposals = (
      await staff.get(`/api/org-units/${wardId}/commendation-proposals?from=${FROM}&to=${TO}`)
    ).json().items;
    for (const d of items) {
      expect(d.number).toMatch(/\/ĐU$/);
      expect(d.periodFrom).toBe(FROM);
      const p = proposals.find((x: { unit: { id: number } }) => x.unit.id === d.subject.id);
      expect(p, d.subject.name).toBeTruthy();
      expect(p.proposal).toBe(d.kind === 'nhac_nho' ? 'remind' : 'commend');
      expect(d.reason.toLowerCase()).toContain(p.reason.slice(1, 30).toLowerCase());
    }
    const kinds = (await staff.get(`/api/org-units/${wardId}/commendations?kind=nhac_nho`)).json();
    expect(kinds.total).toBe(1);
    // The subject cell sees its own history; a cell outside the ward sees nothing of the ward.
    const subject = items[0].subject.id;
    const own = (await staff.get(`/api/org-units/${subject}/commendations`)).json();
    expect(own.items.map((d: { id: number }) => d.id)).toEqual([items[0].id]);
    expect((await outsider.get(`/api/org-units/${wardId}/commendations`)).statusCode).toBe(404);
  });

  it('records a decision about a cell, announces it to the secretary and audits it', async () => {
    const res = await staff.post(`/api/org-units/${wardId}/commendations`, {
      subjectUnitId: kp1,
      kind: 'bieu_duong',
      number: '50-QĐ/ĐU',
      decidedOn: '2026-11-20',
      reason: 'Tổ chức tốt sinh hoạt chuyên đề về chuyển đổi số.',
      periodFrom: '2026-07',
      periodTo: '2026-09',
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ kind: 'bieu_duong', kindLabel: 'Biểu dương', subject: { id: kp1 } });
    const mine = (await bithu1.get(`/api/org-units/${kp1}/commendations`)).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(d.id);
    const notes = (await bithu1.get('/api/me/notifications')).json();
    expect(
      notes.items.some(
        (n: { kind: string; title: string }) => n.kind === 'recognition' && n.title.includes('biểu dương'),
      ),
    ).toBe(true);
    const [a] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'recognition.decide' AND entity_id = $1 AND (after ->> 'decisionId')::int = $2",
      [String(kp1), d.id],
    );
    expect(a!.n).toBe(1);
  });

  it('refuses decisions outside the role or the subtree', async () => {
    const body = {
      subjectUnitId: kp1,
      kind: 'nhac_nho',
      decidedOn: '2026-11-20',
      reason: 'Thử quyền ghi quyết định.',
    };
    // bithu1 cannot see the ward: 404; on their own cell they may read but not decide: 403.
    expect((await bithu1.post(`/api/org-units/${wardId}/commendations`, body)).statusCode).toBe(404);
    expect(
      (await bithu1.post(`/api/org-units/${kp1}/commendations`, { ...body, subjectUnitId: kp1 })).statusCode,
    ).toBe(403);
    const [other] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM org_units c, org_units w WHERE w.id = $1 AND c.path NOT LIKE w.path || '%' AND c.kind = 'chi_bo' LIMIT 1`,
      [wardId],
    );
    for (const subjectUnitId of [other!.id, wardId, 999_999]) {
      const res = await staff.post(`/api/org-units/${wardId}/commendations`, { ...body, subjectUnitId });
      expect(res.statusCode, String(subjectUnitId)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'subjectUnitId' } });
    }
    expect((await staff.get(`/api/org-units/${wardId}/commendations?limit=1000`)).statusCode).toBe(400);
  });

  it('lists the ward’s model meeting for every cell of the ward, filtered by cell type and topic', async () => {
    const res = await bithu1.get(`/api/org-units/${kp1}/model-meetings`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      meetingId: modelId,
      cell: { id: modelCellId },
      markedBy: { unitId: wardId },
    });
    const [cell] = await t.db.query<{ cell_type: string }>('SELECT cell_type FROM org_units WHERE id = $1', [
      modelCellId,
    ]);
    expect(
      (await bithu1.get(`/api/org-units/${kp1}/model-meetings?cellType=${cell!.cell_type}`)).json().total,
    ).toBe(1);
    const otherType = cell!.cell_type === 'co_quan' ? 'nong_thon' : 'co_quan';
    expect(
      (await bithu1.get(`/api/org-units/${kp1}/model-meetings?cellType=${otherType}`)).json().total,
    ).toBe(0);
    const topic = encodeURIComponent((items[0].topic as string).slice(0, 8));
    expect((await bithu1.get(`/api/org-units/${kp1}/model-meetings?topic=${topic}`)).json().total).toBe(1);
    expect(
      (await bithu1.get(`/api/org-units/${kp1}/model-meetings?topic=khong-co-chu-de-nay`)).json().total,
    ).toBe(0);
    // Staff of the ward see the meetings marked inside it on the ward itself.
    expect((await staff.get(`/api/org-units/${wardId}/model-meetings`)).json().total).toBe(1);
    // A cell of another commune: nothing marked on its path.
    const outsideUnit = (await outsider.get('/api/me')).json().grants[0].orgUnitId;
    expect((await outsider.get(`/api/org-units/${outsideUnit}/model-meetings`)).json().total).toBe(0);
  });

  it('opens the model meeting read-only for another cell, without the model cell’s personal data', async () => {
    const res = await bithu1.get(`/api/model-meetings/${modelId}`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.meeting.id).toBe(modelId);
    expect(view.agenda.length).toBeGreaterThan(3);
    expect(view.minutes.adopted).toBe(true);
    expect(view.minutes.paragraphs.some((p: { text: string }) => p.text.startsWith('BIÊN BẢN'))).toBe(true);
    expect(view.score.rating).toBeTruthy();
    const text = res.body.normalize('NFC');
    expect(text).toMatch(/Đảng viên 1\b/);
    const people = await t.db.query<{
      full_name: string;
      national_id: string | null;
      phone: string | null;
      card_number: string | null;
    }>(
      `SELECT DISTINCT m.full_name, m.national_id, m.phone, m.card_number FROM members m
        WHERE m.unit_id = $1 OR m.id IN (SELECT member_id FROM attendance WHERE meeting_id = $2)`,
      [modelCellId, modelId],
    );
    expect(people.length).toBeGreaterThan(3);
    for (const p of people) {
      expect(text, p.full_name).not.toContain(p.full_name.normalize('NFC'));
      for (const v of [p.national_id, p.phone, p.card_number]) if (v) expect(text).not.toContain(v);
    }
    expect(text).not.toMatch(/checked_?in|checkin/i);
    // Outside the marking committee's subtree it does not exist; a meeting never marked neither.
    expect((await outsider.get(`/api/model-meetings/${modelId}`)).statusCode).toBe(404);
    const [plain] = await t.db.query<{ id: number }>(
      "SELECT id FROM meetings WHERE unit_id = $1 AND status = 'held' AND id <> $2 LIMIT 1",
      [modelCellId, modelId],
    );
    expect((await bithu1.get(`/api/model-meetings/${plain!.id}`)).statusCode).toBe(404);
    for (const d of view.documents) {
      const file = await bithu1.get(`/api/model-meetings/${modelId}/documents/${d.id}`);
      expect(file.statusCode).toBe(200);
      expect((await outsider.get(`/api/model-meetings/${modelId}/documents/${d.id}`)).statusCode).toBe(404);
    }
  });

  it('lets ward staff mark and unmark a held meeting with adopted minutes, audited; others not', async () => {
    const [held] = await t.db.query<{ id: number }>(
      `SELECT mt.id FROM meetings mt WHERE mt.unit_id = $1 AND mt.status = 'held' AND mt.kind = 'regular'
          AND EXISTS (SELECT 1 FROM meeting_record_versions v WHERE v.meeting_id = mt.id AND v.status = 'adopted')
        ORDER BY mt.scheduled_at DESC LIMIT 1`,
      [kp1],
    );
    const [planned] = await t.db.query<{ id: number }>(
      "SELECT id FROM meetings WHERE unit_id = $1 AND status = 'planned' LIMIT 1",
      [kp1],
    );
    expect((await bithu1.post(`/api/meetings/${held!.id}/model`, {})).statusCode).toBe(403);
    expect((await outsider.post(`/api/meetings/${held!.id}/model`, {})).statusCode).toBe(404);
    expect((await staff.post(`/api/meetings/${planned!.id}/model`, {})).statusCode).toBe(409);
    const res = await staff.post(`/api/meetings/${held!.id}/model`, {
      topic: 'Đánh giá kết quả nghị quyết',
      note: 'Mẫu',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ markedBy: { unitId: wardId }, topic: 'Đánh giá kết quả nghị quyết' });
    expect((await bithu1.get(`/api/org-units/${kp1}/model-meetings`)).json().total).toBe(2);
    expect((await bithu1.del(`/api/meetings/${held!.id}/model`)).statusCode).toBe(403);
    expect((await staff.del(`/api/meetings/${held!.id}/model`)).statusCode).toBe(200);
    expect((await staff.del(`/api/meetings/${held!.id}/model`)).statusCode).toBe(404);
    expect((await bithu1.get(`/api/org-units/${kp1}/model-meetings`)).json().total).toBe(1);
    const audits = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'meeting' AND entity_id = $1 AND action LIKE 'meeting.model_%' ORDER BY id",
      [String(held!.id)],
    );
    expect(audits.map((a) => a.action)).toEqual(['meeting.model_mark', 'meeting.model_unmark']);
  });
});
