/**
 * Background exports (issue 12, ADR 028): a job row per export, claimed `FOR UPDATE SKIP LOCKED`
 * under a lease by whichever app process is free, written to a file in the export directory
 * (shared by every process on one PostgreSQL), downloaded by its requester, deleted after
 * `exportKeepHours`. A lease that lapses (the process died) puts the job back in the queue; after
 * MAX_ATTEMPTS it is failed with a Vietnamese reason.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Config } from '../../config.js';
import type { Db, Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { AppError, notFound } from '../../server/errors.js';
import { loadGrants } from '../auth/service.js';
import { findUnit, type UnitRow } from '../org/service.js';
import { countExportMembers } from './member-rows.js';
import { ExportStopped, membersFileName, writeMembersXlsx } from './members-writer.js';

export const EXPORT_KINDS = ['members'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportState = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface ExportJobRow {
  id: number;
  kind: ExportKind;
  org_unit_id: number;
  unit_name: string;
  requested_by: number;
  params: { date: string };
  state: ExportState;
  rows_done: number;
  rows_total: number | null;
  file_name: string | null;
  file_path: string | null;
  bytes: string | number | null;
  sha256: string | null;
  error: string | null;
  attempts: number;
  claim_token: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  expires_at: Date | string | null;
}

/** A lease of this length, renewed after every batch; a batch takes well under a second. */
export const LEASE_SECONDS = 60;
export const MAX_ATTEMPTS = 3;
export const FAILED_MESSAGE = 'Không xuất được tệp do lỗi máy chủ. Hãy thử xuất lại.';
export const INTERRUPTED_MESSAGE =
  'Máy chủ đã dừng nhiều lần khi đang xuất tệp này, nên việc xuất đã dừng. Hãy thử xuất lại.';

const JOB_COLS = `j.id, j.kind, j.org_unit_id, u.name AS unit_name, j.requested_by, j.params, j.state, j.rows_done,
  j.rows_total, j.file_name, j.file_path, j.bytes, j.sha256, j.error, j.attempts, j.claim_token,
  j.created_at, j.started_at, j.finished_at, j.expires_at`;

export function exportDirOf(config: Pick<Config, 'exportDir' | 'dataDir'>): string {
  return path.resolve(config.exportDir ?? path.join(config.dataDir, 'exports'));
}

const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());

export function presentJob(j: ExportJobRow) {
  return {
    id: j.id,
    kind: j.kind,
    unitId: j.org_unit_id,
    unitName: j.unit_name,
    date: j.params.date,
    state: j.state,
    rowsDone: j.rows_done,
    rowsTotal: j.rows_total,
    fileName: j.file_name,
    bytes: j.bytes == null ? null : Number(j.bytes),
    sha256: j.sha256,
    error: j.error,
    createdAt: iso(j.created_at)!,
    startedAt: iso(j.started_at),
    finishedAt: iso(j.finished_at),
    expiresAt: iso(j.expires_at),
  };
}
export type ExportJobDto = ReturnType<typeof presentJob>;

/** A job of the caller's; another user's job answers 404, as if absent. */
export async function visibleJob(ex: Executor, actor: Actor, id: number): Promise<ExportJobRow> {
  const [j] = await ex.query<ExportJobRow>(
    `SELECT ${JOB_COLS} FROM export_jobs j JOIN org_units u ON u.id = j.org_unit_id
      WHERE j.id = $1 AND j.requested_by = $2`,
    [id, actor.userId],
  );
  if (!j) throw notFound('tệp xuất');
  return j;
}

/** The caller's jobs, newest first, by keyset on id (cursor list 'exports'). */
export async function listJobs(ex: Executor, actor: Actor, q: { limit: number; beforeId: number | null }) {
  const rows = await ex.query<ExportJobRow>(
    `SELECT ${JOB_COLS} FROM export_jobs j JOIN org_units u ON u.id = j.org_unit_id
      WHERE j.requested_by = $1 AND ($2::int IS NULL OR j.id < $2)
      ORDER BY j.id DESC LIMIT $3`,
    [actor.userId, q.beforeId, q.limit],
  );
  return rows;
}

export async function countJobs(ex: Executor, actor: Actor): Promise<number> {
  const [r] = await ex.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM export_jobs WHERE requested_by = $1',
    [actor.userId],
  );
  return r?.n ?? 0;
}

/** Queues an export (audited: who asked for which list); refuses a third job in hand. */
export async function createExportJob(
  db: Db,
  actor: Actor,
  unit: UnitRow,
  input: { kind: ExportKind; date: string },
  opts: { maxJobsPerUser: number; ip?: string | undefined },
): Promise<ExportJobRow> {
  const id = await db.transaction(async (tx) => {
    // One request at a time per user decides the count of jobs in hand.
    await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [actor.userId]);
    const [busy] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM export_jobs WHERE requested_by = $1 AND state IN ('queued', 'running')`,
      [actor.userId],
    );
    if ((busy?.n ?? 0) >= opts.maxJobsPerUser)
      throw new AppError('EXPORT_TOO_MANY_JOBS', undefined, { maxJobs: opts.maxJobsPerUser });
    const rowsTotal = await countExportMembers(tx, unit.path, input.date);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO export_jobs (kind, org_unit_id, requested_by, params, rows_total)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.kind, unit.id, actor.userId, JSON.stringify({ date: input.date }), rowsTotal],
    );
    await audit(
      tx,
      actor,
      {
        action: 'member.export_request',
        entityType: 'org_unit',
        entityId: unit.id,
        orgUnitId: unit.id,
        after: { jobId: row!.id, date: input.date, count: rowsTotal },
      },
      opts.ip,
    );
    return row!.id;
  });
  return visibleJob(db, actor, id);
}

/** The file of a finished job, for its requester; audited as `member.export` on every download. */
export async function jobFileFor(db: Db, actor: Actor, id: number, dir: string, ip?: string) {
  const j = await visibleJob(db, actor, id);
  if (j.state === 'expired') throw new AppError('EXPORT_EXPIRED');
  if (j.state === 'failed') throw new AppError('EXPORT_NOT_READY', j.error ?? FAILED_MESSAGE);
  if (j.state !== 'done' || !j.file_path) throw new AppError('EXPORT_NOT_READY');
  const file = path.join(dir, j.file_path);
  // Swept, or written to a directory this process does not share (see EXPORT_DIR).
  const found = await stat(file).catch(() => null);
  if (!found) throw new AppError('EXPORT_EXPIRED');
  await audit(
    db,
    actor,
    {
      action: 'member.export',
      entityType: 'org_unit',
      entityId: j.org_unit_id,
      orgUnitId: j.org_unit_id,
      after: { date: j.params.date, count: j.rows_done, fileName: j.file_name, jobId: j.id },
    },
    ip,
  );
  return { path: file, fileName: j.file_name!, bytes: found.size };
}

/**
 * Takes the oldest job waiting (or one whose lease lapsed) for this process, or none. Jobs that
 * lapsed MAX_ATTEMPTS times are failed first, so a job that kills its process stops there.
 */
export async function claimExportJob(db: Db): Promise<ExportJobRow | null> {
  await db.query(
    `UPDATE export_jobs SET state = 'failed', error = $1, finished_at = now(), lease_until = NULL, claim_token = NULL
      WHERE state = 'running' AND lease_until < now() AND attempts >= $2`,
    [INTERRUPTED_MESSAGE, MAX_ATTEMPTS],
  );
  const token = randomBytes(16).toString('hex');
  const [claimed] = await db.query<{ id: number }>(
    `UPDATE export_jobs SET state = 'running', claim_token = $1, attempts = attempts + 1, rows_done = 0,
            lease_until = now() + make_interval(secs => $2), started_at = now()
      WHERE id = (SELECT id FROM export_jobs
                   WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
                   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [token, LEASE_SECONDS],
  );
  if (!claimed) return null;
  const [j] = await db.query<ExportJobRow>(
    `SELECT ${JOB_COLS} FROM export_jobs j JOIN org_units u ON u.id = j.org_unit_id WHERE j.id = $1`,
    [claimed.id],
  );
  return j ?? null;
}

/** Progress and a renewed lease; false when the lease is no longer ours (another process took it). */
async function renew(db: Db, j: ExportJobRow, rowsDone: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE export_jobs SET rows_done = $3, lease_until = now() + make_interval(secs => $4)
      WHERE id = $1 AND claim_token = $2 AND state = 'running' RETURNING id`,
    [j.id, j.claim_token, rowsDone, LEASE_SECONDS],
  );
  return rows.length > 0;
}

/** Writes a claimed job's file and records the result (only while the claim is still ours). */
export async function runExportJob(
  db: Db,
  j: ExportJobRow,
  o: { dir: string; keepHours: number; batchRows?: number; stopped?: () => boolean },
): Promise<void> {
  await mkdir(o.dir, { recursive: true });
  const rel = `${j.id}-${j.claim_token}.xlsx`;
  const partial = path.join(o.dir, `${rel}.part`);
  try {
    const unit = await findUnit(db, j.org_unit_id);
    if (!unit) throw notFound('đơn vị');
    const [user] = await db.query<{
      id: number;
      username: string;
      display_name: string;
      member_id: number | null;
    }>('SELECT id, username, display_name, member_id FROM users WHERE id = $1', [j.requested_by]);
    // The requester's rights at run time decide the fields, as for the direct download.
    const actor: Actor = {
      userId: j.requested_by,
      username: user?.username ?? '',
      displayName: user?.display_name ?? '',
      memberId: user?.member_id ?? null,
      grants: await loadGrants(db, j.requested_by),
      sessionId: '',
      csrfToken: '',
    };
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    const file = createWriteStream(partial);
    tap.pipe(file);
    const count = await writeMembersXlsx(db, {
      unit,
      date: j.params.date,
      viewer: { kind: 'actor', actor },
      target: { stream: tap },
      ...(o.batchRows ? { batchRows: o.batchRows } : {}),
      onBatch: async (done) => !o.stopped?.() && (await renew(db, j, done)),
    });
    await finished(file);
    await rename(partial, path.join(o.dir, rel));
    const ok = await db.query(
      `UPDATE export_jobs SET state = 'done', rows_done = $3, rows_total = $3, file_name = $4, file_path = $5,
              bytes = $6, sha256 = $7, finished_at = now(), lease_until = NULL,
              expires_at = now() + make_interval(secs => $8)
        WHERE id = $1 AND claim_token = $2 AND state = 'running' RETURNING id`,
      [
        j.id,
        j.claim_token,
        count,
        membersFileName(unit, j.params.date),
        rel,
        bytes,
        hash.digest('hex'),
        o.keepHours * 3600,
      ],
    );
    if (ok.length === 0) await rm(path.join(o.dir, rel), { force: true });
  } catch (err) {
    await rm(partial, { force: true });
    // Stopped (shutdown or a lost lease): the job stays for the next claim once its lease lapses.
    if (err instanceof ExportStopped) return;
    await db.query(
      `UPDATE export_jobs SET state = 'failed', error = $3, finished_at = now(), lease_until = NULL
        WHERE id = $1 AND claim_token = $2 AND state = 'running'`,
      [j.id, j.claim_token, err instanceof AppError ? err.message : FAILED_MESSAGE],
    );
    throw err;
  }
}

/** Deletes the files of jobs past their expiry; the rows stay, as 'expired' (410 on download). */
export async function sweepExpiredExports(db: Db, dir: string): Promise<number> {
  const rows = await db.query<{ file_path: string | null }>(
    `UPDATE export_jobs j SET state = 'expired', file_path = NULL
       FROM (SELECT id, file_path FROM export_jobs WHERE state = 'done' AND expires_at < now()
              ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED) old
      WHERE j.id = old.id RETURNING old.file_path`,
  );
  for (const r of rows) if (r.file_path) await rm(path.join(dir, r.file_path), { force: true });
  return rows.length;
}
