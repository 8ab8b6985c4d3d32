import type { Executor } from '../../src/db/executor.js';
import { vietnameseNameSortKey } from '../../src/domain/vietnamese.js';
import { insertRankPeriods } from '../../src/features/members/commands.js';
import { refreshMemberCounts } from '../../src/features/members/member-counts.js';
import { insertGrant, insertUser } from '../../src/features/users/service.js';
import type { Role } from '../../src/server/access.js';
import { TEST_PASSWORD } from './app.js';

/**
 * The member counts summary (migration 0024) kept as the app keeps it; skipped on a database
 * migrated only part of the way (the upgrade tests build one), which has no such table yet.
 */
async function keepCounts(ex: Executor, unitIds: number[]) {
  const [t] = await ex.query<{ ok: boolean }>("SELECT to_regclass('unit_member_counts') IS NOT NULL AS ok");
  if (t?.ok) await refreshMemberCounts(ex, unitIds);
}

/** Builds test data directly in the database, bypassing the API, so each test owns its subtree. */
export async function unit(
  ex: Executor,
  input: { parentId?: number | null; name: string; kind?: string; cellType?: string | null },
): Promise<{ id: number; path: string }> {
  const [{ id }] = (await ex.query<{ id: number }>("SELECT nextval('org_units_id_seq')::int AS id")) as [
    { id: number },
  ];
  let parentPath = '/';
  if (input.parentId) {
    const [p] = await ex.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
      input.parentId,
    ]);
    parentPath = p!.path;
  }
  const kind = input.kind ?? (input.cellType ? 'chi_bo' : 'dang_bo_co_so');
  const path = `${parentPath}${id}/`;
  await ex.query(
    'INSERT INTO org_units (id, parent_id, path, name, kind, cell_type) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      id,
      input.parentId ?? null,
      path,
      input.name,
      kind,
      input.cellType ?? (kind === 'chi_bo' ? 'khu_dan_cu' : null),
    ],
  );
  await keepCounts(ex, [id]);
  return { id, path };
}

export async function member(
  ex: Executor,
  input: {
    unitId: number;
    fullName: string;
    admissionDate?: string;
    officialDate?: string | null;
    joinDate?: string;
    nationalId?: string;
    phone?: string;
    cardNumber?: string;
    birthDate?: string;
  },
): Promise<number> {
  const admission = input.admissionDate ?? '2000-01-01';
  const official = input.officialDate === undefined ? '2001-01-01' : input.officialDate;
  const [row] = await ex.query<{ id: number }>(
    `INSERT INTO members (full_name, sort_key, unit_id, admission_date, official_date, national_id, phone, card_number, birth_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.fullName,
      vietnameseNameSortKey(input.fullName),
      input.unitId,
      admission,
      official,
      input.nationalId ?? null,
      input.phone ?? null,
      input.cardNumber ?? null,
      input.birthDate ?? '1970-01-01',
    ],
  );
  await ex.query(
    "INSERT INTO memberships (member_id, unit_id, valid_from, start_reason) VALUES ($1, $2, $3, 'initial')",
    [row!.id, input.unitId, input.joinDate ?? admission],
  );
  await insertRankPeriods(ex, row!.id, admission, official);
  await keepCounts(ex, [input.unitId]);
  return row!.id;
}

export async function user(
  ex: Executor,
  username: string,
  grants: { role: Role; unitId: number }[],
  memberId?: number,
): Promise<number> {
  const id = await insertUser(ex, { username, password: TEST_PASSWORD, displayName: username, memberId });
  for (const g of grants) await insertGrant(ex, id, g.role, g.unitId);
  return id;
}

/** A meeting row straight in the database (status and time as given). */
export async function meeting(
  ex: Executor,
  input: { unitId: number; status?: 'planned' | 'in_progress' | 'held'; scheduledAt?: string; kind?: string },
): Promise<number> {
  const [row] = await ex.query<{ id: number }>(
    `INSERT INTO meetings (unit_id, kind, status, title, scheduled_at, min_duration_minutes, rule_pack, rule_pack_version, checkin_code,
       started_at, ended_at)
     VALUES ($1, $2, $3, 'Sinh hoạt thử', $4, 90, 'hd42-2025', '2025.10.28', '123456',
       CASE WHEN $3 <> 'planned' THEN $4::timestamptz END, CASE WHEN $3 = 'held' THEN $4::timestamptz + interval '100 minutes' END)
     RETURNING id`,
    [
      input.unitId,
      input.kind ?? 'regular',
      input.status ?? 'planned',
      input.scheduledAt ?? '2026-12-10T19:30:00+07:00',
    ],
  );
  return row!.id;
}
