import { describe, expect, it } from 'vitest';
import { dueDateOf, finalScoreOf, regularStateOf } from './status.js';

describe('the regular meeting’s state of a month (ADR 021)', () => {
  const due = dueDateOf('2026-12', null, 10, 0);

  it('is pending until the due date (local) and missed the day after, when nothing was held', () => {
    expect(regularStateOf('2026-12', '2025-01', null, due, '2026-12-01')).toBe('pending');
    expect(regularStateOf('2026-12', '2025-01', null, due, '2026-12-10')).toBe('pending');
    expect(regularStateOf('2026-12', '2025-01', null, due, '2026-12-11')).toBe('missed');
    expect(regularStateOf('2026-12', '2025-01', null, due, '2027-03-01')).toBe('missed');
    // A future month is pending.
    expect(regularStateOf('2027-02', '2025-01', null, dueDateOf('2027-02', null, 10, 0), '2026-12-11')).toBe(
      'pending',
    );
  });

  it('is held on time or held late once held, whatever the calendar says', () => {
    expect(regularStateOf('2026-12', '2025-01', { onTime: true }, due, '2026-12-05')).toBe('held_on_time');
    expect(regularStateOf('2026-12', '2025-01', { onTime: false }, due, '2026-12-31')).toBe('held_late');
    expect(regularStateOf('2026-12', '2025-01', { onTime: false }, due, '2027-06-01')).toBe('held_late');
  });

  it('is none in the months before the cell’s first month, and counts from that month on', () => {
    expect(regularStateOf('2026-11', '2026-12', null, dueDateOf('2026-11', null, 10, 0), '2027-01-05')).toBe(
      'none',
    );
    expect(regularStateOf('2026-12', '2026-12', null, due, '2027-01-05')).toBe('missed');
  });
});

describe('the final rating’s score by the pack’s rule', () => {
  it('takes the supervisor’s once confirmed, else the cell’s', () => {
    expect(finalScoreOf('supervisor_if_confirmed', 92, 85.5)).toBe(85.5);
    expect(finalScoreOf('supervisor_if_confirmed', 92, null)).toBe(92);
    expect(finalScoreOf('supervisor_if_confirmed', null, null)).toBeNull();
  });

  it('takes the lower of the two, or their average rounded half-up to one decimal', () => {
    expect(finalScoreOf('lower', 92, 85.5)).toBe(85.5);
    expect(finalScoreOf('lower', 80, null)).toBe(80);
    expect(finalScoreOf('average', 85.5, 85.6)).toBe(85.6);
    expect(finalScoreOf('average', 90, 85)).toBe(87.5);
    expect(finalScoreOf('average', null, 70.5)).toBe(70.5);
  });
});
