/**
 * The stored members an import file's rows could be, asked by the check (import/off-thread.ts)
 * chunk by chunk.
 */
import type { Executor } from '../../../db/executor.js';
import { type Actor, can } from '../../../server/access.js';
import type { Candidate } from './check.js';
import type { LookupKeys } from './off-thread.js';

/**
 * Members the rows could be: same card number, same CCCD, or same name and birth date (see
 * `lookupKeys`), with their cell's name (messages say whom a row collides with) unless the actor
 * may not see them. Asked per chunk of ~1 000 keys, each part through its index, so no query
 * returns or scans the whole registry.
 */
const MEMBER_COLS = `m.id, m.full_name, m.birth_date, m.gender, m.admission_date, m.official_date, m.card_number,
  m.national_id, m.phone, m.ethnicity, m.hometown, m.address, m.email, m.notes, m.unit_id`;

export async function lookupCandidates(
  ex: Executor,
  actor: Actor | null,
  keys: LookupKeys,
): Promise<Candidate[]> {
  const found = await ex.query<{
    id: number;
    full_name: string;
    birth_date: string | null;
    gender: string | null;
    admission_date: string | null;
    official_date: string | null;
    card_number: string | null;
    national_id: string | null;
    phone: string | null;
    ethnicity: string | null;
    hometown: string | null;
    address: string | null;
    email: string | null;
    notes: string | null;
    unit_id: number;
    unit_name: string;
    path: string;
  }>(
    // Each branch through its own index — the pairs one by one (LATERAL), a plan that holds even
    // without statistics (PGlite has no autovacuum to gather them) — and duplicates removed here,
    // since every row returned costs more on PGlite than the lookup itself.
    `SELECT DISTINCT ON (m.id) m.*, u.name AS unit_name, u.path FROM (
        SELECT ${MEMBER_COLS} FROM members m WHERE m.card_number = ANY($1::text[])
        UNION ALL SELECT ${MEMBER_COLS} FROM members m WHERE m.national_id = ANY($2::text[])
        UNION ALL SELECT ${MEMBER_COLS} FROM unnest($3::text[], $4::date[]) AS k(name, birth),
          LATERAL (SELECT * FROM members x WHERE x.birth_date = k.birth AND x.full_name = k.name) m
      ) m JOIN org_units u ON u.id = m.unit_id`,
    [keys.cards, keys.ids, keys.names, keys.births],
  );
  return found.map((m) => ({
    id: m.id,
    fullName: m.full_name,
    birthDate: m.birth_date,
    gender: m.gender,
    admissionDate: m.admission_date,
    officialDate: m.official_date,
    cardNumber: m.card_number,
    nationalId: m.national_id,
    phone: m.phone,
    ethnicity: m.ethnicity,
    hometown: m.hometown,
    address: m.address,
    email: m.email,
    notes: m.notes,
    cellId: m.unit_id,
    cellName: m.unit_name,
    // The CLI (no actor) is the operator on the server, trusted with the whole database.
    visible: actor ? can(actor, 'member.read', m.path) : true,
    manageable: actor ? can(actor, 'member.manage', m.path) : true,
  }));
}
