import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/executor.js';
import type { Actor } from './access.js';
import { MALFORMED_MULTIPART } from './error-mapping.js';
import { AppError } from './errors.js';
import { INT4_MAX, idText, intText } from './input-schemas.js';
import { findUnsafeText, unsafeTextError } from './text-guard.js';

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

export {
  dbId,
  INT4_MAX,
  idText,
  int4,
  intText,
  isoDate,
  isoDateTime,
  isoMonth,
  queryBoolean,
} from './input-schemas.js';

/** `{id}` in a path: decimal digits of a positive int4, nothing else (`0x10`, `1e3`, `" 3"` are refused). */
export const idParams = z.object({ id: idText });
export const paging = {
  limit: intText(1, 1000, 'limit').default(100),
  offset: intText(0, INT4_MAX, 'offset').default(0),
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

/** The one file of a multipart/form-data request and the text fields sent before it. */
export interface Upload {
  bytes: Buffer;
  /** As sent by the browser; empty when none. */
  fileName: string;
  fields: Record<string, string>;
}

/**
 * Reads the file of an upload (field `file`, fields first). A body that is not multipart, cut
 * short or without its boundary is the sender's fault (busboy throws plain Errors for those):
 * `code` with a Vietnamese message, never a 500. Limits are @fastify/multipart's (error-mapping.ts).
 */
export async function readUpload(
  req: FastifyRequest,
  code: 'VALIDATION_FAILED' | 'IMPORT_FILE_INVALID',
): Promise<Upload> {
  if (!req.isMultipart())
    throw new AppError(code, 'Hãy gửi tệp theo dạng multipart/form-data, trường "file".');
  let upload: Upload;
  try {
    const part = await req.file();
    if (!part) throw new AppError(code, 'Chưa chọn tệp.');
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    const fields: Record<string, string> = {};
    for (const [name, f] of Object.entries(part.fields)) {
      const value = (f as { value?: unknown } | undefined)?.value;
      if (typeof value === 'string') fields[name] = value;
    }
    upload = { bytes, fileName: part.filename ?? '', fields };
  } catch (err) {
    const known = err instanceof AppError || String((err as { code?: unknown }).code).startsWith('FST_');
    if (known) throw err;
    throw new AppError(code, MALFORMED_MULTIPART);
  }
  const found = findUnsafeText({ ...upload.fields, 'tên tệp': upload.fileName });
  if (found) throw unsafeTextError('biểu mẫu', found);
  return upload;
}
