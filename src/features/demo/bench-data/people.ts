/**
 * The bench province's members, written in batches of ~5,000 as multi-row inserts (members,
 * memberships and dated status periods): every status of the demo — official, probationary,
 * exempted, on temporary transfer, "213" contact, transferred in, transferred out, removed —
 * with names drawn as the demo draws them (names.ts) and dates that fit the status.
 */
import type { Executor } from '../../../db/executor.js';
import { normalizeText, vietnameseNameSortKey } from '../../../domain/vietnamese.js';
import { addDays, addMonths, addYears, dayNumber, isoFromDay, maxDate, minDate } from '../dates.js';
import { type CellProfile, profileOfCellType } from '../meeting-texts.js';
import { AFTER_THI, FAMILY_NAMES, type Gender, GIVEN_NAMES, MIDDLE_NAMES } from '../names.js';
import type { CellType } from '../org-tree.js';
import { CONTACT_213_ORGS, PROVINCES, TEMPORARY_OUT_ORGS, TRANSFER_IN_ORGS } from '../places.js';
import { Rng } from '../rng.js';

export interface BenchCell {
  id: number;
  name: string;
  cellType: CellType;
  size: number;
}

export interface PeopleCounts {
  members: number;
  official: number;
  probationary: number;
  exempted: number;
  temporaryOut: number;
  transferredIn: number;
  transferredOut: number;
  removed: number;
  contact213: number;
}

const PROFILE: Record<
  CellProfile,
  { births: [number, number]; female: number; admissionAge: [number, number] }
> = {
  resident: { births: [1945, 2000], female: 0.4, admissionAge: [20, 45] },
  rural: { births: [1945, 2001], female: 0.35, admissionAge: [19, 45] },
  agency: { births: [1966, 2000], female: 0.45, admissionAge: [22, 36] },
  school: { births: [1968, 2002], female: 0.7, admissionAge: [20, 38] },
  health: { births: [1968, 2000], female: 0.6, admissionAge: [23, 38] },
  police: { births: [1975, 2003], female: 0.1, admissionAge: [19, 28] },
  military: { births: [1970, 2003], female: 0, admissionAge: [19, 28] },
  business: { births: [1975, 2000], female: 0.4, admissionAge: [23, 38] },
};
const EXEMPT_REASONS = [
  'Tuổi cao, sức khỏe yếu',
  'Tuổi cao, sức khỏe yếu, đi lại khó khăn',
  'Bệnh hiểm nghèo, điều trị dài ngày',
];
const PHONE_PREFIXES = [
  '032',
  '034',
  '036',
  '038',
  '056',
  '070',
  '077',
  '083',
  '086',
  '090',
  '091',
  '094',
  '097',
  '098',
];

type Row = unknown[];

class Batch {
  members: Row[] = [];
  memberships: Row[] = [];
  periods: Row[] = [];
}

export async function writeMembers(
  ex: Executor,
  cells: readonly BenchCell[],
  opts: {
    seed: number;
    today: string;
    windowStart: string;
    batchSize?: number;
    onBatch?: (done: number) => void;
  },
): Promise<PeopleCounts> {
  const rng = new Rng(opts.seed * 104729 + 3);
  const { today, windowStart } = opts;
  const counts: PeopleCounts = {
    members: 0,
    official: 0,
    probationary: 0,
    exempted: 0,
    temporaryOut: 0,
    transferredIn: 0,
    transferredOut: 0,
    removed: 0,
    contact213: 0,
  };
  // Identifiers unique in the database: offset by what is already there (a second province).
  const [{ n: offset }] = (await ex.query<{ n: number }>(
    'SELECT coalesce(max(id), 0)::int AS n FROM members',
  )) as [{ n: number }];
  const between = (a: string, b: string) => {
    const x = dayNumber(a);
    const y = dayNumber(b);
    return isoFromDay(x <= y ? rng.int(x, y) : y);
  };
  const batchSize = opts.batchSize ?? 5000;
  let batch = new Batch();
  let serial = 0;

  const flush = async () => {
    if (batch.members.length === 0) return;
    const n = batch.members.length;
    const ids = (
      await ex.query<{ id: number }>(
        "SELECT nextval('members_id_seq')::int AS id FROM generate_series(1, $1)",
        [n],
      )
    ).map((r) => r.id);
    const col = (rows: Row[], i: number) => rows.map((r) => r[i]);
    const m = batch.members;
    await ex.query(
      `INSERT INTO members (id, full_name, sort_key, birth_date, gender, ethnicity, hometown, address, admission_date,
         official_date, card_number, national_id, phone, email, unit_id, standing)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::date[], $10::date[], $11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::text[])`,
      [ids, ...Array.from({ length: 15 }, (_, i) => col(m, i))],
    );
    // Memberships and periods refer to the batch position of their member.
    const ms = batch.memberships.map((r) => [ids[r[0] as number], ...r.slice(1)]);
    if (ms.length > 0)
      await ex.query(
        `INSERT INTO memberships (member_id, unit_id, valid_from, valid_to, start_reason, end_reason, other_org, note)
         SELECT * FROM unnest($1::int[], $2::int[], $3::date[], $4::date[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        Array.from({ length: 8 }, (_, i) => col(ms, i)),
      );
    const ps = batch.periods.map((r) => [ids[r[0] as number], ...r.slice(1)]);
    if (ps.length > 0)
      await ex.query(
        `INSERT INTO member_status_periods (member_id, kind, unit_id, other_org, valid_from, valid_to, reason, decision_date)
         SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::date[], $6::date[], $7::text[], $8::date[])`,
        Array.from({ length: 8 }, (_, i) => col(ps, i)),
      );
    counts.members += n;
    batch = new Batch();
    opts.onBatch?.(counts.members);
  };

  const latestOfficialAdmission = addDays(addMonths(today, -12), -41);
  for (const cell of cells) {
    const profile = profileOfCellType(cell.cellType);
    const spec = PROFILE[profile];
    const residential = profile === 'resident' || profile === 'rural';
    const area = cell.name.replace(/^Chi bộ\s+/u, '');
    for (let k = 0; k < cell.size; k++) {
      const u = rng.float();
      const status =
        u < 0.015
          ? 'removed'
          : u < 0.025
            ? 'transferred_out'
            : u < 0.03
              ? 'contact213'
              : u < 0.07
                ? 'probationary'
                : u < 0.11
                  ? residential
                    ? 'exempted'
                    : 'normal'
                  : u < 0.12
                    ? 'temporary_out'
                    : u < 0.14
                      ? 'transferred_in'
                      : 'normal';
      const gender: Gender = rng.chance(spec.female) ? 'nu' : 'nam';
      let birth: string;
      let admission: string;
      if (status === 'probationary') {
        admission = addDays(today, -rng.int(20, 330));
        birth = addDays(addYears(admission, -rng.int(19, 35)), -rng.int(0, 364));
      } else {
        const [lo, hi] = status === 'exempted' ? [1940, 1956] : spec.births;
        birth = between(`${lo}-01-01`, minDate(`${hi}-12-31`, addYears(latestOfficialAdmission, -19)));
        const [a0, a1] = spec.admissionAge;
        admission = minDate(
          addDays(addYears(birth, rng.int(a0, a1)), rng.int(0, 364)),
          latestOfficialAdmission,
        );
        admission = maxDate(admission, addYears(birth, 18));
      }
      const official =
        status === 'probationary' ? null : minDate(addDays(addMonths(admission, 12), rng.int(0, 40)), today);
      const fullName = name(rng, gender, Number(birth.slice(0, 4)));
      const [hometown, provinceCode] = rng.weighted(
        PROVINCES.map(([p, c, w]) => [[p, c] as const, w] as const),
      );
      serial++;
      const no = offset + serial;
      const idx = batch.members.length;
      const standing =
        status === 'removed'
          ? 'removed'
          : status === 'transferred_out'
            ? 'transferred_out'
            : status === 'contact213'
              ? 'contact_only'
              : 'active';
      batch.members.push([
        fullName,
        vietnameseNameSortKey(fullName),
        birth,
        gender,
        hometown === 'Trà Vinh' && rng.chance(0.4) ? 'Khmer' : 'Kinh',
        hometown,
        residential
          ? `Số ${rng.int(1, 250)}, tổ ${rng.int(1, 12)}, ${area}`
          : `Số ${rng.int(1, 250)}, đường ${rng.pick(['Hùng Vương', 'Đồng Khởi', 'Nguyễn Huệ', 'Lê Lợi', '30 Tháng 4'])}`,
        admission,
        official,
        official ? String(10_000_000 + (no % 90_000_000)) : null,
        `${provinceCode}${(Number(birth.slice(0, 4)) >= 2000 ? 2 : 0) + (gender === 'nu' ? 1 : 0)}${String(no).padStart(8, '0').slice(-8)}`,
        `${rng.pick(PHONE_PREFIXES)}${String(no).padStart(7, '0').slice(-7)}`,
        profile === 'resident' || profile === 'rural' ? null : rng.chance(0.8) ? `dv${no}@example.com` : null,
        cell.id,
        standing,
      ]);
      // Rank periods: probationary from admission, official from recognition.
      batch.periods.push([idx, 'probationary', null, null, admission, official, null, null]);
      if (official) batch.periods.push([idx, 'official', null, null, official, null, null, null]);
      const rankClose = (date: string) => {
        for (const p of batch.periods)
          if (p[0] === idx && (p[5] === null || (p[5] as string) > date) && (p[4] as string) <= date)
            p[5] = date;
      };
      if (status === 'contact213') {
        batch.periods.push([
          idx,
          'contact_213',
          cell.id,
          rng.pick(CONTACT_213_ORGS),
          between(maxDate(official ?? admission, addYears(today, -8)), addDays(today, -30)),
          null,
          null,
          null,
        ]);
        counts.contact213++;
        continue;
      }
      let from = admission;
      let startReason = 'admission';
      let otherOrg: string | null = null;
      if (status === 'transferred_in') {
        from = between(maxDate(addDays(official ?? admission, 30), windowStart), addDays(today, -15));
        startReason = 'transfer_in';
        otherOrg = rng.pick(TRANSFER_IN_ORGS);
        counts.transferredIn++;
      }
      let to: string | null = null;
      let endReason: string | null = null;
      let note: string | null = null;
      if (status === 'removed' || status === 'transferred_out') {
        to = between(maxDate(addDays(from, 60), windowStart), addDays(today, -20));
        if (to <= from) to = addDays(from, 1);
        if (status === 'removed') {
          endReason = rng.weighted([
            ['tu_tran', 70],
            ['xoa_ten', 22],
            ['khai_tru', 8],
          ] as const);
          note =
            endReason === 'tu_tran'
              ? 'Từ trần'
              : endReason === 'xoa_ten'
                ? 'Bỏ sinh hoạt chi bộ 3 tháng trong năm không có lý do chính đáng'
                : 'Vi phạm kỷ luật, khai trừ khỏi Đảng';
          counts.removed++;
        } else {
          endReason = 'transfer_out';
          otherOrg = rng.pick(TRANSFER_IN_ORGS);
          counts.transferredOut++;
        }
        rankClose(to);
      }
      batch.memberships.push([idx, cell.id, from, to, startReason, endReason, otherOrg, note]);
      if (status === 'exempted' && official) {
        const decision = between(
          minDate(maxDate(addYears(official, 1), addYears(birth, 70)), addDays(today, -75)),
          addDays(today, -15),
        );
        batch.periods.push([idx, 'exempted', null, null, decision, null, rng.pick(EXEMPT_REASONS), decision]);
        counts.exempted++;
      }
      if (status === 'temporary_out') {
        const f = addDays(today, -rng.int(5, 150));
        batch.periods.push([
          idx,
          'temporary_out',
          null,
          rng.pick(TEMPORARY_OUT_ORGS),
          f,
          addMonths(f, rng.int(3, 11)),
          null,
          null,
        ]);
        counts.temporaryOut++;
      }
      if (status === 'probationary') counts.probationary++;
      else if (!to) counts.official++;
      if (batch.members.length >= batchSize) await flush();
    }
  }
  await flush();
  return counts;
}

/** A name as the demo draws it (names.ts); duplicates are allowed, as in a real province. */
function name(rng: Rng, gender: Gender, birthYear: number): string {
  for (;;) {
    const family = rng.weighted(FAMILY_NAMES);
    const given = rng.pick(GIVEN_NAMES[gender]);
    const old = birthYear < 1975;
    let middle: string;
    if (gender === 'nu') {
      middle = rng.chance(old ? 0.85 : 0.5) ? 'Thị' : rng.weighted(MIDDLE_NAMES.nu);
      if (middle === 'Thị' && rng.chance(0.15)) middle = `Thị ${rng.pick(AFTER_THI)}`;
    } else middle = rng.chance(old ? 0.7 : 0.35) ? 'Văn' : rng.weighted(MIDDLE_NAMES.nam);
    if (middle.endsWith(given) || family === given) continue;
    return normalizeText(`${family} ${middle} ${given}`);
  }
}
