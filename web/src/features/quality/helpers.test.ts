import { describe, expect, it } from 'vitest';
import { currentMonth, monthsBack } from './api.js';
import { bandTone, points } from './bands.js';

describe('quality helpers', () => {
  it('lists the last 12 months across a year boundary, oldest first', () => {
    const m = monthsBack('2026-02', 12);
    expect(m).toHaveLength(12);
    expect(m[0]).toBe('2025-03');
    expect(m.slice(-3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('takes the month on the Vietnamese clock', () => {
    expect(currentMonth(new Date('2026-11-30T18:00:00Z'))).toBe('2026-12');
    expect(currentMonth(new Date('2026-11-30T16:59:00Z'))).toBe('2026-11');
  });

  it('colours a band by key or by the label a pack gives it', () => {
    expect(bandTone('tot')).toBe('tot');
    expect(bandTone('Tốt')).toBe('tot');
    expect(bandTone('Khá')).toBe('kha');
    expect(bandTone('Trung bình')).toBe('trung_binh');
    expect(bandTone('Kém')).toBe('kem');
    expect(bandTone('Không rõ')).toBeNull();
    expect(bandTone(null)).toBeNull();
  });

  it('writes points the Vietnamese way', () => {
    expect(points(90)).toBe('90');
    expect(points(67.4)).toBe('67,4');
    expect(points(8.25)).toBe('8,25');
    expect(points(null)).toBe('—');
  });
});
