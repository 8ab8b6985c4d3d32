import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './server/trust-proxy.js';

/** Configuration, parsed once at start from the environment and passed in (house rule 7). */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  dataDir: z.string().default('./data'),
  databaseUrl: z.string().optional(),
  /** Owner of the tables, for migrations; the app's own pool uses databaseUrl (ADR 017). */
  databaseOwnerUrl: z.string().optional(),
  /** PostgreSQL: connections of the application's pool, per process (ADR 030). */
  databasePoolMax: z.coerce.number().int().min(1).max(500).default(10),
  /** PostgreSQL: a streaming replica for dashboards, exports and reports (ADR 026, 030). */
  databaseReplicaUrl: z.string().optional(),
  /** After a write, the same browser reads the primary for this many seconds (ADR 030). */
  replicaStickySeconds: z.coerce.number().int().min(0).max(3600).default(10),
  /** Key of the records' keyed hashes (≥ 32 characters); else a key file (ADR 017). */
  recordSecret: z.string().min(32, 'RECORD_SECRET phải dài ít nhất 32 ký tự').optional(),
  /** Key file used when recordSecret is not set; default `<dataDir>/record-secret.key`. */
  recordKeyFile: z.string().optional(),
  /** Absolute session lifetime and idle timeout, in minutes. */
  sessionTtlMinutes: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60),
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 60),
  loginRateLimitPerMinute: z.coerce.number().int().positive().default(10),
  /** Which proxy may set X-Forwarded-For: off (default) or its addresses/CIDR ranges (ADR 016). */
  trustProxy: z
    .string()
    .optional()
    .transform((v, ctx): TrustProxy => {
      const r = parseTrustProxy(v);
      if ('value' in r) return r.value;
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }),
  /** Wrong passwords per account (shared by all processes): this many within the window lock it. */
  loginLockoutFailures: z.coerce.number().int().positive().default(5),
  loginLockoutWindowMinutes: z.coerce.number().int().positive().default(15),
  loginLockoutMinutes: z.coerce.number().int().positive().default(15),
  /** Wrong self check-in codes per member and meeting before a wait. */
  checkinLockoutFailures: z.coerce.number().int().positive().default(5),
  checkinLockoutMinutes: z.coerce.number().int().positive().default(10),
  /** Set behind HTTPS so the session cookie carries `Secure`. */
  secureCookies: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  webDir: z.string().optional(),
  /** A JSON-lines file the OpenAPI recorder writes real answers to (scripts/openapi-record.ts); never in production. */
  openapiRecordFile: z.string().optional(),
  uploadLimitMb: z.coerce.number().positive().default(20),
  /** smtp://user:pass@host:587 — when set, notifications are also sent by e-mail. */
  smtpUrl: z.string().optional(),
  mailFrom: z.string().default('chibo <no-reply@chibo.local>'),
  /** Base address put in e-mail links, e.g. https://chibo.example.vn */
  publicUrl: z.string().default('http://localhost:3000'),
  /** SMTP waits (ms): to connect, for the greeting, and for any reply; a send never holds longer. */
  smtpConnectionTimeoutMs: z.coerce.number().int().positive().default(10_000),
  smtpGreetingTimeoutMs: z.coerce.number().int().positive().default(10_000),
  smtpSocketTimeoutMs: z.coerce.number().int().positive().default(30_000),
  /** How often each process looks for due mail in the outbox (ms). */
  mailIntervalMs: z.coerce.number().int().min(100).default(30_000),
  /** Member rows one import may hold, and how large its .xlsx may be once unzipped (ADR 018). */
  importMaxRows: z.coerce.number().int().positive().default(20_000),
  importMaxUnzippedMb: z.coerce.number().positive().default(50),
  /**
   * Background exports (ADR 028): where their files lie (default `<dataDir>/exports`; with several
   * app processes on one PostgreSQL, a directory all of them share), the largest member list
   * answered at once, jobs in hand per user, and how long a finished file is kept.
   */
  exportDir: z.string().optional(),
  exportSyncMaxRows: z.coerce.number().int().positive().default(5000),
  exportMaxJobsPerUser: z.coerce.number().int().positive().default(2),
  exportKeepHours: z.coerce.number().positive().default(24),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const parsed = configSchema.parse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    databasePoolMax: env.DATABASE_POOL_MAX || undefined,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    replicaStickySeconds: env.REPLICA_STICKY_SECONDS || undefined,
    recordSecret: env.RECORD_SECRET || undefined,
    recordKeyFile: env.RECORD_KEY_FILE || undefined,
    sessionTtlMinutes: env.SESSION_TTL_MINUTES,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    loginLockoutFailures: env.LOGIN_LOCKOUT_FAILURES,
    loginLockoutWindowMinutes: env.LOGIN_LOCKOUT_WINDOW_MINUTES,
    loginLockoutMinutes: env.LOGIN_LOCKOUT_MINUTES,
    checkinLockoutFailures: env.CHECKIN_LOCKOUT_FAILURES,
    checkinLockoutMinutes: env.CHECKIN_LOCKOUT_MINUTES,
    secureCookies: env.SECURE_COOKIES,
    logLevel: env.LOG_LEVEL,
    webDir: env.WEB_DIR,
    openapiRecordFile: env.CHIBO_OPENAPI_RECORD || undefined,
    uploadLimitMb: env.UPLOAD_LIMIT_MB,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    smtpConnectionTimeoutMs: env.SMTP_CONNECTION_TIMEOUT_MS || undefined,
    smtpGreetingTimeoutMs: env.SMTP_GREETING_TIMEOUT_MS || undefined,
    smtpSocketTimeoutMs: env.SMTP_SOCKET_TIMEOUT_MS || undefined,
    mailIntervalMs: env.MAIL_INTERVAL_MS || undefined,
    importMaxRows: env.IMPORT_MAX_ROWS || undefined,
    importMaxUnzippedMb: env.IMPORT_MAX_UNZIPPED_MB || undefined,
    exportDir: env.EXPORT_DIR || undefined,
    exportSyncMaxRows: env.EXPORT_SYNC_MAX_ROWS || undefined,
    exportMaxJobsPerUser: env.EXPORT_MAX_JOBS_PER_USER || undefined,
    exportKeepHours: env.EXPORT_KEEP_HOURS || undefined,
  });
  return { ...parsed, ...overrides };
}
