/**
 * Request ids (ADR 034): a proxy's or a client's `X-Request-Id` is kept when it is a short token of
 * safe characters, so that one id follows a request through the proxy's log, chibo's JSON log and
 * the answer; anything else (spaces, newlines, control or non-ASCII characters, over 128
 * characters, a repeated header) is replaced by a random UUID and never written anywhere. Without
 * the header the id is a random UUID too: Fastify's `req-1`, `req-2`… restart at every start and
 * repeat across processes, so they named no request once two processes or two days were mixed.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header read from the request and set on every answer (lower case, as Node gives it). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Letters, digits and `._:-`: what proxies (nginx `$request_id`, UUIDs, ULIDs, trace ids) send. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of a request carrying `header` (the raw header value(s)): that value when safe, else a new one. */
export function requestIdFrom(
  header: string | string[] | undefined,
  generate: () => string = randomUUID,
): string {
  // A repeated header arrives as an array (or, for unknown names, joined by ", "): not one id.
  if (typeof header === 'string' && SAFE_REQUEST_ID.test(header)) return header;
  return generate();
}

/** Fastify's `genReqId`: called once per request, before any hook (framework errors included). */
export function genRequestId(req: IncomingMessage): string {
  return requestIdFrom(req.headers[REQUEST_ID_HEADER]);
}
