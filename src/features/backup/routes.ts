import { randomBytes } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { audit } from '../../server/audit.js';
import { type App, actorOf, typed } from '../../server/http.js';
import { backupToFile } from './backup.js';
import { authorizeBackup } from './policy.js';

/**
 * `POST /api/admin/backup`: the backup of the running server, for PGlite above all (its data
 * directory belongs to the server process, so `chibo backup` cannot open it meanwhile; ADR 020).
 * The file is written to a temporary file first and streamed after the snapshot's transaction has
 * ended: no transaction waits on the client's network.
 */
export async function backupRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);

  r.post(
    '/api/admin/backup',
    {
      schema: {
        tags: ['system'],
        summary: 'Tải bản sao lưu toàn bộ dữ liệu (tệp .chibo-backup.gz; chỉ quản trị hệ thống)',
        description:
          'Cùng định dạng với `chibo backup`; khôi phục bằng `chibo restore TỆP` vào một cơ sở dữ liệu trống. ' +
          'Số bảng và số dòng ở header `X-Chibo-Backup-Tables`, `X-Chibo-Backup-Rows`.',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      authorizeBackup(actor);
      const tmp = path.join(tmpdir(), `chibo-backup-${randomBytes(8).toString('hex')}.gz`);
      try {
        const summary = await backupToFile(db, tmp);
        // The whole register leaves the server: written down, after the snapshot (so not inside it).
        await db.transaction((tx) =>
          audit(
            tx,
            actor,
            {
              action: 'system.backup',
              entityType: 'system',
              after: { tables: summary.tables.length, rows: summary.rows },
            },
            req.ip,
          ),
        );
        const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
        const file = createReadStream(tmp);
        file.once('close', () => rmSync(tmp, { force: true }));
        return reply
          .header('content-type', 'application/gzip')
          .header('content-disposition', `attachment; filename="chibo-${stamp}.chibo-backup.gz"`)
          .header('cache-control', 'no-store')
          .header('x-chibo-backup-tables', String(summary.tables.length))
          .header('x-chibo-backup-rows', String(summary.rows))
          .send(file);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
    },
  );
}
