import { describe, expect, it } from 'vitest';
import { findUnsafeText, textProblem } from './text-guard.js';

describe('text that cannot be stored', () => {
  it('finds NUL and lone surrogates, and lets proper pairs, Vietnamese and control characters through', () => {
    expect(textProblem('a\u0000b')).toBe('nul');
    expect(textProblem('a\uD800b')).toBe('surrogate');
    expect(textProblem('\uDC00')).toBe('surrogate');
    expect(textProblem('a\uD83D')).toBe('surrogate');
    expect(textProblem('Chi bộ 😀 Khu phố\t5\r\n')).toBeUndefined();
    expect(textProblem('\uD83D\uDE00')).toBeUndefined();
  });

  it('names the field, in values and keys, however deep', () => {
    expect(findUnsafeText({ items: [{ title: 'ok' }, { title: 'x\u0000' }] })).toEqual({
      field: 'items.1.title',
      problem: 'nul',
    });
    expect(findUnsafeText({ judgement: { 'k\uD800': 1 } })).toEqual({
      field: 'judgement (tên trường)',
      problem: 'surrogate',
    });
    expect(findUnsafeText('\u0000')).toEqual({ field: '(gốc)', problem: 'nul' });
    expect(findUnsafeText({ a: 1, b: null, c: [true, 'ổn'] })).toBeUndefined();
    expect(findUnsafeText(undefined)).toBeUndefined();
  });

  it('walks a body nested 100,000 levels deep without exhausting the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.problem).toBe('nul');
  });
});
