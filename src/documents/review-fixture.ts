/**
 * A made-up review of any size (units × years), for the renderers' tests and for
 * bench/oversight.ts to time `renderReviewDocx` / `renderReviewXlsx` on a province's 5 years
 * without a database. Deterministic: the same size gives the same bytes' content.
 */
import { percentHalfUp } from '../domain/format.js';
import type { Ratio, ReviewData, ReviewIndicators } from './review-data.js';

function ratio(n: number, d: number): Ratio {
  return { numerator: n, denominator: d, percent: d === 0 ? null : percentHalfUp(n, d) };
}

function indicators(seed: number, cells: number, months: number): ReviewIndicators {
  const members = cells * 27 + (seed % 13);
  const due = cells * months;
  const scored = Math.floor(due * 0.9);
  const tot = Math.floor(scored * (0.45 + (seed % 7) / 100));
  const kha = Math.floor(scored * 0.35);
  const kem = seed % 5 === 0 ? 1 : 0;
  const band = (a: number, b: number, c: number, d: number) => ({
    tot: ratio(a, scored),
    kha: ratio(b, scored),
    trung_binh: ratio(c, scored),
    kem: ratio(d, scored),
  });
  return {
    cells: ratio(cells, cells),
    members: ratio(members, members),
    regularOnTime: ratio(cells - (seed % 3 === 0 ? 1 : 0), cells),
    regularMissed: ratio(seed % 4 === 0 ? 1 : 0, cells),
    regularMonths: ratio(due - (seed % 3), due),
    thematicQuarters: ratio(cells - (seed % 2), cells),
    attendance: ratio(Math.floor(members * months * 0.93), members * months),
    membersWithTasks: ratio(Math.floor(members * months * 0.61), members * months),
    tasksCompleted: ratio(Math.floor(due * 2.7), due * 3),
    ratingCell: band(tot, kha, scored - tot - kha - kem, kem),
    ratingSupervisor: band(Math.floor(tot * 0.9), kha, scored - Math.floor(tot * 0.9) - kha - kem, kem),
    visits: ratio(Math.ceil((cells * 6 * months) / 12) + (seed % 9), Math.ceil((cells * 6 * months) / 12)),
  };
}

/** A review of `units` direct subordinates (≈ 8 cells each) over `years` full years ending in 2025. */
export function reviewFixture(opts: { units?: number; years?: number; draft?: boolean } = {}): ReviewData {
  const units = opts.units ?? 12;
  const years = opts.years ?? 3;
  const first = 2026 - years;
  const months = years * 12;
  const rows = Array.from({ length: units }, (_, i) => ({
    unit: { id: 100 + i, name: `Đảng bộ xã Thử Nghiệm ${i + 1}`, kind: 'dang_bo_co_so' },
    indicators: indicators(i + 1, 6 + (i % 5), months),
  }));
  const cells = rows.reduce((s, r) => s + r.indicators.cells.numerator, 0);
  return {
    superiorName: null,
    issuerName: 'Tỉnh ủy Bến Tre',
    title: `Sơ kết ${years} năm thực hiện Chỉ thị 10-CT/TU về nâng cao chất lượng sinh hoạt chi bộ`,
    subject: 'Chỉ thị 10-CT/TU',
    meta: {
      number: '45-BC/TU',
      place: 'Bến Tre',
      date: '2026-01-15',
      onBehalfOf: 'T/M BAN THƯỜNG VỤ',
      signerTitle: 'PHÓ BÍ THƯ THƯỜNG TRỰC',
      signerName: 'Nguyễn Văn Bình',
      recipients: [
        'Ban Bí thư Trung ương Đảng (để báo cáo)',
        'Ban Tổ chức Trung ương',
        'Các huyện ủy, thành ủy, đảng ủy trực thuộc',
        'Lưu Văn phòng Tỉnh ủy',
      ],
    },
    sections: {
      opening:
        'Thực hiện Chỉ thị 10-CT/TU, Ban Thường vụ Tỉnh ủy đã ban hành kế hoạch, tổ chức quán triệt đến 100% cấp ủy trực thuộc.\nCác cấp ủy đã cụ thể hóa bằng chương trình, kế hoạch phù hợp với tình hình của địa phương, đơn vị.',
      strengths: 'Nề nếp sinh hoạt chi bộ được duy trì; nội dung sinh hoạt từng bước đổi mới, thiết thực.',
      weaknesses: 'Một số chi bộ sinh hoạt còn hình thức, nội dung chưa phong phú.',
      causes: 'Một số cấp ủy chưa quan tâm đúng mức đến việc chuẩn bị nội dung sinh hoạt.',
      lessons:
        'Một là, cấp ủy phải thường xuyên quan tâm lãnh đạo, chỉ đạo.\nHai là, phát huy vai trò của người đứng đầu.',
      directions: 'Tiếp tục quán triệt, thực hiện nghiêm Chỉ thị 10-CT/TU trong những năm tiếp theo.',
    },
    statistics: {
      unit: { id: 1, name: 'Đảng bộ tỉnh Bến Tre', kind: 'dang_bo_tinh' },
      period: { from: `${first}-01`, to: '2025-12', months },
      asOf: '2026-01-10',
      totals: indicators(0, cells, months),
      years: Array.from({ length: years }, (_, y) => ({
        label: `Năm ${first + y}`,
        from: `${first + y}-01`,
        to: `${first + y}-12`,
        indicators: indicators(y + 3, cells, 12),
      })),
      units: rows,
      recognitions: [
        {
          kind: 'khen_thuong',
          subjectName: 'Đảng bộ xã Thử Nghiệm 1',
          number: '12-QĐ/TU',
          decidedOn: '2025-02-01',
          reason: 'Tốt 12/12 tháng',
        },
        {
          kind: 'nhac_nho',
          subjectName: 'Đảng bộ xã Thử Nghiệm 5',
          number: '31-QĐ/TU',
          decidedOn: '2024-07-15',
          reason: 'Bỏ sinh hoạt 2 tháng',
        },
      ],
    },
    draft: opts.draft ?? true,
  };
}
