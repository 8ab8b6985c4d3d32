import { describe, expect, it } from 'vitest';
import { monthState } from './routes.js';
import { dueDateOf } from './status.js';

describe('a month not yet due is pending, not failed', () => {
  it('is due on the cell’s day (or the day it is planned for) plus the pack’s grace days, never past the month', () => {
    expect(dueDateOf('2026-12', null, 10, 0)).toBe('2026-12-10');
    expect(dueDateOf('2026-12', '2026-12-15', 10, 0)).toBe('2026-12-15');
    expect(dueDateOf('2026-12', null, 10, 3)).toBe('2026-12-13');
    expect(dueDateOf('2026-02', null, 27, 5)).toBe('2026-02-28');
    // No schedule at all: due by the month's last day (HD 42: monthly).
    expect(dueDateOf('2026-11', null, null, 0)).toBe('2026-11-30');
  });

  it('on 1 December every cell meeting on the 10th is pending; on the 11th, one not held is missed', () => {
    const due = dueDateOf('2026-12', null, 10, 0);
    expect(monthState(false, due, '2026-12-01')).toBe('pending');
    expect(monthState(false, due, '2026-12-10')).toBe('pending');
    expect(monthState(false, due, '2026-12-11')).toBe('missed');
    expect(monthState(true, due, '2026-12-01')).toBe('held');
  });
});
