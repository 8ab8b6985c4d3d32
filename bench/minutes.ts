/** Benchmark: render the biên bản of a 30-member meeting as DOCX and as PDF (JSON lines). */
import { performance } from 'node:perf_hooks';
import { sampleMeetingRecord } from '../src/documents/fixtures.js';
import { renderMinutesDocx } from '../src/documents/minutes-docx.js';
import { renderMinutesPdf } from '../src/documents/minutes-pdf.js';

const WARMUP = 3;
const N = 30;
const record = sampleMeetingRecord(30);

async function measure(name: string, render: () => Promise<Buffer>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await render();
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await render();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  const median = (times[(N - 1) >> 1]! + times[N >> 1]!) / 2;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  console.log(
    JSON.stringify({ bench: name, value: round(median), unit: 'ms', n: N, db: 'none', p95: round(at(0.95)) }),
  );
}

await measure('minutes.docx', () => renderMinutesDocx(record));
await measure('minutes.pdf', () => renderMinutesPdf(record));
