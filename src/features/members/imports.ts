/**
 * Member import as a job: upload → validate (in the background, with progress) → preview →
 * commit all-or-nothing in one transaction. Re-importing the same file changes nothing.
 *
 * The job row (`member_imports`) holds the errors and the preview, its chunks
 * (`member_import_chunks`) the plan, so any app process can answer the progress poll and any can
 * commit; the file itself is not kept (personal data). The check runs in a worker thread and
 * the server keeps answering meanwhile (ADR 018).
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/executor.js';
import { describeZipRefusal, inspectZip } from '../../documents/zip-guard.js';
import { todayIso } from '../../domain/format.js';
import { type Actor, authorize, can } from '../../server/access.js';
import { AppError, ERRORS, type ErrorCode, notFound } from '../../server/errors.js';
import { assertRefusalBudget } from '../../server/refusals.js';
import { isCellKind } from '../org/labels.js';
import { rulePackForUnit, type UnitRow, visibleUnit } from '../org/service.js';
import { applyPlan, storedPlanParts } from './import/apply.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits, type StoredPlan } from './import/check.js';
import { lookupCandidates } from './import/lookup.js';
import { CheckAborted, type CheckResult, checkOffThread } from './import/off-thread.js';
import { shownChanges } from './import/present.js';
import {
  auditHiddenCollisions,
  hiddenCollisions,
  mayShowHiddenCollisions,
  TOO_MANY_HIDDEN_COLLISIONS,
} from './import/refusals.js';
import type { RowIssue, ValidateContext } from './import/validate.js';

export { applyPlan, type PlanChunk } from './import/apply.js';
export type { ImportLimits, StoredPlan } from './import/check.js';

export type ImportStatus = 'validating' | 'ready' | 'invalid' | 'committing' | 'done' | 'failed';

interface ImportRow {
  id: number;
  unit_id: number;
  unit_path: string;
  created_by: number | null;
  file_name: string;
  file_sha256: string;
  status: ImportStatus;
  total_rows: number;
  processed: number;
  summary: Record<string, unknown> | null;
  errors: { errors: RowIssue[]; warnings: RowIssue[]; fileError?: string; fileErrorCode?: string } | null;
  plan: StoredPlan | null;
  created_at: Date;
  finished_at: Date | null;
}

const COLS = `i.id, i.unit_id, u.path AS unit_path, i.created_by, i.file_name, i.file_sha256, i.status, i.total_rows,
  i.processed, i.summary, i.errors, i.plan, i.created_at, i.finished_at`;

async function findImport(ex: Executor, id: number): Promise<ImportRow | undefined> {
  const [row] = await ex.query<ImportRow>(
    `SELECT ${COLS} FROM member_imports i JOIN org_units u ON u.id = i.unit_id WHERE i.id = $1`,
    [id],
  );
  return row;
}

export async function visibleImport(ex: Executor, actor: Actor, id: number): Promise<ImportRow> {
  const row = await findImport(ex, id);
  if (!row || !can(actor, 'unit.read', row.unit_path)) throw notFound('bản nhập');
  authorize(actor, 'member.import', row.unit_path, 'bản nhập');
  return row;
}

/** The cells of a unit's subtree (or the cell itself), which rows may name in "Chi bộ". */
async function cellsOf(ex: Executor, unit: UnitRow) {
  return ex.query<{ id: number; name: string }>(
    `SELECT id, name FROM org_units WHERE path LIKE $1 AND kind IN ('chi_bo', 'chi_bo_co_so') AND archived_at IS NULL`,
    [`${unit.path}%`],
  );
}

export interface ValidationOutcome {
  totalRows: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  plan: StoredPlan;
  fileError?: string;
  fileErrorCode?: string;
}

/** What validation needs from the database besides the candidates: the cells and the pack's rules. */
async function validateContext(ex: Executor, unit: UnitRow, today: string): Promise<ValidateContext> {
  const cells = await cellsOf(ex, unit);
  const { membership } = await rulePackForUnit(ex, unit.path, today);
  return {
    cells,
    ...(isCellKind(unit.kind) ? { defaultCellId: unit.id } : {}),
    today,
    rules: {
      minAdmissionAge: membership.minAdmissionAge,
      probationMonths: membership.probationMonths,
      earlyRecognition: membership.earlyRecognition,
    },
  };
}

/**
 * Parses, validates and plans a file against the database, writing nothing. The work runs in a
 * worker thread (ADR 018); the whole plan comes back, for the CLI and the benchmarks. The web
 * job stores it chunk by chunk instead (`runValidation`).
 */
export async function validateImport(
  ex: Executor,
  actor: Actor | null,
  unit: UnitRow,
  bytes: Buffer,
  fileName: string,
  onProgress: (processed: number, total: number) => Promise<void> = async () => {},
  today = todayIso(),
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ValidationOutcome> {
  const plan: StoredPlan = { create: [], update: [], unchanged: [] };
  const result = await checkOffThread(
    { bytes, fileName, ctx: await validateContext(ex, unit, today), limits },
    {
      lookup: (keys) => lookupCandidates(ex, actor, keys),
      progress: onProgress,
      part: async (part) => {
        const target: unknown[] = plan[part.kind];
        for (const item of JSON.parse(part.items) as unknown[]) target.push(item);
      },
    },
  );
  await onProgress(result.totalRows, result.totalRows);
  return {
    totalRows: result.totalRows,
    errors: result.errors,
    warnings: result.warnings,
    plan,
    ...(result.fileError ? { fileError: result.fileError } : {}),
    ...(result.fileErrorCode ? { fileErrorCode: result.fileErrorCode } : {}),
  };
}

/** The limits an operator sets (IMPORT_MAX_ROWS, IMPORT_MAX_UNZIPPED_MB). */
export function importLimitsFrom(
  config: Pick<Config, 'importMaxRows' | 'importMaxUnzippedMb'>,
): ImportLimits {
  return {
    maxRows: config.importMaxRows,
    maxUnzippedBytes: Math.round(config.importMaxUnzippedMb * 1024 * 1024),
  };
}

export function summarize(o: Pick<ValidationOutcome, 'plan' | 'errors' | 'warnings'>) {
  return {
    create: o.plan.create.length,
    update: o.plan.update.length,
    unchanged: o.plan.unchanged.length,
    errors: o.errors.length,
    warnings: o.warnings.length,
  };
}

/**
 * How many errors and warnings a job keeps to show (the summary counts them all): a file wrong on
 * every one of 100 000 rows must not become a 25 MB answer to every progress poll.
 * `chibo import-members --dry-run` lists them all.
 */
export const LISTED_ISSUES = 1000;
/** A job's lease: renewed while this process holds the job; once it lapses, the job is failed. */
const LEASE_SECONDS = 120;
const LEASE_RENEW_MS = 20_000;

/**
 * The member-import jobs of one app process: a queue checked one file at a time (a province
 * file needs ~1 GB in its worker), leases renewed for the jobs held here, and a stop that ends
 * every check at once (server shutdown) and marks its job failed.
 */
export interface ImportJobs {
  readonly limits: ImportLimits;
  enqueue(task: ImportTask): void;
  /** Stops the checks and fails their jobs; resolves when every job is settled. */
  stop(): Promise<void>;
}

interface ImportTask {
  id: number;
  actor: Actor;
  unit: UnitRow;
  file: { bytes: Buffer; fileName: string };
  log: (err: unknown) => void;
  /** Where the upload came from, for the audit rows the check writes. */
  ip?: string | undefined;
}

export function createImportJobs(
  db: Db,
  opts: { limits?: ImportLimits; concurrency?: number; onError?: (err: unknown) => void } = {},
): ImportJobs {
  const limits = opts.limits ?? DEFAULT_IMPORT_LIMITS;
  const concurrency = opts.concurrency ?? 1;
  const waiting: ImportTask[] = [];
  const running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  const stopping = new AbortController();
  let stopped = false;

  const held = () => [...waiting.map((t) => t.id), ...running.keys()];
  const renew = setInterval(() => {
    const ids = held();
    if (ids.length === 0) return;
    db.query(
      `UPDATE member_imports SET lease_until = now() + make_interval(secs => $2) WHERE id = ANY($1::int[]) AND status = 'validating'`,
      [ids, LEASE_SECONDS],
    ).catch((err) => opts.onError?.(err));
  }, LEASE_RENEW_MS);
  renew.unref();
  // Jobs of another process that died (PostgreSQL, several app processes): failed once their lease lapses.
  const sweep = setInterval(() => {
    failInterruptedImports(db, { expiredOnly: true }).catch((err) => opts.onError?.(err));
  }, LEASE_SECONDS * 1000);
  sweep.unref();

  const next = () => {
    while (!stopped && running.size < concurrency && waiting.length > 0) {
      const task = waiting.shift()!;
      const abort = new AbortController();
      const done = runValidation(db, task, limits, abort.signal)
        .catch(async (err) => {
          const interrupted = err instanceof CheckAborted && err.reason === 'stopped';
          if (!interrupted) task.log(err);
          await failJob(db, task.id, interrupted ? 'IMPORT_INTERRUPTED' : failureCode(err)).catch((e) =>
            opts.onError?.(e),
          );
        })
        .finally(() => {
          running.delete(task.id);
          next();
        });
      running.set(task.id, { abort, done });
    }
  };

  return {
    limits,
    enqueue(task) {
      if (stopped) {
        void failJob(db, task.id, 'IMPORT_INTERRUPTED').catch((e) => opts.onError?.(e));
        return;
      }
      waiting.push(task);
      setImmediate(next);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stopping.abort();
      clearInterval(renew);
      clearInterval(sweep);
      const queued = waiting.splice(0).map((t) => t.id);
      for (const r of running.values()) r.abort.abort();
      await Promise.all([
        ...[...running.values()].map((r) => r.done),
        ...queued.map((id) => failJob(db, id, 'IMPORT_INTERRUPTED').catch((e) => opts.onError?.(e))),
      ]);
    },
  };
}

function failureCode(err: unknown): ErrorCode {
  if (err instanceof CheckAborted && (err.reason === 'timeout' || err.reason === 'memory'))
    return 'IMPORT_CHECK_FAILED';
  return 'INTERNAL';
}

/** Marks a job failed with a Vietnamese reason (shown as the file's error) and drops its chunks. */
async function failJob(db: Db, id: number, code: ErrorCode): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM member_import_chunks WHERE import_id = $1', [id]);
    await tx.query(
      `UPDATE member_imports SET status = 'failed', finished_at = now(), lease_until = NULL, plan = NULL,
              errors = $2::jsonb
        WHERE id = $1 AND status IN ('queued', 'validating', 'committing')`,
      [
        id,
        JSON.stringify({ errors: [], warnings: [], fileError: ERRORS[code].message, fileErrorCode: code }),
      ],
    );
  });
}

/**
 * At start-up: jobs left in flight by a process that stopped (crash, restart, power cut) will
 * never finish; they are marked failed with a Vietnamese reason, so nobody waits on them. On
 * PGlite one process owns the data, so every job in flight is such a job; on PostgreSQL other
 * processes may be working, so only jobs whose lease has lapsed are (ADR 018).
 */
export async function failInterruptedImports(db: Db, opts: { expiredOnly: boolean }): Promise<number> {
  const rows = await db.transaction(async (tx) => {
    const ids = await tx.query<{ id: number }>(
      `UPDATE member_imports SET status = 'failed', finished_at = now(), lease_until = NULL, plan = NULL,
              errors = $2::jsonb
        WHERE status IN ('queued', 'validating', 'committing')
          AND (NOT $1::boolean OR lease_until IS NULL OR lease_until < now())
        RETURNING id`,
      [
        opts.expiredOnly,
        JSON.stringify({
          errors: [],
          warnings: [],
          fileError: ERRORS.IMPORT_INTERRUPTED.message,
          fileErrorCode: 'IMPORT_INTERRUPTED',
        }),
      ],
    );
    if (ids.length > 0)
      await tx.query('DELETE FROM member_import_chunks WHERE import_id = ANY($1::int[])', [
        ids.map((r) => r.id),
      ]);
    return ids;
  });
  return rows.length;
}

/** Starts an import job and validates it in the background; returns the job id at once. */
export async function startImport(
  db: Db,
  actor: Actor,
  unitId: number,
  file: { bytes: Buffer; fileName: string },
  log: (err: unknown) => void,
  jobs: ImportJobs,
  ip?: string,
): Promise<number> {
  const unit = await visibleUnit(db, actor, unitId);
  authorize(actor, 'member.import', unit.path);
  // A file carries identity numbers: while the account's hidden refusals of the hour are used
  // up, it waits like the member form does (429), whatever the file holds (ADR 015).
  await assertRefusalBudget(db, actor);
  refuseZipBomb(file.bytes, file.fileName, jobs.limits);
  const sha = createHash('sha256').update(file.bytes).digest('hex');
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO member_imports (unit_id, created_by, file_name, file_sha256, status, lease_until)
     VALUES ($1, $2, $3, $4, 'validating', now() + make_interval(secs => $5)) RETURNING id`,
    [unit.id, actor.userId, file.fileName.slice(0, 200), sha, LEASE_SECONDS],
  );
  jobs.enqueue({ id: row!.id, actor, unit, file, log, ip });
  return row!.id;
}

/**
 * What the archive declares is checked in the request, before a job exists: a zip bomb is
 * answered at once (413 ARCHIVE_TOO_LARGE). The worker checks the real content again.
 */
function refuseZipBomb(bytes: Buffer, fileName: string, limits: ImportLimits): void {
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (!isZip) return;
  const verdict = inspectZip(bytes, { maxUnzippedBytes: limits.maxUnzippedBytes });
  if (verdict.ok || verdict.reason === 'unreadable') return;
  throw new AppError('ARCHIVE_TOO_LARGE', describeZipRefusal(verdict, fileName, 'IMPORT_MAX_UNZIPPED_MB'), {
    ...verdict,
  });
}

async function runValidation(db: Db, task: ImportTask, limits: ImportLimits, signal: AbortSignal) {
  const { id, actor, unit, file } = task;
  const renewLease = `lease_until = now() + make_interval(secs => ${LEASE_SECONDS})`;
  let hidden = 0;
  const checked = await checkOffThread(
    { bytes: file.bytes, fileName: file.fileName, ctx: await validateContext(db, unit, todayIso()), limits },
    {
      lookup: async (keys) => {
        const found = await lookupCandidates(db, actor, keys);
        // Numbers held out of the importer's sight: audited per lookup, one statement each.
        const collisions = hiddenCollisions(keys, found);
        await auditHiddenCollisions(db, actor, { unitId: unit.id, importId: id, ip: task.ip }, collisions);
        hidden += collisions.length;
        return found;
      },
      progress: async (processed, total) => {
        await db.query(
          `UPDATE member_imports SET processed = $2, total_rows = $3, ${renewLease} WHERE id = $1`,
          [id, processed, total],
        );
      },
      part: async (part) => {
        if (part.kind === 'unchanged') return;
        // One chunk per statement: on PGlite each statement holds the only connection.
        await db.query(
          'INSERT INTO member_import_chunks (import_id, seq, kind, items) VALUES ($1, $2, $3, $4::jsonb)',
          [id, part.seq, part.kind, part.items],
        );
      },
    },
    { listLimit: LISTED_ISSUES, signal },
  );
  // Past the hourly budget the rows would tell which numbers are someone's: none is shown.
  const result: CheckResult = (await mayShowHiddenCollisions(db, actor, hidden))
    ? checked
    : {
        totalRows: checked.totalRows,
        fileError: TOO_MANY_HIDDEN_COLLISIONS,
        fileErrorCode: 'RATE_LIMITED',
        counts: { create: 0, update: 0, unchanged: 0, errors: 0, warnings: 0 },
        errors: [],
        warnings: [],
        preview: { create: [], update: [] },
      };
  const status: ImportStatus = result.fileError || result.counts.errors > 0 ? 'invalid' : 'ready';
  const preview: StoredPlan = { ...result.preview, unchanged: [] };
  await db.transaction(async (tx) => {
    // An invalid file is never committed: its plan is personal data kept for nothing.
    if (status === 'invalid') await tx.query('DELETE FROM member_import_chunks WHERE import_id = $1', [id]);
    await tx.query(
      `UPDATE member_imports SET status = $2, total_rows = $3, processed = $3, summary = $4, errors = $5, plan = $6,
              finished_at = now(), lease_until = NULL
        WHERE id = $1 AND status = 'validating'`,
      [
        id,
        status,
        result.totalRows,
        JSON.stringify(result.counts),
        JSON.stringify({
          errors: result.errors,
          warnings: result.warnings,
          fileError: result.fileError,
          fileErrorCode: result.fileErrorCode,
        }),
        JSON.stringify(preview),
      ],
    );
  });
}

/** Commits a ready import. The status check-and-set is atomic, so a double click commits once. */
export async function commitImport(db: Db, actor: Actor, id: number, ip?: string) {
  const job = await visibleImport(db, actor, id);
  if (job.status === 'invalid') throw new AppError('IMPORT_HAS_ERRORS');
  if (job.status !== 'ready') throw new AppError('IMPORT_NOT_READY');
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `UPDATE member_imports SET status = 'committing' WHERE id = $1 AND status = 'ready' RETURNING id`,
      [id],
    );
    if (claimed.length === 0) throw new AppError('IMPORT_NOT_READY');
    const result = await applyPlan(tx, actor, job.unit_id, storedPlanParts(tx, id, job.plan!), ip);
    // The rows now live in the registry; the job keeps its summary and preview only.
    await tx.query('DELETE FROM member_import_chunks WHERE import_id = $1', [id]);
    await tx.query(`UPDATE member_imports SET status = 'done', finished_at = now() WHERE id = $1`, [id]);
    return result;
  });
}

export function presentImport(row: ImportRow, cellNames: Map<number, string> = new Map()) {
  const plan = row.plan;
  return {
    id: row.id,
    unitId: row.unit_id,
    fileName: row.file_name,
    status: row.status,
    totalRows: row.total_rows,
    processed: row.processed,
    summary: row.summary,
    errors: row.errors?.errors ?? [],
    warnings: row.errors?.warnings ?? [],
    fileError: row.errors?.fileError,
    fileErrorCode: row.errors?.fileErrorCode,
    preview: plan
      ? {
          create: plan.create.slice(0, 500).map((r) => ({
            rowNumber: r.rowNumber,
            fullName: r.fullName,
            cellId: r.cellId,
            cellName: cellNames.get(r.cellId) ?? null,
          })),
          update: plan.update.slice(0, 500).map((u) => ({
            rowNumber: u.rowNumber,
            id: u.id,
            fullName: u.fullName ?? null,
            changes: u.changes,
            /** The same changes as people read them: Vietnamese labels and values. */
            shown: shownChanges(u.changes, cellNames),
          })),
        }
      : null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/** The job as the API shows it, with the names of the cells rows go to. */
export async function importView(ex: Executor, row: ImportRow) {
  const ids = [
    ...new Set([
      ...(row.plan?.create ?? []).map((r) => r.cellId),
      ...(row.plan?.update ?? []).flatMap((u) => {
        const c = u.changes.cellId;
        return c ? [Number(c.from), Number(c.to)] : [];
      }),
    ]),
  ];
  const names = ids.length
    ? await ex.query<{ id: number; name: string }>(
        'SELECT id, name FROM org_units WHERE id = ANY($1::int[])',
        [ids],
      )
    : [];
  return presentImport(row, new Map(names.map((n) => [n.id, n.name])));
}

export async function listImports(ex: Executor, unitId: number) {
  const rows = await ex.query<ImportRow>(
    `SELECT ${COLS} FROM member_imports i JOIN org_units u ON u.id = i.unit_id WHERE i.unit_id = $1 ORDER BY i.id DESC LIMIT 20`,
    [unitId],
  );
  return rows.map((r) => ({ ...presentImport(r), preview: null }));
}
