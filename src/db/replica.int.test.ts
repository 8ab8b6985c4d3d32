/**
 * Reads on a replica (ADR 026, ADR 030): a real streaming standby of the test server
 * (`pg_basebackup -R`), the app with a reader on it. The overview comes from the standby (its
 * replay paused, a new unit shows on the primary but not in the overview), the browser that just
 * wrote reads the primary, and once replay resumes the overview catches up (polled, bounded).
 * PostgreSQL only: PGlite has no replication.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../test/support/app.js';
import { TEST_RECORD_KEY, testDbKind, testPgBinOverride, testServerUrl } from '../../test/support/db.js';
import { unit, user } from '../../test/support/factory.js';
import { APP_ROLE } from './connect.js';
import { openReplica } from './open.js';

const primaryUrl = testServerUrl();
const onPostgres = testDbKind() === 'postgres' && !!primaryUrl;

function pgBin(): string | undefined {
  const override = testPgBinOverride();
  if (override) return override;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  const bin = versions.length ? path.join(root, versions.at(-1)!, 'bin') : undefined;
  return bin && existsSync(path.join(bin, 'pg_basebackup')) ? bin : undefined;
}

/** PostgreSQL refuses root: as root, the server's files and process belong to its system user. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'chibo-pg']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { name, uid: Number(r.stdout.trim()), gid };
    }
  }
  throw new Error('root without a postgres system user');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, tries = 200) {
  for (let i = 0; i < tries; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const bin = pgBin();
// Skipped on PGlite (an embedded database has no streaming replication) and where no
// pg_basebackup is installed; CI installs PostgreSQL and runs it in the postgres project.
describe.skipIf(!onPostgres || !bin)(
  'reads on a streaming replica (PostgreSQL only; skipped on PGlite)',
  () => {
    let tmp: string;
    let dataDir: string;
    let replicaUrl: string;
    let started = false;
    let t: TestApp;
    let staff: Client;
    let wardId: number;
    let standby: pg.Client;
    const who = serverUser();
    const run = (cmd: string, args: string[]) =>
      execFileSync(who ? 'runuser' : cmd, who ? ['-u', who.name, '--', cmd, ...args] : args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });

    beforeAll(async () => {
      tmp = mkdtempSync(path.join(tmpdir(), 'chibo-replica-'));
      chmodSync(tmp, 0o755);
      dataDir = path.join(tmp, 'data');
      const sock = path.join(tmp, 'sock');
      mkdirSync(sock);
      if (who) {
        chownSync(tmp, who.uid, who.gid);
        chownSync(sock, who.uid, who.gid);
      }
      const p = new URL(primaryUrl!);
      // -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
      run(path.join(bin!, 'pg_basebackup'), [
        ...['-h', p.hostname, '-p', p.port, '-U', p.username || 'postgres'],
        ...['-D', dataDir, '-R', '-X', 'stream', '-c', 'fast'],
      ]);
      const port = await freePort();
      // A hot standby needs at least the primary's connection and worker settings.
      const admin = new pg.Client({ connectionString: primaryUrl });
      await admin.connect();
      const { rows } = await admin.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings
        WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders',
                       'max_prepared_transactions', 'max_locks_per_transaction')`,
      );
      await admin.end();
      const opts = [
        `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${sock} -c hot_standby=on -c fsync=off`,
        ...rows.map((r) => `-c ${r.name}=${r.setting}`),
      ].join(' ');
      const log = path.join(tmp, 'replica.log');
      try {
        run(path.join(bin!, 'pg_ctl'), ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start', '-o', opts]);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
      }
      started = true;
      const r = new URL(primaryUrl!);
      r.port = String(port);
      replicaUrl = r.toString();

      t = await createTestApp();
      const ward = await unit(t.db, { name: 'Đảng bộ phường Bản Sao', kind: 'dang_bo_co_so' });
      wardId = ward.id;
      await unit(t.db, { parentId: ward.id, name: 'Chi bộ Khu phố 1', cellType: 'khu_dan_cu' });
      await user(t.db, 'vp.bansao', [{ role: 'committee_staff', unitId: ward.id }]);
      staff = await t.login('vp.bansao');
      const [{ d: dbName }] = (await t.db.query<{ d: string }>('SELECT current_database() AS d')) as [
        { d: string },
      ];
      t.db.reader = await openReplica(
        withDb(replicaUrl, dbName),
        { role: APP_ROLE, recordKey: TEST_RECORD_KEY },
        t.db,
      );
      // The standby has this database once it replayed its creation (a failed client cannot reconnect).
      await until(
        'the standby to have the database',
        async () => {
          const c = new pg.Client({ connectionString: withDb(replicaUrl, dbName) });
          try {
            await c.connect();
            standby = c;
            return true;
          } catch {
            await c.end().catch(() => {});
            return false;
          }
        },
        (v) => v,
      );
    }, 180_000);

    afterAll(async () => {
      await standby?.end().catch(() => {});
      await t?.close();
      if (started) {
        try {
          run(path.join(bin!, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'immediate', '-w']);
        } catch {}
      }
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    const overviewTotal = async (c: Client, cookie?: string) => {
      const res = await c.request({
        method: 'GET',
        url: `/api/org-units/${wardId}/overview?from=2026-01&to=2026-06`,
        ...(cookie ? { headers: { cookie: `${c.cookie}; ${cookie}` } } : {}),
      });
      expect(res.statusCode).toBe(200);
      return res.json().total as number;
    };
    /** While the standby has not replayed the ward yet, the ward does not exist there (404). */
    const overviewTotalOnceThere = async (c: Client) => {
      const res = await c.request({
        method: 'GET',
        url: `/api/org-units/${wardId}/overview?from=2026-01&to=2026-06`,
      });
      if (res.statusCode === 404) return undefined;
      expect(res.statusCode).toBe(200);
      return res.json().total as number;
    };

    it('the reader is the standby, the root handle the primary', async () => {
      const [r] = await t.db.reader!.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      const [p] = await t.db.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      expect(r!.standby).toBe(true);
      expect(p!.standby).toBe(false);
    });

    it('the overview reads the standby; the browser that just wrote reads the primary; the standby catches up', async () => {
      const seen = await until(
        'the standby to replay the setup',
        () => overviewTotalOnceThere(staff),
        (n) => n === 1,
      );
      expect(seen).toBe(1);
      await standby.query('SELECT pg_wal_replay_pause()');
      await until(
        'replay to pause',
        () =>
          standby
            .query<{ s: string }>('SELECT pg_get_wal_replay_pause_state() AS s')
            .then((r) => r.rows[0]!.s),
        (s) => s === 'paused',
      );

      const servedBefore = t.db.reader!.served;
      const created = await staff.post('/api/org-units', {
        parentId: wardId,
        name: 'Chi bộ Khu phố 2',
        kind: 'chi_bo',
        cellType: 'khu_dan_cu',
      });
      expect(created.statusCode).toBe(201);
      const setCookie = [created.headers['set-cookie']].flat().find((c) => c?.startsWith('chibo_wrote='));
      expect(setCookie).toBeDefined();
      const wrote = setCookie!.split(';')[0]!;

      // Another session of the same account, without the cookie: the paused standby, the old figure.
      const fresh = await t.login('vp.bansao');
      expect(await overviewTotal(fresh)).toBe(1);
      expect(t.db.reader!.served).toBeGreaterThan(servedBefore);
      // The browser that wrote: the primary, its own change.
      const servedSticky = t.db.reader!.served;
      expect(await overviewTotal(staff, wrote)).toBe(2);
      expect(t.db.reader!.served).toBe(servedSticky);

      await standby.query('SELECT pg_wal_replay_resume()');
      expect(
        await until(
          'the standby to catch up',
          () => overviewTotal(fresh),
          (n) => n === 2,
        ),
      ).toBe(2);
    });
  },
);
