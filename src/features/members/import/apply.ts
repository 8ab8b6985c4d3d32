/**
 * Writing a validated import plan into the registry, in one transaction: updates first, then
 * creates in bulk statements (imports.ts commits a job through `applyPlan`).
 */
import type { Executor } from '../../../db/executor.js';
import { todayIso } from '../../../domain/format.js';
import { vietnameseNameSortKey } from '../../../domain/vietnamese.js';
import type { Actor } from '../../../server/access.js';
import { audit } from '../../../server/audit.js';
import { refreshUnitMonths } from '../../scoring/status.js';
import { refreshMemberCounts } from '../member-counts.js';
import type { StoredPlan } from './check.js';
import { yieldToLoop } from './off-thread.js';
import type { MemberRow } from './validate.js';

/** A piece of a plan: updates come before creates (identifiers move off before others take them). */
export type PlanChunk =
  | { kind: 'update'; items: StoredPlan['update'] }
  | { kind: 'create'; items: MemberRow[] };

/** Applies a validated plan in one transaction: every row or none. */
export async function applyPlan(
  tx: Executor,
  actor: Actor | null,
  unitId: number,
  plan: StoredPlan | AsyncIterable<PlanChunk>,
  ip?: string,
  today = todayIso(),
): Promise<{ created: number; updated: number }> {
  const COLUMN: Record<string, string> = {
    fullName: 'full_name',
    birthDate: 'birth_date',
    gender: 'gender',
    ethnicity: 'ethnicity',
    hometown: 'hometown',
    address: 'address',
    admissionDate: 'admission_date',
    officialDate: 'official_date',
    cardNumber: 'card_number',
    nationalId: 'national_id',
    phone: 'phone',
    email: 'email',
    notes: 'notes',
  };
  const chunks: AsyncIterable<PlanChunk> | PlanChunk[] =
    'create' in plan
      ? [
          { kind: 'update', items: plan.update },
          { kind: 'create', items: plan.create },
        ]
      : plan;
  let created = 0;
  let updated = 0;
  const cells = new Set<number>();
  for await (const chunk of chunks) {
    if (chunk.kind === 'create') {
      for (const r of chunk.items) cells.add(r.cellId);
      // Creates after updates: a card number or CCCD may move off one record before another takes it.
      for (let i = 0; i < chunk.items.length; i += CHUNK) {
        await insertCreated(tx, actor, chunk.items.slice(i, i + CHUNK), ip, today);
      }
      await yieldToLoop();
      created += chunk.items.length;
      continue;
    }
    if (created > 0) throw new Error('plan chunks out of order: updates must come before creates');
    updated += chunk.items.length;
    for (const u of chunk.items) {
      const entries = Object.entries(u.changes).filter(([f]) => COLUMN[f]);
      if (entries.length === 0) continue;
      const sets = entries.map(([f], i) => `${COLUMN[f]} = $${i + 2}`);
      const values = entries.map(([, c]) => c!.to);
      const name = u.changes.fullName?.to;
      if (typeof name === 'string') {
        sets.push(`sort_key = $${values.length + 2}`);
        values.push(vietnameseNameSortKey(name));
      }
      const [m] = await tx.query<{ unit_id: number }>(
        `UPDATE members SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING unit_id`,
        [u.id, ...values],
      );
      await audit(
        tx,
        actor,
        {
          action: 'member.import_update',
          entityType: 'member',
          entityId: u.id,
          orgUnitId: m?.unit_id,
          before: Object.fromEntries(entries.map(([f, c]) => [f, c!.from])),
          after: Object.fromEntries(entries.map(([f, c]) => [f, c!.to])),
        },
        ip,
      );
      // A turn of the event loop between statements: PGlite resolves queries without one.
      await yieldToLoop();
    }
  }
  await audit(
    tx,
    actor,
    {
      action: 'member.import',
      entityType: 'org_unit',
      entityId: unitId,
      orgUnitId: unitId,
      after: { created, updated },
    },
    ip,
  );
  // Members counted per month (ADR 021) follow the imported records: the unit's rows are rebuilt
  // set-based over the months it has, in the same transaction.
  if (created + updated > 0) await refreshUnitMonths(tx, unitId, '0000-00', today);
  // Today's member counts of the cells that gained members (ADR 027), in the same transaction.
  await refreshMemberCounts(tx, [...cells]);
  return { created, updated };
}

/**
 * A stored job's plan, one chunk per query (each a few hundred kilobytes). Jobs validated before
 * migration 0010 kept their whole plan in the row and have no chunks.
 */
export async function* storedPlanParts(
  tx: Executor,
  id: number,
  inRow: StoredPlan,
): AsyncIterable<PlanChunk> {
  const seqs = await tx.query<{ seq: number }>(
    'SELECT seq FROM member_import_chunks WHERE import_id = $1 ORDER BY seq',
    [id],
  );
  if (seqs.length === 0) {
    yield { kind: 'update', items: inRow.update };
    yield { kind: 'create', items: inRow.create };
    return;
  }
  for (const { seq } of seqs) {
    const [part] = await tx.query<PlanChunk>(
      'SELECT kind, items FROM member_import_chunks WHERE import_id = $1 AND seq = $2',
      [id, seq],
    );
    if (part) yield part;
  }
}

/** Rows per bulk statement: on PGlite each statement runs on the server's thread, so it stays short. */
const CHUNK = 250;

/**
 * Inserts new members in bulk (a handful of statements per thousand rows, not five per row):
 * on PGlite a long commit holds the only connection, so it must be short.
 */
async function insertCreated(
  tx: Executor,
  actor: Actor | null,
  rows: MemberRow[],
  ip: string | undefined,
  today: string,
) {
  // Each bulk statement is its own turn of the event loop (PGlite runs them on this thread).
  const step = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    const out = await tx.query<T>(sql, params);
    await yieldToLoop();
    return out;
  };
  const ids = (
    await step<{ id: number }>(
      "SELECT nextval('members_id_seq')::int AS id FROM generate_series(1, $1::int)",
      [rows.length],
    )
  ).map((r) => r.id);
  const col = <T>(f: (r: MemberRow) => T) => rows.map(f);
  await step(
    `INSERT INTO members (id, full_name, sort_key, birth_date, gender, ethnicity, hometown, address, admission_date,
       official_date, card_number, national_id, phone, email, notes, unit_id)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::date[], $10::date[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[])`,
    [
      ids,
      col((r) => r.fullName),
      col((r) => vietnameseNameSortKey(r.fullName)),
      col((r) => r.birthDate ?? null),
      col((r) => r.gender ?? null),
      col((r) => r.ethnicity ?? null),
      col((r) => r.hometown ?? null),
      col((r) => r.address ?? null),
      col((r) => r.admissionDate ?? null),
      col((r) => r.officialDate ?? null),
      col((r) => r.cardNumber ?? null),
      col((r) => r.nationalId ?? null),
      col((r) => r.phone ?? null),
      col((r) => r.email ?? null),
      col((r) => r.notes ?? null),
      col((r) => r.cellId),
    ],
  );
  // Counted in the cell from admission: the national export does not say when a member arrived.
  await step(
    `INSERT INTO memberships (member_id, unit_id, valid_from, start_reason)
     SELECT m, u, d, 'import' FROM unnest($1::int[], $2::int[], $3::date[]) AS t(m, u, d)`,
    [ids, col((r) => r.cellId), col((r) => r.admissionDate ?? today)],
  );
  const withAdmission = rows.flatMap((r, i) => (r.admissionDate ? [{ id: ids[i]!, r }] : []));
  await step(
    `INSERT INTO member_status_periods (member_id, kind, valid_from, valid_to)
     SELECT m, 'probationary', f, t FROM unnest($1::int[], $2::date[], $3::date[]) AS x(m, f, t)`,
    [
      withAdmission.map((x) => x.id),
      withAdmission.map((x) => x.r.admissionDate),
      withAdmission.map((x) => x.r.officialDate ?? null),
    ],
  );
  const official = rows.flatMap((r, i) => (r.officialDate ? [{ id: ids[i]!, date: r.officialDate }] : []));
  await step(
    `INSERT INTO member_status_periods (member_id, kind, valid_from) SELECT m, 'official', f FROM unnest($1::int[], $2::date[]) AS x(m, f)`,
    [official.map((x) => x.id), official.map((x) => x.date)],
  );
  await step(
    `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, org_path, after, ip)
     SELECT $1::int, 'member.import_create', 'member', e, u, (SELECT path FROM org_units WHERE id = u), a::jsonb, $2::text
       FROM unnest($3::text[], $4::int[], $5::text[]) AS t(e, u, a)`,
    [actor?.userId ?? null, ip ?? null, ids.map(String), col((r) => r.cellId), col((r) => JSON.stringify(r))],
  );
}
