/**
 * The demo's meeting history: for every demo cell, a meeting series and a thematic plan, the
 * 12 monthly meetings held before `today` (attendance, guests, speeches, a resolution vote,
 * tasks and their review, preparation steps, posted documents, an adopted and hash-chained
 * record), the chi ủy meetings that prepared them, and the next 3 months planned.
 *
 * Deterministic: every choice comes from a seeded PRNG per cell and every time from `today`.
 * The rows are written the way the meetings feature writes them (same roster query, same
 * vote rule, the record built by `buildMeetingRecord` and locked by `lockAdoptedVersion`), with
 * bulk inserts per meeting so that `serve --demo` stays quick on PGlite.
 *
 * This module runs it cell by cell; the pieces are in meeting-context.ts (shared types and
 * helpers), meeting-choices.ts (the seeded choices), held-meeting.ts (one held meeting),
 * committee-meeting.ts (a chi ủy meeting), meeting-documents.ts and next-meeting.ts.
 */
import type { Executor } from '../../db/executor.js';
import { type RulePack, rulePackFor } from '../../rules/index.js';
import { generateMeetings } from '../meetings/plan.js';
import { findUnit } from '../org/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { addDays, addMonths } from './dates.js';
import type { DemoMember, DemoUnit } from './generate.js';
import { seedHeldMeeting } from './held-meeting.js';
import { personName, shuffle } from './meeting-choices.js';
import {
  type CellContext,
  type DemoMeetingsInput,
  type DemoMeetingsResult,
  type GuestPerson,
  type OpenTask,
  oneAtATime,
  pad2,
  qualityTierOf,
  type Shared,
} from './meeting-context.js';
import {
  areaOf,
  guestRoles,
  isEveningProfile,
  meetingPlace,
  profileOfCellType,
  SUPERVISOR_TITLE,
} from './meeting-texts.js';
import { prepareNextMeeting } from './next-meeting.js';
import { Rng } from './rng.js';

export {
  type DemoMeetingsInput,
  type DemoMeetingsResult,
  type QualityTier,
  qualityTierOf,
} from './meeting-context.js';

/** How many monthly meetings of history each cell gets. */
export const HELD_MONTHS = 12;
const PLANNED_MONTHS = 3;

// ---------------------------------------------------------------------------------------------

export async function seedDemoMeetings(tx: Executor, input: DemoMeetingsInput): Promise<DemoMeetingsResult> {
  const { org, today, memberIds } = input;
  const shared: Shared = {
    input,
    userOfMember: new Map(),
    result: { held: 0, committee: 0, planned: 0, attendance: 0, speeches: 0, tasks: 0, documents: 0 },
  };
  for (const a of input.accounts.values()) {
    if (a.memberKey) shared.userOfMember.set(memberIds.get(a.memberKey)!, a.userId);
  }
  const pack = rulePackFor([], today);
  const cells = org.units.filter((u) => u.kind === 'chi_bo' || u.kind === 'chi_bo_co_so');
  const contexts: CellContext[] = [];
  for (const [index, unit] of cells.entries()) {
    const ctx = await prepareCell(tx, shared, unit, index, pack);
    contexts.push(ctx);
    await seedHistory(tx, shared, ctx);
  }

  // The coming months, exactly as the planner makes them from the series and the thematic plan.
  const codes = new Rng(0xc0de);
  const planned: number[] = [];
  for (const ctx of contexts) {
    const unit = (await findUnit(tx, ctx.unitId))!;
    planned.push(...(await generateMeetings(tx, unit, { today, months: PLANNED_MONTHS })));
  }
  // The planner draws check-in codes from Math.random; the demo keeps them reproducible.
  await tx.query(
    'UPDATE meetings m SET checkin_code = x.c FROM unnest($1::int[], $2::text[]) AS x(id, c) WHERE m.id = x.id',
    [planned, planned.map(() => String(codes.int(100000, 999999)))],
  );
  shared.result.planned = planned.length;

  const kp1 = contexts.find((c) => c.unit.key === 'kp1');
  if (kp1) await prepareNextMeeting(tx, shared, kp1);
  return shared.result;
}

// ---------------------------------------------------------------------------------------------
// A cell's standing data: series, thematic plan, its officials and usual guests

async function prepareCell(
  tx: Executor,
  shared: Shared,
  unit: DemoUnit,
  index: number,
  pack: RulePack,
): Promise<CellContext> {
  const { org, today, unitIds, memberIds } = shared.input;
  const rng = new Rng(0x5eed + index * 7919);
  const unitId = unitIds.get(unit.key)!;
  const parent = org.units.find((u) => u.key === unit.parentKey);
  const locality = (parent?.name ?? '').replace(/^Đảng bộ\s+/u, '');
  const profile = profileOfCellType(unit.cellType);
  const dayOfMonth = unit.key === 'kp1' ? 10 : rng.int(5, 15);
  const startTime = isEveningProfile(profile) ? '19:30' : rng.chance(0.5) ? '14:00' : '16:00';
  const place = meetingPlace(unit.name, profile, locality);
  const [series] = await tx.query<{ id: number }>(
    'INSERT INTO meeting_series (unit_id, day_of_month, start_time, place) VALUES ($1, $2, $3, $4) RETURNING id',
    [unitId, dayOfMonth, startTime, place],
  );

  const held = heldDates(today, dayOfMonth);
  const windowStart = addDays(held[0]!, -14);
  const own = org.members.filter((m) => m.homeCellKey === unit.key && !m.removed);
  const stableMembers = own.filter(
    (m) =>
      !m.exempted &&
      !m.temporaryOut &&
      !m.contact213 &&
      m.officialDate !== null &&
      m.officialDate <= windowStart &&
      (m.transferredIn?.date ?? m.admissionDate) <= windowStart,
  );
  const fixed = shared.input.cellSecretaries.get(unit.key);
  const ordered = [
    ...stableMembers.filter((m) => m.key === fixed),
    ...shuffle(
      rng,
      stableMembers.filter((m) => m.key !== fixed),
    ),
  ];
  const stable = ordered.map((m: DemoMember) => memberIds.get(m.key)!);
  const officials = own.filter((m) => m.officialDate !== null && m.officialDate <= today).length;
  const hasCommittee = officials >= pack.organisation.cellCommitteeFromOfficialMembers;
  const committee = hasCommittee ? stable.slice(0, officials >= 30 ? 5 : 3) : [];
  const thuKy = stable[Math.max(committee.length, 2)] ?? stable[stable.length - 1];

  // Usual guests: the superior committee member in charge, heads of the area and its organisations.
  const area = areaOf(unit.name);
  const guests: GuestPerson[] = [];
  const sup = shared.input.supervisor;
  if (sup?.cellKeys.includes(unit.key)) {
    const person = org.members.find((m) => m.key === sup.memberKey)!;
    guests.push({
      name: person.fullName,
      title: SUPERVISOR_TITLE,
      organisation: `Đảng ủy ${locality}`,
      isSupervisor: true,
      userId: shared.input.accounts.get(sup.username)?.userId ?? null,
    });
  } else {
    guests.push({
      name: personName(rng),
      title: SUPERVISOR_TITLE,
      organisation: `Đảng ủy ${locality}`,
      isSupervisor: true,
      userId: null,
    });
  }
  for (const [title, organisation] of shuffle(rng, guestRoles(profile, area, locality)).slice(0, 3)) {
    guests.push({ name: personName(rng), title, organisation, isSupervisor: false, userId: null });
  }

  // Thematic plan for each quarter of last year and this year; a quarter with held meetings has
  // its thematic month among them, so every quarter of the history has its combined meeting.
  const suggestions = [
    ...(pack.meetings.thematicSuggestions[unit.cellType ?? ''] ?? []),
    ...(pack.meetings.thematicSuggestions.default ?? []),
  ];
  const heldMonths = new Set(held.map((d) => d.slice(0, 7)));
  const year = Number(today.slice(0, 4));
  const plans: CellContext['plans'] = [];
  for (const y of [year - 1, year]) {
    const topics = shuffle(rng, suggestions);
    for (let q = 1; q <= 4; q++) {
      const months = [1, 2, 3].map((i) => (q - 1) * 3 + i);
      const inHistory = months.filter((m) => heldMonths.has(`${y}-${pad2(m)}`));
      const month = rng.pick(inHistory.length > 0 ? inHistory : months);
      plans.push({
        year: y,
        quarter: q,
        month,
        topic: topics[(q - 1) % topics.length]!,
        presenter: stable.length > 0 ? rng.pick(stable) : null,
      });
    }
  }
  await tx.query(
    `INSERT INTO thematic_plans (unit_id, year, quarter, topic, month, presenter_member_id)
     SELECT $1, y, q, t, m, p FROM unnest($2::int[], $3::int[], $4::text[], $5::int[], $6::int[]) AS x(y, q, t, m, p)`,
    [
      unitId,
      plans.map((p) => p.year),
      plans.map((p) => p.quarter),
      plans.map((p) => p.topic),
      plans.map((p) => p.month),
      plans.map((p) => p.presenter),
    ],
  );
  return {
    tier: qualityTierOf(unit.key),
    unit,
    unitId,
    unitName: unit.name,
    profile,
    locality,
    rng,
    seriesId: series!.id,
    dayOfMonth,
    startTime,
    place,
    stable,
    committee,
    thuKy,
    guests,
    plans,
    actorUserId: stable[0] !== undefined ? (shared.userOfMember.get(stable[0]) ?? null) : null,
  };
}

/** The series dates of the `HELD_MONTHS` months before `today` (strictly before it), oldest first. */
export function heldDates(today: string, dayOfMonth: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < HELD_MONTHS; i++) {
    const date = `${addMonths(`${today.slice(0, 7)}-01`, -i).slice(0, 7)}-${pad2(dayOfMonth)}`;
    if (date < today) out.unshift(date);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The history of held meetings

async function seedHistory(tx: Executor, shared: Shared, ctx: CellContext) {
  const { today } = shared.input;
  const dates = heldDates(today, ctx.dayOfMonth);
  let prevTasks: OpenTask[] = [];
  let prevHash: string | null = null;
  let previousIssue = '';
  for (const [i, date] of dates.entries()) {
    // Khu phố 2's latest meeting is left without adopted minutes: the demo's open "minutes late"
    // alert, for the supervisor (giamsat1) and the ward office to see.
    const leaveUnadopted = ctx.unit.key === 'kp2' && i === dates.length - 1 && addDays(date, 3) < today;
    const r = await seedHeldMeeting(
      tx,
      shared,
      ctx,
      date,
      prevTasks,
      prevHash,
      previousIssue,
      leaveUnadopted,
    );
    prevTasks = r.tasks;
    prevHash = r.hash;
    previousIssue = r.issue;
  }
  // The month × cell summary the dashboards read, as ending a meeting and adopting its record do.
  for (const date of dates) await refreshCellMonth(oneAtATime(tx), ctx.unitId, date.slice(0, 7));
}
