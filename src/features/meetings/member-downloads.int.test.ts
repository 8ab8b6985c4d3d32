/**
 * A member downloads what the cell adopted (issue 13, ADR 036): the nghị quyết as well as the
 * biên bản, in Word and PDF; another cell gets 404; a draft comes marked as a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.js';
import { member, unit, user } from '../../../test/support/factory.js';
import { fromNow } from '../../../test/support/meeting-flow.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('a member downloads the adopted nghị quyết', () => {
  let t: TestApp;
  let bithu: Client;
  let dangvien: Client;
  let outsider: Client;
  let adopted: number;
  let draft: number;

  beforeAll(async () => {
    t = await createTestApp();
    const ward = await unit(t.db, { name: 'Đảng bộ phường Tân Định' });
    const cell = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 3', cellType: 'khu_dan_cu' });
    const other = await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 4', cellType: 'khu_dan_cu' });
    const chair = await member(t.db, { unitId: cell.id, fullName: 'Trần Văn Chủ' });
    const secretary = await member(t.db, { unitId: cell.id, fullName: 'Lê Thị Thư' });
    const an = await member(t.db, { unitId: cell.id, fullName: 'Nguyễn Văn An' });
    const ngoai = await member(t.db, { unitId: other.id, fullName: 'Phạm Văn Ngoài' });
    await user(t.db, 'bithu36', [{ role: 'cell_secretary', unitId: cell.id }], chair);
    await user(t.db, 'dangvien36', [{ role: 'member', unitId: cell.id }], an);
    await user(t.db, 'ngoai36', [{ role: 'member', unitId: other.id }], ngoai);
    bithu = await t.login('bithu36');
    dangvien = await t.login('dangvien36');
    outsider = await t.login('ngoai36');

    const hold = async (adopt: boolean) => {
      const m = (
        await bithu.post(`/api/org-units/${cell.id}/meetings`, { kind: 'regular', scheduledAt: fromNow(5) })
      ).json();
      const started = (await bithu.post(`/api/meetings/${m.id}/start`)).json();
      const items = (started.attendance.members as { memberId: number; category: string; away: boolean }[])
        .filter((r) => r.category === 'member' && !r.away)
        .map((r) => ({ memberId: r.memberId, status: 'present' }));
      await bithu.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance`, payload: { items } });
      await bithu.patch(`/api/meetings/${m.id}`, { chairMemberId: chair, secretaryMemberId: secretary });
      await bithu.request({
        method: 'PUT',
        url: `/api/meetings/${m.id}/record`,
        payload: { conclusion: 'Chi bộ thống nhất các nhiệm vụ tháng tới.' },
      });
      if (adopt) {
        await bithu.post(`/api/meetings/${m.id}/record/sign`);
        const res = await bithu.post(`/api/meetings/${m.id}/record/adopt`);
        expect(res.statusCode, res.body).toBe(200);
      } else expect((await bithu.post(`/api/meetings/${m.id}/end`)).statusCode).toBe(200);
      return m.id as number;
    };
    adopted = await hold(true);
    draft = await hold(false);
  });
  afterAll(() => t.close());

  it('a member of the cell gets the adopted resolution and minutes (Word 200, non-empty; PDF)', async () => {
    const docx = await dangvien.get(`/api/meetings/${adopted}/resolution.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(DOCX);
    expect(docx.headers['content-disposition']).toMatch(
      /filename="Nghi-quyet-Chi-bo-Khu-pho-3-\d{4}-\d{2}-\d{2}\.docx"/,
    );
    expect(docx.rawPayload.length).toBeGreaterThan(1000);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await dangvien.get(`/api/meetings/${adopted}/resolution.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await dangvien.get(`/api/meetings/${adopted}/minutes.docx`)).statusCode).toBe(200);
    const listed = (await dangvien.get('/api/me/meetings')).json();
    expect(listed.recent.find((m: { id: number }) => m.id === adopted)).toMatchObject({
      minutesAdopted: true,
    });
  });

  it('a member of another cell gets 404 for every record file', async () => {
    for (const f of ['resolution.docx', 'resolution.pdf', 'minutes.docx', 'minutes.pdf']) {
      const res = await outsider.get(`/api/meetings/${adopted}/${f}`);
      expect(res.statusCode, f).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
  });

  it('a draft comes marked as a draft (file name and the DỰ THẢO heading), to the member as to the secretary', async () => {
    // Everyone in the cell hears the draft read out before the vote and may read it; what marks
    // it is the file name and the document itself (ADR 036).
    for (const who of [dangvien, bithu]) {
      const res = await who.get(`/api/meetings/${draft}/resolution.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/Nghi-quyet-du-thao/);
      const minutes = await who.get(`/api/meetings/${draft}/minutes.pdf`);
      expect(minutes.statusCode).toBe(200);
      expect(minutes.headers['content-disposition']).toMatch(/du-thao/i);
    }
  });
});
