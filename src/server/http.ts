import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/executor.js';
import type { Actor } from './access.js';
import { AppError } from './errors.js';

export interface AppContext {
  db: Db;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actorOrNull: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (health, login, docs). */
    public?: boolean;
  }
}

export type App = FastifyInstance;

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The authenticated actor of a request (the auth hook has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actorOrNull) throw new AppError('UNAUTHENTICATED');
  return req.actorOrNull;
}

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
export const paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Sends a file with a Vietnamese name stripped of diacritics (API.md, Files). */
export function sendFile(reply: FastifyReply, bytes: Buffer, fileName: string, contentType: string) {
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .header('Cache-Control', 'no-store')
    .send(bytes);
}
