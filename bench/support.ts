/**
 * What the benches share: the app built in-process for `app.inject`, a session for an account,
 * p50/p95 over timed runs, and month arithmetic on 'YYYY-MM'.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/executor.js';
import { buildApp } from '../src/server/app.js';

export type BenchApp = Awaited<ReturnType<typeof buildApp>>;

/** The app on `db`, silent, with a login rate limit no bench reaches. */
export async function benchApp(db: Db): Promise<BenchApp> {
  const config = loadConfig({}, { logLevel: 'silent', webDir: undefined, loginRateLimitPerMinute: 10_000 });
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  return app;
}

/** Logs in through the API; the session cookie (`name=value`) and the CSRF token. */
export async function injectLogin(
  app: BenchApp,
  username: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)).split(';')[0]!;
  return { cookie, csrf: login.json().csrfToken as string };
}

/** The value at quantile `q` (nearest rank) of the samples. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export function stats(times: readonly number[]): { p50: number; p95: number } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)]!, p95: quantile(s, 0.95) };
}

/** `warm` untimed calls, then p50/p95 (ms) of `runs` timed ones, one after another. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>, warm = 2) {
  for (let i = 0; i < warm; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

export const r2 = (n: number) => Number(n.toFixed(2));

/** 'YYYY-MM' plus `n` months. */
export function addMonths(m: string, n: number): string {
  const t = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
