/**
 * Reads that may go to a replica (ADR 026 "Reads that may go to a replica", ADR 030): dashboards
 * (overview, trend, month status), exports and reports call `readDb(req)` instead of the root
 * handle. It answers the replica (DATABASE_REPLICA_URL) unless none is configured or this browser
 * wrote within the last REPLICA_STICKY_SECONDS: then the primary, so a user never misses their
 * own change behind the replication lag.
 *
 * The last write is a cookie (`chibo_wrote`, epoch seconds), set by `markWrite` on every
 * successful POST/PUT/PATCH/DELETE while a replica is configured: no database write per request,
 * and it travels with the browser to whichever process serves the next request. A client that
 * drops or forges it only changes where its own reads come from; the scope of what it may read
 * is the session's, resolved on the primary.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/executor.js';

export const WROTE_COOKIE = 'chibo_wrote';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function wroteRecently(req: FastifyRequest, stickySeconds: number, nowMs: number): boolean {
  const raw = req.cookies?.[WROTE_COOKIE];
  if (!raw || !/^\d{1,12}$/.test(raw)) return false;
  return nowMs / 1000 - Number(raw) < stickySeconds;
}

/** The handle for a read allowed to lag behind the primary by the replication delay. */
export function readDb(req: FastifyRequest, nowMs = Date.now()): Db {
  const { db, config } = req.server.ctx;
  if (!db.reader) return db;
  if (wroteRecently(req, config.replicaStickySeconds, nowMs)) return db;
  return db.reader;
}

/** onSend: remember a successful write of this browser (only while a replica is configured). */
export function markWrite(req: FastifyRequest, reply: FastifyReply, nowMs = Date.now()): void {
  const { db, config } = req.server.ctx;
  if (!db.reader || !UNSAFE.has(req.method) || reply.statusCode >= 400) return;
  if (!req.url.startsWith('/api/') || config.replicaStickySeconds === 0) return;
  reply.setCookie(WROTE_COOKIE, String(Math.floor(nowMs / 1000)), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: config.replicaStickySeconds + 1,
  });
}
