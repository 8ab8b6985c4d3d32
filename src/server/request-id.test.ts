import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { genRequestId, requestIdFrom } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fixed = () => 'generated';

describe('requestIdFrom', () => {
  it('keeps a safe incoming id as it is', () => {
    for (const id of [
      'a',
      'abc-123',
      '4f9c2a1e-7b3d-4c6e-9a8b-1d2e3f4a5b6c',
      '01JDX8Z6Q7K3V5N9M2P4R6T8W0',
      'trace.span:42_x',
      'x'.repeat(128),
    ])
      expect(requestIdFrom(id, fixed)).toBe(id);
  });

  it('replaces an id that could forge or flood a log line', () => {
    for (const id of [
      '',
      'has space',
      'line\nbreak',
      'carriage\rreturn',
      'tab\there',
      'nul\u0000byte',
      '"quoted"',
      '<script>',
      'x'.repeat(129),
      'x'.repeat(500),
      'mã-tiếng-việt',
      'a, b',
      '../../etc/passwd',
    ])
      expect(requestIdFrom(id, fixed)).toBe('generated');
  });

  it('replaces a repeated header and a missing one', () => {
    expect(requestIdFrom(['a', 'b'], fixed)).toBe('generated');
    expect(requestIdFrom(['a'], fixed)).toBe('generated');
    expect(requestIdFrom(undefined, fixed)).toBe('generated');
  });

  it('generates random UUIDs by default', () => {
    const a = requestIdFrom(undefined);
    const b = requestIdFrom('bad id');
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});

describe('genRequestId', () => {
  const req = (headers: IncomingMessage['headers']) => ({ headers }) as IncomingMessage;

  it('reads X-Request-Id from the raw request', () => {
    expect(genRequestId(req({ 'x-request-id': 'proxy-7' }))).toBe('proxy-7');
    expect(genRequestId(req({ 'x-request-id': 'not safe' }))).toMatch(UUID);
    expect(genRequestId(req({}))).toMatch(UUID);
  });
});
