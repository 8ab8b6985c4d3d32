import { HD42_2025 } from './hd42-2025.js';
import { MERGED_RUBRIC } from './rubrics.js';
import type { RulePack } from './types.js';

export type { RulePack } from './types.js';

/** A provincial-style variant: running and chairing merged into one 40-point criterion. */
export const MERGED_2025: RulePack = {
  ...HD42_2025,
  id: 'gop-dieu-hanh-2025',
  version: '2025.10.28',
  name: 'Biến thể 5/5/10/40/5/30/5 (gộp tổ chức và điều hành sinh hoạt)',
  scoring: { rubric: MERGED_RUBRIC, finalRule: 'supervisor_if_confirmed' },
};

/** Built-in packs, every version of every pack id. */
const PACKS: RulePack[] = [HD42_2025, MERGED_2025];
export const DEFAULT_PACK_ID = HD42_2025.id;

export function listRulePacks(): RulePack[] {
  return [...PACKS];
}

/**
 * The version in force on `date`: the latest whose effective date is on or before it (else the
 * earliest). A version that starts after `date` can never be chosen for it, so loading a new
 * version never changes how an earlier meeting is scored.
 */
export function pickVersion<T extends { effectiveFrom: string }>(
  versions: readonly T[],
  date: string,
): T | undefined {
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return sorted.find((p) => p.effectiveFrom <= date) ?? sorted[sorted.length - 1];
}

/** The version of pack `id` in force on `date` (ISO), or undefined. */
export function rulePackVersion(id: string, date: string): RulePack | undefined {
  return pickVersion(
    PACKS.filter((p) => p.id === id),
    date,
  );
}

/**
 * The pack selected for a unit: the nearest `rule_pack` on the unit or its ancestors
 * (`chain` is ordered from the unit up to the root), else the national default.
 */
export function rulePackFor(chain: readonly { rulePack: string | null }[], date: string): RulePack {
  const id = chain.find((u) => u.rulePack)?.rulePack ?? DEFAULT_PACK_ID;
  return rulePackVersion(id, date) ?? rulePackVersion(DEFAULT_PACK_ID, date)!;
}
