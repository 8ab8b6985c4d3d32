import type { Db } from '../../db/executor.js';

export interface MailTransport {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * Sends due mail from the outbox. Rows are claimed with FOR UPDATE SKIP LOCKED so several app
 * processes can run it at once without sending twice; failures are retried with back-off
 * (1, 2, 4 … minutes, at most 8 attempts).
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  opts: { batch?: number; publicUrl?: string } = {},
): Promise<{ sent: number; failed: number }> {
  const batch = opts.batch ?? 20;
  let sent = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const due = await tx.query<{
      id: number;
      to_address: string;
      subject: string;
      body: string;
      link: string | null;
      attempts: number;
    }>(
      `SELECT id, to_address, subject, body, link, attempts FROM mail_outbox
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    for (const m of due) {
      try {
        const link = m.link ? `\n\nXem chi tiết: ${(opts.publicUrl ?? '').replace(/\/$/, '')}${m.link}` : '';
        await transport.send({ to: m.to_address, subject: m.subject, text: `${m.body}${link}\n\n— chibo` });
        await tx.query(
          `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1`,
          [m.id],
        );
        sent++;
      } catch (err) {
        const attempts = m.attempts + 1;
        await tx.query(
          `UPDATE mail_outbox SET attempts = $2, last_error = $3, status = CASE WHEN $2 >= 8 THEN 'failed' ELSE 'pending' END,
             next_attempt_at = now() + make_interval(mins => power(2, $2 - 1)::int) WHERE id = $1`,
          [m.id, attempts, String(err instanceof Error ? err.message : err).slice(0, 500)],
        );
        failed++;
      }
    }
  });
  return { sent, failed };
}

/** An SMTP transport (nodemailer), created only when SMTP_URL is configured. */
export async function smtpTransport(url: string, from: string): Promise<MailTransport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/**
 * Runs the outbox every `everyMs` in this process. Safe with several processes (SKIP LOCKED).
 * Returns a stop function.
 */
export function startMailer(
  db: Db,
  transport: MailTransport,
  onError: (err: unknown) => void,
  opts: { everyMs?: number; publicUrl?: string } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await deliverDueMail(db, transport, { publicUrl: opts.publicUrl });
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, opts.everyMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
