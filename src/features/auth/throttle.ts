/**
 * Failure counts that every app process shares (table auth_throttle, migration 0008): N wrong
 * passwords within M minutes lock the subject for L minutes. Kept in the database because a
 * per-process counter restarts with the process and splits across processes behind a proxy.
 */
import type { Executor } from '../../db/executor.js';
import { formatClockDate, isoLocal } from '../meetings/time.js';

export type ThrottleScope = 'login' | 'password';

export interface LockoutPolicy {
  /** Failures within the window that lock the subject. */
  maxFailures: number;
  windowMinutes: number;
  /** How long the lock lasts. */
  lockMinutes: number;
}

export interface Attempt {
  /** The subject was already locked: refuse without checking the secret. */
  refused: boolean;
  /** Attempts counted in the current window, this one included (a success clears them). */
  failures: number;
  /** Set while a lock runs (an earlier one, or the one this attempt started). */
  lockedUntil: Date | null;
  /** This attempt reached the limit and started the lock: if it fails, it is the last one. */
  justLocked: boolean;
}

/**
 * Counts an attempt *before* the secret is checked, in one statement (concurrent attempts on one
 * subject serialise on its row), so a burst of parallel guesses gets no more than the limit: the
 * attempt that reaches it is still checked and starts the lock, every later one is refused. A new
 * window starts when the old one ran out or after a lock. A success then clears the count.
 */
export async function claimAttempt(
  ex: Executor,
  scope: ThrottleScope,
  subject: string,
  p: LockoutPolicy,
): Promise<Attempt> {
  const fresh =
    '(t.locked_until IS NOT NULL OR t.window_started_at <= now() - make_interval(mins => $4::int))';
  const [row] = await ex.query<{ failures: number; locked_until: Date | null; just_locked: boolean }>(
    `INSERT INTO auth_throttle AS t (scope, subject, failures, window_started_at, locked_until, updated_at)
     VALUES ($1, $2, 1, now(), CASE WHEN 1 >= $3::int THEN now() + make_interval(mins => $5::int) END, now())
     ON CONFLICT (scope, subject) DO UPDATE SET
       failures = CASE WHEN t.locked_until > now() THEN t.failures
                       WHEN ${fresh} THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.locked_until > now() THEN t.window_started_at
                                WHEN ${fresh} THEN now() ELSE t.window_started_at END,
       locked_until = CASE WHEN t.locked_until > now() THEN t.locked_until
                           WHEN (CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END) >= $3::int
                             THEN now() + make_interval(mins => $5::int)
                           ELSE NULL END,
       updated_at = now()
     RETURNING failures, locked_until,
               coalesce(locked_until = now() + make_interval(mins => $5::int), false) AS just_locked`,
    [scope, subject, p.maxFailures, p.windowMinutes, p.lockMinutes],
  );
  const lockedUntil = row!.locked_until ? new Date(row!.locked_until) : null;
  return {
    refused: lockedUntil !== null && !row!.just_locked,
    failures: row!.failures,
    lockedUntil,
    justLocked: row!.just_locked,
  };
}

/** A success forgets the subject's failures. */
export async function clearFailures(ex: Executor, scope: ThrottleScope, subject: string): Promise<void> {
  await ex.query('DELETE FROM auth_throttle WHERE scope = $1 AND subject = $2', [scope, subject]);
}

/** Drops rows nobody touched for a day and no lock holds (guesses at names that do not exist). */
export async function sweepThrottle(ex: Executor): Promise<void> {
  await ex.query(
    `DELETE FROM auth_throttle WHERE updated_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`,
  );
}

/** What a lockout error carries for the client: the end in local time and the wait in seconds. */
export function lockDetails(until: Date, now = new Date()) {
  return {
    lockedUntil: isoLocal(until),
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  };
}

/** "20:45 ngày 21/11/2026", the end of a lock as users read it. */
export const lockEnd = (until: Date) => formatClockDate(until);
