import { describe, expect, it } from 'vitest';
import { acceptsCheckinCode, checkinCodeAt, hotp } from './checkin-code.js';

// RFC 6238 Appendix B, SHA-256 column: the 32-byte ASCII seed and 8-digit codes at time T (seconds).
const RFC_SEED = Buffer.from('12345678901234567890123456789012');
const RFC_VECTORS: [number, string][] = [
  [59, '46119246'],
  [1111111109, '68084774'],
  [1111111111, '67062674'],
  [1234567890, '91819424'],
  [2000000000, '90698825'],
  [20000000000, '77737706'],
];
const secret = RFC_SEED.toString('hex');
const at = (seconds: number) => new Date(seconds * 1000);

describe('rotating check-in code (TOTP, RFC 6238)', () => {
  it('matches the RFC 6238 SHA-256 test vectors', () => {
    for (const [t, code] of RFC_VECTORS) expect(hotp(RFC_SEED, Math.floor(t / 30), 8)).toBe(code);
  });

  it('shows the last six digits of the RFC code, and when it changes', () => {
    expect(checkinCodeAt(secret, at(1111111109))).toEqual({
      code: '084774',
      changesAt: at(1111111110),
    });
    expect(checkinCodeAt(secret, at(59)).code).toBe('119246');
    expect(checkinCodeAt(secret, at(59)).changesAt).toEqual(at(60));
  });

  it('changes every 30 seconds and stays the same within a window', () => {
    const t0 = 1_800_000_000; // a window boundary (divisible by 30)
    const a = checkinCodeAt(secret, at(t0)).code;
    expect(checkinCodeAt(secret, at(t0 + 29.999)).code).toBe(a);
    expect(checkinCodeAt(secret, at(t0 + 30)).code).not.toBe(a);
  });

  it('accepts the current window and the previous one, not the one before', () => {
    const t0 = 1_800_000_000;
    const code = checkinCodeAt(secret, at(t0 + 5)).code;
    expect(acceptsCheckinCode(secret, code, at(t0 + 5))).toBe(true);
    expect(acceptsCheckinCode(secret, code, at(t0 + 29))).toBe(true);
    // Next window: still accepted (read just before it changed).
    expect(acceptsCheckinCode(secret, code, at(t0 + 30))).toBe(true);
    expect(acceptsCheckinCode(secret, code, at(t0 + 59))).toBe(true);
    // Two windows on: refused.
    expect(acceptsCheckinCode(secret, code, at(t0 + 60))).toBe(false);
    // A future code (next window's) is not accepted now.
    const next = checkinCodeAt(secret, at(t0 + 30)).code;
    expect(acceptsCheckinCode(secret, next, at(t0 + 5))).toBe(false);
  });

  it('refuses malformed codes, other meetings’ codes and an empty secret', () => {
    const now = at(1_800_000_000);
    const code = checkinCodeAt(secret, now).code;
    expect(acceptsCheckinCode(secret, ` ${code} `, now)).toBe(true);
    expect(acceptsCheckinCode(secret, code.slice(1), now)).toBe(false);
    expect(acceptsCheckinCode(secret, `${code}0`, now)).toBe(false);
    const other = 'ab'.repeat(32);
    expect(acceptsCheckinCode(other, code, now)).toBe(checkinCodeAt(other, now).code === code);
    expect(acceptsCheckinCode('', code, now)).toBe(false);
  });

  it('spreads codes over all six digits (leading zeros kept)', () => {
    const codes = Array.from({ length: 2000 }, (_, i) => checkinCodeAt(secret, at(i * 30)).code);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });
});
