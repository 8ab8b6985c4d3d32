import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  type ActivityPlanDocData,
  activityPlanBlocks,
  renderActivityPlanDocx,
} from './activity-plan-docx.js';

const DATA: ActivityPlanDocData = {
  year: 2026,
  cell: { name: 'Chi bộ Khu phố 1', kind: 'chi_bo' },
  superiorName: 'Đảng bộ phường An Hội',
  status: 'approved',
  decidedAt: '2026-01-22T08:00:00.000Z',
  rows: [
    {
      month: 2,
      quarter: 1,
      kindLabel: 'Nhiệm vụ trọng tâm',
      title: 'Vận động nhân dân tham gia vệ sinh môi trường',
      responsible: 'Tổ dân phố',
      statusLabel: 'Đã thực hiện',
    },
    {
      month: 1,
      quarter: 1,
      kindLabel: 'Chuyên đề',
      title: 'Học tập và làm theo tư tưởng Hồ Chí Minh',
      responsible: null,
      statusLabel: 'Chưa thực hiện',
    },
    {
      month: 10,
      quarter: 4,
      kindLabel: 'Nhiệm vụ trọng tâm',
      title: 'Chuẩn bị đại hội chi bộ',
      responsible: 'Chi ủy',
      statusLabel: 'Chưa đến hạn',
    },
  ],
  generatedOn: '2026-12-01',
};

async function documentText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(' ');
}

describe('the yearly programme in Word (HD 36)', () => {
  it('writes the header, a table per quarter in month order, the approval and the signature', async () => {
    const blocks = activityPlanBlocks(DATA);
    const tables = blocks.filter((b) => b.kind === 'table');
    // Quarters II and III have no rows: a line says so instead of an empty table.
    expect(tables).toHaveLength(2);
    expect(tables[0]!.kind === 'table' && tables[0]!.rows.map((r) => r[0])).toEqual(['1', '2']);
    expect(tables[0]!.kind === 'table' && tables[0]!.rows[0]![1]).toBe(
      'Chuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh',
    );
    const text = await documentText(await renderActivityPlanDocx(DATA));
    for (const s of [
      'ĐẢNG BỘ PHƯỜNG AN HỘI',
      'CHI BỘ KHU PHỐ 1',
      'CHƯƠNG TRÌNH',
      'công tác năm 2026',
      'Chuẩn bị đại hội chi bộ',
      'Chưa đến hạn',
      'T/M CHI BỘ',
      'Khu phố 1, ngày 01 tháng 12 năm 2026',
    ])
      expect(text).toContain(s);
    expect(text).toContain('duyệt ngày 22/01/2026');
    expect(text).not.toContain('DỰ THẢO');
  });

  it('marks a programme not yet approved as a draft', async () => {
    const zip = await JSZip.loadAsync(
      await renderActivityPlanDocx({ ...DATA, status: 'submitted', decidedAt: null }),
    );
    const all = (
      await Promise.all(
        Object.values(zip.files)
          .filter((f) => f.name.endsWith('.xml'))
          .map((f) => f.async('string')),
      )
    ).join('');
    expect(all).toContain('DỰ THẢO — chưa được cấp ủy duyệt');
    expect(
      await documentText(await renderActivityPlanDocx({ ...DATA, status: 'draft', decidedAt: null })),
    ).toContain('chưa được cấp ủy cấp trên duyệt');
  });
});
