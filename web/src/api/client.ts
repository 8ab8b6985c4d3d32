/**
 * The one way the web app talks to the API: JSON over fetch with the session cookie, the
 * CSRF header on writes, and errors turned into `ApiError` carrying the server's Vietnamese
 * message (`{ code, message, details }`, API.md).
 */

export interface ApiIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field-level problems: `details.issues[]` from validation, or `details.field` from a command. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const issues = this.details?.issues;
    if (Array.isArray(issues)) {
      for (const i of issues as ApiIssue[]) if (i?.field && !out[i.field]) out[i.field] = i.message;
    }
    const field = this.details?.field;
    if (typeof field === 'string' && !out[field]) out[field] = this.message;
    return out;
  }
}

const NETWORK_MESSAGE = 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.';

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Where to send a person whose session ended; set by the router so it can keep the current page. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: Record<string, unknown> } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page): fall back to a generic message
  }
  return new ApiError(
    res.status,
    body.code ?? `HTTP_${res.status}`,
    body.message ?? `Máy chủ trả lời lỗi ${res.status}. Vui lòng thử lại.`,
    body.details,
  );
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { query?: Query; signal?: AbortSignal; silent401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.silent401) onUnauthenticated?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, undefined, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Uploads one file as multipart `file` with XMLHttpRequest, because fetch cannot report upload
 * progress. `onProgress` receives 0..1. Text `fields` go before the file (the server reads them
 * with the file part).
 */
export function uploadFile<T>(
  path: string,
  file: File,
  onProgress: (fraction: number) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.onload = () => {
      let body: { code?: string; message?: string; details?: Record<string, unknown> } & Record<
        string,
        unknown
      > = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // keep the generic message below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) onUnauthenticated?.();
      reject(
        new ApiError(
          xhr.status,
          body.code ?? `HTTP_${xhr.status}`,
          body.message ?? `Máy chủ trả lời lỗi ${xhr.status}. Vui lòng thử lại.`,
          body.details,
        ),
      );
    };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404;
}
