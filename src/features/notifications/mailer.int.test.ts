import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.js';
import { member, unit, user } from '../../../test/support/factory.js';
import type { Db } from '../../db/executor.js';
import { deliverDueMail, type MailTransport } from './mailer.js';
import { notifyUsers } from './service.js';

describe('notifications and the mail outbox', () => {
  let db: Db;
  let dispose: () => Promise<void>;
  let users: number[];

  beforeAll(async () => {
    ({ db, dispose } = await createTestDb());
    const cell = await unit(db, { name: 'Chi bộ Thử', cellType: 'khu_dan_cu', kind: 'chi_bo' });
    const a = await member(db, { unitId: cell.id, fullName: 'Nguyễn Văn Thư' });
    const b = await member(db, { unitId: cell.id, fullName: 'Trần Thị Không Mail' });
    await db.query("UPDATE members SET email = 'thu@example.com' WHERE id = $1", [a]);
    users = [await user(db, 'thu', [], a), await user(db, 'khongmail', [], b)];
  });
  afterAll(() => dispose());

  it('notifies in-app once per dedupe key, and queues mail only for people with an address', async () => {
    const n = {
      kind: 'meeting.invitation',
      title: 'Giấy mời: Sinh hoạt tháng 12',
      body: 'Lúc 19 giờ 30',
      link: '/sinh-hoat/1',
      dedupeKey: 'invite:1',
    };
    expect(await db.transaction((tx) => notifyUsers(tx, users, n))).toBe(2);
    expect(await db.transaction((tx) => notifyUsers(tx, users, n))).toBe(0);
    const outbox = await db.query<{ to_address: string; subject: string }>(
      'SELECT to_address, subject FROM mail_outbox',
    );
    expect(outbox).toEqual([
      { to_address: 'thu@example.com', subject: '[chibo] Giấy mời: Sinh hoạt tháng 12' },
    ]);
  });

  it('sends after commit, retries failures with back-off, and never sends a row twice', async () => {
    const sent: string[] = [];
    const texts: string[] = [];
    let fail = true;
    const transport: MailTransport = {
      async send(m) {
        if (fail) throw new Error('SMTP 421 tạm thời không nhận');
        sent.push(m.to);
        texts.push(m.text);
      },
    };
    expect(await deliverDueMail(db, transport)).toEqual({ sent: 0, failed: 1 });
    const [row] = await db.query<{ attempts: number; status: string; last_error: string; due: boolean }>(
      'SELECT attempts, status, last_error, next_attempt_at > now() AS due FROM mail_outbox',
    );
    expect(row).toMatchObject({ attempts: 1, status: 'pending', due: true });
    expect(row!.last_error).toMatch(/421/);
    // Not due yet: nothing is tried.
    fail = false;
    expect(await deliverDueMail(db, transport)).toEqual({ sent: 0, failed: 0 });
    await db.query("UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second'");
    // Two runs at once (two app processes): the row is sent exactly once.
    const opts = { publicUrl: 'https://chibo.example.vn/' };
    const results = await Promise.all([
      deliverDueMail(db, transport, opts),
      deliverDueMail(db, transport, opts),
    ]);
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(1);
    expect(sent).toEqual(['thu@example.com']);
    expect(texts[0]).toContain('Xem chi tiết: https://chibo.example.vn/sinh-hoat/1');
    const [done] = await db.query<{ status: string }>('SELECT status FROM mail_outbox');
    expect(done!.status).toBe('sent');
  });
});
