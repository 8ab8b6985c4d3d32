/**
 * A deterministic generator of the demo organisation: the province → ward → cells tree and
 * a few hundred members with the statuses real cells have (probationary, exempted, on
 * temporary transfer, "213" contacts, transferred in, removed). Pure data: no database, no
 * clock, no Math.random — the same `seed` and `today` always give the same organisation.
 *
 * This module decides who has which status and runs the generator; the tree is in
 * org-tree.ts, the members in generate-members.ts, the PRNG in rng.ts and dates in dates.ts.
 */

import { dayNumber, yearOf } from './dates.js';
import { type DemoMember, MemberFactory, type Slot, type Status } from './generate-members.js';
import { SORTING_NAMES } from './names.js';
import { buildUnits, CELLS, type CellSpec, type DemoUnit, type Profile } from './org-tree.js';
import { Rng } from './rng.js';

// The generator's pieces, importable from here as before.
export { addDays, addMonths } from './dates.js';
export type { DemoMember } from './generate-members.js';
export type { CellType, DemoUnit } from './org-tree.js';
export { mulberry32, Rng } from './rng.js';

export interface DemoOrg {
  units: DemoUnit[];
  members: DemoMember[];
}

// ---------------------------------------------------------------------------------------------
// Generator

export function generateDemoOrg(opts: { seed?: number; today: string }): DemoOrg {
  const today = opts.today.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(dayNumber(today)) || yearOf(today) < 2010) {
    throw new Error(`generateDemoOrg: invalid today ${JSON.stringify(opts.today)}`);
  }
  const rng = new Rng(opts.seed ?? 1);
  const gen = new MemberFactory(rng, today);
  const slots = planSlots(rng);
  return { units: buildUnits(), members: slots.map((s) => gen.make(s)) };
}

/** Decides, cell by cell, who has which status; the member factory then fits dates to it. */
function planSlots(rng: Rng): Slot[] {
  const regular = new Map<string, Slot[]>(
    CELLS.map((c) => [c.key, Array.from({ length: c.size }, (): Slot => ({ cell: c, status: 'normal' }))]),
  );
  const slotsOf = (key: string) => regular.get(key)!;
  const place = (key: string, status: Status): Slot | undefined => {
    const free = slotsOf(key).filter((s) => s.status === 'normal');
    if (free.length === 0) return undefined;
    const slot = rng.pick(free);
    slot.status = status;
    return slot;
  };
  const byKind = (profiles: readonly Profile[], parentKey = 'phuong') =>
    CELLS.filter((c) => c.parentKey === parentKey && c.key !== 'kp1' && profiles.includes(c.profile));
  /** Spread `count` statuses over cells, weighted by size, at most `cap` per cell. */
  const spread = (cells: readonly CellSpec[], status: Status, count: number, cap: number): Slot[] => {
    const placed: Slot[] = [];
    const used = new Map<string, number>();
    for (let guard = 0; placed.length < count && guard < count * 20; guard++) {
      const c = rng.weighted(cells.map((x) => [x, x.size] as const));
      if ((used.get(c.key) ?? 0) >= cap) continue;
      const slot = place(c.key, status);
      if (!slot) continue;
      used.set(c.key, (used.get(c.key) ?? 0) + 1);
      placed.push(slot);
    }
    return placed;
  };

  // Khu phố 1 holds the names that exercise sorting and one of every status.
  const kp1 = slotsOf('kp1');
  SORTING_NAMES.forEach((fixed, i) => {
    kp1[i]!.fixed = fixed;
  });
  for (const status of ['probationary', 'exempted', 'exempted', 'temporary_out', 'transferred_in'] as const) {
    place('kp1', status);
  }

  const allProfiles: Profile[] = [
    'resident',
    'rural',
    'agency',
    'school',
    'health',
    'police',
    'military',
    'business',
  ];
  const sizable = (cells: readonly CellSpec[], min: number) => cells.filter((c) => c.size >= min);
  spread(sizable(byKind(allProfiles), 12), 'probationary', 12, 2);
  spread(byKind(['resident', 'rural']), 'exempted', 13, 3);
  spread(byKind(['resident']), 'exempted_ill', 1, 1);
  spread(sizable(byKind(allProfiles), 9), 'temporary_out', 6, 1);
  spread(sizable(byKind(allProfiles), 8), 'transferred_in', 5, 1);
  const residential = CELLS.filter((c) => c.parentKey === 'phuong' && c.cellType === 'khu_dan_cu');
  for (const s of spread(byKind(['agency', 'school', 'police']), 'contact213_in_tree', 3, 1)) {
    s.contactCell = rng.pick(residential.filter((c) => c.key !== 'kp1'));
  }
  // The other đảng bộ gets a little variety too.
  place('mta_thanh_hung', 'probationary');
  place('mta_phu_thanh', 'exempted');

  // Removed members: four deaths (one in Khu phố 1) and one removal from the list.
  const removed = new Map<string, Status[]>([['kp1', ['tu_tran']]]);
  const removedCells = byKind(['resident', 'rural']);
  for (let i = 0; i < 3; i++) {
    const key = rng.pick(removedCells).key;
    removed.set(key, [...(removed.get(key) ?? []), 'tu_tran']);
  }
  const xoaTen = rng.pick(removedCells.filter((c) => c.profile === 'resident')).key;
  removed.set(xoaTen, [...(removed.get(xoaTen) ?? []), 'xoa_ten']);

  const out: Slot[] = [];
  for (const c of CELLS) {
    out.push(...slotsOf(c.key));
    for (let i = 0; i < c.contacts213; i++) out.push({ cell: c, status: 'contact213', contactCell: c });
    for (const status of removed.get(c.key) ?? []) out.push({ cell: c, status });
  }
  return out;
}
