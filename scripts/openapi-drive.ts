/**
 * Calls the GET operations of the OpenAPI document as one logged-in user, path parameters
 * filled from the ids earlier answers listed (lists first, then details), for
 * scripts/openapi-record.ts and test/integration/openapi.int.test.ts (ADR 038).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Json = Record<string, unknown>;
/** Ids listed by answers, per path segment (org-units, members, meetings…). */
type Pool = Map<string, Set<number>>;

export interface DrivenCall {
  path: string;
  url: string;
  res: LightMyRequestResponse;
}

function collectIds(pool: Pool, segment: string, value: unknown, depth = 0): void {
  if (depth > 3 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === 'object' && typeof (item as Json).id === 'number') {
        if (!pool.has(segment)) pool.set(segment, new Set());
        pool.get(segment)!.add((item as Json).id as number);
      }
    }
    return;
  }
  for (const [k, v] of Object.entries(value as Json)) {
    if (Array.isArray(v))
      collectIds(pool, k === 'items' || k === 'rows' ? segment : toSegment(k), v, depth + 1);
    else if (v && typeof v === 'object') collectIds(pool, toSegment(k), v, depth + 1);
  }
}

/** JSON field → path segment: `units` → org-units, `meetings` → meetings. */
function toSegment(key: string): string {
  const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (kebab === 'units' || kebab === 'children' || kebab === 'unit') return 'org-units';
  return kebab;
}

function segmentOfList(path: string): string {
  const parts = path.split('/').filter((p) => p && !p.startsWith('{'));
  const last = parts[parts.length - 1] ?? '';
  return last === 'units' || last === 'children' || last === 'tree' ? 'org-units' : last;
}

const YEAR = new Date().getUTCFullYear();

function queryValue(name: string, schema: Json | undefined): string | undefined {
  const candidates: Record<string, string[]> = {
    year: [`${YEAR}`],
    month: [`${YEAR}-01`],
    from: [`${YEAR}-01`, `${YEAR}-01-01`, `${YEAR}`],
    to: [`${YEAR}-12`, `${YEAR}-12-31`, `${YEAR}`],
  };
  const pattern = typeof schema?.pattern === 'string' ? new RegExp(schema.pattern) : null;
  return candidates[name]?.find((v) => !pattern || pattern.test(v));
}

/** Concrete URLs for a path from the pool (at most `perParam` values per parameter). */
function urlsFor(path: string, pool: Pool, query: string, perParam: number): string[] {
  let urls = [path];
  for (const m of path.matchAll(/([^/]+)\/\{(\w+)\}/g)) {
    const [whole, segment, name] = m as unknown as [string, string, string];
    const values: (number | string)[] =
      name === 'year'
        ? [YEAR, YEAR - 1].slice(0, perParam)
        : [...(pool.get(segment) ?? [])].slice(0, perParam);
    if (values.length === 0) return [];
    urls = urls.flatMap((u) => values.map((v) => u.replace(whole, `${segment}/${v}`)));
  }
  return urls.map((u) => (query ? `${u}?${query}` : u));
}

/** Every GET of `doc` reachable with the user's ids, three rounds (lists give later ids). */
export async function driveGets(
  app: FastifyInstance,
  doc: Json,
  cookie: string,
  opts: { perParam?: number; skip?: (path: string) => boolean } = {},
): Promise<DrivenCall[]> {
  const perParam = opts.perParam ?? 3;
  const gets: { path: string; query: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    const op = item.get;
    if (!op || path === '/api/calendar/{token}' || opts.skip?.(path)) continue;
    const params = (op.parameters as { in: string; name: string; required?: boolean; schema?: Json }[]) ?? [];
    const q = new URLSearchParams();
    for (const p of params.filter((x) => x.in === 'query' && x.required)) {
      const v = queryValue(p.name, p.schema);
      if (v) q.set(p.name, v);
    }
    gets.push({ path, query: q.toString() });
  }
  const pool: Pool = new Map();
  const done = new Set<string>();
  const calls: DrivenCall[] = [];
  for (let round = 0; round < 3; round++) {
    for (const g of gets) {
      for (const url of urlsFor(g.path, pool, g.query, perParam)) {
        if (done.has(url)) continue;
        done.add(url);
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        calls.push({ path: g.path, url, res });
        if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('application/json'))
          continue;
        const body = res.json();
        collectIds(pool, segmentOfList(g.path), body);
        if (g.path === '/api/me' || g.path === '/api/org-units') collectIds(pool, 'org-units', body);
      }
    }
  }
  return calls;
}

/** Logs in with a password and returns the session cookie. */
export async function loginCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  return (await loginSession(app, username, password)).cookie;
}

/** Logs in with a password: the session cookie and the CSRF token. */
export async function loginSession(
  app: FastifyInstance,
  username: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken };
}
