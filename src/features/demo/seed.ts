import type { Db, Executor } from '../../db/executor.js';
import { todayIso } from '../../domain/format.js';
import { vietnameseNameSortKey } from '../../domain/vietnamese.js';
import type { Role } from '../../server/access.js';
import { audit } from '../../server/audit.js';
import { rebuildGradingSummary } from '../grading/grading-summary.js';
import { insertRankPeriods } from '../members/commands.js';
import { refreshAllMemberCounts } from '../members/member-counts.js';
import { rebuildSummaries } from '../oversight/summary.js';
import { insertGrant, insertUser } from '../users/service.js';
import { seedDemoActivityPlans } from './activity-plans.js';
import { seedDemoCellCommittee } from './cell-committee.js';
import { seedDemoDirectiveDrafts, seedDemoDirectives } from './directives.js';
import { type DemoDuesResult, seedDemoDues } from './dues.js';
import { type DemoMember, generateDemoOrg } from './generate.js';
import { type DemoGradingResult, seedDemoGrading } from './grading.js';
import { seedDemoInspections } from './inspections.js';
import { type DemoMeetingsResult, seedDemoMeetings } from './meetings.js';
import { seedDemoPlans } from './plans.js';
import { seedDemoQuality } from './quality.js';
import { type DemoRecognitionResult, seedDemoRecognition } from './recognition.js';

/** The demo password; only demo mode (`serve --demo`, `seed --demo`) creates these accounts. */
export const DEMO_PASSWORD = 'chibo-demo';

/** Seeds the demo organisation when the database holds no unit yet. Returns null if it did nothing. */
export async function seedDemoIfEmpty(db: Db, today = todayIso()): Promise<DemoSeedResult | null> {
  return onceIfEmpty(db, (tx) => seedDemo(tx, today));
}

/**
 * Runs `seed` in one transaction if the database holds no unit yet, else returns null. Two
 * processes started together on an empty PostgreSQL database (`serve --demo` twice behind a
 * proxy) both see it empty: the transaction takes a lock and looks again, so the second waits
 * for the first to commit, then finds the units and skips instead of failing on `quantri`.
 */
export async function onceIfEmpty<T>(db: Db, seed: (tx: Executor) => Promise<T>): Promise<T | null> {
  const isEmpty = async (ex: Executor) => (await ex.query('SELECT 1 FROM org_units LIMIT 1')).length === 0;
  if (!(await isEmpty(db))) return null;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727011)');
    return (await isEmpty(tx)) ? seed(tx) : null;
  });
}

export interface DemoSeedResult {
  units: number;
  members: number;
  meetings: DemoMeetingsResult;
  quality: Awaited<ReturnType<typeof seedDemoQuality>>;
  recognition: DemoRecognitionResult;
  grading: DemoGradingResult;
  dues: DemoDuesResult;
}

/**
 * The demo organisation (generate.ts), its five accounts and a year of meetings in every cell
 * with the next three months planned (meetings.ts). Deterministic for a given `today`.
 */
export async function seedDemo(tx: Executor, today: string): Promise<DemoSeedResult> {
  const org = generateDemoOrg({ seed: 1, today });
  const unitIds = new Map<string, number>();
  const unitPaths = new Map<string, string>();
  for (const [i, u] of org.units.entries()) {
    const [{ id }] = (await tx.query<{ id: number }>("SELECT nextval('org_units_id_seq')::int AS id")) as [
      { id: number },
    ];
    const path = `${u.parentKey ? unitPaths.get(u.parentKey) : '/'}${id}/`;
    await tx.query(
      'INSERT INTO org_units (id, parent_id, path, name, kind, cell_type, code, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        id,
        u.parentKey ? unitIds.get(u.parentKey) : null,
        path,
        u.name,
        u.kind,
        u.cellType ?? null,
        u.code ?? null,
        i,
      ],
    );
    unitIds.set(u.key, id);
    unitPaths.set(u.key, path);
  }
  const cell = (key: string) => {
    const id = unitIds.get(key);
    if (id === undefined) throw new Error(`demo: unknown unit ${key}`);
    return id;
  };

  const memberIds = new Map<string, number>();
  for (const m of org.members) memberIds.set(m.key, await insertDemoMember(tx, m, cell));

  // Accounts for the five demo roles (README, docs/huong-dan): linked to members where a person is one.
  const kp1Members = org.members.filter(
    (m) => m.homeCellKey === 'kp1' && m.officialDate && !m.removed && !m.exempted && !m.temporaryOut,
  );
  const secretary = kp1Members[0]!;
  const plainMember = kp1Members[1]!;
  const supervisorPerson = org.members.find(
    (m) => m.homeCellKey === 'cq_dang' && m.officialDate && !m.removed,
  )!;
  const accounts: { username: string; displayName: string; member?: DemoMember; grants: [Role, string][] }[] =
    [
      { username: 'quantri', displayName: 'Quản trị hệ thống', grants: [['admin', 'tinh']] },
      {
        username: 'danguy',
        displayName: 'Văn phòng Đảng ủy phường An Hội',
        grants: [['committee_staff', 'phuong']],
      },
      {
        username: 'bithu1',
        displayName: secretary.fullName,
        member: secretary,
        grants: [['cell_secretary', 'kp1']],
      },
      {
        username: 'dangvien1',
        displayName: plainMember.fullName,
        member: plainMember,
        grants: [['member', 'kp1']],
      },
      {
        username: 'giamsat1',
        displayName: supervisorPerson.fullName,
        member: supervisorPerson,
        grants: [
          ['supervisor', 'kp1'],
          ['supervisor', 'kp2'],
          ['member', 'cq_dang'],
        ],
      },
    ];
  const accountIds = new Map<string, { userId: number; memberKey?: string }>();
  for (const a of accounts) {
    const userId = await insertUser(
      tx,
      {
        username: a.username,
        password: DEMO_PASSWORD,
        displayName: a.displayName,
        memberId: a.member ? memberIds.get(a.member.key) : null,
      },
      { enforcePasswordRule: false },
    );
    for (const [role, key] of a.grants) await insertGrant(tx, userId, role, cell(key));
    accountIds.set(a.username, { userId, memberKey: a.member?.key });
  }
  // The dues ledger first: the minutes of each monthly meeting report the month's dues figures.
  const dues = await seedDemoDues(tx, { today, unitIds });
  // The ward's directives, before the meetings that disseminate them (issue 11 item 1, ADR 025 A).
  const directives = await seedDemoDirectiveDrafts(tx, {
    today,
    unitIds,
    staffUserId: accountIds.get('danguy')!.userId,
  });
  const meetings = await seedDemoMeetings(tx, {
    today,
    org,
    unitIds,
    memberIds,
    accounts: accountIds,
    cellSecretaries: new Map([['kp1', secretary.key]]),
    supervisor: { username: 'giamsat1', memberKey: supervisorPerson.key, cellKeys: ['kp1', 'kp2'] },
    directives,
  });
  const quality = await seedDemoQuality(tx, { today, unitIds, accounts: accountIds });
  await rebuildDemoSummaries(tx, today);
  await refreshAllMemberCounts(tx, today);
  const recognition = await seedDemoRecognition(tx, {
    today,
    unitIds,
    staffUserId: accountIds.get('danguy')!.userId,
  });
  const grading = await seedDemoGrading(tx, {
    today,
    unitIds,
    staffUserId: accountIds.get('danguy')!.userId,
  });
  // The grading statistics' summary rows (ADR 024): every year with decisions, and this year.
  await rebuildGradingSummary(tx, { today });
  // The cells' yearly programmes of this year (issue 11 item 3, ADR 025 part C).
  await seedDemoActivityPlans(tx, { today, unitIds, staffUserId: accountIds.get('danguy')!.userId });
  // The directives' read marks and bells, after the meetings that disseminated them (ADR 025 part A).
  await seedDemoDirectives(tx, directives);
  // The ward's implementation plan of this year (issue 11 item 2, ADR 025 part B; after A's directives).
  await seedDemoPlans(tx, { today, unitIds, staffUserId: accountIds.get('danguy')!.userId });
  // The chi ủy of every cell that elects one (issue 11 item 5, ADR 025 part E).
  await seedDemoCellCommittee(tx, { today });
  // The ward's inspection and supervision plan of this year (issue 11 item 4, ADR 025 part D).
  await seedDemoInspections(tx, { today, unitIds, staffUserId: accountIds.get('danguy')!.userId });
  await audit(tx, null, {
    action: 'demo.seed',
    entityType: 'org_unit',
    entityId: cell('tinh'),
    orgUnitId: cell('tinh'),
  });
  return {
    units: org.units.length,
    members: org.members.length,
    meetings,
    quality,
    recognition,
    dues,
    grading,
  };
}

/** Summary rows and roll-ups (ADR 021) for every cell and every month the demo has meetings in. */
async function rebuildDemoSummaries(tx: Executor, today: string) {
  const [span] = await tx.query<{ from: string | null; to: string | null }>(
    `SELECT to_char(min(scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS "from",
            to_char(max(scheduled_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS "to" FROM meetings`,
  );
  if (span?.from && span.to) await rebuildSummaries(tx, { from: span.from, to: span.to, today });
}

async function insertDemoMember(tx: Executor, m: DemoMember, cell: (key: string) => number): Promise<number> {
  const ownerKey = m.homeCellKey ?? m.contact213?.cellKey;
  if (!ownerKey) throw new Error(`demo: member ${m.key} has no unit`);
  const standing = m.removed ? 'removed' : m.homeCellKey ? 'active' : 'contact_only';
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO members (full_name, sort_key, birth_date, gender, ethnicity, hometown, address, admission_date,
       official_date, card_number, national_id, phone, email, unit_id, standing)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      m.fullName,
      vietnameseNameSortKey(m.fullName),
      m.birthDate,
      m.gender,
      m.ethnicity,
      m.hometown,
      m.address,
      m.admissionDate,
      m.officialDate,
      m.cardNumber,
      m.nationalId,
      m.phone,
      m.email ?? null,
      cell(ownerKey),
      standing,
    ],
  );
  const id = row!.id;
  await insertRankPeriods(tx, id, m.admissionDate, m.officialDate);
  if (m.homeCellKey) {
    const from = m.transferredIn?.date ?? m.admissionDate;
    await tx.query(
      `INSERT INTO memberships (member_id, unit_id, valid_from, valid_to, start_reason, end_reason, other_org, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        cell(m.homeCellKey),
        from,
        m.removed?.date ?? null,
        m.transferredIn ? 'transfer_in' : 'admission',
        m.removed?.reason ?? null,
        m.transferredIn?.otherOrg ?? null,
        m.removed?.note ?? null,
      ],
    );
  }
  const period = (
    kind: string,
    unitId: number | null,
    otherOrg: string | null,
    from: string,
    to: string | null,
    reason?: string,
    decisionDate?: string,
  ) =>
    tx.query(
      `INSERT INTO member_status_periods (member_id, kind, unit_id, other_org, valid_from, valid_to, reason, decision_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, kind, unitId, otherOrg, from, to, reason ?? null, decisionDate ?? null],
    );
  if (m.exempted)
    await period(
      'exempted',
      null,
      null,
      m.exempted.from,
      m.removed?.date ?? null,
      m.exempted.reason,
      m.exempted.decisionDate,
    );
  if (m.temporaryOut) {
    const t = m.temporaryOut;
    await period('temporary_out', t.hostCellKey ? cell(t.hostCellKey) : null, t.otherOrg, t.from, t.to);
  }
  if (m.contact213)
    await period('contact_213', cell(m.contact213.cellKey), m.contact213.otherOrg, m.contact213.from, null);
  if (m.removed) {
    // A removal closes every period still open on that day.
    await tx.query(
      'UPDATE member_status_periods SET valid_to = $2 WHERE member_id = $1 AND (valid_to IS NULL OR valid_to > $2) AND valid_from <= $2',
      [id, m.removed.date],
    );
  }
  return id;
}
