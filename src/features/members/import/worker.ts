/**
 * Worker thread: parse, validate and plan one member file (ADR 018). It has no database; the
 * main thread answers its lookups (off-thread.ts). Everything large leaves as JSON text chunks,
 * which cross threads as one copy each instead of 100 000 cloned objects.
 */
import { parentPort } from 'node:worker_threads';
import { type Candidate, checkRows, finishPlan, lookupKeys } from './check.js';
import type { CheckResult, FromWorker, PartKind, ToWorker } from './off-thread.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

const post = (m: FromWorker) => port.postMessage(m);
const candidates: Candidate[] = [];
let lookupDone: (() => void) | undefined;

port.on('message', (m: ToWorker) => {
  if (m.type === 'start') {
    run(m).catch((err: unknown) =>
      post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  } else if (m.type === 'candidates') {
    for (const c of m.members) candidates.push(c);
  } else if (m.type === 'candidates-end') {
    lookupDone?.();
  }
});

async function run(m: Extract<ToWorker, { type: 'start' }>) {
  const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
  const checked = await checkRows(bytes, m.fileName, m.ctx, m.limits);
  const empty = { create: 0, update: 0, unchanged: 0, errors: 0, warnings: 0 };
  if ('fileError' in checked) {
    const result: CheckResult = {
      totalRows: 0,
      fileError: checked.fileError,
      ...(checked.code ? { fileErrorCode: checked.code } : {}),
      counts: empty,
      errors: [],
      warnings: [],
      preview: { create: [], update: [] },
    };
    post({ type: 'done', result });
    return;
  }
  const total = checked.totalRows;
  post({ type: 'progress', processed: Math.floor(total / 3), total });

  const looked = new Promise<void>((resolve) => {
    lookupDone = resolve;
  });
  for (const keys of lookupKeys(checked.rows, m.lookupChunk)) post({ type: 'lookup', ...keys });
  post({ type: 'lookup-end' });
  await looked;
  post({ type: 'progress', processed: Math.floor((2 * total) / 3), total });

  const { errors, warnings, plan } = finishPlan(checked, candidates);
  let seq = 0;
  const parts: [PartKind, unknown[]][] = [
    ['update', plan.update],
    ['create', plan.create],
    ['unchanged', plan.unchanged],
  ];
  for (const [kind, items] of parts) {
    for (let i = 0; i < items.length; i += m.partSize) {
      const slice = items.slice(i, i + m.partSize);
      post({ type: 'part', seq: seq++, kind, items: JSON.stringify(slice), count: slice.length });
    }
  }
  const list = <T>(xs: T[]) => (m.listLimit === undefined ? xs : xs.slice(0, m.listLimit));
  post({
    type: 'done',
    result: {
      totalRows: total,
      counts: {
        create: plan.create.length,
        update: plan.update.length,
        unchanged: plan.unchanged.length,
        errors: errors.length,
        warnings: warnings.length,
      },
      errors: list(errors),
      warnings: list(warnings),
      preview: { create: plan.create.slice(0, m.previewSize), update: plan.update.slice(0, m.previewSize) },
    },
  });
}
