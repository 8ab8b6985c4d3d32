/**
 * Rule packs from both sources: built into the code, and loaded by committees into the
 * `rule_packs` table (validated JSON). A version applies from its effective date.
 */
import type { Executor } from '../db/executor.js';
import { DEFAULT_PACK_ID, listRulePacks, rulePackVersion } from './index.js';
import { type RulePack, rulePackSchema } from './types.js';

export async function packVersionFor(ex: Executor, id: string, date: string): Promise<RulePack> {
  const [row] = await ex.query<{ content: unknown; effective_from: string }>(
    'SELECT content, effective_from FROM rule_packs WHERE id = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1',
    [id, date],
  );
  const builtIn = rulePackVersion(id, date);
  if (row && (!builtIn || row.effective_from >= builtIn.effectiveFrom))
    return rulePackSchema.parse(row.content);
  return builtIn ?? (await packVersionFor(ex, DEFAULT_PACK_ID, date));
}

/** Where a loaded pack belongs: null for national (administrators'), else the owning unit. */
export interface PackOwnerUnit {
  id: number;
  path: string;
  name: string;
}

export type LoadedPack = RulePack & {
  source: 'built-in' | 'loaded';
  owner: PackOwnerUnit | null;
};

export async function allPacks(ex: Executor): Promise<LoadedPack[]> {
  const rows = await ex.query<{
    content: unknown;
    owner_unit_id: number | null;
    path: string | null;
    name: string | null;
  }>(
    `SELECT r.content, o.owner_unit_id, u.path, u.name
       FROM rule_packs r
       LEFT JOIN LATERAL (
         SELECT f.owner_unit_id FROM rule_packs f WHERE f.id = r.id ORDER BY f.effective_from, f.created_at LIMIT 1
       ) o ON true
       LEFT JOIN org_units u ON u.id = o.owner_unit_id
      ORDER BY r.id, r.effective_from`,
  );
  return [
    ...listRulePacks().map((p) => ({ ...p, source: 'built-in' as const, owner: null })),
    ...rows.map((r) => ({
      ...rulePackSchema.parse(r.content),
      source: 'loaded' as const,
      owner: r.owner_unit_id === null ? null : { id: r.owner_unit_id, path: r.path!, name: r.name! },
    })),
  ];
}

/**
 * The owner of a pack id: `null` for national packs (built-in ids, and loaded packs with no owner
 * unit), the unit for a committee's own pack, `undefined` for an id never loaded.
 */
export async function packOwner(ex: Executor, id: string): Promise<PackOwnerUnit | null | undefined> {
  if (listRulePacks().some((p) => p.id === id)) return null;
  const [row] = await ex.query<{ owner_unit_id: number | null; path: string | null; name: string | null }>(
    `SELECT r.owner_unit_id, u.path, u.name FROM rule_packs r LEFT JOIN org_units u ON u.id = r.owner_unit_id
      WHERE r.id = $1 ORDER BY r.effective_from, r.created_at LIMIT 1`,
    [id],
  );
  if (!row) return undefined;
  return row.owner_unit_id === null ? null : { id: row.owner_unit_id, path: row.path!, name: row.name! };
}
