/**
 * The commands of `chibo` (ADR 033): each one's help and its body. Every module beyond node's
 * builtins is imported inside the command that needs it, so the help stays instant.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/executor.js';
import type { Command, Values } from './args.js';

/** The process environment, handed over by the entry (src/cli.ts reads process.env, nothing here). */
let cliEnv: NodeJS.ProcessEnv = {};
export function setCliEnvironment(env: NodeJS.ProcessEnv): void {
  cliEnv = env;
}

export const DB_ENV =
  'Cơ sở dữ liệu: DATABASE_URL (PostgreSQL) hoặc DATA_DIR (PGlite nhúng, mặc định ./data); ' +
  'DATABASE_OWNER_URL: vai trò sở hữu các bảng, dùng để cập nhật cấu trúc; ' +
  'RECORD_SECRET hoặc RECORD_KEY_FILE: khóa niêm phong biên bản (docs/operations.md).';

type Note = (level: 'warn' | 'info', message: string) => void;

/**
 * Migrated as the tables' owner, then the application's role and record key (ADR 017). What
 * opening has to tell goes to the terminal, or to `note` (serve: its JSON log, ADR 034).
 */
async function openForApp(config: Config, note?: Note) {
  const { openAppDb } = await import('../db/connect.js');
  return openAppDb({
    databaseUrl: config.databaseUrl,
    databaseOwnerUrl: config.databaseOwnerUrl,
    databasePoolMax: config.databasePoolMax,
    databaseReplicaUrl: config.databaseReplicaUrl,
    dataDir: config.dataDir,
    recordSecret: config.recordSecret,
    recordKeyFile: config.recordKeyFile,
    warn: (m) => (note ? note('warn', m) : console.warn(`CẢNH BÁO: ${m}`)),
    info: (m) => (note ? note('info', m) : console.log(m)),
  });
}

async function config(): Promise<Config> {
  const { loadConfig } = await import('../config.js');
  return loadConfig(cliEnv);
}

async function withDb<T>(fn: (db: Db, applied: string[]) => Promise<T>): Promise<T> {
  const { db, applied } = await openForApp(await config());
  try {
    return await fn(db, applied);
  } finally {
    await db.close();
  }
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

async function serve(values: Values) {
  const cfg = await config();
  // The server writes nothing but its JSON log (ADR 034): what comes before the logger exists
  // waits for it, and is printed plainly only if the server never gets that far.
  const notes: [level: 'warn' | 'info', message: string][] = [];
  const { db, roleNotes } = await openForApp(cfg, (level, m) => notes.push([level, m]));
  for (const note of roleNotes) notes.push(['warn', note]);
  let app: Awaited<ReturnType<typeof import('../server/app.js').buildApp>>;
  try {
    if (values.demo) {
      const { seedDemoIfEmpty } = await import('../features/demo/seed.js');
      const seeded = await seedDemoIfEmpty(db);
      if (seeded)
        notes.push([
          'info',
          `Đã tạo tổ chức mẫu: ${seeded.units} đơn vị, ${seeded.members} đảng viên. Mật khẩu mẫu: chibo-demo`,
        ]);
    }
    const { buildApp } = await import('../server/app.js');
    app = await buildApp({ config: cfg, db });
  } catch (err) {
    for (const [level, m] of notes) console.warn(level === 'warn' ? `CẢNH BÁO: ${m}` : m);
    await db.close().catch(() => {});
    throw err;
  }
  for (const [level, m] of notes) app.log[level](m);
  // Imports cut short by the last stop will never finish: failed, with a reason (ADR 018).
  const { failInterruptedImports } = await import('../features/members/imports.js');
  const interrupted = await failInterruptedImports(db, { expiredOnly: db.kind === 'postgres' });
  if (interrupted > 0)
    app.log.warn(`${interrupted} member import(s) interrupted by the last stop marked failed`);
  let stopMailer: () => Promise<void> = async () => {};
  if (cfg.smtpUrl) {
    const { smtpTransport, startMailer } = await import('../features/notifications/mailer.js');
    stopMailer = startMailer(
      db,
      await smtpTransport(cfg.smtpUrl, cfg.mailFrom, {
        connectionTimeoutMs: cfg.smtpConnectionTimeoutMs,
        greetingTimeoutMs: cfg.smtpGreetingTimeoutMs,
        socketTimeoutMs: cfg.smtpSocketTimeoutMs,
      }),
      (err) => app.log.error({ err }, 'mail delivery failed'),
      { publicUrl: cfg.publicUrl, everyMs: cfg.mailIntervalMs },
    );
  }
  const { startOversightJobs } = await import('../features/oversight/jobs.js');
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
  await app.listen({ port: cfg.port, host: cfg.host });
  app.log.info(`chibo đang chạy tại http://localhost:${cfg.port} (CSDL: ${db.kind})`);
}

async function migrateCommand() {
  const { migrationNames } = await import('../db/migrate.js');
  const applied = await withDb(async (_db, done) => done);
  if (applied.length === 0) {
    const known = migrationNames();
    console.log(
      `Cơ sở dữ liệu đã ở phiên bản mới nhất (${known.length} bản cập nhật cấu trúc, mới nhất: ${[...known].sort().at(-1)}); không có gì để áp dụng.`,
    );
    return;
  }
  console.log(`Đã áp dụng ${applied.length} bản cập nhật cấu trúc cơ sở dữ liệu:`);
  for (const name of applied) console.log(`  ${name}`);
}

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'Chạy máy chủ web (cập nhật cấu trúc cơ sở dữ liệu trước nếu cần)',
    usage: '[--demo]',
    about:
      'Cập nhật cấu trúc cơ sở dữ liệu nếu còn thiếu, rồi phục vụ ứng dụng web và API tại cổng PORT, ' +
      'chạy các công việc định kỳ (tình hình chi bộ, cảnh báo mỗi 15 phút) và gửi thư khi có SMTP_URL. ' +
      'Dừng bằng Ctrl-C hoặc SIGTERM (tối đa 10 giây).',
    options: {
      demo: {
        type: 'boolean',
        help: 'Khi cơ sở dữ liệu còn trống: tạo tổ chức mẫu và 5 tài khoản mẫu (mật khẩu chibo-demo). Không dùng với dữ liệu thật.',
      },
    },
    env:
      `${DB_ENV}\nMáy chủ: PORT (mặc định 3000), HOST (mặc định 0.0.0.0), PUBLIC_URL, LOG_LEVEL, TRUST_PROXY, ` +
      'SECURE_COOKIES, SMTP_URL, MAIL_FROM; danh sách đầy đủ trong docs/operations.md.',
    run: (values) => serve(values),
  },
  migrate: {
    summary: 'Cập nhật cấu trúc cơ sở dữ liệu và liệt kê các bản đã áp dụng',
    usage: '',
    about:
      'Áp dụng theo thứ tự các bản cập nhật cấu trúc còn thiếu và liệt kê từng bản đã áp dụng. ' +
      'Chạy lại bao nhiêu lần cũng được: khi không còn gì để áp dụng, lệnh báo cơ sở dữ liệu đã ở phiên bản mới nhất. ' +
      'Với PostgreSQL, lệnh kết nối bằng vai trò sở hữu các bảng (DATABASE_OWNER_URL).',
    options: {},
    env: DB_ENV,
    run: () => migrateCommand(),
  },
  verify: {
    summary: 'Kiểm tra toàn vẹn biên bản đã thông qua và điểm đã xác nhận',
    usage: '[--unit ID]',
    about:
      'Tính lại mã kiểm tra của mọi biên bản đã thông qua và điểm đã xác nhận, kiểm tra chuỗi niêm phong. ' +
      'Mã thoát 0 khi mọi bản ghi đều khớp, 1 khi có sai lệch.',
    options: {
      unit: {
        type: 'string',
        value: 'ID',
        id: true,
        help: 'Chỉ kiểm tra đơn vị ID và các đơn vị trực thuộc',
      },
    },
    env: DB_ENV,
    async run(values) {
      const { reportLines, verifyIntegrity } = await import('../features/integrity/verify.js');
      const unit = str(values.unit);
      const report = await withDb(async (db) => {
        if (!unit) return verifyIntegrity(db);
        const [u] = await db.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
          Number(unit),
        ]);
        if (!u) throw new Error(`Không có đơn vị #${unit}.`);
        return verifyIntegrity(db, [`${u.path}%`]);
      });
      for (const line of reportLines(report)) console.log(line);
      process.exitCode = report.ok ? 0 : 1;
    },
  },
  'run-jobs': {
    summary: 'Cập nhật tình hình chi bộ theo tháng và chạy cảnh báo ngay',
    usage: '',
    about:
      'Chạy ngay một lượt công việc định kỳ mà máy chủ tự chạy mỗi 15 phút: cập nhật các dòng tình hình chi bộ ' +
      'theo tháng, mở cảnh báo mới và đóng cảnh báo đã được xử lý.',
    options: {},
    env: DB_ENV,
    async run() {
      const { runOversightJobs } = await import('../features/oversight/jobs.js');
      const out = await withDb((db) => runOversightJobs(db));
      console.log(
        `Đã cập nhật ${out.statusRows} dòng tình hình chi bộ; cảnh báo: mở mới ${out.opened}, đã xử lý ${out.resolved}, đang mở ${out.open}.`,
      );
    },
  },
  seed: {
    summary: 'Tạo tổ chức mẫu và các tài khoản mẫu để dùng thử',
    usage: '--demo',
    about:
      'Khi cơ sở dữ liệu còn trống: tạo tổ chức mẫu (Đảng bộ phường An Hội, các chi bộ, đảng viên) và 5 tài khoản ' +
      'quantri, danguy, bithu1, dangvien1, giamsat1 với mật khẩu chibo-demo. Không dùng với dữ liệu thật.',
    options: { demo: { type: 'boolean', help: 'Tạo tổ chức mẫu (bắt buộc)' } },
    required: ['demo'],
    env: DB_ENV,
    async run() {
      const { seedDemoIfEmpty } = await import('../features/demo/seed.js');
      const seeded = await withDb((db) => seedDemoIfEmpty(db));
      console.log(
        seeded
          ? `Đã tạo tổ chức mẫu: ${seeded.units} đơn vị, ${seeded.members} đảng viên. Tài khoản: quantri, danguy, bithu1, dangvien1, giamsat1 (mật khẩu chibo-demo)`
          : 'Cơ sở dữ liệu đã có dữ liệu, không tạo tổ chức mẫu.',
      );
    },
  },
  'create-admin': {
    summary: 'Tạo tài khoản quản trị (tạo đơn vị gốc nếu cơ sở dữ liệu trống)',
    usage: '--username U --password P [--name "Họ tên"] [--unit ID]',
    about:
      'Tạo một tài khoản quản trị trên đơn vị ID, mặc định là đơn vị gốc; khi cơ sở dữ liệu chưa có đơn vị nào, ' +
      'tạo đơn vị gốc "Đảng bộ (đơn vị gốc)" để đổi tên sau.',
    options: {
      username: { type: 'string', value: 'U', help: 'Tên đăng nhập' },
      password: { type: 'string', value: 'P', help: 'Mật khẩu (ít nhất 8 ký tự)' },
      name: { type: 'string', value: '"Họ tên"', help: 'Tên hiển thị (mặc định: Quản trị hệ thống)' },
      unit: { type: 'string', value: 'ID', id: true, help: 'Đơn vị được quản trị (mặc định: đơn vị gốc)' },
    },
    required: ['username', 'password'],
    env: DB_ENV,
    async run(values) {
      const { createAdmin } = await import('../features/users/admin.js');
      const username = str(values.username)!;
      const unit = str(values.unit);
      const out = await withDb((db) =>
        createAdmin(db, {
          username,
          password: str(values.password)!,
          displayName: str(values.name),
          unitId: unit ? Number(unit) : undefined,
        }),
      );
      console.log(`Đã tạo tài khoản quản trị "${username}" trên đơn vị #${out.unitId}.`);
    },
  },
  'import-members': {
    summary: 'Nhập đảng viên từ tệp .xlsx/.csv vào một đơn vị',
    usage: 'FILE --unit ID [--dry-run] [--as USERNAME]',
    about:
      'Kiểm tra tệp FILE (.xlsx hoặc .csv, theo mẫu của trang Nhập đảng viên) rồi thêm mới, cập nhật đảng viên ' +
      'của đơn vị ID: nhập tất cả hoặc không dòng nào. Mã thoát 1 khi tệp có lỗi (các dòng lỗi được in ra), ' +
      '2 khi không có đơn vị hoặc tài khoản đã nêu.',
    options: {
      unit: { type: 'string', value: 'ID', id: true, help: 'Đơn vị nhận đảng viên' },
      'dry-run': { type: 'boolean', help: 'Chỉ kiểm tra tệp, không ghi gì' },
      as: { type: 'string', value: 'USERNAME', help: 'Ghi vào nhật ký kiểm toán là do tài khoản này nhập' },
    },
    positionals: ['FILE'],
    required: ['unit'],
    env: `${DB_ENV}\nGiới hạn: IMPORT_MAX_ROWS (mặc định 20.000 dòng), IMPORT_MAX_UNZIPPED_MB (mặc định 50).`,
    async run(values, [file]) {
      const { importMembersCli } = await import('../features/members/import-cli.js');
      const { importLimitsFrom } = await import('../features/members/imports.js');
      const cfg = await config();
      const code = await withDb((db) =>
        importMembersCli(db, {
          bytes: readFileSync(file!),
          fileName: path.basename(file!),
          unitId: Number(values.unit),
          dryRun: values['dry-run'] === true,
          asUsername: str(values.as),
          print: (line: string) => console.log(line),
          limits: importLimitsFrom(cfg),
        }),
      );
      process.exitCode = code;
    },
  },
  'export-members': {
    summary: 'Xuất danh sách đảng viên của một đơn vị ra tệp .xlsx',
    usage: '--unit ID [--out FILE] [--date YYYY-MM-DD]',
    about:
      'Ghi danh sách đảng viên của đơn vị ID và các đơn vị trực thuộc ra tệp .xlsx, không giới hạn số dòng ' +
      '(ghi dần từng phần). Lượt xuất được ghi vào nhật ký kiểm toán.',
    options: {
      unit: { type: 'string', value: 'ID', id: true, help: 'Đơn vị cần xuất' },
      out: {
        type: 'string',
        value: 'FILE',
        help: 'Tệp ghi ra (mặc định: tên theo đơn vị và ngày, ở thư mục hiện tại)',
      },
      date: { type: 'string', value: 'YYYY-MM-DD', help: 'Danh sách tại ngày này (mặc định: hôm nay)' },
    },
    required: ['unit'],
    env: DB_ENV,
    async run(values) {
      const { exportMembersFile } = await import('../features/members/export.js');
      // Streamed to the file in batches, without any limit (ADR 028).
      const out = await withDb((db) =>
        exportMembersFile(db, { unitId: Number(values.unit), date: str(values.date), out: str(values.out) }),
      );
      console.log(`Đã xuất ${out.count.toLocaleString('vi-VN')} đảng viên ra ${out.path}`);
    },
  },
  backup: {
    summary: 'Sao lưu toàn bộ dữ liệu vào một tệp',
    usage: 'FILE',
    about:
      'Ghi toàn bộ dữ liệu vào FILE (nén gzip) và in số dòng, mã kiểm tra sha256 của từng bảng. ' +
      'PostgreSQL: chạy được khi máy chủ đang chạy; PGlite: chỉ khi máy chủ đã dừng. ' +
      'Tệp khóa niêm phong (RECORD_KEY_FILE) phải được sao lưu riêng, cất cùng bản sao lưu.',
    options: {},
    positionals: ['FILE'],
    env: DB_ENV,
    async run(_values, [file]) {
      const { backupCommand } = await import('../features/backup/commands.js');
      process.exitCode = await backupCommand(await config(), file!, (line) => console.log(line));
    },
  },
  restore: {
    summary: 'Khôi phục một bản sao lưu vào cơ sở dữ liệu trống',
    usage: 'FILE [--unverified]',
    about:
      'Nạp FILE vào một cơ sở dữ liệu trống, rồi kiểm tra số dòng, mã kiểm tra của từng bảng và chuỗi niêm phong ' +
      'biên bản. Cần khóa niêm phong của máy chủ đã sao lưu (đặt tệp khóa vào DATA_DIR hoặc RECORD_SECRET như cũ). ' +
      'Mã thoát 1 khi không khôi phục được hoặc dữ liệu không qua kiểm tra toàn vẹn.',
    options: {
      unverified: {
        type: 'boolean',
        help: 'Vẫn nạp khi dữ liệu không qua kiểm tra toàn vẹn (để điều tra; dấu hiệu hỏng được giữ nguyên)',
      },
    },
    positionals: ['FILE'],
    env: DB_ENV,
    async run(values, [file]) {
      const { restoreCommand } = await import('../features/backup/commands.js');
      process.exitCode = await restoreCommand(
        await config(),
        file!,
        { unverified: values.unverified === true },
        (line) => console.log(line),
      );
    },
  },
  'bench-data': {
    summary: 'Ghi một tỉnh thử tải (dữ liệu giả) để đo hiệu năng',
    usage: '[--cells 9600] [--scale 1] [--years 5] [--seed 1] [--force]',
    about:
      'Ghi một tỉnh giả với các đảng bộ, chi bộ, đảng viên và nhiều năm sinh hoạt, để đo hiệu năng ở quy mô tỉnh. ' +
      'Chỉ vào cơ sở dữ liệu trống (trừ khi có --force). Không dùng với dữ liệu thật.',
    options: {
      cells: { type: 'string', value: 'N', help: 'Số chi bộ, 1–100.000 (mặc định 9.600 × hệ số quy mô)' },
      scale: { type: 'string', value: 'X', help: 'Hệ số quy mô, 0,001–10 (mặc định 1)' },
      years: { type: 'string', value: 'N', help: 'Số năm sinh hoạt, 1–10 (mặc định 5)' },
      seed: { type: 'string', value: 'N', help: 'Hạt giống ngẫu nhiên, 1–1.000.000 (mặc định 1)' },
      force: { type: 'boolean', help: 'Thêm bên cạnh một tỉnh thử tải đã có' },
    },
    env: DB_ENV,
    async run(values) {
      const { benchOptionsFrom, generateBenchData } = await import('../features/demo/bench-data/index.js');
      const opts = benchOptionsFrom({
        cells: str(values.cells),
        scale: str(values.scale),
        years: str(values.years),
        seed: str(values.seed),
        force: values.force === true,
      });
      await withDb((db) => generateBenchData(db, opts, (line) => console.log(line)));
    },
  },
};

/** `-h` and `-v` on every command, beside its own options. */
