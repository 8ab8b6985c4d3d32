/**
 * Sends the mail outbox, never inside a transaction (ADR 018): on PGlite a transaction holds the
 * only connection, so one slow SMTP server would stall every request behind it.
 *
 * 1. Claim: one short statement marks a batch of due rows 'sending' under a lease and a claim
 *    token (FOR UPDATE SKIP LOCKED, so several app processes never claim the same row).
 * 2. Send: outside any transaction, one message at a time, each bounded in time.
 * 3. Record: one short statement per message — sent, retry with back-off, or failed — and only
 *    by the claimer (the token), so a process that lost its lease cannot overwrite a newer claim.
 * A lease that lapses (the process died mid-send) puts its rows back to 'pending', counting the
 * attempt: a message may then be sent twice (at-least-once), but it is never lost.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/executor.js';

export interface MailTransport {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
  /** The longest one send may take (its own timeouts); the outbox lease is sized from it. */
  sendTimeoutMs?: number;
}

/** The server refused the message for good (SMTP 5xx): retrying would not help. */
export class PermanentMailError extends Error {
  override name = 'PermanentMailError';
}

export interface DeliverOptions {
  batch?: number;
  publicUrl?: string;
  /** Longest a single send may take before it counts as a failed attempt. */
  sendTimeoutMs?: number;
  /** Stops the batch before its next message (server shutdown); the rest go back to pending. */
  signal?: AbortSignal;
}

export const MAX_ATTEMPTS = 8;
const DEFAULT_SEND_TIMEOUT_MS = 60_000;

interface Claimed {
  id: number;
  to_address: string;
  subject: string;
  body: string;
  link: string | null;
  attempts: number;
}

/** Puts rows whose lease lapsed back to pending (or failed, after the last attempt). */
export async function releaseExpiredLeases(db: Db): Promise<number> {
  const rows = await db.query(
    `UPDATE mail_outbox SET attempts = attempts + 1, lease_until = NULL, claim_token = NULL,
            status = CASE WHEN attempts + 1 >= $1 THEN 'failed' ELSE 'pending' END,
            last_error = 'Máy chủ dừng khi đang gửi thư (hết hạn giữ chỗ); gửi lại.',
            next_attempt_at = now()
      WHERE status = 'sending' AND lease_until < now() RETURNING id`,
    [MAX_ATTEMPTS],
  );
  return rows.length;
}

/**
 * Sends due mail from the outbox; failures are retried with back-off (1, 2, 4 … minutes, at most
 * MAX_ATTEMPTS attempts), a permanent refusal ends the row 'failed' at once.
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  opts: DeliverOptions = {},
): Promise<{ sent: number; failed: number }> {
  const batch = opts.batch ?? 10;
  // A little over the transport's own bound, so that its error (not ours) says what went wrong.
  const sendTimeoutMs =
    opts.sendTimeoutMs ??
    (transport.sendTimeoutMs ? transport.sendTimeoutMs + 5_000 : DEFAULT_SEND_TIMEOUT_MS);
  // Long enough for the whole batch at its worst, so a live sender never loses its lease.
  const leaseSeconds = Math.ceil((batch * sendTimeoutMs) / 1000) + 60;
  await releaseExpiredLeases(db);
  const token = randomUUID();
  const claimed = (
    await db.query<Claimed>(
      `UPDATE mail_outbox SET status = 'sending', claim_token = $2, lease_until = now() + make_interval(secs => $3)
        WHERE id IN (SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, body, link, attempts`,
      [batch, token, leaseSeconds],
    )
  ).sort((a, b) => a.id - b.id);

  let sent = 0;
  let failed = 0;
  for (const [i, m] of claimed.entries()) {
    if (opts.signal?.aborted) {
      // Not tried: back to pending as they were, no attempt counted.
      await db.query(
        `UPDATE mail_outbox SET status = 'pending', lease_until = NULL, claim_token = NULL
          WHERE id = ANY($1::bigint[]) AND claim_token = $2`,
        [claimed.slice(i).map((r) => r.id), token],
      );
      break;
    }
    try {
      const link = m.link ? `\n\nXem chi tiết: ${(opts.publicUrl ?? '').replace(/\/$/, '')}${m.link}` : '';
      await withTimeout(
        transport.send({ to: m.to_address, subject: m.subject, text: `${m.body}${link}\n\n— chibo` }),
        sendTimeoutMs,
      );
      await db.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, lease_until = NULL,
                claim_token = NULL
          WHERE id = $1 AND claim_token = $2`,
        [m.id, token],
      );
      sent++;
    } catch (err) {
      const attempts = m.attempts + 1;
      const final = err instanceof PermanentMailError || attempts >= MAX_ATTEMPTS;
      await db.query(
        `UPDATE mail_outbox SET attempts = $3, last_error = $4, status = $5, lease_until = NULL, claim_token = NULL,
                next_attempt_at = now() + make_interval(mins => power(2, $3 - 1)::int)
          WHERE id = $1 AND claim_token = $2`,
        [
          m.id,
          token,
          attempts,
          String(err instanceof Error ? err.message : err).slice(0, 500),
          final ? 'failed' : 'pending',
        ],
      );
      failed++;
    }
  }
  return { sent, failed };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Quá ${Math.round(ms / 1000)} giây mà chưa gửi xong thư.`)),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface SmtpTimeouts {
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

/** An SMTP transport (nodemailer), created only when SMTP_URL is configured. */
export async function smtpTransport(
  url: string,
  from: string,
  timeouts: SmtpTimeouts,
): Promise<MailTransport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: timeouts.connectionTimeoutMs,
    greetingTimeout: timeouts.greetingTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
  });
  // Each wait is bounded above; the whole send too, in case a server drips its replies.
  const total = smtpSendBudgetMs(timeouts);
  return {
    sendTimeoutMs: total,
    async send(mail) {
      try {
        await transporter.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          signal: AbortSignal.timeout(total),
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentMailError((err as Error).message);
        }
        throw err;
      }
    },
  };
}

/** Longest one SMTP send may take with these timeouts: connect, greeting, then the dialogue. */
function smtpSendBudgetMs(timeouts: SmtpTimeouts): number {
  return timeouts.connectionTimeoutMs + timeouts.greetingTimeoutMs + 2 * timeouts.socketTimeoutMs;
}

/**
 * Runs the outbox every `everyMs` in this process. Safe with several processes (SKIP LOCKED and
 * leases). Returns a stop function that resolves once the batch in hand has stopped.
 */
export function startMailer(
  db: Db,
  transport: MailTransport,
  onError: (err: unknown) => void,
  opts: { everyMs?: number; publicUrl?: string; sendTimeoutMs?: number } = {},
): () => Promise<void> {
  const stopping = new AbortController();
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current || stopping.signal.aborted) return;
    current = deliverDueMail(db, transport, {
      publicUrl: opts.publicUrl,
      sendTimeoutMs: opts.sendTimeoutMs,
      signal: stopping.signal,
    })
      .then(() => {})
      .catch(onError)
      .finally(() => {
        current = undefined;
      });
  };
  const timer = setInterval(tick, opts.everyMs ?? 30_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    stopping.abort();
    await current;
  };
}
