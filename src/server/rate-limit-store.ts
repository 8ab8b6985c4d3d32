/**
 * The store of @fastify/rate-limit in the database (table rate_limit_hits, migration 0027,
 * ADR 030): every app process counts in the same rows, so two processes behind a balancer allow
 * the same LOGIN_RATE_LIMIT_PER_MINUTE as one. A fixed window per key, counted in one statement
 * (concurrent hits on a key serialise on its row); expired rows are swept about once a minute.
 */
import type { Executor } from '../db/executor.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

const SWEEP_EVERY_MS = 60_000;

/** A store class bound to `db`, for `app.register(rateLimit, { store: databaseRateLimitStore(db) })`. */
export function databaseRateLimitStore(db: Executor) {
  let lastSweep = 0;
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    db.query(`DELETE FROM rate_limit_hits WHERE window_ends_at < now() - interval '1 minute'`).catch(
      () => {},
    );
  };

  return class DatabaseRateLimitStore {
    readonly prefix: string;

    // At run time the plugin hands the route's merged options, `routeInfo` among them.
    constructor(params: object = {}) {
      const r = (params as RouteParams).routeInfo;
      // Each route counts on its own: its method and URL prefix the key.
      this.prefix = r?.url ? `${[r.method].flat().join(',')} ${r.url}|` : '';
    }

    incr(key: string, cb: Callback, timeWindow: number) {
      db.query<{ hits: number; ttl: number }>(
        `INSERT INTO rate_limit_hits AS h (key, hits, window_ends_at)
         VALUES ($1, 1, now() + make_interval(secs => $2::int / 1000.0))
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN h.window_ends_at <= now() THEN 1 ELSE h.hits + 1 END,
           window_ends_at = CASE WHEN h.window_ends_at <= now()
                                 THEN now() + make_interval(secs => $2::int / 1000.0) ELSE h.window_ends_at END
         RETURNING hits, greatest(0, ceil(extract(epoch FROM window_ends_at - now()) * 1000))::int AS ttl`,
        [this.prefix + key, Math.max(1, Math.trunc(timeWindow))],
      ).then(
        ([row]) => {
          sweep();
          cb(null, { current: row!.hits, ttl: row!.ttl });
        },
        (err: Error) => cb(err),
      );
    }

    read(key: string, cb: Callback) {
      db.query<{ hits: number; ttl: number }>(
        `SELECT hits, greatest(0, ceil(extract(epoch FROM window_ends_at - now()) * 1000))::int AS ttl
           FROM rate_limit_hits WHERE key = $1 AND window_ends_at > now()`,
        [this.prefix + key],
      ).then(
        ([row]) => cb(null, { current: row?.hits ?? 0, ttl: row?.ttl ?? 0 }),
        (err: Error) => cb(err),
      );
    }

    child(params: object) {
      return new DatabaseRateLimitStore(params);
    }
  };
}
