/**
 * Errors that mean "the database server is away" (a restart, a failover, a dropped network),
 * as opposed to a bug or a refused statement. The HTTP layer answers them with 503
 * DATABASE_UNAVAILABLE instead of 500, and the periodic jobs retry sooner; the pool opens new
 * connections by itself once the server is back (see src/db/open.ts).
 */

/** Socket errors of node's net module when the server cannot be reached or drops the line. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going, gone or not yet ready: class 08 (connection exception),
 * 57P01 admin_shutdown (fast/smart shutdown ends every session), 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up, shutting down, in recovery), 53300 too_many_connections.
 */
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);

/** Messages node-postgres gives without a code when the connection ends under it. */
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /server closed the connection unexpectedly/i,
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || SQLSTATES.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // A refused connection to `localhost` tries ::1 and 127.0.0.1 and fails with an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
