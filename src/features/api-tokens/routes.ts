import { z } from 'zod';
import { AppError } from '../../server/errors.js';
import { type App, actorOf, idParams, idText, typed } from '../../server/http.js';
import { manageableUser } from '../users/service.js';
import { API_TOKEN_RULES as RULES, TOKEN_CANNOT_MINT_MESSAGE } from './rules.js';
import { createToken, revokeToken, tokensOf } from './service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The OpenAPI operationId of the route (src/server/openapi.ts). */
    operationId?: string;
  }
}

const createBody = z.object({
  name: z.string().trim().min(1, 'Hãy đặt tên cho mã truy cập').max(RULES.nameMaxLength),
  expiresInDays: z.number().int().min(1).max(RULES.maxDays).optional(),
});

/** Personal API tokens for server-to-server use (issue 13 item 6, ADR 039). */
export async function apiTokenRoutes(app: App) {
  const { db } = app.ctx;
  const r = typed(app);
  const tags = ['api-tokens'];

  r.get(
    '/api/me/api-tokens',
    {
      config: { operationId: 'listOwnApiTokens' },
      schema: {
        tags,
        summary: 'Các mã truy cập API của tôi (không kèm mã bí mật)',
      },
    },
    async (req) => {
      return tokensOf(db, actorOf(req).userId);
    },
  );

  r.post(
    '/api/me/api-tokens',
    {
      config: { operationId: 'createApiToken' },
      schema: {
        tags,
        summary: 'Tạo mã truy cập API (mã bí mật chỉ hiện một lần)',
        description:
          `Only from a browser session (cookie + X-CSRF-Token): a request authenticated by an API token answers 403. ` +
          `\`expiresInDays\` defaults to ${RULES.defaultDays}, at most ${RULES.maxDays}. The answer's \`token\` ` +
          '(`chibo_pat_…`) is never stored nor shown again; send it as `Authorization: Bearer <token>`.',
        body: createBody,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (actor.apiTokenId !== undefined) throw new AppError('FORBIDDEN', TOKEN_CANNOT_MINT_MESSAGE);
      const created = await db.transaction((tx) => createToken(tx, actor, req.body, req.ip));
      reply.code(201);
      return created;
    },
  );

  r.delete(
    '/api/me/api-tokens/:id',
    {
      config: { operationId: 'revokeOwnApiToken' },
      schema: { tags, summary: 'Thu hồi một mã truy cập API của tôi', params: idParams },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await db.transaction((tx) => revokeToken(tx, actor, actor.userId, req.params.id, req.ip));
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/users/:id/api-tokens',
    {
      config: { operationId: 'listUserApiTokens' },
      schema: {
        tags,
        summary: 'Các mã truy cập API của một tài khoản mình quản lý',
        description:
          'Needs user.manage over the whole account (as for PATCH /api/users/{id}); 404 outside scope.',
        params: idParams,
      },
    },
    async (req) => {
      const u = await manageableUser(db, actorOf(req), req.params.id);
      return tokensOf(db, u.id);
    },
  );

  r.delete(
    '/api/users/:id/api-tokens/:tokenId',
    {
      config: { operationId: 'revokeUserApiToken' },
      schema: {
        tags,
        summary: 'Thu hồi một mã truy cập API của tài khoản mình quản lý',
        params: idParams.extend({ tokenId: idText }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await db.transaction(async (tx) => {
        const u = await manageableUser(tx, actor, req.params.id);
        await revokeToken(tx, actor, u.id, req.params.tokenId, req.ip);
      });
      return reply.code(204).send();
    },
  );
}
