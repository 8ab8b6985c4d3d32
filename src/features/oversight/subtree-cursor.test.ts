import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { decodeCursor, encodeCursor } from './subtree-cursor.js';

describe('subtree list cursors', () => {
  it('round-trips the key, id and total of a list', () => {
    const c = { key: '2026-03-10T12:30:00.123456', id: 42, total: 576_000 };
    const text = encodeCursor('meetings', c);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('meetings', 'instant', text)).toEqual(c);
    const d = { key: '2026-02-28', id: 2_147_483_647, total: 0 };
    expect(decodeCursor('visits', 'day', encodeCursor('visits', d))).toEqual(d);
  });

  const refused = (
    list: Parameters<typeof decodeCursor>[0],
    shape: Parameters<typeof decodeCursor>[1],
    text: string,
  ) => {
    try {
      decodeCursor(list, shape, text);
      return null;
    } catch (e) {
      return e instanceof AppError ? e.code : 'other';
    }
  };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('refuses a cursor of another list, a bad key, id or total, and text that is not ours', () => {
    const alerts = encodeCursor('alerts', { key: '2026-03-10T12:30:00.000000', id: 1, total: 1 });
    expect(refused('alerts', 'instant', alerts)).toBeNull();
    for (const [list, shape, text] of [
      ['meetings', 'instant', alerts],
      ['visits', 'day', b64(['v', '2026-02-30', 1, 0])],
      ['visits', 'day', b64(['v', '2026-02-28T00:00:00.000000', 1, 0])],
      ['meetings', 'instant', b64(['m', '2026-02-28T24:00:00.000000', 1, 0])],
      ['meetings', 'instant', b64(['m', '2026-02-28T10:00:00.000000', 0, 0])],
      ['meetings', 'instant', b64(['m', '2026-02-28T10:00:00.000000', 2_147_483_648, 0])],
      ['meetings', 'instant', b64(['m', '2026-02-28T10:00:00.000000', 1.5, 0])],
      ['meetings', 'instant', b64(['m', '2026-02-28T10:00:00.000000', 1, -1])],
      ['meetings', 'instant', b64(['m', '2026-02-28T10:00:00.000000', 1])],
      ['meetings', 'instant', b64({ k: 1 })],
      ['meetings', 'instant', 'bm90IGpzb24'],
      ['meetings', 'instant', 'a+b/c='],
      ['meetings', 'instant', ''],
      ['meetings', 'instant', 'A'.repeat(801)],
      ['members', 'text', b64(['p', 'a\u0000b', 1, 0])],
      ['members', 'text', b64(['p', 'x'.repeat(161), 1, 0])],
      ['members', 'text', b64(['c', 'an', 1, 0])],
    ] as const) {
      expect(refused(list, shape, text), text).toBe('VALIDATION_FAILED');
    }
  });

  it('carries a Vietnamese text sort key and refuses it from another list', () => {
    const text = encodeCursor('members', { key: 'hùng nguyễn văn\u00a0', id: 42, total: 9 });
    expect(decodeCursor('members', 'text', text)).toEqual({ key: 'hùng nguyễn văn\u00a0', id: 42, total: 9 });
    expect(refused('children', 'text', text)).toBe('VALIDATION_FAILED');
  });
});
