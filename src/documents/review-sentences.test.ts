import { describe, expect, it } from 'vitest';
import {
  committeeName,
  hd36Closing,
  hd36Header,
  hd36Number,
  hd36PlaceDate,
  hd36Title,
  issuerSymbol,
} from './hd36.js';
import type { Block } from './meeting-text.js';
import type { Ratio, ReviewIndicators, ReviewStatistics } from './review-data.js';
import { percentText, ratioSentence, recognitionSentences, statisticsSentences } from './review-sentences.js';

const r = (numerator: number, denominator: number, percent: number | null = null): Ratio => ({
  numerator,
  denominator,
  percent,
});
const zero = r(0, 0);
const bands = (a: Ratio, b: Ratio, c: Ratio, d: Ratio) => ({ tot: a, kha: b, trung_binh: c, kem: d });

function indicators(over: Partial<ReviewIndicators> = {}): ReviewIndicators {
  return {
    cells: r(56, 56, 100),
    members: r(5262, 5262, 100),
    regularOnTime: r(11, 56, 19.64),
    regularMissed: r(3, 56, 5.36),
    regularMonths: r(1990, 2016, 98.71),
    thematicQuarters: r(40, 56, 71.43),
    attendance: r(857, 5262, 16.29),
    membersWithTasks: r(3929, 20000, 19.65),
    tasksCompleted: r(0, 0, null),
    ratingCell: bands(r(1, 3, 33.33), r(1, 3, 33.33), r(1, 3, 33.33), r(0, 3, 0)),
    ratingSupervisor: bands(zero, zero, zero, zero),
    visits: r(30, 24, 125),
    ...over,
  };
}

const stats = (over: Partial<ReviewStatistics> = {}): ReviewStatistics => ({
  unit: { id: 1, name: 'Đảng bộ phường An Hội', kind: 'dang_bo_co_so' },
  period: { from: '2023-01', to: '2025-12', months: 36 },
  asOf: '2026-01-05',
  totals: indicators(),
  years: [],
  units: [],
  recognitions: [],
  ...over,
});

describe('statistics sentences (seed 002: "11/56 đơn vị …, chiếm tỷ lệ 19,64%")', () => {
  it('writes x/y, the noun and the ratio’s own percent with a Vietnamese comma', () => {
    expect(ratioSentence(r(11, 56, 19.64), 'chi bộ duy trì sinh hoạt thường kỳ đúng định kỳ')).toBe(
      '11/56 chi bộ duy trì sinh hoạt thường kỳ đúng định kỳ, chiếm tỷ lệ 19,64%',
    );
    expect(ratioSentence(r(857, 5262, 16.29), 'đảng viên')).toBe('857/5.262 đảng viên, chiếm tỷ lệ 16,29%');
  });

  it('rounds half-up on its own when the percent is not given (3929/20000 → 19,65%, not 19,64%)', () => {
    expect(percentText(r(3929, 20000))).toBe('19,65%');
    expect(percentText(r(1, 3))).toBe('33,33%');
    expect(percentText(r(2, 3))).toBe('66,67%');
  });

  it('never forces a sum: three thirds stay 33,33% each', () => {
    const text = statisticsSentences(stats(), 'toàn đảng bộ').join('\n');
    expect(text).toContain(
      'Tốt 1/3 lượt, chiếm tỷ lệ 33,33%; Khá 1/3 lượt, chiếm tỷ lệ 33,33%; Trung bình 1/3 lượt, chiếm tỷ lệ 33,33%; Kém 0/3 lượt, chiếm tỷ lệ 0,00%',
    );
  });

  it('says there is nothing to count instead of 0/0 or a division by zero', () => {
    const text = statisticsSentences(stats(), 'toàn đảng bộ').join('\n');
    expect(text).toContain('chưa có nhiệm vụ nào đến hạn trong kỳ');
    expect(text).toContain('Cấp ủy viên cấp trên phụ trách chưa chấm điểm buổi sinh hoạt nào trong kỳ.');
    expect(text).not.toMatch(/0\/0|NaN|null|undefined/);
  });

  it('opens with the period, the cells and the members, thousands with a dot', () => {
    const [first] = statisticsSentences(stats(), 'toàn đảng bộ phường An Hội');
    expect(first).toBe(
      'Trong thời gian từ tháng 01/2023 đến tháng 12/2025 (36 tháng), toàn đảng bộ phường An Hội có 56 chi bộ với 5.262 đảng viên (tính đến tháng 12/2025).',
    );
  });

  it('lists the units commended and reminded with their decision numbers and dates', () => {
    expect(
      recognitionSentences([
        {
          kind: 'khen_thuong',
          subjectName: 'Chi bộ Khu phố 1',
          number: 'Số 12-QĐ/ĐU',
          decidedOn: '2025-02-01',
          reason: 'x',
        },
        {
          kind: 'khen_thuong',
          subjectName: 'Chi bộ Khu phố 2',
          number: '13-QĐ/ĐU',
          decidedOn: '2025-02-01',
          reason: 'x',
        },
        {
          kind: 'nhac_nho',
          subjectName: 'Chi bộ Khu phố 9',
          number: null,
          decidedOn: '2024-07-15',
          reason: 'x',
        },
      ]),
    ).toEqual([
      'Khen thưởng 2 đơn vị: Chi bộ Khu phố 1 (Quyết định số 12-QĐ/ĐU ngày 01/02/2025); Chi bộ Khu phố 2 (Quyết định số 13-QĐ/ĐU ngày 01/02/2025).',
      'Nhắc nhở 1 đơn vị: Chi bộ Khu phố 9 (quyết định ngày 15/07/2024).',
    ]);
    expect(recognitionSentences([])[0]).toMatch(/chưa có quyết định khen thưởng/);
  });
});

const texts = (b: Block) =>
  b.kind === 'columns' ? b.cells.map((c) => c.map((p) => p.runs.map((x) => x.text).join(''))) : [];

describe('HD 36 form helper', () => {
  it('names the issuing committee and its symbol from the unit', () => {
    expect(committeeName('Đảng bộ phường An Hội', 'dang_bo_co_so')).toBe('Đảng ủy phường An Hội');
    expect(committeeName('Đảng bộ tỉnh Bến Tre', 'dang_bo_tinh')).toBe('Tỉnh ủy Bến Tre');
    expect(issuerSymbol('dang_bo_co_so')).toBe('ĐU');
    expect(issuerSymbol('dang_bo_tinh')).toBe('TU');
  });

  it('completes a bare number, keeps a full one and leaves room for a blank one', () => {
    expect(hd36Number('45', 'BC', 'ĐU')).toBe('Số 45-BC/ĐU');
    expect(hd36Number('Số 45-BC/ĐU', 'BC', 'ĐU')).toBe('Số 45-BC/ĐU');
    expect(hd36Number('', 'BC', 'ĐU')).toMatch(/^Số\s+-BC\/ĐU$/);
  });

  it('writes the place and date line, with dots while the date is open', () => {
    expect(hd36PlaceDate('Phường An Hội', '2025-12-05')).toBe('Phường An Hội, ngày 05 tháng 12 năm 2025');
    expect(hd36PlaceDate('Phường An Hội', null)).toBe('Phường An Hội, ngày … tháng … năm …');
  });

  it('lays out the two-column header: organisation, *, number left; the party and the date right', () => {
    const h = hd36Header({
      superiorName: 'Đảng bộ tỉnh Bến Tre',
      issuerName: 'Đảng ủy phường An Hội',
      number: 'Số 45-BC/ĐU',
      place: 'Phường An Hội',
      date: '2025-12-05',
    });
    const [left, right] = texts(h);
    expect(left).toEqual(['ĐẢNG BỘ TỈNH BẾN TRE', 'ĐẢNG ỦY PHƯỜNG AN HỘI', '*', 'Số 45-BC/ĐU']);
    expect(right![0]).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    // The date sits on the number's line.
    expect(right!.indexOf('Phường An Hội, ngày 05 tháng 12 năm 2025')).toBe(left!.indexOf('Số 45-BC/ĐU'));
  });

  it('marks a draft above the title', () => {
    const blocks = hd36Title({
      kind: 'Báo cáo',
      lines: ['Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU'],
      draft: true,
    });
    const lines = blocks.map((b) => (b.kind === 'para' ? b.runs.map((x) => x.text).join('') : ''));
    expect(lines).toEqual(['DỰ THẢO', 'BÁO CÁO', 'Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU', '-----']);
  });

  it('closes with the recipients (commas, a full stop last) beside the signature', () => {
    const [left, right] = texts(
      hd36Closing({
        recipients: ['Ban Thường vụ Tỉnh ủy (để báo cáo)', 'Các chi bộ trực thuộc,', 'Lưu Văn phòng'],
        signature: { onBehalfOf: 'T/M Ban Thường vụ', position: 'Bí thư', name: 'Nguyễn Văn Bình' },
      }),
    );
    expect(left).toEqual([
      'Nơi nhận:',
      '- Ban Thường vụ Tỉnh ủy (để báo cáo),',
      '- Các chi bộ trực thuộc,',
      '- Lưu Văn phòng.',
    ]);
    expect(right).toEqual(['T/M BAN THƯỜNG VỤ', 'BÍ THƯ', '\u00a0', 'Nguyễn Văn Bình']);
  });
});
