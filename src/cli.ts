#!/usr/bin/env node
/**
 * chibo command line: serve | migrate | seed --demo | create-admin | import-members | export-members.
 * The only module besides config.ts that touches process.env / argv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from './config.js';
import { openAppDb } from './db/connect.js';
import type { Db } from './db/executor.js';
import { buildApp } from './server/app.js';

const HELP = `chibo — quản lý sinh hoạt chi bộ

Cách dùng: chibo <lệnh> [tùy chọn]

  serve [--demo]                 Chạy máy chủ (PORT, DATA_DIR, DATABASE_URL). --demo: tạo tổ chức mẫu khi CSDL trống
  migrate                        Cập nhật cấu trúc cơ sở dữ liệu (DATABASE_OWNER_URL: vai trò sở hữu các bảng)
  verify [--unit ID]             Kiểm tra toàn vẹn biên bản đã thông qua và điểm đã xác nhận (mã thoát 1 nếu có sai lệch)
  run-jobs                       Cập nhật tình hình chi bộ theo tháng và chạy cảnh báo (máy chủ tự chạy mỗi 15 phút)
  seed --demo                    Tạo tổ chức mẫu và các tài khoản mẫu (mật khẩu chibo-demo)
  create-admin --username U --password P [--name "Họ tên"] [--unit ID]
                                 Tạo tài khoản quản trị (tạo đơn vị gốc nếu CSDL trống)
  import-members FILE --unit ID [--dry-run] [--as USERNAME]
                                 Nhập đảng viên từ tệp .xlsx/.csv vào đơn vị ID
  export-members --unit ID [--out FILE] [--date YYYY-MM-DD]
                                 Xuất danh sách đảng viên của đơn vị ra .xlsx
  backup FILE                    Sao lưu toàn bộ dữ liệu vào FILE (PostgreSQL: khi đang chạy; PGlite: khi máy chủ đã dừng)
  restore FILE [--unverified]    Khôi phục FILE vào CSDL trống, kiểm tra số dòng, mã kiểm tra và chuỗi biên bản
  bench-data [--cells 9600] [--scale 1] [--years 5] [--seed 1] [--force]
                                 Ghi một tỉnh thử tải (chỉ vào CSDL trống; --force: thêm bên cạnh tỉnh thử tải khác)
`;

/** Migrated as the tables' owner, then the application's role and record key (ADR 017). */
function openForApp(config: Config) {
  return openAppDb({
    databaseUrl: config.databaseUrl,
    databaseOwnerUrl: config.databaseOwnerUrl,
    databasePoolMax: config.databasePoolMax,
    databaseReplicaUrl: config.databaseReplicaUrl,
    dataDir: config.dataDir,
    recordSecret: config.recordSecret,
    recordKeyFile: config.recordKeyFile,
    warn: (m) => console.warn(`CẢNH BÁO: ${m}`),
    info: (m) => console.log(m),
  });
}

async function withDb<T>(fn: (db: Db, applied: string[]) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const { db, applied } = await openForApp(config);
  try {
    return await fn(db, applied);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      as: { type: 'string' },
      out: { type: 'string' },
      date: { type: 'string' },
      unverified: { type: 'boolean', default: false },
      cells: { type: 'string' },
      scale: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });

  switch (command) {
    case 'serve': {
      const config = loadConfig(process.env);
      const { db, roleNotes } = await openForApp(config);
      if (values.demo) {
        const { seedDemoIfEmpty } = await import('./features/demo/seed.js');
        const seeded = await seedDemoIfEmpty(db);
        if (seeded)
          console.log(
            `Đã tạo tổ chức mẫu: ${seeded.units} đơn vị, ${seeded.members} đảng viên. Mật khẩu mẫu: chibo-demo`,
          );
      }
      const app = await buildApp({ config, db });
      for (const note of roleNotes) app.log.warn(note);
      // Imports cut short by the last stop will never finish: failed, with a reason (ADR 018).
      const { failInterruptedImports } = await import('./features/members/imports.js');
      const interrupted = await failInterruptedImports(db, { expiredOnly: db.kind === 'postgres' });
      if (interrupted > 0)
        app.log.warn(`${interrupted} member import(s) interrupted by the last stop marked failed`);
      let stopMailer: () => Promise<void> = async () => {};
      if (config.smtpUrl) {
        const { smtpTransport, startMailer } = await import('./features/notifications/mailer.js');
        stopMailer = startMailer(
          db,
          await smtpTransport(config.smtpUrl, config.mailFrom, {
            connectionTimeoutMs: config.smtpConnectionTimeoutMs,
            greetingTimeoutMs: config.smtpGreetingTimeoutMs,
            socketTimeoutMs: config.smtpSocketTimeoutMs,
          }),
          (err) => app.log.error({ err }, 'mail delivery failed'),
          { publicUrl: config.publicUrl, everyMs: config.mailIntervalMs },
        );
      }
      const { startOversightJobs } = await import('./features/oversight/jobs.js');
      const stopJobs = startOversightJobs(db, (err) => app.log.error({ err }, 'oversight jobs failed'));
      // SIGTERM/SIGINT: stop the jobs and the mailer, fail the import checks in hand (app.close
      // runs their onClose), close the database, exit — within SHUTDOWN_GRACE_MS whatever hangs.
      const SHUTDOWN_GRACE_MS = 10_000;
      let closing = false;
      const close = async (signal: string) => {
        if (closing) process.exit(1); // a second signal: the operator means it
        closing = true;
        app.log.info(`${signal}: stopping`);
        setTimeout(() => {
          app.log.error('shutdown took too long; exiting');
          process.exit(1);
        }, SHUTDOWN_GRACE_MS).unref();
        try {
          stopJobs();
          // A send in hand finishes or its lease lapses and it is sent again: never wait for it long.
          await Promise.race([stopMailer(), new Promise((r) => setTimeout(r, 3000).unref())]);
          await app.close();
        } catch (err) {
          app.log.error({ err }, 'shutdown');
        }
        await db.close().catch((err) => app.log.error({ err }, 'closing the database'));
        process.exit(0);
      };
      process.on('SIGINT', () => void close('SIGINT'));
      process.on('SIGTERM', () => void close('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      console.log(`chibo đang chạy tại http://localhost:${config.port} (CSDL: ${db.kind})`);
      return;
    }
    case 'run-jobs': {
      const { runOversightJobs } = await import('./features/oversight/jobs.js');
      const out = await withDb((db) => runOversightJobs(db));
      console.log(
        `Đã cập nhật ${out.statusRows} dòng tình hình chi bộ; cảnh báo: mở mới ${out.opened}, đã xử lý ${out.resolved}, đang mở ${out.open}.`,
      );
      return;
    }
    case 'migrate': {
      const applied = await withDb(async (_db, done) => done);
      console.log(
        applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.',
      );
      return;
    }
    case 'backup':
    case 'restore': {
      const file = positionals[0];
      if (!file) throw new Error(`Cách dùng: chibo ${command} FILE`);
      const { backupCommand, restoreCommand } = await import('./features/backup/commands.js');
      const config = loadConfig(process.env);
      const print = (line: string) => console.log(line);
      process.exitCode =
        command === 'backup'
          ? await backupCommand(config, file, print)
          : await restoreCommand(config, file, { unverified: values.unverified ?? false }, print);
      return;
    }
    case 'bench-data': {
      const { benchOptionsFrom, generateBenchData } = await import('./features/demo/bench-data/index.js');
      const opts = benchOptionsFrom(values);
      await withDb((db) => generateBenchData(db, opts, (line) => console.log(line)));
      return;
    }
    case 'verify': {
      const { reportLines, verifyIntegrity } = await import('./features/integrity/verify.js');
      const report = await withDb(async (db) => {
        if (!values.unit) return verifyIntegrity(db);
        const [u] = await db.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
          Number(values.unit),
        ]);
        if (!u) throw new Error(`Không có đơn vị #${values.unit}.`);
        return verifyIntegrity(db, [`${u.path}%`]);
      });
      for (const line of reportLines(report)) console.log(line);
      process.exitCode = report.ok ? 0 : 1;
      return;
    }
    case 'seed': {
      if (!values.demo) throw new Error('Hãy dùng: chibo seed --demo');
      const { seedDemoIfEmpty } = await import('./features/demo/seed.js');
      const seeded = await withDb((db) => seedDemoIfEmpty(db));
      console.log(
        seeded
          ? `Đã tạo tổ chức mẫu: ${seeded.units} đơn vị, ${seeded.members} đảng viên. Tài khoản: quantri, danguy, bithu1, dangvien1, giamsat1 (mật khẩu chibo-demo)`
          : 'Cơ sở dữ liệu đã có dữ liệu, không tạo tổ chức mẫu.',
      );
      return;
    }
    case 'create-admin': {
      if (!values.username || !values.password) throw new Error('Cần --username và --password');
      const { createAdmin } = await import('./features/users/admin.js');
      const out = await withDb((db) =>
        createAdmin(db, {
          username: values.username!,
          password: values.password!,
          displayName: values.name,
          unitId: values.unit ? Number(values.unit) : undefined,
        }),
      );
      console.log(`Đã tạo tài khoản quản trị "${values.username}" trên đơn vị #${out.unitId}.`);
      return;
    }
    case 'import-members': {
      const file = positionals[0];
      if (!file || !values.unit)
        throw new Error('Cách dùng: chibo import-members FILE --unit ID [--dry-run]');
      const { importMembersCli } = await import('./features/members/import-cli.js');
      const { importLimitsFrom } = await import('./features/members/imports.js');
      const code = await withDb((db) =>
        importMembersCli(db, {
          bytes: readFileSync(file),
          fileName: path.basename(file),
          unitId: Number(values.unit),
          dryRun: values['dry-run'] ?? false,
          asUsername: values.as,
          print: (line: string) => console.log(line),
          limits: importLimitsFrom(loadConfig(process.env)),
        }),
      );
      process.exitCode = code;
      return;
    }
    case 'export-members': {
      if (!values.unit) throw new Error('Cách dùng: chibo export-members --unit ID [--out FILE]');
      const { exportMembersFile } = await import('./features/members/export.js');
      // Streamed to the file in batches, without any limit (ADR 028).
      const out = await withDb((db) =>
        exportMembersFile(db, { unitId: Number(values.unit), date: values.date, out: values.out }),
      );
      console.log(`Đã xuất ${out.count.toLocaleString('vi-VN')} đảng viên ra ${out.path}`);
      return;
    }
    default:
      console.log(HELP);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
