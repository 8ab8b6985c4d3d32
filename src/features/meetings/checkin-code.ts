/**
 * The self check-in code shown on the hall's screen: 6 digits that change every 30 seconds,
 * computed as TOTP (RFC 6238, HMAC-SHA-256) from the meeting's secret and the time window.
 * A member at home cannot guess it (10⁶ values, attempts limited) nor reuse one read out
 * earlier: a code is accepted in its own window and the next one, then never again.
 * Pure: the clock is a parameter.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CHECKIN_CODE_PERIOD_SECONDS = 30;
export const CHECKIN_CODE_DIGITS = 6;
/** Windows before the current one still accepted: the code read just before it changed, typed on a phone. */
export const CHECKIN_CODE_GRACE_WINDOWS = 1;

const windowOf = (at: Date, period: number) => Math.floor(at.getTime() / 1000 / period);

/** HOTP (RFC 4226 §5.3) of one counter value: HMAC, dynamic truncation, last `digits` decimal digits. */
export function hotp(
  key: Buffer,
  counter: number,
  digits = CHECKIN_CODE_DIGITS,
  algorithm = 'sha256',
): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

/** The code of the window holding `at`, and when the next one takes over. */
export function checkinCodeAt(
  secret: string,
  at: Date,
  period = CHECKIN_CODE_PERIOD_SECONDS,
): { code: string; changesAt: Date } {
  const w = windowOf(at, period);
  return { code: hotp(Buffer.from(secret, 'hex'), w), changesAt: new Date((w + 1) * period * 1000) };
}

/** Whether `given` is the code of the current window or of one of the `grace` windows before it. */
export function acceptsCheckinCode(
  secret: string,
  given: string,
  at: Date,
  { period = CHECKIN_CODE_PERIOD_SECONDS, grace = CHECKIN_CODE_GRACE_WINDOWS } = {},
): boolean {
  const g = Buffer.from(given.trim());
  if (g.length !== CHECKIN_CODE_DIGITS || secret === '') return false;
  const key = Buffer.from(secret, 'hex');
  const w = windowOf(at, period);
  let ok = false;
  // Every candidate is compared (no early exit), in constant time.
  for (let back = 0; back <= grace; back++) {
    ok = timingSafeEqual(Buffer.from(hotp(key, w - back)), g) || ok;
  }
  return ok;
}
