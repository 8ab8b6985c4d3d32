import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HD42_2025 } from '../../rules/hd42-2025.js';
import { addCalendarMonths, checkRecognition, checkTemporaryTransfer, probationEnd } from './status-rules.js';

const pack = HD42_2025.membership;
const allowing = { ...pack, earlyRecognition: { ...pack.earlyRecognition, allowed: true } };

describe('addCalendarMonths', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addCalendarMonths('2025-03-02', 12)).toBe('2026-03-02');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2025-08-31', 3)).toBe('2025-11-30');
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addCalendarMonths('2025-01-15', -1)).toBe('2024-12-15');
  });

  it('always lands in the month `n` months on, never later', () => {
    const day = fc
      .date({
        min: new Date('1930-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (iso, n) => {
        const out = addCalendarMonths(iso, n);
        const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
        expect(monthIndex(out) - monthIndex(iso)).toBe(n);
        expect(Number(out.slice(8, 10))).toBeLessThanOrEqual(Number(iso.slice(8, 10)));
      }),
    );
  });
});

describe('official recognition after the probation (Điều lệ Đảng, Điều 5: 12 months in HD42-2025)', () => {
  it('ends the probation 12 months after admission', () => {
    expect(probationEnd('2025-03-02', pack)).toBe('2026-03-02');
  });

  it('accepts recognition on the day the 12 months are complete, and later', () => {
    expect(checkRecognition('2025-03-02', '2026-03-02', pack).kind).toBe('ok');
    expect(checkRecognition('2025-03-02', '2026-04-15', pack).kind).toBe('ok');
  });

  it('refuses it one day earlier, citing the rule, when the pack does not allow early recognition', () => {
    const r = checkRecognition('2025-03-02', '2026-03-01', pack);
    expect(r).toEqual({
      kind: 'refused',
      probationEnds: '2026-03-02',
      message:
        'Đảng viên vào Đảng ngày 02/03/2025, đến ngày 02/03/2026 mới đủ 12 tháng dự bị; chưa thể công nhận chính thức ' +
        'từ ngày 01/03/2026. Đảng viên dự bị được xét công nhận chính thức khi hết 12 tháng dự bị (Điều lệ Đảng, Điều 5; Quy định 24-QĐ/TW).',
    });
  });

  it('lets a pack that allows early recognition record it, flagged for a second look', () => {
    const r = checkRecognition('2025-03-02', '2025-09-01', allowing);
    expect(r.kind).toBe('early_allowed');
  });

  it('takes the length from the pack', () => {
    expect(checkRecognition('2025-03-02', '2025-09-02', { ...pack, probationMonths: 6 }).kind).toBe('ok');
  });
});

describe('temporary transfer length (DOMAIN.md §3: 3 months to under 1 year)', () => {
  it('accepts exactly 3 months and anything under a year', () => {
    expect(checkTemporaryTransfer('2025-07-01', '2025-10-01', pack)).toEqual({ kind: 'ok' });
    expect(checkTemporaryTransfer('2025-07-01', '2026-06-30', pack)).toEqual({ kind: 'ok' });
  });

  it('refuses a day under 3 months, saying it is too short and the earliest end', () => {
    const r = checkTemporaryTransfer('2025-07-01', '2025-09-30', pack);
    expect(r).toEqual({
      kind: 'too_short',
      limit: '2025-10-01',
      message:
        'Sinh hoạt tạm thời từ ngày 01/07/2025 đến ngày 30/09/2025 ngắn hơn 3 tháng (theo quy định, sinh hoạt tạm thời ' +
        'từ 3 tháng đến dưới 1 năm); ngày kết thúc sớm nhất là 01/10/2025.',
    });
  });

  it('refuses a full year or more, saying it is too long', () => {
    const r = checkTemporaryTransfer('2025-07-01', '2026-07-01', pack);
    expect(r.kind).toBe('too_long');
    expect(r.kind !== 'ok' && r.message).toMatch(/kéo dài từ 1 năm trở lên.*trước ngày 01\/07\/2026/);
  });
});
