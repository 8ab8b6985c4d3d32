/**
 * The authorisation matrix's routes of the directives library (issue 11 part A, ADR 025). Each
 * actor has its own published directive of the đảng bộ (and one of the other ward, outside every
 * grant), with one file, reaching the cell. Reading: everyone whose grant reaches the publisher or
 * a unit below it; managing: `directive.manage` at the đảng bộ (the cell roles see it: 403);
 * the per-cell view: `unit.read` at the đảng bộ; recording at a meeting: `meeting.run` (the
 * planned meeting answers 409, not started). Marking read needs an account linked to a member
 * record (the matrix's accounts are not: 403).
 */
import type { Executor } from '../../src/db/executor.js';
import type { Case } from './matrix-roles.js';
import { all, MANAGERS, only, RUNNERS } from './matrix-roles.js';

/** A published directive of `unitId` reaching its cells, with one PDF file; returns both ids. */
export async function matrixDirective(
  db: Executor,
  unitId: number,
): Promise<{ directive: number; directiveFile: number }> {
  const [d] = await db.query<{ id: number }>(
    `INSERT INTO directives (unit_id, kind, number, issued_on, issuer, title, requires_dissemination, disseminate_by)
     VALUES ($1, 'directive', '35-CT/TW', '2026-01-05', 'Bộ Chính trị', 'Văn bản thử', true, '2099-12-31') RETURNING id`,
    [unitId],
  );
  const [f] = await db.query<{ id: number }>(
    `INSERT INTO directive_files (directive_id, file_name, mime_type, size_bytes, sha256, content)
     VALUES ($1, 'van-ban.pdf', 'application/pdf', 9, 'x', '\\x255044462d312e340a'::bytea) RETURNING id`,
    [d!.id],
  );
  await db.query("UPDATE directives SET status = 'published', published_at = now() WHERE id = $1", [d!.id]);
  await db.query(
    `INSERT INTO directive_recipients (directive_id, unit_id, sort_key)
     SELECT $1, u.id, u.name FROM org_units u, org_units p
      WHERE p.id = $2 AND u.path LIKE p.path || '%' AND u.kind IN ('chi_bo', 'chi_bo_co_so')`,
    [d!.id, unitId],
  );
  return { directive: d!.id, directiveFile: f!.id };
}

const NON_MANAGERS_403 = only(MANAGERS);

export const DIRECTIVE_CASES: Case[] = [
  {
    method: 'GET',
    route: '/api/org-units/{id}/directives',
    url: (i) => `/api/org-units/${i.unit}/directives`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/org-units/{id}/directives',
    url: (i) => `/api/org-units/${i.parent}/directives`,
    body: (_i, n) => ({
      kind: 'plan',
      number: `${n}-KH/ĐU`,
      issuedOn: '2026-01-05',
      issuer: 'Đảng ủy phường',
      title: 'Kế hoạch thử',
      requiresDissemination: false,
    }),
    inside: only(MANAGERS, 404),
  },
  {
    method: 'GET',
    route: '/api/directives/{id}',
    url: (i) => `/api/directives/${i.directive}`,
    inside: all('ok'),
  },
  {
    method: 'PATCH',
    route: '/api/directives/{id}',
    url: (i) => `/api/directives/${i.directive}`,
    body: () => ({ summary: 'Tóm tắt' }),
    inside: NON_MANAGERS_403,
  },
  {
    method: 'POST',
    route: '/api/directives/{id}/publish',
    url: (i) => `/api/directives/${i.directive}/publish`,
    inside: NON_MANAGERS_403,
  },
  {
    method: 'POST',
    route: '/api/directives/{id}/remind',
    url: (i) => `/api/directives/${i.directive}/remind`,
    inside: NON_MANAGERS_403,
  },
  {
    method: 'POST',
    route: '/api/directives/{id}/files',
    url: (i) => `/api/directives/${i.directive}/files`,
    body: () => ({}),
    inside: NON_MANAGERS_403,
  },
  {
    method: 'GET',
    route: '/api/directives/{id}/files/{fileId}',
    url: (i) => `/api/directives/${i.directive}/files/${i.directiveFile}`,
    inside: all('ok'),
  },
  {
    method: 'DELETE',
    route: '/api/directives/{id}/files/{fileId}',
    url: (i) => `/api/directives/${i.directive}/files/${i.directiveFile}`,
    inside: NON_MANAGERS_403,
  },
  {
    method: 'POST',
    route: '/api/directives/{id}/read',
    url: (i) => `/api/directives/${i.directive}/read`,
    inside: all(403),
  },
  {
    method: 'GET',
    route: '/api/directives/{id}/dissemination',
    url: (i) => `/api/directives/${i.directive}/dissemination`,
    inside: NON_MANAGERS_403,
  },
  {
    method: 'GET',
    route: '/api/meetings/{id}/directives',
    url: (i) => `/api/meetings/${i.meeting}/directives`,
    inside: all('ok'),
  },
  {
    method: 'POST',
    route: '/api/meetings/{id}/directives/{directiveId}',
    url: (i) => `/api/meetings/${i.meeting}/directives/${i.directive}`,
    inside: only(RUNNERS),
  },
  {
    method: 'DELETE',
    route: '/api/meetings/{id}/directives/{directiveId}',
    url: (i) => `/api/meetings/${i.meeting}/directives/${i.directive}`,
    inside: only(RUNNERS),
  },
  // Last: it withdraws the actor's directive (the cases above still answer 409 to a manager).
  {
    method: 'POST',
    route: '/api/directives/{id}/withdraw',
    url: (i) => `/api/directives/${i.directive}/withdraw`,
    body: () => ({ reason: 'Thu hồi thử' }),
    inside: NON_MANAGERS_403,
  },
];
