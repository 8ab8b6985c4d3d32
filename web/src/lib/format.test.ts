import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime } from './format.js';

describe('web formatting', () => {
  it('shows instants as dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh, whatever the machine zone', () => {
    expect(formatDateTime('2026-11-21T23:54:00.000Z')).toBe('22/11/2026 06:54');
    expect(formatDateTime('2026-01-31T16:59:00Z')).toBe('31/01/2026 23:59');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('không phải ngày')).toBe('');
  });

  it('groups thousands with a dot and shows a dash for missing counts', () => {
    expect(formatCount(5262)).toBe('5.262');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(undefined)).toBe('—');
  });
});
