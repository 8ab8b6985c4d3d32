import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from './trust-proxy.js';

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    for (const raw of [undefined, '', '  ', 'false', 'off', '0'])
      expect(parseTrustProxy(raw)).toEqual({ value: false });
  });

  it('refuses a hop count (Fastify 5 would silently trust nothing)', () => {
    expect(parseTrustProxy('1')).toMatchObject({ error: expect.stringMatching(/hop count/) });
    expect(parseTrustProxy(' 2 ')).toMatchObject({ error: expect.stringMatching(/hop count/) });
  });

  it('takes addresses, CIDR ranges and the reserved range names', () => {
    expect(parseTrustProxy('127.0.0.1')).toEqual({ value: ['127.0.0.1'] });
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8,loopback')).toEqual({
      value: ['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8', 'loopback'],
    });
  });

  it('refuses "true" (any client could forge its address) and anything not an address', () => {
    expect(parseTrustProxy('true')).toMatchObject({ error: expect.stringMatching(/any client/) });
    expect(parseTrustProxy('proxy.local')).toMatchObject({ error: expect.stringMatching(/proxy\.local/) });
    expect(parseTrustProxy('10.0.0.0/33')).toMatchObject({ error: expect.stringMatching(/10\.0\.0\.0\/33/) });
    expect(parseTrustProxy('10.0.0.1/8/2')).toHaveProperty('error');
    expect(parseTrustProxy('::1/129')).toHaveProperty('error');
  });
});
