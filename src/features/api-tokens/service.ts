import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../server/access.js';
import { AppError, notFound } from '../../server/errors.js';
import { type ActorRow, actorOfRow, auditAs, GRANTS_JSON } from '../auth/service.js';
import { INVALID_TOKEN_MESSAGE, API_TOKEN_RULES as RULES } from './rules.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** `chibo_pat_` + 43 base64url characters, nothing else. */
const SECRET_SHAPE = new RegExp(`^${RULES.secretPrefix}[A-Za-z0-9_-]{43}$`);

interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface TokenView {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: TokenStatus;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function present(r: TokenRow, now = Date.now()): TokenView {
  const status: TokenStatus = r.revoked_at
    ? 'revoked'
    : r.expires_at && new Date(r.expires_at).getTime() <= now
      ? 'expired'
      : 'active';
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
    status,
  };
}

/** The value of `Authorization: Bearer …`, or undefined when the header names another scheme or none. */
export function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer[ \t]+(.*)$/i.exec(header.trim());
  return m ? m[1]!.trim() : undefined;
}

interface BearerRow extends ActorRow {
  token_id: number;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  is_active: boolean;
}

/**
 * Resolves a bearer secret to the actor of its user, with the same grants a session of that user
 * would carry (`actorOfRow`), or throws 401. One query; `last_used_at` is one statement of its own,
 * at most once a minute per token, outside any transaction.
 */
export async function actorFromApiToken(db: Executor, secret: string): Promise<Actor> {
  const invalid = () => new AppError('UNAUTHENTICATED', INVALID_TOKEN_MESSAGE);
  if (!SECRET_SHAPE.test(secret)) throw invalid();
  const [t] = await db.query<BearerRow>(
    `SELECT t.id AS token_id, t.expires_at, t.last_used_at, t.revoked_at,
            u.id AS user_id, u.username, u.display_name, u.member_id, u.is_active, ${GRANTS_JSON} AS grants
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [sha256(secret)],
    { prepared: 'api_token_actor' },
  );
  const now = Date.now();
  if (!t || t.revoked_at || !t.is_active) throw invalid();
  if (t.expires_at && new Date(t.expires_at).getTime() <= now) throw invalid();
  if (!t.last_used_at || now - new Date(t.last_used_at).getTime() > RULES.touchIntervalMs) {
    await db.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [t.token_id, RULES.touchIntervalMs / 1000],
    );
  }
  return { ...actorOfRow(t), sessionId: '', csrfToken: '', apiTokenId: t.token_id };
}

const COLUMNS = 'id, user_id, name, prefix, created_at, expires_at, last_used_at, revoked_at';

/**
 * A user's tokens (never the hash): those in force first, then the ended ones, newest first, at
 * most RULES.listLimit; `total` counts every one, so a shorter list says so.
 */
export async function tokensOf(ex: Executor, userId: number): Promise<{ items: TokenView[]; total: number }> {
  const rows = await ex.query<TokenRow>(
    `SELECT ${COLUMNS} FROM api_tokens WHERE user_id = $1
      ORDER BY (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) DESC, created_at DESC, id DESC
      LIMIT $2`,
    [userId, RULES.listLimit],
  );
  const [count] = await ex.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1',
    [userId],
  );
  const now = Date.now();
  return { items: rows.map((r) => present(r, now)), total: count?.n ?? rows.length };
}

export interface CreatedToken {
  id: number;
  name: string;
  prefix: string;
  expiresAt: string | null;
  /** The secret: answered once, never stored. */
  token: string;
}

/** Creates a token for the actor itself; the caller has checked it is a browser session. */
export async function createToken(
  tx: Executor,
  actor: Actor,
  input: { name: string; expiresInDays?: number },
  ip?: string,
): Promise<CreatedToken> {
  const name = input.name.normalize('NFC').trim();
  if (name.length < 1 || name.length > RULES.nameMaxLength)
    throw new AppError('VALIDATION_FAILED', 'Tên mã truy cập gồm 1–100 ký tự.', { field: 'name' });
  const days = input.expiresInDays ?? RULES.defaultDays;
  // Serialise concurrent creations of one user so the cap holds.
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [actor.userId]);
  const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM api_tokens
      WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [actor.userId],
  );
  if (n >= RULES.maxActivePerUser)
    throw new AppError(
      'CONFLICT',
      `Mỗi tài khoản có tối đa ${RULES.maxActivePerUser} mã truy cập API còn hiệu lực; hãy thu hồi mã không dùng nữa.`,
    );
  const token = RULES.secretPrefix + randomBytes(RULES.secretBytes).toString('base64url');
  const prefix = token.slice(0, RULES.shownChars);
  const [row] = await tx.query<TokenRow>(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING ${COLUMNS}`,
    [actor.userId, name, sha256(token), prefix, days],
  );
  await auditAs(
    tx,
    actor,
    actor.userId,
    {
      action: 'api_token.create',
      after: { tokenId: row!.id, name, prefix, expiresAt: iso(row!.expires_at) },
    },
    ip,
  );
  return { id: row!.id, name, prefix, expiresAt: iso(row!.expires_at), token };
}

/** Revokes one token of `userId` (404 when it is not theirs); revoking twice is a no-op. */
export async function revokeToken(
  tx: Executor,
  actor: Actor,
  userId: number,
  tokenId: number,
  ip?: string,
): Promise<void> {
  const [t] = await tx.query<TokenRow>(
    `SELECT ${COLUMNS} FROM api_tokens WHERE id = $1 AND user_id = $2 FOR UPDATE`,
    [tokenId, userId],
  );
  if (!t) throw notFound('mã truy cập');
  if (t.revoked_at) return;
  await tx.query('UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1', [
    tokenId,
    actor.userId,
  ]);
  await auditAs(
    tx,
    actor,
    userId,
    { action: 'api_token.revoke', after: { tokenId, name: t.name, prefix: t.prefix } },
    ip,
  );
}
