/**
 * Issue 8, point 12: mail never blocks the app. The outbox is sent outside any transaction
 * (ADR 018): rows are claimed in one short statement under a lease, sent, and each result is
 * recorded in another. Real nodemailer against a small SMTP server of this file's own that takes
 * a second per message.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/executor.js';
import {
  deliverDueMail,
  type MailTransport,
  smtpTransport,
} from '../../src/features/notifications/mailer.js';
import { createTestDb } from '../support/db.js';
import { type FakeSmtp, fakeSmtp } from '../support/fake-smtp.js';

const TIMEOUTS = { connectionTimeoutMs: 2000, greetingTimeoutMs: 500, socketTimeoutMs: 5000 };
const FROM = 'chibo <no-reply@chibo.local>';

describe('mail outbox', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  const servers: FakeSmtp[] = [];

  beforeAll(async () => {
    ({ db, dispose } = await createTestDb());
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await dispose();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM mail_outbox');
  });

  const server = async (opts: Parameters<typeof fakeSmtp>[0]) => {
    const s = await fakeSmtp(opts);
    servers.push(s);
    return s;
  };
  const queue = async (...to: string[]) => {
    for (const t of to) {
      await db.query(
        "INSERT INTO mail_outbox (to_address, subject, body) VALUES ($1, '[chibo] Giấy mời', 'Lúc 19 giờ')",
        [t],
      );
    }
  };
  const rows = () =>
    db.query<{
      to_address: string;
      status: string;
      attempts: number;
      last_error: string | null;
      later: boolean;
    }>(
      'SELECT to_address, status, attempts, last_error, next_attempt_at > now() AS later FROM mail_outbox ORDER BY id',
    );
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(cond()).toBe(true);
  };

  it('three slow sends in flight do not hold up a query or lock the rows they send', async () => {
    const smtp = await server({ delayMs: 1000 });
    await queue('a@example.vn', 'b@example.vn', 'c@example.vn');
    let done = false;
    const delivering = deliverDueMail(db, await smtpTransport(smtp.url, FROM, TIMEOUTS)).finally(() => {
      done = true;
    });
    // The first message is with the server, which answers a second later.
    await until(() => smtp.received.length >= 1);
    const [one] = await db.query<{ n: number }>('SELECT 1 AS n');
    // The claimed rows are committed as 'sending' and locked by nobody while their mail travels.
    const locked = await db.transaction((tx) =>
      tx.query<{ id: number }>("SELECT id FROM mail_outbox WHERE status = 'sending' FOR UPDATE NOWAIT"),
    );
    expect(one!.n).toBe(1);
    expect(locked.length).toBeGreaterThanOrEqual(1);
    // Both answered while the sends were still pending.
    expect(done).toBe(false);
    expect(smtp.accepted.length).toBeLessThan(3);

    expect(await delivering).toEqual({ sent: 3, failed: 0 });
    expect(smtp.accepted).toEqual(['a@example.vn', 'b@example.vn', 'c@example.vn']);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('sends again a message whose sender died mid-send once its lease lapses, and only once', async () => {
    const smtp = await server({});
    await queue('d@example.vn');
    // A process that claims the row and then never comes back (a crash mid-send).
    let resume: () => void = () => {};
    const stuck: MailTransport = { send: () => new Promise<void>((r) => (resume = r)) };
    const lost = deliverDueMail(db, stuck, { sendTimeoutMs: 600_000 });
    await until(() => resume.toString() !== '() => {}');
    expect((await rows())[0]).toMatchObject({ status: 'sending', attempts: 0 });

    // Not yet: the lease still holds, nobody else may take the row.
    const transport = await smtpTransport(smtp.url, FROM, TIMEOUTS);
    expect(await deliverDueMail(db, transport)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toEqual([]);

    await db.query("UPDATE mail_outbox SET lease_until = now() - interval '1 second'");
    expect(await deliverDueMail(db, transport)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.accepted).toEqual(['d@example.vn']);
    const [row] = await rows();
    // The lost attempt counts, with a Vietnamese note of why it was tried again.
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row!.last_error).toMatch(/hết hạn giữ chỗ/);

    // The dead sender wakes up: its claim is gone, so it records nothing.
    resume();
    await lost;
    expect(await rows()).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('ends a permanent refusal failed at once, and retries a server that does not answer later', async () => {
    const smtp = await server({ reject: (rcpt) => rcpt.startsWith('khong-co') });
    await queue('khong-co@example.vn');
    expect(await deliverDueMail(db, await smtpTransport(smtp.url, FROM, TIMEOUTS))).toEqual({
      sent: 0,
      failed: 1,
    });
    const [refused] = await rows();
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused!.last_error).toMatch(/550/);

    // A server that accepts the connection and never greets: the greeting timeout ends the wait.
    const hung = await server({ silent: true });
    await db.query('DELETE FROM mail_outbox');
    await queue('e@example.vn');
    expect(await deliverDueMail(db, await smtpTransport(hung.url, FROM, TIMEOUTS))).toEqual({
      sent: 0,
      failed: 1,
    });
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1, later: true });
  });
});
