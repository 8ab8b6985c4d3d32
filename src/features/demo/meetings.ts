/**
 * The demo's meeting history: for every demo cell, a meeting series and a thematic plan, the
 * 12 monthly meetings held before `today` (attendance, guests, speeches, a resolution vote,
 * tasks and their review, preparation steps, posted documents, an adopted and hash-chained
 * record), the chi ủy meetings that prepared them, and the next 3 months planned.
 *
 * Deterministic: every choice comes from a seeded PRNG per cell and every time from `today`.
 * The rows are written the way the meetings feature writes them (same roster query, same
 * vote rule, the record built by `buildMeetingRecord` and chained with `chainHash`), with
 * bulk inserts per meeting so that `serve --demo` stays quick on PGlite.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { type AttendanceStatus, decideVote, summarizeAttendance } from '../../domain/attendance.js';
import { formatNumber } from '../../domain/format.js';
import { type RulePack, rulePackFor } from '../../rules/index.js';
import { MEETING_KINDS, type MeetingKindKey } from '../meetings/labels.js';
import { formatDateTime, generateMeetings } from '../meetings/plan.js';
import { buildMeetingRecord, chainHash, type RecordText } from '../meetings/record.js';
import { loadRoster, type RosterRow, toEntries } from '../meetings/running.js';
import { findMeeting, type MeetingRow } from '../meetings/service.js';
import { isoLocal, localDateTime } from '../meetings/time.js';
import { findUnit } from '../org/service.js';
import { refreshCellMonth } from '../scoring/status.js';
import { addDays, addMonths, type DemoMember, type DemoOrg, type DemoUnit, Rng } from './generate.js';
import {
  ACHIEVED_NOTES,
  absenceReasons,
  areaOf,
  type CellProfile,
  committeePlace,
  guestRoles,
  ISSUES,
  isEveningProfile,
  meetingPlace,
  NEXT_TASK_SPEECH,
  NOT_ACHIEVED_NOTES,
  PARTIAL_NOTES,
  profileOfCellType,
  SPEECHES,
  type SpeechContext,
  SUPERVISOR_SPEECHES,
  SUPERVISOR_TITLE,
  seasonalTasks,
  TASKS,
  unitWord,
} from './meeting-texts.js';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from './names.js';
import { slugify, tinyPdf } from './pdf.js';

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

/** How many monthly meetings of history each cell gets. */
export const HELD_MONTHS = 12;
const PLANNED_MONTHS = 3;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const pad2 = (n: number) => String(n).padStart(2, '0');
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MINUTE);
const monthLabel = (iso: string) => `${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A local time of day on an ISO date, between `from` and `to` hours, on 5-minute steps. */
function timeOn(rng: Rng, date: string, from: number, to: number): Date {
  const minutes = rng.int(from * 12, to * 12) * 5;
  return localDateTime(date, `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`);
}

function personName(rng: Rng): string {
  for (;;) {
    const female = rng.chance(0.4);
    const family = rng.weighted(FAMILY_NAMES);
    const middle = female
      ? rng.chance(0.6)
        ? 'Thị'
        : rng.weighted(MIDDLE_NAMES.nu)
      : rng.chance(0.5)
        ? 'Văn'
        : rng.weighted(MIDDLE_NAMES.nam);
    const given = rng.pick(GIVEN_NAMES[female ? 'nu' : 'nam']);
    if (given !== middle && given !== family) return `${family} ${middle} ${given}`;
  }
}

/**
 * The same executor, its queries run one after the other: buildMeetingRecord issues its reads
 * in parallel, which a single node-postgres transaction client only queues with a deprecation
 * warning (printed at `serve --demo` start-up otherwise).
 */
function oneAtATime(ex: Executor): Executor {
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

function sortRoster(rows: RosterRow[]): RosterRow[] {
  return [...rows].sort((a, b) =>
    a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.member_id - b.member_id,
  );
}

interface GuestPerson {
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

interface CellContext {
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

interface Shared {
  input: DemoMeetingsInput;
  userOfMember: Map<number, number>;
  result: DemoMeetingsResult;
}

interface OpenTask {
  id: number;
  title: string;
}

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

/** Picks the first candidate who is an official own member on the roster, not away, not excluded. */
function pickOfficial(
  roster: RosterRow[],
  candidates: readonly (number | undefined)[],
  exclude: readonly (number | undefined)[] = [],
): number | undefined {
  const ok = (id: number | undefined) =>
    id !== undefined &&
    !exclude.includes(id) &&
    roster.some((r) => r.member_id === id && r.category === 'member' && !r.away && r.is_official);
  const found = candidates.find(ok);
  if (found !== undefined) return found;
  return roster.find((r) => ok(r.member_id))?.member_id;
}

interface MarkedRow {
  row: RosterRow;
  status: AttendanceStatus | null;
  reason: string | null;
  checkedInAt: Date | null;
  via: 'secretary' | 'self' | null;
}

const attendedRow = (m: MarkedRow) => m.status !== null && !m.status.startsWith('absent');

/**
 * Marks the roster as a secretary would: about 85–97% of the base present (some late), excused
 * absences with their reasons, rarely an unexcused one; exempted members mostly stay home, those
 * away elsewhere are left unmarked, members hosted here mostly come.
 */
function markAttendance(
  rng: Rng,
  shared: Shared,
  profile: CellProfile,
  roster: RosterRow[],
  mustAttend: ReadonlySet<number>,
  times: { scheduledAt: Date; startedAt: Date },
  tier: QualityTier = 'good',
): MarkedRow[] {
  const base = roster.filter((r) => r.category === 'member' && !r.away);
  const rate = tier === 'model' ? 1 : tier === 'weak' ? 0.7 + rng.float() * 0.15 : 0.85 + rng.float() * 0.12;
  const absentCount = Math.floor(base.length * (1 - rate) + rng.float());
  const absent = new Set(
    shuffle(
      rng,
      base.filter((r) => !mustAttend.has(r.member_id)),
    )
      .slice(0, absentCount)
      .map((r) => r.member_id),
  );
  const reasons = absenceReasons(profile);
  return roster.map((row): MarkedRow => {
    const arrive = (): MarkedRow => {
      const late = rng.chance(0.05);
      const leftEarly = !late && rng.chance(0.015);
      return {
        row,
        status: late ? 'late' : leftEarly ? 'left_early' : 'present',
        reason: null,
        checkedInAt: late ? plus(times.startedAt, rng.int(10, 30)) : plus(times.scheduledAt, -rng.int(0, 20)),
        via: shared.userOfMember.has(row.member_id) && rng.chance(0.7) ? 'self' : 'secretary',
      };
    };
    if (row.category === 'member' && !row.away) {
      if (!absent.has(row.member_id)) return arrive();
      const unexcused = rng.chance(tier === 'weak' ? 0.3 : 0.06);
      return {
        row,
        status: unexcused ? 'absent_unexcused' : 'absent_excused',
        reason: unexcused ? null : rng.weighted(reasons),
        checkedInAt: null,
        via: 'secretary',
      };
    }
    if (row.category === 'exempted' && rng.chance(0.12)) return arrive();
    if (row.category === 'temporary_in' && rng.chance(0.85)) return arrive();
    return { row, status: null, reason: null, checkedInAt: null, via: null };
  });
}

interface PlannedTask {
  title: string;
  owners: number[];
  deadline: string;
}

/**
 * 3–5 tasks for the month until the next meeting (seasonal ones first, then the cell's usual
 * work, not repeating last month's), 1–2 owners among the members present, deadlines in the
 * next month before the next meeting, which reviews them.
 */
function planTasks(
  rng: Rng,
  profile: CellProfile,
  date: string,
  previous: readonly OpenTask[],
  owners: readonly number[],
): PlannedTask[] {
  const count = rng.int(3, 5);
  const titles: string[] = [];
  for (const t of seasonalTasks(Number(date.slice(5, 7)), profile)) {
    if (titles.length < count - 1 && rng.chance(0.7)) titles.push(t);
  }
  const previousTitles = new Set(previous.map((t) => t.title));
  for (const t of shuffle(rng, TASKS[profile])) {
    if (titles.length >= count) break;
    if (!previousTitles.has(t) && !titles.includes(t)) titles.push(t);
  }
  const nextMeeting = addMonths(date, 1);
  const day = Number(nextMeeting.slice(8, 10));
  return titles.map((title) => ({
    title,
    owners: shuffle(rng, owners).slice(0, rng.chance(0.35) ? 2 : 1),
    deadline: addDays(nextMeeting, -(rng.chance(0.6) ? rng.int(1, 3) : rng.int(1, day - 1))),
  }));
}

interface Review {
  id: number;
  result: 'achieved' | 'partial' | 'not_achieved';
  note: string | null;
}

/** Last month's tasks, judged at this meeting: mostly achieved, some partly, a few not. */
function reviewTasks(
  rng: Rng,
  previous: readonly OpenTask[],
  tier: QualityTier = 'good',
): { reviews: Review[]; summary: string } {
  const weights = { model: [96, 4, 0], good: [80, 14, 6], weak: [40, 25, 35] }[tier];
  const reviews = previous.map((t): Review => {
    const result = rng.weighted([
      ['achieved', weights[0]!],
      ['partial', weights[1]!],
      ['not_achieved', weights[2]!],
    ] as const);
    const note =
      result === 'partial'
        ? rng.pick(PARTIAL_NOTES)
        : result === 'not_achieved'
          ? rng.pick(NOT_ACHIEVED_NOTES)
          : rng.chance(0.2)
            ? rng.pick(ACHIEVED_NOTES)
            : null;
    return { id: t.id, result, note };
  });
  const achieved = reviews.filter((r) => r.result === 'achieved').length;
  const partial = reviews.filter((r) => r.result === 'partial').length;
  const failed = reviews.length - achieved - partial;
  const summary =
    reviews.length > 0
      ? `hoàn thành ${achieved}/${reviews.length} nội dung${partial ? `, ${partial} nội dung đạt một phần` : ''}${
          failed ? `, ${failed} nội dung chưa đạt` : ''
        }`
      : 'các nhiệm vụ cơ bản được triển khai đúng kế hoạch';
  return { reviews, summary };
}

interface SpeechRow {
  agendaItemId: number | null;
  memberId: number | null;
  guestId: number | null;
  name: string;
  summary: string;
  at: Date;
}

/** Agenda items as inserted: their ids and the moment each was reached. */
interface AgendaIndex {
  id: (key: string) => number | null;
  at: (key: string) => Date;
  position: (key: string) => number;
}

/**
 * 3–8 speeches by members present, in agenda order: the preparer reports on last month's
 * resolution, members discuss, an owner of a new task speaks to it, the presenter presents the
 * thematic topic; the superior committee member, when present, sometimes speaks too.
 */
function composeSpeeches(
  rng: Rng,
  s: {
    context: SpeechContext;
    roster: RosterRow[];
    speakers: readonly number[];
    chair: number;
    preparer: number;
    presenter: number | null;
    previousMonth: string;
    reviewSummary: string;
    tasks: readonly PlannedTask[];
    agenda: AgendaIndex;
    supervisorGuest: { id: number; name: string } | undefined;
    tier?: QualityTier;
  },
): SpeechRow[] {
  const combined = s.context.topic !== undefined;
  const slots = ['previous_results', 'discussion'];
  if (combined) slots.push('topic_presentation', 'topic_discussion');
  const extra = ['news', 'ideology', 'discussion', 'discussion', 'next_tasks', 'disseminate'];
  if (combined) extra.push('topic_discussion');
  // Model cells: nearly everyone present speaks (the rubric's >50% of members).
  const total =
    s.tier === 'model' ? Math.max(slots.length, s.speakers.length) : rng.int(Math.max(3, slots.length), 8);
  while (slots.length < total) slots.push(rng.pick(extra));
  slots.sort((a, b) => s.agenda.position(a) - s.agenda.position(b));

  const pool = shuffle(
    rng,
    s.speakers.filter((m) => m !== s.chair),
  );
  const used = new Set<number>();
  const fresh = (among: readonly number[]) =>
    among.find((m) => !used.has(m)) ?? rng.pick(among.length > 0 ? among : [s.chair]);
  const owners = s.tasks.flatMap((t) => t.owners).filter((m) => pool.includes(m));
  const said = new Set<string>();
  const out: SpeechRow[] = [];
  for (const key of slots) {
    let memberId: number;
    let summary: string;
    if (key === 'previous_results') {
      memberId = s.preparer;
      summary = `Báo cáo kết quả thực hiện nghị quyết tháng ${s.previousMonth}: ${s.reviewSummary}.`;
    } else if (key === 'topic_presentation') {
      memberId = s.presenter ?? s.chair;
      summary = SPEECHES.topic_presentation![0]!(s.context);
    } else if (key === 'next_tasks' && owners.some((m) => !used.has(m))) {
      memberId = fresh(owners);
      const task = s.tasks.find((t) => t.owners.includes(memberId))!.title;
      summary = NEXT_TASK_SPEECH({ ...s.context, task });
    } else {
      memberId = fresh(pool);
      const options = shuffle(rng, SPEECHES[key] ?? SPEECHES.discussion!).map((t) => t(s.context));
      summary = options.find((o) => !said.has(o)) ?? options[0]!;
    }
    used.add(memberId);
    said.add(summary);
    out.push({
      agendaItemId: s.agenda.id(key),
      memberId,
      guestId: null,
      name: nameOf(s.roster, memberId),
      summary,
      at: plus(s.agenda.at(key), out.length),
    });
  }
  if (s.supervisorGuest && rng.chance(0.6)) {
    out.push({
      agendaItemId: s.agenda.id('discussion'),
      memberId: null,
      guestId: s.supervisorGuest.id,
      name: s.supervisorGuest.name,
      summary: rng.pick(SUPERVISOR_SPEECHES)(s.context),
      at: plus(s.agenda.at('discussion'), 20),
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The HD 42 preparation checklist, time-stamped: preparer assigned, chi ủy meeting, content and
 * draft resolution, documents posted 1–5 days before (sometimes only on the day: a shortfall the
 * app shows), members and the supervising committee member notified.
 */
function prepSteps(
  rng: Rng,
  p: {
    date: string;
    scheduledAt: Date;
    leadDays: number;
    prepEnded: Date;
    hasCommittee: boolean;
    supervisedByAccount: boolean;
    tier?: QualityTier;
  },
): { steps: [string, Date, string | null][]; documentsAt: Date } {
  const lead = Math.min(
    rng.weighted([
      [0, p.tier === 'weak' ? 60 : p.tier === 'model' ? 0 : 10],
      [1, 30],
      [2, 30],
      [3, 20],
      [4, 6],
      [5, 4],
    ] as const),
    p.leadDays - 1,
  );
  const documentsAt =
    lead === 0 ? plus(p.scheduledAt, -rng.int(2, 6) * 60) : timeOn(rng, addDays(p.date, -lead), 7, 21);
  const contentAt = new Date(
    Math.min(plus(p.prepEnded, rng.int(30, 24 * 60)).getTime(), documentsAt.getTime() - 30 * MINUTE),
  );
  const inviteAt = timeOn(rng, addDays(p.date, -rng.int(2, Math.max(2, p.leadDays - 1))), 7, 20);
  const steps: [string, Date, string | null][] = [
    ['assign_preparer', timeOn(rng, addDays(p.date, -(p.leadDays + rng.int(2, 4))), 7, 20), null],
    [
      'prep_meeting',
      p.prepEnded,
      p.hasCommittee ? null : 'Bí thư cùng phó bí thư chuẩn bị (chi bộ không có chi ủy)',
    ],
    ['content', contentAt, null],
    ['draft_resolution', plus(contentAt, rng.int(10, 120)), null],
    ['documents_posted', documentsAt, null],
    ['invitation_sent', inviteAt, null],
  ];
  if (rng.chance(0.9)) {
    steps.push([
      'supervisor_notified',
      plus(inviteAt, rng.int(0, 30)),
      p.supervisedByAccount ? null : 'Báo qua điện thoại',
    ]);
  }
  return { steps, documentsAt };
}

async function seedHeldMeeting(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  date: string,
  prevTasks: OpenTask[],
  prevHash: string | null,
  previousIssue: string,
  leaveUnadopted = false,
): Promise<{ tasks: OpenTask[]; hash: string | null; issue: string }> {
  const { rng, profile } = ctx;
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4));
  const nextLabel = monthLabel(addMonths(date, 1));
  const prevLabel = monthLabel(addMonths(date, -1));
  const plan = ctx.plans.find((p) => p.year === year && p.month === month);
  const kind = plan ? 'combined' : 'regular';
  const pack = rulePackFor([], date);
  const scheduledAt = localDateTime(date, ctx.startTime);

  // The roster the meeting snapshots when it starts (the same query as startMeeting).
  const roster = sortRoster(
    await loadRoster(tx, {
      id: 0,
      unit_id: ctx.unitId,
      status: 'planned',
      scheduled_at: scheduledAt,
    } as MeetingRow),
  );
  const chair = pickOfficial(roster, ctx.stable)!;
  const secretary = pickOfficial(roster, [ctx.thuKy, ...ctx.stable.slice(1)], [chair]) ?? chair;
  const preparer = pickOfficial(roster, [ctx.stable[1], ctx.thuKy], [chair]) ?? secretary;

  // Length: mostly at least the minimum, sometimes 10–40 minutes short.
  const minimum = pack.meetings.minDurationMinutes[kind] ?? 90;
  const startedAt = plus(scheduledAt, rng.int(0, isEveningProfile(profile) ? 15 : 8));
  const shortChance = { model: 0, good: 0.12, weak: 0.6 }[ctx.tier];
  const length = rng.chance(shortChance)
    ? minimum - rng.int(10, ctx.tier === 'weak' ? 50 : 40)
    : minimum + rng.int(0, 35);
  const endedAt = plus(startedAt, length);

  // The chi ủy meets a few days before (cells with a chi ủy); else the bí thư prepares.
  const leadDays = rng.int(3, 7);
  const issues = ISSUES[profile];
  const issue = rng.pick(issues.filter((i) => i !== previousIssue));
  const otherIssue = rng.pick(issues.filter((i) => i !== issue));
  let prepMeetingId: number | null = null;
  let prepEnded: Date;
  if (ctx.committee.length > 0) {
    const members = ctx.committee.filter((id) =>
      roster.some((r) => r.member_id === id && r.category === 'member' && !r.away && r.is_official),
    );
    const committee = await insertCommitteeMeeting(tx, shared, ctx, {
      date: addDays(date, -leadDays),
      forMonth: date,
      members,
      chair,
      secretary: members.find((m) => m !== chair) ?? secretary,
      preparer,
      issue,
      held: true,
      previousTasks: prevTasks.length,
    });
    prepMeetingId = committee.id;
    prepEnded = committee.endedAt!;
  } else {
    prepEnded = timeOn(rng, addDays(date, -leadDays), 8, 20);
  }

  const mustAttend = new Set([chair, secretary, preparer]);
  if (plan?.presenter) mustAttend.add(plan.presenter);
  const marked = markAttendance(
    rng,
    shared,
    profile,
    roster,
    mustAttend,
    { scheduledAt, startedAt },
    ctx.tier,
  );
  const summary = summarizeAttendance(toEntries(marked.map((m) => ({ ...m.row, status: m.status }))));
  const presentOwn = marked
    .filter((m) => m.row.category === 'member' && !m.row.away && attendedRow(m))
    .map((m) => m.row.member_id);
  const tasks = planTasks(rng, profile, date, prevTasks, presentOwn);
  const { reviews, summary: reviewSummary } = reviewTasks(rng, prevTasks, ctx.tier);

  // Texts: the prepared content and draft resolution, the chair's conclusion.
  const word = unitWord(profile);
  const situation = `Từ buổi sinh hoạt tháng ${prevLabel} đến nay, chi bộ lãnh đạo đảng viên thực hiện nhiệm vụ chính trị của ${word}; kết quả thực hiện nghị quyết tháng ${prevLabel}: ${reviewSummary}. Vấn đề cần quan tâm: ${issue}. Tình hình tư tưởng đảng viên ổn định, tin tưởng vào sự lãnh đạo của Đảng.`;
  const directions = `Từ nay đến buổi sinh hoạt tháng ${nextLabel}, chi bộ tập trung lãnh đạo thực hiện: ${tasks
    .map((t) => lowerFirst(t.title))
    .join('; ')}.`;
  const conclusion = `Buổi sinh hoạt diễn ra đúng chương trình, bảo đảm nguyên tắc; các ý kiến phát biểu thẳng thắn, sát thực tế.${
    plan ? ` Chuyên đề “${plan.topic}” được đảng viên liên hệ với thực tế ${word}.` : ''
  } Chi bộ thống nhất ${tasks.length} nhiệm vụ trọng tâm; các đồng chí được phân công triển khai đúng thời hạn, báo cáo kết quả tại buổi sinh hoạt tháng ${nextLabel}.`;
  const text: RecordText = { situation, directions, conclusion };

  const title = plan
    ? `Sinh hoạt thường kỳ tháng ${monthLabel(date)} kết hợp chuyên đề`
    : `Sinh hoạt thường kỳ tháng ${monthLabel(date)}`;
  const [meeting] = await tx.query<{ id: number }>(
    `INSERT INTO meetings (unit_id, series_id, series_period, kind, status, title, thematic_topic, scheduled_at, place,
       min_duration_minutes, rule_pack, rule_pack_version, started_at, ended_at, chair_member_id, secretary_member_id,
       preparer_member_id, prep_meeting_id, content, draft_resolution, checkin_code, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'held', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $13)
     RETURNING id`,
    [
      ctx.unitId,
      ctx.seriesId,
      date.slice(0, 7),
      kind,
      title,
      plan?.topic ?? null,
      scheduledAt,
      ctx.place,
      minimum,
      pack.id,
      pack.version,
      startedAt,
      endedAt,
      chair,
      secretary,
      preparer,
      prepMeetingId,
      situation,
      directions,
      String(rng.int(100000, 999999)),
      ctx.actorUserId,
      new Date(scheduledAt.getTime() - 40 * DAY),
    ],
  );
  const id = meeting!.id;

  await tx.query(
    `INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason, checked_in_at, via, updated_at)
     SELECT $1, m, c, o, a, s, r, t, v, coalesce(t, $10)
       FROM unnest($2::int[], $3::text[], $4::bool[], $5::bool[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])
         AS x(m, c, o, a, s, r, t, v)`,
    [
      id,
      marked.map((m) => m.row.member_id),
      marked.map((m) => m.row.category),
      marked.map((m) => m.row.is_official),
      marked.map((m) => m.row.away),
      marked.map((m) => m.status),
      marked.map((m) => m.reason),
      marked.map((m) => m.checkedInAt),
      marked.map((m) => m.via),
      endedAt,
    ],
  );
  shared.result.attendance += marked.length;

  // 1–2 guests: the superior committee member in charge (often, where it is giamsat1), heads of
  // the area and of its organisations.
  const supervisor = ctx.guests.find((g) => g.isSupervisor)!;
  const supervisedByAccount = supervisor.userId !== null;
  const guests: GuestPerson[] = [];
  if (rng.chance(supervisedByAccount ? 0.8 : plan ? 0.5 : 0.15)) guests.push(supervisor);
  const wanted = rng.int(1, 2);
  for (const g of shuffle(
    rng,
    ctx.guests.filter((x) => !x.isSupervisor),
  )) {
    if (guests.length < wanted) guests.push(g);
  }
  const guestRows = await tx.query<{ id: number; name: string; is_supervisor: boolean }>(
    `INSERT INTO meeting_guests (meeting_id, name, title, organisation, is_supervisor, user_id)
     SELECT $1, n, t, o, s, u FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[], $6::int[]) WITH ORDINALITY AS x(n, t, o, s, u, i)
      ORDER BY i RETURNING id, name, is_supervisor`,
    [
      id,
      guests.map((g) => g.name),
      guests.map((g) => g.title),
      guests.map((g) => g.organisation),
      guests.map((g) => g.isSupervisor),
      guests.map((g) => g.userId),
    ],
  );

  // Agenda from the rule pack's template of the kind, each item done in turn, with conclusions.
  const template = pack.meetings.agenda[kind] ?? [];
  const vote = decideVoteFor(rng, summary, pack);
  const conclusions: Record<string, string> = {
    purpose_guests: guests.length
      ? `Giới thiệu đại biểu dự: ${guests.map((g) => `đồng chí ${g.name}, ${g.title}`).join('; ')}.`
      : 'Tuyên bố lý do buổi sinh hoạt.',
    secretary: `Cử đồng chí ${nameOf(roster, secretary)} làm thư ký.`,
    attendance: `Có mặt ${summary.present}/${summary.base} đồng chí (${formatNumber(summary.percent ?? 0, 1)}%); vắng có lý do ${summary.absentExcused}, vắng không lý do ${summary.absentUnexcused}.`,
    agenda: 'Chi bộ thống nhất chương trình sinh hoạt.',
    dues: `Đã thu đảng phí tháng ${monthLabel(date)} của ${summary.present + summary.exemptedPresent} đồng chí; các đồng chí vắng nộp bổ sung trong tuần.`,
    previous_results: `Nghị quyết tháng ${prevLabel}: ${reviewSummary}.`,
    next_tasks: `Thống nhất ${tasks.length} nhiệm vụ đến buổi sinh hoạt tháng ${nextLabel}, có phân công người thực hiện và thời hạn.`,
    conclusion,
    vote: `Nghị quyết được thông qua: ${vote.for}/${summary.votingBase} đồng chí tán thành (${formatNumber((vote.for * 100) / summary.votingBase, 1)}%).`,
    self_score: `Chi bộ tự đánh giá buổi sinh hoạt đạt chất lượng ${rng.chance(0.7) ? 'tốt' : 'khá'}.`,
    minutes: 'Thư ký đọc lại biên bản; chi bộ nhất trí thông qua.',
  };
  if (plan) {
    conclusions.topic_presentation = `Đồng chí ${nameOf(roster, plan.presenter ?? chair)} trình bày chuyên đề “${plan.topic}”.`;
  }
  const agendaRows = await tx.query<{ id: number; step_key: string | null; position: number }>(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title, done_at, conclusion)
     SELECT $1, p, s, k, t, d, c FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
       AS x(p, s, k, t, d, c)
     RETURNING id, step_key, position`,
    [
      id,
      template.map((_, i) => i + 1),
      template.map((t) => t.section),
      template.map((t) => t.key),
      template.map((t) => t.title),
      template.map((_, i) => plus(startedAt, Math.round(((i + 1) * length) / template.length))),
      template.map((t) => conclusions[t.key] ?? null),
    ],
  );
  const position = (key: string) => agendaRows.find((a) => a.step_key === key)?.position ?? template.length;
  const agenda: AgendaIndex = {
    id: (key) => agendaRows.find((a) => a.step_key === key)?.id ?? null,
    position,
    at: (key) => plus(startedAt, Math.round(((position(key) - 0.5) * length) / template.length)),
  };

  const speeches = composeSpeeches(rng, {
    context: {
      profile,
      month,
      year,
      nextMonth: Number(addMonths(date, 1).slice(5, 7)),
      previousMonth: Number(addMonths(date, -1).slice(5, 7)),
      issue,
      otherIssue,
      locality: ctx.locality,
      topic: plan?.topic,
    },
    roster,
    speakers: marked
      .filter((m) => m.row.category !== 'temporary_in' && attendedRow(m))
      .map((m) => m.row.member_id),
    chair,
    preparer,
    presenter: plan?.presenter ?? null,
    previousMonth: prevLabel,
    reviewSummary,
    tasks,
    agenda,
    supervisorGuest: guestRows.find((g) => g.is_supervisor),
    tier: ctx.tier,
  });
  await tx.query(
    `INSERT INTO speeches (meeting_id, agenda_item_id, member_id, guest_id, speaker_name, summary, created_at)
     SELECT $1, a, m, g, n, s, t FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::timestamptz[])
       WITH ORDINALITY AS x(a, m, g, n, s, t, i) ORDER BY i`,
    [
      id,
      speeches.map((s) => s.agendaItemId),
      speeches.map((s) => s.memberId),
      speeches.map((s) => s.guestId),
      speeches.map((s) => s.name),
      speeches.map((s) => s.summary),
      speeches.map((s) => s.at),
    ],
  );
  shared.result.speeches += speeches.length;

  // The resolution vote, decided on the statutory base.
  await tx.query(
    `INSERT INTO votes (meeting_id, agenda_item_id, subject, is_resolution, method, votes_for, votes_against, votes_abstain, base, passed, rule, created_at)
     VALUES ($1, $2, $3, true, 'show_of_hands', $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      agenda.id('vote'),
      `Thông qua nghị quyết ${kind === 'combined' ? 'sinh hoạt thường kỳ kết hợp chuyên đề' : 'sinh hoạt thường kỳ'} tháng ${monthLabel(date)}`,
      vote.for,
      vote.against,
      vote.abstain,
      summary.votingBase,
      vote.passed,
      pack.meetings.vote.citation,
      agenda.at('vote'),
    ],
  );

  // Last month's tasks reviewed here; the new tasks set.
  if (reviews.length > 0) {
    await tx.query(
      `UPDATE tasks t SET result = x.r, result_note = x.n, reviewed_meeting_id = $1, reviewed_at = $2
         FROM unnest($3::int[], $4::text[], $5::text[]) AS x(id, r, n) WHERE t.id = x.id`,
      [
        id,
        agenda.at('previous_results'),
        reviews.map((r) => r.id),
        reviews.map((r) => r.result),
        reviews.map((r) => r.note),
      ],
    );
  }
  const taskRows = await tx.query<{ id: number; title: string }>(
    `INSERT INTO tasks (unit_id, meeting_id, title, deadline, created_at)
     SELECT $1, $2, t, d::date, $5 FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS x(t, d, i) ORDER BY i
     RETURNING id, title`,
    [ctx.unitId, id, tasks.map((t) => t.title), tasks.map((t) => t.deadline), agenda.at('next_tasks')],
  );
  const taskId = (title: string) => taskRows.find((t) => t.title === title)!.id;
  const owners = tasks.flatMap((t) => t.owners.map((o) => [taskId(t.title), o] as const));
  await tx.query(
    'INSERT INTO task_owners (task_id, member_id) SELECT t, m FROM unnest($1::int[], $2::int[]) AS x(t, m)',
    [owners.map((o) => o[0]), owners.map((o) => o[1])],
  );
  shared.result.tasks += tasks.length;

  // Preparation, then the documents posted for members.
  const { steps, documentsAt } = prepSteps(rng, {
    date,
    scheduledAt,
    leadDays,
    prepEnded,
    hasCommittee: prepMeetingId !== null,
    supervisedByAccount,
    tier: ctx.tier,
  });
  await tx.query(
    `INSERT INTO meeting_prep_steps (meeting_id, step, done_at, done_by, note)
     SELECT $1, s, d, $2, n FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS x(s, d, n)`,
    [id, ctx.actorUserId, steps.map((p) => p[0]), steps.map((p) => p[1]), steps.map((p) => p[2])],
  );
  const docs = [{ title: `Dự thảo nghị quyết tháng ${monthLabel(date)}`, lines: [directions] }];
  if (plan) docs.push({ title: `Tài liệu chuyên đề: ${plan.topic}`, lines: [plan.topic] });
  if (rng.chance(0.5)) {
    docs.push({ title: `Báo cáo kết quả thực hiện nghị quyết tháng ${prevLabel}`, lines: [situation] });
  }
  await insertDocuments(tx, shared, ctx, id, docs, documentsAt);

  // The record: built from the rows above by the meetings feature itself, signed by the chair's
  // (and secretary's) account where they have one, adopted at the end, chained per cell.
  const m = (await findMeeting(tx, id))!;
  const record = await buildMeetingRecord(oneAtATime(tx), m, text);
  const chairUser = shared.userOfMember.get(chair) ?? null;
  const secretaryUser = shared.userOfMember.get(secretary) ?? null;
  const chairSignedAt = chairUser ? plus(endedAt, rng.int(1, 4)) : null;
  const secretarySignedAt = secretaryUser ? plus(endedAt, rng.int(1, 4)) : null;
  const adoptedAt = plus(endedAt, rng.int(5, 40));
  record.adoption = {
    adoptedAt: isoLocal(adoptedAt)!,
    chairSignedAt: isoLocal(chairSignedAt) ?? undefined,
    secretarySignedAt: isoLocal(secretarySignedAt) ?? undefined,
    version: 1,
  };
  const content = { text, record };
  if (leaveUnadopted) {
    await tx.query(
      `INSERT INTO meeting_record_versions (meeting_id, version, status, content, created_at) VALUES ($1, 1, 'draft', $2::jsonb, $3)`,
      [id, JSON.stringify({ text }), endedAt],
    );
    shared.result.held++;
    return { tasks: taskRows.map((t) => ({ id: t.id, title: t.title })), hash: prevHash, issue };
  }
  const hash = chainHash(prevHash, content);
  await tx.query(
    `INSERT INTO meeting_record_versions (meeting_id, version, status, content, content_hash, prev_hash, adopted_at,
       chair_signed_by, chair_signed_at, secretary_signed_by, secretary_signed_at, created_at)
     VALUES ($1, 1, 'adopted', $2::jsonb, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      JSON.stringify(content),
      hash,
      prevHash,
      adoptedAt,
      chairUser,
      chairSignedAt,
      secretaryUser,
      secretarySignedAt,
      endedAt,
    ],
  );
  shared.result.held++;
  return { tasks: taskRows.map((t) => ({ id: t.id, title: t.title })), hash, issue };
}

function nameOf(roster: RosterRow[], memberId: number): string {
  return roster.find((r) => r.member_id === memberId)?.full_name ?? '…';
}

/** A show of hands among the official members present that passes on the statutory base. */
function decideVoteFor(
  rng: Rng,
  summary: ReturnType<typeof summarizeAttendance>,
  pack: RulePack,
): { for: number; against: number; abstain: number; passed: boolean } {
  const voters = summary.votersPresent;
  let against = voters >= 10 && rng.chance(0.05) ? 1 : 0;
  let abstain = voters >= 6 && rng.chance(0.15) ? 1 : 0;
  let decision = decideVote(
    { for: voters - against - abstain, against, abstain },
    summary.votingBase,
    voters,
    pack.meetings.vote,
  );
  if (!decision.ok || !decision.passed) {
    against = 0;
    abstain = 0;
    decision = decideVote({ for: voters, against, abstain }, summary.votingBase, voters, pack.meetings.vote);
  }
  if (!decision.ok || !decision.passed) {
    throw new Error(`demo: resolution vote would fail (${voters} of ${summary.votingBase})`);
  }
  return { for: voters - against - abstain, against, abstain, passed: true };
}

async function insertDocuments(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  meetingId: number,
  docs: { title: string; lines: string[] }[],
  at: Date,
) {
  const files = docs.map((d) => {
    const bytes = tinyPdf([ctx.unitName, d.title, ...d.lines.flatMap((l) => wrap(l, 85))]);
    return {
      title: d.title,
      fileName: `${slugify(d.title)}.pdf`,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO meeting_documents (meeting_id, purpose, title, file_name, mime_type, size_bytes, sha256, content, posted_at, posted_by)
     SELECT $1, 'material', t, f, 'application/pdf', z, h, decode(c, 'hex'), $7::timestamptz + make_interval(mins => (i - 1)::int), $8
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[]) WITH ORDINALITY AS x(t, f, z, h, c, i)
      ORDER BY i RETURNING id`,
    [
      meetingId,
      files.map((f) => f.title),
      files.map((f) => f.fileName),
      files.map((f) => f.bytes.length),
      files.map((f) => f.sha256),
      files.map((f) => f.bytes.toString('hex')),
      at,
      ctx.actorUserId,
    ],
  );
  shared.result.documents += rows.length;
  return rows.map((r) => r.id);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Chi ủy meetings

async function insertCommitteeMeeting(
  tx: Executor,
  shared: Shared,
  ctx: CellContext,
  c: {
    date: string;
    forMonth: string;
    members: number[];
    chair: number;
    secretary: number;
    preparer: number;
    issue: string;
    held: boolean;
    previousTasks: number;
  },
): Promise<{ id: number; scheduledAt: Date; endedAt: Date | null }> {
  const { rng, profile } = ctx;
  const pack = rulePackFor([], c.date);
  const time = isEveningProfile(profile) ? '19:30' : rng.chance(0.5) ? '14:00' : '16:00';
  const scheduledAt = localDateTime(c.date, time);
  const startedAt = plus(scheduledAt, rng.int(0, 10));
  const minimum = pack.meetings.minDurationMinutes.committee ?? 60;
  const length = minimum + rng.int(0, 40);
  const endedAt = plus(startedAt, length);
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO meetings (unit_id, kind, status, title, scheduled_at, place, min_duration_minutes, rule_pack, rule_pack_version,
       started_at, ended_at, chair_member_id, secretary_member_id, content, checkin_code, created_by, created_at, updated_at)
     VALUES ($1, 'committee', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, coalesce($10::timestamptz, $16::timestamptz))
     RETURNING id`,
    [
      ctx.unitId,
      c.held ? 'held' : 'planned',
      `Họp chi ủy tháng ${monthLabel(c.date)}`,
      scheduledAt,
      committeePlace(profile, ctx.place),
      minimum,
      pack.id,
      pack.version,
      c.held ? startedAt : null,
      c.held ? endedAt : null,
      c.chair,
      c.secretary,
      `Chuẩn bị nội dung, dự thảo nghị quyết buổi sinh hoạt chi bộ tháng ${monthLabel(c.forMonth)}.`,
      String(rng.int(100000, 999999)),
      ctx.actorUserId,
      new Date(scheduledAt.getTime() - 7 * DAY),
    ],
  );
  const id = row!.id;
  shared.result.committee++;
  if (!c.held) return { id, scheduledAt, endedAt: null };
  // The chi ủy's own roster: its members (one may be excused in a larger chi ủy).
  const absentOne = c.members.length >= 5 && rng.chance(0.15) ? c.members[c.members.length - 1] : undefined;
  const names = await tx.query<{ id: number; full_name: string }>(
    'SELECT id, full_name FROM members WHERE id = ANY($1::int[])',
    [c.members],
  );
  await tx.query(
    `INSERT INTO attendance (meeting_id, member_id, category, is_official, away, status, reason, checked_in_at, via, updated_at)
     SELECT $1, m, 'member', true, false, s, r, t, 'secretary', coalesce(t, $6)
       FROM unnest($2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS x(m, s, r, t)`,
    [
      id,
      c.members,
      c.members.map((m) => (m === absentOne ? 'absent_excused' : 'present')),
      c.members.map((m) => (m === absentOne ? rng.weighted(absenceReasons(profile)) : null)),
      c.members.map((m) => (m === absentOne ? null : plus(scheduledAt, -rng.int(0, 10)))),
      endedAt,
    ],
  );
  shared.result.attendance += c.members.length;
  const preparerName = names.find((n) => n.id === c.preparer)?.full_name ?? '…';
  const conclusions: Record<string, string> = {
    purpose: `Chuẩn bị buổi sinh hoạt chi bộ tháng ${monthLabel(c.forMonth)}.`,
    assess_month:
      c.previousTasks > 0
        ? `Các nhiệm vụ theo nghị quyết tháng trước cơ bản hoàn thành; giao đồng chí ${preparerName} tổng hợp kết quả từng nội dung.`
        : 'Tình hình tháng qua ổn định; các nhiệm vụ được triển khai theo kế hoạch.',
    agree_content: `Thống nhất nội dung sinh hoạt; giao đồng chí ${preparerName} hoàn chỉnh dự thảo nghị quyết, đăng tài liệu trước ít nhất 1 ngày.`,
    key_issues: `Đưa ra chi bộ thảo luận, biểu quyết: ${c.issue}.`,
    conclusion:
      'Chi ủy thống nhất các nội dung trên; thông báo thời gian, địa điểm cho đảng viên và đồng chí Đảng ủy viên phụ trách.',
  };
  const template = pack.meetings.agenda.committee ?? [];
  await tx.query(
    `INSERT INTO agenda_items (meeting_id, position, section, step_key, title, done_at, conclusion)
     SELECT $1, p, s, k, t, d, c FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
       AS x(p, s, k, t, d, c)`,
    [
      id,
      template.map((_, i) => i + 1),
      template.map((t) => t.section),
      template.map((t) => t.key),
      template.map((t) => t.title),
      template.map((_, i) => plus(startedAt, Math.round(((i + 1) * length) / template.length))),
      template.map((t) => conclusions[t.key] ?? null),
    ],
  );
  return { id, scheduledAt, endedAt };
}

// ---------------------------------------------------------------------------------------------
// The next meeting of Khu phố 1, in preparation, so the app has something to show

async function prepareNextMeeting(tx: Executor, shared: Shared, ctx: CellContext) {
  const { today, accounts } = shared.input;
  const { rng } = ctx;
  const [next] = await tx.query<{
    id: number;
    scheduled_at: Date;
    kind: MeetingKindKey;
    title: string;
    thematic_topic: string | null;
  }>(
    `SELECT id, scheduled_at, kind, title, thematic_topic FROM meetings
      WHERE unit_id = $1 AND status = 'planned' AND kind <> 'committee' ORDER BY scheduled_at LIMIT 1`,
    [ctx.unitId],
  );
  const [last] = await tx.query<{ id: number; ended_at: Date; title: string }>(
    `SELECT id, ended_at, title FROM meetings WHERE unit_id = $1 AND status = 'held' AND kind <> 'committee'
      ORDER BY scheduled_at DESC LIMIT 1`,
    [ctx.unitId],
  );
  if (!next || !last) return;
  const scheduledAt = new Date(next.scheduled_at);
  const date = isoLocal(scheduledAt)!.slice(0, 10);
  const roster = sortRoster(
    await loadRoster(tx, {
      id: 0,
      unit_id: ctx.unitId,
      status: 'planned',
      scheduled_at: scheduledAt,
    } as MeetingRow),
  );
  const chair = pickOfficial(roster, ctx.stable)!;
  const secretary = pickOfficial(roster, [ctx.thuKy, ...ctx.stable.slice(1)], [chair]) ?? chair;
  const preparer = pickOfficial(roster, [ctx.stable[1], ctx.thuKy], [chair]) ?? secretary;
  const openTasks = await tx.query<{ title: string }>(
    'SELECT title FROM tasks WHERE meeting_id = $1 ORDER BY id',
    [last.id],
  );
  const month = monthLabel(date);
  const prevMonth = monthLabel(addMonths(date, -1));
  const nextMonth = monthLabel(addMonths(date, 1));
  const issue = rng.pick(ISSUES[ctx.profile]);
  const content = `Đánh giá kết quả thực hiện ${openTasks.length} nội dung nghị quyết tháng ${prevMonth}; thông tin thời sự, quán triệt văn bản mới của Đảng ủy ${ctx.locality}; tình hình tư tưởng đảng viên; thảo luận về ${issue}; bàn nhiệm vụ đến buổi sinh hoạt tháng ${nextMonth}.${next.thematic_topic ? ` Sinh hoạt chuyên đề: “${next.thematic_topic}”.` : ''}`;
  const seasonal = seasonalTasks(Number(date.slice(5, 7)), ctx.profile);
  const usual = shuffle(
    rng,
    TASKS[ctx.profile].filter((t) => !seasonal.includes(t)),
  );
  const upcoming = [...seasonal, ...usual].slice(0, 4);
  const draft = `Dự thảo nghị quyết tháng ${month}. Từ nay đến buổi sinh hoạt tháng ${nextMonth}, chi bộ tập trung lãnh đạo thực hiện: ${upcoming
    .map(lowerFirst)
    .join('; ')}.`;

  // Times: in the daytime of the days after the last meeting, before today and at least a day
  // before this one (documents on time).
  const lastEnded = new Date(last.ended_at);
  const firstDay = addDays(isoLocal(lastEnded)!.slice(0, 10), 1);
  const lastDay = [addDays(today, -1), addDays(date, -2)].sort()[0]!;
  const span = Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / DAY);
  const at = (f: number) =>
    span < 0
      ? plus(lastEnded, 30 + Math.round(f * 60))
      : timeOn(rng, addDays(firstDay, Math.round(f * span)), 8, 21);
  const [assignAt, draftedAt, postedAt] = [at(0.1), at(0.5), at(0.8)].sort(
    (x, y) => x.getTime() - y.getTime(),
  ) as [Date, Date, Date];

  let prepMeetingId: number | null = null;
  let committeeEnded: Date | null = null;
  if (ctx.committee.length > 0) {
    const committeeDate = addDays(date, -4);
    const committee = await insertCommitteeMeeting(tx, shared, ctx, {
      date: committeeDate,
      forMonth: date,
      members: ctx.committee.filter((id) =>
        roster.some((r) => r.member_id === id && r.category === 'member' && !r.away),
      ),
      chair,
      secretary: ctx.committee.find((m) => m !== chair) ?? secretary,
      preparer,
      issue,
      held: committeeDate >= firstDay && committeeDate < today,
      previousTasks: openTasks.length,
    });
    prepMeetingId = committee.id;
    committeeEnded = committee.endedAt;
  }
  await tx.query(
    `UPDATE meetings SET content = $2, draft_resolution = $3, chair_member_id = $4, secretary_member_id = $5,
       preparer_member_id = $6, prep_meeting_id = $7 WHERE id = $1`,
    [next.id, content, draft, chair, secretary, preparer, prepMeetingId],
  );
  // The content follows the chi ủy meeting when it has already met.
  const contentAt = committeeEnded && committeeEnded > draftedAt ? plus(committeeEnded, 40) : draftedAt;
  const docsAt = postedAt > contentAt ? postedAt : plus(contentAt, 30);
  const inviteAt = plus(docsAt, 10);
  const steps: [string, Date, string | null][] = [
    ['assign_preparer', assignAt, null],
    ['content', contentAt, null],
    ['draft_resolution', plus(contentAt, 15), null],
    ['documents_posted', docsAt, null],
    ['invitation_sent', inviteAt, null],
    ['supervisor_notified', inviteAt, null],
  ];
  if (committeeEnded) steps.push(['prep_meeting', committeeEnded, null]);
  await tx.query(
    `INSERT INTO meeting_prep_steps (meeting_id, step, done_at, done_by, note)
     SELECT $1, s, d, $2, n FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS x(s, d, n)`,
    [next.id, ctx.actorUserId, steps.map((s) => s[0]), steps.map((s) => s[1]), steps.map((s) => s[2])],
  );
  const docs = [{ title: `Dự thảo nghị quyết tháng ${month}`, lines: [draft] }];
  if (next.thematic_topic)
    docs.push({ title: `Tài liệu chuyên đề: ${next.thematic_topic}`, lines: [next.thematic_topic] });
  const [docId] = await insertDocuments(tx, shared, ctx, next.id, docs, docsAt);

  // Notifications as the app would have sent them: invitation, documents, last minutes adopted.
  const userIds = (names: string[]) =>
    names.map((n) => accounts.get(n)?.userId).filter((x): x is number => x !== undefined);
  const [adopted] = await tx.query<{ adopted_at: Date }>(
    `SELECT adopted_at FROM meeting_record_versions WHERE meeting_id = $1 AND status = 'adopted'`,
    [last.id],
  );
  const notices: {
    users: number[];
    kind: string;
    title: string;
    body: string;
    link: string;
    key: string;
    at: Date;
    read: boolean;
  }[] = [
    {
      users: userIds(['bithu1', 'dangvien1', 'giamsat1']),
      kind: 'meeting.invitation',
      title: `Giấy mời: ${next.title}`,
      body: `${MEETING_KINDS[next.kind]} lúc ${formatDateTime(scheduledAt)} tại ${ctx.place}.${next.thematic_topic ? ` Chuyên đề: ${next.thematic_topic}.` : ''}`,
      link: `/sinh-hoat/${next.id}`,
      key: `invite:${next.id}:${isoLocal(scheduledAt)}`,
      at: inviteAt,
      read: false,
    },
    {
      users: userIds(['bithu1', 'dangvien1']),
      kind: 'meeting.documents',
      title: `Tài liệu mới: ${next.title}`,
      body: `Đã đăng tài liệu "${docs[0]!.title}" để đảng viên đọc trước buổi sinh hoạt.`,
      link: `/sinh-hoat/${next.id}`,
      key: `doc:${docId}`,
      at: docsAt,
      read: false,
    },
  ];
  if (adopted) {
    notices.push({
      users: userIds(['bithu1', 'dangvien1']),
      kind: 'meeting.minutes_adopted',
      title: `Biên bản đã thông qua: ${last.title}`,
      body: 'Biên bản và nghị quyết buổi sinh hoạt đã được thông qua; đảng viên có thể xem và tải về.',
      link: `/sinh-hoat/${last.id}`,
      key: `adopted:${last.id}:1`,
      at: new Date(adopted.adopted_at),
      read: true,
    });
  }
  for (const n of notices) {
    await tx.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key, created_at, read_at)
       SELECT u, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN $7::timestamptz + interval '1 hour' END FROM unnest($1::int[]) AS t(u)`,
      [n.users, n.kind, n.title, n.body, n.link, n.key, n.at, n.read],
    );
  }
}
