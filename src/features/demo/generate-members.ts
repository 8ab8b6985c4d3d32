/**
 * The demo's members: one person per slot (a cell and a status), with a birth, admission and
 * official date fitting the status, a unique name, card, phone, national id and e-mail, and the
 * periods (exemption, temporary transfer, "213" contact, transfer in, removal) the status needs.
 */

import { formatDate } from '../../domain/format.js';
import { normalizeText } from '../../domain/vietnamese.js';
import {
  addDays,
  addMonths,
  addYears,
  ageAt,
  dayNumber,
  firstOfNextMonth,
  isoFromDay,
  maxDate,
  minDate,
  yearOf,
} from './dates.js';
import { AFTER_THI, FAMILY_NAMES, type Gender, GIVEN_NAMES, MIDDLE_NAMES, SORTING_NAMES } from './names.js';
import { CELLS, type CellSpec, COMMUNE, type Profile, WARD } from './org-tree.js';
import {
  CONTACT_213_ORGS,
  ETHNIC_BY_PROVINCE,
  OTHER_WARDS,
  PROVINCES,
  STREETS_BY_KHU_PHO,
  TEMPORARY_OUT_ORGS,
  TRANSFER_IN_ORGS,
} from './places.js';
import type { Rng } from './rng.js';

export interface DemoMember {
  key: string;
  fullName: string;
  gender: 'nam' | 'nu';
  /** ISO date. */
  birthDate: string;
  ethnicity: string;
  hometown: string;
  address: string;
  /** 10 digits starting 03/05/07/08/09. */
  phone: string;
  email?: string;
  /** 12 digits: province code (3) + gender/century digit + 2-digit birth year + 6 random digits. */
  nationalId: string;
  /** 8 digits, unique; null only for probationary members (cards come with official recognition). */
  cardNumber: string | null;
  admissionDate: string;
  /** null = still probationary (admitted less than 12 months before today). */
  officialDate: string | null;
  /** null only for pure "213" contact members whose own cell is outside the tree. */
  homeCellKey: string | null;
  transferredIn?: { date: string; otherOrg: string };
  exempted?: { from: string; decisionDate: string; reason: string };
  temporaryOut?: { hostCellKey: string | null; otherOrg: string | null; from: string; to: string };
  contact213?: { cellKey: string; otherOrg: string; from: string };
  removed?: { date: string; reason: 'xoa_ten' | 'khai_tru' | 'tu_tran'; note: string };
}

interface ProfileSpec {
  /** [first birth year, last birth year, weight]. */
  births: readonly (readonly [number, number, number])[];
  admissionAge: readonly [number, number];
  female: number;
  email: number;
}

const PROFILES: Readonly<Record<Profile, ProfileSpec>> = {
  resident: {
    births: [
      [1940, 1956, 35],
      [1957, 1975, 40],
      [1976, 2000, 25],
    ],
    admissionAge: [20, 45],
    female: 0.4,
    email: 0.15,
  },
  rural: {
    births: [
      [1940, 1956, 30],
      [1957, 1975, 40],
      [1976, 2001, 30],
    ],
    admissionAge: [19, 45],
    female: 0.35,
    email: 0.1,
  },
  agency: {
    births: [
      [1966, 1980, 35],
      [1981, 1992, 45],
      [1993, 2000, 20],
    ],
    admissionAge: [22, 36],
    female: 0.45,
    email: 0.9,
  },
  school: {
    births: [
      [1968, 1980, 35],
      [1981, 1992, 45],
      [1993, 2000, 20],
    ],
    admissionAge: [22, 38],
    female: 0.7,
    email: 0.9,
  },
  health: {
    births: [
      [1968, 1980, 30],
      [1981, 1995, 55],
      [1996, 2000, 15],
    ],
    admissionAge: [23, 38],
    female: 0.6,
    email: 0.85,
  },
  police: {
    births: [
      [1975, 1985, 30],
      [1986, 1996, 50],
      [1997, 2003, 20],
    ],
    admissionAge: [19, 28],
    female: 0.1,
    email: 0.7,
  },
  military: {
    births: [
      [1970, 1985, 40],
      [1986, 2003, 60],
    ],
    admissionAge: [19, 28],
    female: 0,
    email: 0.6,
  },
  business: {
    births: [[1975, 2000, 1]],
    admissionAge: [23, 38],
    female: 0.4,
    email: 0.9,
  },
};

/** Profile of "213" members: they work for provincial agencies and live in the ward. */
const CONTACT_PROFILE: ProfileSpec = {
  births: [
    [1965, 1980, 40],
    [1981, 1995, 60],
  ],
  admissionAge: [22, 35],
  female: 0.45,
  email: 0.9,
};

export type Status =
  | 'normal'
  | 'probationary'
  | 'exempted'
  | 'exempted_ill'
  | 'temporary_out'
  | 'transferred_in'
  | 'contact213_in_tree'
  | 'contact213'
  | 'tu_tran'
  | 'xoa_ten';

export interface Slot {
  cell: CellSpec;
  status: Status;
  fixed?: { fullName: string; gender: Gender };
  /** For 213 contacts: the residential cell they keep contact with. */
  contactCell?: CellSpec;
}

const EXEMPT_REASONS = [
  'Tuổi cao, sức khỏe yếu',
  'Tuổi cao, sức khỏe yếu, đi lại khó khăn',
  'Tuổi cao, thường xuyên đau ốm',
] as const;

/** Mobile prefixes in use since the 2018 renumbering (03x, 05x, 07x, 08x, 09x). */
const PHONE_PREFIXES: readonly string[] =
  '032 033 034 035 036 037 038 039 052 056 058 059 070 076 077 078 079 081 082 083 084 085 086 088 089 090 091 093 094 096 097 098 099'.split(
    ' ',
  );

export class MemberFactory {
  private count = 0;
  private readonly names = new Set<string>(SORTING_NAMES.map((n) => n.fullName));
  private readonly nationalIds = new Set<string>();
  private readonly cards = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly emails = new Set<string>();
  /** Newest admission that still leaves time for 12 months of probation and up to 40 days. */
  private readonly latestOfficialAdmission: string;
  private readonly latestBirth: string;
  private tempOutIndex = 0;

  constructor(
    private readonly rng: Rng,
    private readonly today: string,
  ) {
    this.latestOfficialAdmission = addDays(addMonths(today, -12), -41);
    this.latestBirth = minDate('2003-12-31', addYears(today, -21));
  }

  make(slot: Slot): DemoMember {
    const { rng, today } = this;
    const { status } = slot;
    const home = slot.cell;
    const pure213 = status === 'contact213';
    const profile = pure213 ? CONTACT_PROFILE : PROFILES[home.profile];
    const gender: Gender = slot.fixed?.gender ?? (rng.chance(profile.female) ? 'nu' : 'nam');

    // Dates: birth → admission → official recognition, shaped by the status.
    let birth: string;
    let admission: string;
    if (status === 'probationary') {
      admission = addDays(today, -rng.int(20, 330));
      const [lo, hi] = profile.admissionAge;
      birth = addDays(addYears(admission, -rng.int(Math.max(19, lo), Math.min(35, hi))), -rng.int(0, 364));
      const cap = minDate(this.latestBirth, addYears(admission, -19));
      if (birth > cap) birth = this.between(addYears(cap, -3), cap);
    } else {
      // Members with a status that needs history were admitted at least a few years ago.
      const seniority = status === 'normal' ? 0 : status === 'tu_tran' || status === 'xoa_ten' ? 5 : 3;
      const latestAdmission = minDate(this.latestOfficialAdmission, addYears(today, -seniority));
      birth = this.birthFor(status, profile, latestAdmission);
      admission = this.admissionFor(birth, profile, latestAdmission);
    }
    const officialDate =
      status === 'probationary' ? null : minDate(addDays(addMonths(admission, 12), rng.int(0, 40)), today);

    const fullName = slot.fixed?.fullName ?? this.name(gender, yearOf(birth));
    const [hometown, provinceCode] = rng.weighted(
      PROVINCES.map(([n, code, w]) => [[n, code] as const, w] as const),
    );
    const ethnic = ETHNIC_BY_PROVINCE[hometown];
    const ethnicity = ethnic && rng.chance(ethnic[1]) ? ethnic[0] : rng.chance(0.012) ? 'Hoa' : 'Kinh';

    const livesAt = slot.contactCell ?? home;
    const member: DemoMember = {
      key: `m${String(++this.count).padStart(4, '0')}`,
      fullName,
      gender,
      birthDate: birth,
      ethnicity,
      hometown,
      address: this.address(livesAt),
      phone: this.phone(),
      nationalId: this.nationalId(provinceCode, gender, birth),
      cardNumber: officialDate ? this.cardNumber() : null,
      admissionDate: admission,
      officialDate,
      homeCellKey: pure213 ? null : home.key,
    };
    const emailChance = ageAt(birth, today) >= 65 ? profile.email / 4 : profile.email;
    if (rng.chance(emailChance)) member.email = this.email(fullName, birth);

    const official = officialDate ?? admission;
    switch (status) {
      case 'exempted':
      case 'exempted_ill': {
        const ill = status === 'exempted_ill';
        const lower = maxDate(
          maxDate(addYears(official, 1), addYears(today, ill ? -3 : -8)),
          ill ? addYears(official, 1) : addYears(birth, 70),
        );
        const upper = addDays(today, -15);
        const decisionDate = this.between(minDate(lower, addDays(upper, -60)), upper);
        const from = minDate(firstOfNextMonth(decisionDate), today);
        const reason = ill ? 'Bệnh hiểm nghèo, điều trị dài ngày' : rng.pick(EXEMPT_REASONS);
        member.exempted = { from, decisionDate, reason };
        break;
      }
      case 'temporary_out': {
        const from = addDays(today, -rng.int(5, 80));
        const to = addMonths(from, rng.int(3, 11));
        // Khu phố 1's member goes to study; the others alternate inside / outside the tree.
        const inTree = home.key !== 'kp1' && this.tempOutIndex++ % 2 === 0;
        if (inTree) {
          // A member living elsewhere for a while attends a residential or rural cell there.
          const host = rng.pick(CELLS.filter((c) => c.key !== home.key && c.area !== undefined));
          member.temporaryOut = { hostCellKey: host.key, otherOrg: null, from, to };
        } else {
          const otherOrg = home.key === 'kp1' ? TEMPORARY_OUT_ORGS[0]! : rng.pick(TEMPORARY_OUT_ORGS);
          member.temporaryOut = { hostCellKey: null, otherOrg, from, to };
        }
        break;
      }
      case 'transferred_in': {
        const date = this.between(maxDate(addDays(official, 30), addYears(today, -5)), addDays(today, -15));
        member.transferredIn = { date, otherOrg: rng.pick(TRANSFER_IN_ORGS) };
        break;
      }
      case 'contact213':
      case 'contact213_in_tree': {
        const contactCell = slot.contactCell!;
        const from = this.between(maxDate(official, addYears(today, -8)), addDays(today, -30));
        const otherOrg = status === 'contact213' ? rng.pick(CONTACT_213_ORGS) : home.name;
        member.contact213 = { cellKey: contactCell.key, otherOrg, from };
        break;
      }
      case 'tu_tran': {
        const date = addDays(today, -rng.int(20, 700));
        member.removed = {
          date,
          reason: 'tu_tran',
          note: `Từ trần ngày ${formatDate(date)}, hưởng thọ ${ageAt(birth, date)} tuổi`,
        };
        break;
      }
      case 'xoa_ten': {
        const date = addDays(today, -rng.int(60, 600));
        member.removed = {
          date,
          reason: 'xoa_ten',
          note: 'Bỏ sinh hoạt chi bộ 3 tháng trong năm không có lý do chính đáng',
        };
        break;
      }
      default:
        break;
    }
    return member;
  }

  private between(from: string, to: string): string {
    const a = dayNumber(from);
    const b = dayNumber(to);
    return isoFromDay(a <= b ? this.rng.int(a, b) : b);
  }

  private birthFor(status: Status, profile: ProfileSpec, latestAdmission: string): string {
    const { rng, today } = this;
    let from: number;
    let to: number;
    if (status === 'exempted' || status === 'tu_tran') {
      from = 1940;
      to = Math.max(1940, Math.min(status === 'tu_tran' ? 1950 : 1956, yearOf(today) - 72));
    } else if (status === 'exempted_ill') {
      [from, to] = [1955, 1972];
    } else if (status === 'xoa_ten') {
      [from, to] = [1978, 1990];
    } else {
      [from, to] = rng.weighted(profile.births.map(([a, b, w]) => [[a, b] as const, w] as const));
      if (status === 'temporary_out' || status === 'transferred_in') {
        // People who move for work or study are of working age.
        from = Math.max(from, yearOf(today) - 58);
        to = Math.max(to, from + 15);
      }
    }
    const birth = this.between(`${from}-01-01`, `${to}-12-31`);
    // Leave room for admission at 18 or later before the latest admission date.
    const latest = minDate(this.latestBirth, addYears(latestAdmission, -19));
    return birth <= latest ? birth : this.between(addYears(latest, -4), latest);
  }

  private admissionFor(birth: string, profile: ProfileSpec, latest: string): string {
    const earliest = addYears(birth, 18);
    const [lo, hi] = profile.admissionAge;
    const admission = addDays(addYears(birth, this.rng.int(lo, hi)), this.rng.int(0, 364));
    if (admission < earliest) return earliest;
    if (admission > latest) return this.between(maxDate(earliest, addYears(latest, -4)), latest);
    return admission;
  }

  private name(gender: Gender, birthYear: number): string {
    const { rng } = this;
    for (let attempt = 0; ; attempt++) {
      const family = rng.weighted(FAMILY_NAMES);
      const given = rng.pick(GIVEN_NAMES[gender]);
      const old = birthYear < 1975;
      let middle: string;
      if (gender === 'nu') {
        middle = rng.chance(old ? 0.85 : 0.5) ? 'Thị' : rng.weighted(MIDDLE_NAMES.nu);
        if (middle === 'Thị' && rng.chance(0.15)) middle = `Thị ${rng.pick(AFTER_THI)}`;
      } else {
        middle = rng.chance(old ? 0.7 : 0.35) ? 'Văn' : rng.weighted(MIDDLE_NAMES.nam);
      }
      if (middle.endsWith(given) || family === given) continue;
      const fullName = normalizeText(`${family} ${middle} ${given}`);
      if (!this.names.has(fullName) || attempt > 50) {
        this.names.add(fullName);
        return fullName;
      }
    }
  }

  private address(c: CellSpec): string {
    const { rng } = this;
    const no = rng.int(1, 250);
    if (c.cellType === 'khu_dan_cu' && c.area) {
      const street = rng.pick(STREETS_BY_KHU_PHO[c.area] ?? ['Nguyễn Đình Chiểu']);
      return rng.chance(0.3)
        ? `Số ${no}/${rng.int(1, 40)}, hẻm ${rng.int(2, 120)} đường ${street}, ${c.area}, ${c.locality}`
        : `Số ${no}, đường ${street}, ${c.area}, ${c.locality}`;
    }
    if (c.area) return `Số ${no}, tổ ${rng.int(1, 9)}, ${c.area}, ${c.locality}`;
    if (c.locality === COMMUNE) {
      return `Số ${no}, tổ ${rng.int(1, 9)}, ${rng.pick(['ấp Thạnh Hưng', 'ấp Phú Thạnh'])}, ${COMMUNE}`;
    }
    // Agency staff live in the ward or in a neighbouring ward.
    if (rng.chance(0.5)) {
      const kp = rng.pick(Object.keys(STREETS_BY_KHU_PHO));
      return `Số ${no}, đường ${rng.pick(STREETS_BY_KHU_PHO[kp]!)}, ${kp}, ${WARD}`;
    }
    const [ward, streets] = rng.pick(OTHER_WARDS);
    return `Số ${no}, đường ${rng.pick(streets)}, phường ${ward}, tỉnh Bến Tre`;
  }

  private unique(set: Set<string>, make: () => string): string {
    for (;;) {
      const value = make();
      if (!set.has(value)) {
        set.add(value);
        return value;
      }
    }
  }

  private digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.rng.int(0, 9));
    return s;
  }

  private phone(): string {
    return this.unique(this.phones, () => `${this.rng.pick(PHONE_PREFIXES)}${this.digits(7)}`);
  }

  /** CCCD: province code + (0/1 = male/female born 1900s, 2/3 = born 2000s) + yy + 6 digits. */
  private nationalId(provinceCode: string, gender: Gender, birth: string): string {
    const year = yearOf(birth);
    const centuryGender = (year >= 2000 ? 2 : 0) + (gender === 'nu' ? 1 : 0);
    const prefix = `${provinceCode}${centuryGender}${String(year % 100).padStart(2, '0')}`;
    return this.unique(this.nationalIds, () => `${prefix}${this.digits(6)}`);
  }

  private cardNumber(): string {
    return this.unique(this.cards, () => this.digits(8));
  }

  /** "annv75@example.com": given name + initials of family and middle names + birth year. */
  private email(fullName: string, birth: string): string {
    const ascii = fullName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .split(' ');
    const local = `${ascii[ascii.length - 1]}${ascii
      .slice(0, -1)
      .map((w) => w[0])
      .join('')}${birth.slice(2, 4)}`;
    let candidate = `${local}@example.com`;
    for (let i = 2; this.emails.has(candidate); i++) candidate = `${local}.${i}@example.com`;
    this.emails.add(candidate);
    return candidate;
  }
}
