/**
 * Runs the check of a member file (check.ts) in a worker thread and answers its lookups, so the
 * server's event loop only ever does small things: a message, a query of ~1 000 rows, an insert
 * of one plan chunk (ADR 018). The worker can be stopped at any moment (shutdown, time limit),
 * and a file that exhausts its memory kills the worker, not the server.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Candidate, ImportLimits, StoredPlan } from './check.js';
import type { RowIssue, ValidateContext } from './validate.js';

/** One lookup: card numbers, CCCDs, and (name, birth date) pairs as two parallel lists. */
export interface LookupKeys {
  cards: string[];
  ids: string[];
  names: string[];
  births: string[];
}

export type PartKind = 'update' | 'create' | 'unchanged';

/** One chunk of the plan, as JSON text: cheap to pass between threads and to store as is. */
export interface PlanPart {
  seq: number;
  kind: PartKind;
  items: string;
  count: number;
}

export interface CheckCounts {
  create: number;
  update: number;
  unchanged: number;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  totalRows: number;
  fileError?: string;
  /** The code of a refusal of the whole file (ARCHIVE_TOO_LARGE, IMPORT_TOO_MANY_ROWS…). */
  fileErrorCode?: string;
  counts: CheckCounts;
  /** Sorted by row; at most `listLimit` of each when one was asked for (counts has the totals). */
  errors: RowIssue[];
  warnings: RowIssue[];
  /** The first rows to create and to update, for the preview on screen. */
  preview: Pick<StoredPlan, 'create' | 'update'>;
}

export type ToWorker =
  | {
      type: 'start';
      bytes: Uint8Array;
      fileName: string;
      ctx: ValidateContext;
      limits: ImportLimits;
      listLimit?: number;
      lookupChunk: number;
      partSize: number;
      previewSize: number;
    }
  | { type: 'candidates'; members: Candidate[] }
  | { type: 'candidates-end' };

export type FromWorker =
  | { type: 'progress'; processed: number; total: number }
  | ({ type: 'lookup' } & LookupKeys)
  | { type: 'lookup-end' }
  | ({ type: 'part' } & PlanPart)
  | { type: 'done'; result: CheckResult }
  | { type: 'failed'; message: string };

export interface CheckHooks {
  /** The stored members these rows could be (by card number, CCCD, or exact name and birth date). */
  lookup: (keys: LookupKeys) => Promise<Candidate[]>;
  progress?: (processed: number, total: number) => Promise<void>;
  /** Each plan chunk in order: updates first, then creates, then the unchanged rows. */
  part?: (part: PlanPart) => Promise<void>;
}

export interface CheckOptions {
  listLimit?: number;
  /** Stops the check (server shutdown): the promise rejects with a CheckAborted 'stopped'. */
  signal?: AbortSignal;
  timeoutMs?: number;
  lookupChunk?: number;
}

export class CheckAborted extends Error {
  override name = 'CheckAborted';
  constructor(
    readonly reason: 'stopped' | 'timeout' | 'memory' | 'crashed',
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

/** Keys per lookup query, rows per plan chunk and in the on-screen preview. */
export const LOOKUP_CHUNK = 500;
export const PART_SIZE = 500;
export const PREVIEW_SIZE = 500;
/** A 100 000-row file takes about 30 s on one core; a stuck check must not hold a slot forever. */
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
/**
 * exceljs holds about 24× the unzipped workbook in memory (measured: 42 MB of sheet XML → 1 GB):
 * the worker's heap is sized from the unzipped limit, and a file beyond it ends the worker only.
 */
const HEAP_PER_UNZIPPED_MB = 24;
const MIN_HEAP_MB = 1024;

export function checkOffThread(
  request: {
    bytes: Buffer;
    fileName: string;
    ctx: ValidateContext;
    limits: ImportLimits;
  },
  hooks: CheckHooks,
  opts: CheckOptions = {},
): Promise<CheckResult> {
  const unzippedMb = request.limits.maxUnzippedBytes / (1024 * 1024);
  const worker = spawnWorker({
    resourceLimits: {
      maxOldGenerationSizeMb: Math.max(MIN_HEAP_MB, Math.ceil(unzippedMb * HEAP_PER_UNZIPPED_MB)),
    },
  });
  return new Promise<CheckResult>((resolve, reject) => {
    let settled = false;
    // Messages are handled one after another: lookups and chunks reach the database in order.
    let chain: Promise<void> = Promise.resolve();
    const finish = (err: Error | undefined, result?: CheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      worker.removeAllListeners('message');
      void worker.terminate();
      if (err) reject(err);
      else resolve(result!);
    };
    const onAbort = () => finish(new CheckAborted('stopped'));
    const timer = setTimeout(() => finish(new CheckAborted('timeout')), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const send = (m: ToWorker, transfer?: ArrayBuffer[]) => {
      if (!settled) worker.postMessage(m, transfer);
    };
    const handle = async (m: FromWorker) => {
      // PGlite answers through promise jobs only: without a turn of the event loop between
      // messages, a run of lookups and inserts would hold the loop for all of them together.
      await yieldToLoop();
      if (settled) return;
      switch (m.type) {
        case 'progress':
          await hooks.progress?.(m.processed, m.total);
          return;
        case 'lookup': {
          const members = await hooks.lookup({
            cards: m.cards,
            ids: m.ids,
            names: m.names,
            births: m.births,
          });
          send({ type: 'candidates', members });
          return;
        }
        case 'lookup-end':
          send({ type: 'candidates-end' });
          return;
        case 'part':
          await hooks.part?.({ seq: m.seq, kind: m.kind, items: m.items, count: m.count });
          return;
        case 'done':
          finish(undefined, m.result);
          return;
        case 'failed':
          finish(new CheckAborted('crashed', m.message));
          return;
      }
    };
    worker.on('message', (m: FromWorker) => {
      chain = chain
        .then(() => handle(m))
        .catch((err) => finish(err instanceof Error ? err : new Error(String(err))));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      finish(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new CheckAborted('memory')
          : new CheckAborted('crashed', err.message),
      );
    });
    worker.on('exit', (code) => finish(new CheckAborted('crashed', `worker exited with code ${code}`)));

    // A private copy moves to the worker; the caller's buffer may be a slice of a shared pool.
    const bytes = new Uint8Array(request.bytes);
    send(
      {
        type: 'start',
        bytes,
        fileName: request.fileName,
        ctx: request.ctx,
        limits: request.limits,
        ...(opts.listLimit !== undefined ? { listLimit: opts.listLimit } : {}),
        lookupChunk: opts.lookupChunk ?? LOOKUP_CHUNK,
        partSize: PART_SIZE,
        previewSize: PREVIEW_SIZE,
      },
      [bytes.buffer as ArrayBuffer],
    );
  });
}

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The worker's file: compiled JavaScript beside this module in a build (tsc copies only TS → JS,
 * and worker.ts is one of the sources), the TypeScript source under tsx or vitest. Node 20 loads
 * a worker's main module before any `--import` hook, so a small bootstrap registers tsx's
 * loader in the worker first (tsx is a development dependency, present wherever .ts runs).
 */
function spawnWorker(options: WorkerOptions): Worker {
  const js = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  const ts = new URL('./worker.ts', import.meta.url).href;
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
