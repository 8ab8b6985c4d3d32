import type { Db } from '../../db/executor.js';
import { formatNumber, todayIso } from '../../domain/format.js';
import type { Actor } from '../../server/access.js';
import { findUnit } from '../org/service.js';
import { applyPlan, type ImportLimits, summarize, validateImport } from './imports.js';

/**
 * `chibo import-members FILE --unit ID [--dry-run] [--as USERNAME]`: the same validation and
 * all-or-nothing commit as the web import, for an operator on the server. Returns the exit code.
 */
export async function importMembersCli(
  db: Db,
  opts: {
    bytes: Buffer;
    fileName: string;
    unitId: number;
    dryRun: boolean;
    asUsername?: string;
    print: (line: string) => void;
    /** IMPORT_MAX_ROWS / IMPORT_MAX_UNZIPPED_MB, as for the web import. */
    limits?: ImportLimits;
  },
): Promise<number> {
  const { print } = opts;
  const unit = await findUnit(db, opts.unitId);
  if (!unit) {
    print(`Không tìm thấy đơn vị #${opts.unitId}.`);
    return 2;
  }
  let actor: Actor | null = null;
  if (opts.asUsername) {
    const [u] = await db.query<{ id: number; display_name: string }>(
      'SELECT id, display_name FROM users WHERE username = $1',
      [opts.asUsername],
    );
    if (!u) {
      print(`Không tìm thấy tài khoản "${opts.asUsername}".`);
      return 2;
    }
    // Attribution only: the operator on the server is trusted with the whole database.
    actor = {
      userId: u.id,
      username: opts.asUsername,
      displayName: u.display_name,
      memberId: null,
      grants: [],
      sessionId: '',
      csrfToken: '',
    };
  }
  print(`Đang kiểm tra ${opts.fileName} cho "${unit.name}"…`);
  const outcome = await validateImport(
    db,
    null,
    unit,
    opts.bytes,
    opts.fileName,
    async (done, total) => {
      print(`  … ${formatNumber(done)}/${formatNumber(total)} dòng`);
    },
    todayIso(),
    opts.limits,
  );
  if (outcome.fileError) {
    print(`Lỗi tệp: ${outcome.fileError}`);
    return 1;
  }
  for (const e of outcome.errors)
    print(`Dòng ${e.row}, cột ${e.column}${e.columnLetter ? ` (${e.columnLetter})` : ''}: ${e.message}`);
  for (const w of outcome.warnings) print(`Lưu ý — dòng ${w.row}, cột ${w.column}: ${w.message}`);
  const s = summarize(outcome);
  print(
    `Tổng ${formatNumber(outcome.totalRows)} dòng: thêm mới ${s.create}, cập nhật ${s.update}, không đổi ${s.unchanged}, lỗi ${s.errors}.`,
  );
  if (outcome.errors.length > 0) {
    print('Không ghi gì vào hệ thống: hãy sửa các dòng lỗi rồi nhập lại (nhập tất cả hoặc không dòng nào).');
    return 1;
  }
  if (opts.dryRun) {
    print('Chạy thử (--dry-run): không ghi gì vào hệ thống.');
    return 0;
  }
  const result = await db.transaction((tx) => applyPlan(tx, actor, unit.id, outcome.plan));
  print(`Đã ghi: thêm mới ${result.created}, cập nhật ${result.updated}.`);
  return 0;
}
