import { isIP } from 'node:net';

/**
 * What Fastify's `trustProxy` receives: `false` (X-Forwarded-For ignored, the client is the
 * socket's peer) or the proxies' addresses and CIDR ranges. `true` (trust any sender) is refused:
 * any client could then forge its address and escape the per-address login limit. A hop count is
 * refused too: Fastify 5 no longer honours one (it cannot tell the proxy from a direct client and
 * fails closed), so accepting it would silently mean "trust nothing" (ADR 016).
 */
export type TrustProxy = false | string[];

/** proxy-addr's names for the reserved ranges, accepted as list items. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (RANGE_NAMES.has(item)) return true;
  const [addr, bits, extra] = item.split('/');
  if (extra !== undefined || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Parses TRUST_PROXY; returns the value or a message naming what is wrong. */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { error: string } {
  const v = (raw ?? '').trim();
  if (v === '' || /^(false|off|no|0)$/i.test(v)) return { value: false };
  if (/^(true|on|yes)$/i.test(v)) {
    return {
      error:
        'TRUST_PROXY=true would trust X-Forwarded-For from any client; name the proxy (e.g. 127.0.0.1 or 10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(v)) {
    return {
      error: `TRUST_PROXY=${v}: a hop count cannot tell the proxy from a direct client (Fastify 5 ignores it); name the proxy's address (e.g. 127.0.0.1)`,
    };
  }
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = items.filter((s) => !isAddressOrRange(s));
  if (bad.length > 0) {
    return {
      error: `TRUST_PROXY: not an IP address or CIDR range: ${bad.join(', ')}`,
    };
  }
  return { value: items };
}
