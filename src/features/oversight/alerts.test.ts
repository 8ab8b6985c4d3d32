import { describe, expect, it } from 'vitest';
import { HD42_2025 } from '../../rules/hd42-2025.js';
import { attendancePercent, isLowAttendance } from './alerts.js';

describe('attendance alert threshold (HD 12/2018; pack: 85%)', () => {
  const bar = HD42_2025.oversight.attendanceAlertPercent;

  it('85% exactly (17 of 20) does not alert; 84,2% (16 of 19) does', () => {
    expect(bar).toBe(85);
    expect(isLowAttendance(attendancePercent(17, 20), bar)).toBe(false);
    expect(isLowAttendance(attendancePercent(16, 19), bar)).toBe(true);
    expect(isLowAttendance(84.99, bar)).toBe(true);
  });

  it('an empty base never alerts', () => {
    expect(attendancePercent(0, 0)).toBe(100);
  });
});
