/**
 * What the demo meeting modules share: the input and result of `seedDemoMeetings`, a cell's
 * standing data (`CellContext`) with its seeded PRNG, the quality tier that shapes it, and a
 * few time and label helpers.
 */

import type { Executor } from '../../db/executor.js';
import type { DemoDirectivePlan } from './directives.js';
import type { DemoOrg, DemoUnit } from './generate.js';
import type { CellProfile } from './meeting-texts.js';
import type { Rng } from './rng.js';

export interface DemoMeetingsInput {
  today: string;
  org: DemoOrg;
  unitIds: ReadonlyMap<string, number>;
  memberIds: ReadonlyMap<string, number>;
  /** Demo accounts by username: user id and the demo member the account belongs to. */
  accounts: ReadonlyMap<string, { userId: number; memberKey?: string }>;
  /** The member who is bí thư of a cell, where the demo fixes it (Khu phố 1: bithu1's member). */
  cellSecretaries: ReadonlyMap<string, string>;
  /** The superior committee member supervising some cells (giamsat1). */
  supervisor?: { username: string; memberKey: string; cellKeys: readonly string[] };
  /** The ward's directives the cells disseminate at their meetings (issue 11 part A). */
  directives?: DemoDirectivePlan;
}

export interface DemoMeetingsResult {
  held: number;
  committee: number;
  planned: number;
  attendance: number;
  speeches: number;
  tasks: number;
  documents: number;
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);
export const monthLabel = (iso: string) => `${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The same executor, its queries run one after the other: buildMeetingRecord issues its reads
 * in parallel, which a single node-postgres transaction client only queues with a deprecation
 * warning (printed at `serve --demo` start-up otherwise).
 */
export function oneAtATime(ex: Executor): Executor {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query<T>(sql: string, params?: readonly unknown[]) {
      const run = last.then(() => ex.query<T>(sql, params));
      last = run.catch(() => undefined);
      return run;
    },
    transaction: (fn) => ex.transaction(fn),
    exec: (sql) => ex.exec(sql),
  };
}

export interface GuestPerson {
  name: string;
  title: string;
  organisation: string;
  isSupervisor: boolean;
  userId: number | null;
}

/**
 * How well a cell keeps its meetings, so the demo shows every rating: model cells (small,
 * everyone present and speaking), most cells good, two weak ones (short meetings, absences,
 * documents late, last month's items often missed).
 */
export type QualityTier = 'model' | 'good' | 'weak';
export function qualityTierOf(unitKey: string): QualityTier {
  if (['tram_y_te', 'mam_non', 'quan_su'].includes(unitKey)) return 'model';
  if (['ap_an_binh', 'dn_dua_xanh'].includes(unitKey)) return 'weak';
  return 'good';
}

export interface CellContext {
  tier: QualityTier;
  unit: DemoUnit;
  unitId: number;
  unitName: string;
  profile: CellProfile;
  locality: string;
  rng: Rng;
  seriesId: number;
  dayOfMonth: number;
  startTime: string;
  place: string;
  /** Members on the roster all year, ordered: bí thư, phó bí thư, other chi ủy members, others. */
  stable: number[];
  committee: number[];
  thuKy: number | undefined;
  guests: GuestPerson[];
  plans: { year: number; quarter: number; month: number; topic: string; presenter: number | null }[];
  actorUserId: number | null;
}

export interface Shared {
  input: DemoMeetingsInput;
  userOfMember: Map<number, number>;
  result: DemoMeetingsResult;
}

export interface OpenTask {
  id: number;
  title: string;
}
