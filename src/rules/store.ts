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

export async function allPacks(ex: Executor): Promise<(RulePack & { source: 'built-in' | 'loaded' })[]> {
  const rows = await ex.query<{ content: unknown }>(
    'SELECT content FROM rule_packs ORDER BY id, effective_from',
  );
  return [
    ...listRulePacks().map((p) => ({ ...p, source: 'built-in' as const })),
    ...rows.map((r) => ({ ...rulePackSchema.parse(r.content), source: 'loaded' as const })),
  ];
}
