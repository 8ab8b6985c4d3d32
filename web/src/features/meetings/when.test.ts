import { describe, expect, it } from 'vitest';
import {
  clock,
  clockWords,
  day,
  duration,
  nextQuarterHour,
  toApiDateTime,
  weekday,
  whenShort,
} from './when.js';

describe('meeting times on the +07:00 clock', () => {
  it('reads the API form and any instant the same way, whatever the machine zone', () => {
    expect(day('2026-12-10T19:30:00+07:00')).toBe('10/12/2026');
    expect(clock('2026-12-10T19:30:00+07:00')).toBe('19:30');
    expect(clockWords('2026-12-10T19:30:00+07:00')).toBe('19 giờ 30');
    expect(weekday('2026-12-10T19:30:00+07:00')).toBe('Thứ Năm');
    // 23:30 UTC is already the next day in Việt Nam.
    expect(whenShort('2026-11-21T23:30:00.000Z')).toBe('22/11/2026 06:30');
    expect(weekday('2026-11-21T23:30:00.000Z')).toBe('Chủ nhật');
  });

  it('writes a date and a time back with the offset, and rounds "now" to the next quarter hour', () => {
    expect(toApiDateTime('2026-12-10', '19:30')).toBe('2026-12-10T19:30:00+07:00');
    expect(nextQuarterHour(new Date('2026-12-10T12:31:00Z'))).toEqual({ date: '2026-12-10', time: '19:45' });
    expect(nextQuarterHour(new Date('2026-12-10T16:50:00Z'))).toEqual({ date: '2026-12-11', time: '00:00' });
  });

  it('says lengths in hours and minutes', () => {
    expect(duration(95)).toBe('1 giờ 35 phút');
    expect(duration(120)).toBe('2 giờ');
    expect(duration(45)).toBe('45 phút');
    expect(duration(null)).toBe('');
  });
});
