/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically — no per-year tables.
 *
 * Rules of the calendar (the same as the Chinese calendar since the 1645 reform, but reckoned at the
 * meridian of UTC+7, 105°E; North Vietnam adopted UTC+7 with Quyết định 121-CP of the Hội đồng Chính
 * phủ, 08/08/1967, in force from 1968 — this is why Tết 1985 and 2007 differ from China):
 *  1. A month starts on the local civil day (UTC+7) of the astronomical new moon.
 *  2. Month 11 is the month that contains the December solstice (Đông chí, sun at 270°).
 *  3. If there are 13 new moons from the start of month 11 to the start of the next month 11
 *     (a 13-month "suì"), one month is intercalary: the first month after month 11 that contains
 *     no major solar term (trung khí, sun longitude a multiple of 30°). It takes the number of the
 *     month before it and is called "tháng … nhuận".
 * A description of these rules for Vietnam: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (2000s).
 *
 * Astronomy (own implementation, from the published formulae):
 *  - new moons: Jean Meeus, Astronomical Algorithms, 2nd ed. (1998), ch. 49, with all periodic and
 *    planetary terms (error of a few seconds for these centuries);
 *  - apparent solar longitude: Meeus, ibid., ch. 25, the "low accuracy" method (≈ 0.01°, i.e. about
 *    a quarter of an hour in the time of a solar term);
 *  - ΔT = TT − UT: polynomials of Espenak & Meeus, Five Millennium Canon of Solar Eclipses
 *    (NASA/TP-2006-214141); after ~2020 these are extrapolations.
 * Edge cases where a new moon or a solar term falls within minutes of local midnight can differ from
 * a calendar computed with a full ephemeris; the Vietnamese calendar published by the State is the
 * authority. Supported: Gregorian dates 1900-01-01 … 2199-12-31.
 *
 * Checks made while writing this: with timeZone = 8 the code reproduces every leap month of the
 * Chinese calendar 1900–2050. Sensitive cases found by perturbing the model: new moons within ~2 min of
 * midnight UTC+7 (month starts 1944-06-20, 1967-07-07, 1998-09-21, 2054-05-08, 2072-12-09, 2077-11-15,
 * 2085-10-18, 2150-05-26, 2153-10-18, 2188-04-27 could move by a day — none is a month 1 or 3, so no
 * holiday moves) and the leap month of 1938 (8 here, 7 with a solar longitude 0.005° lower).
 */

import { isoToJdn, jdnFromYmd, jdnToIso, ymdFromJdn } from './day-number.js';

export interface LunarDate {
  /** Lunar year, named by the Gregorian year in which its month 1 (Tết) starts. */
  year: number;
  /** 1 … 12 (tháng Giêng = 1, tháng Chạp = 12). */
  month: number;
  /** 1 … 29 or 30. */
  day: number;
  /** True for the intercalary month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

/** Vietnam's time zone for the calendar: UTC+7 (meridian 105°E). */
export const VIETNAM_TIME_ZONE = 7;
export const MIN_SUPPORTED_DATE = '1900-01-01';
export const MAX_SUPPORTED_DATE = '2199-12-31';

const MIN_JDN = jdnFromYmd(1900, 1, 1);
const MAX_JDN = jdnFromYmd(2199, 12, 31);

const DEG = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** Approximate day number of lunation k = 0 of Meeus (new moon of 2000-01-06). */
const LUNATION_ZERO_JDN = 2451550.1;

function sinDeg(x: number): number {
  return Math.sin(x * DEG);
}

function normalizeDegrees(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus 2006, valid 1900–2199 here). */
function deltaTSeconds(y: number): number {
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  if (y < 2150) return -20 + 32 * u ** 2 - 0.5628 * (2150 - y);
  return -20 + 32 * u ** 2;
}

/** ΔT in days at a Julian date (UT or TT: the difference is immaterial for ΔT itself). */
function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86400;
}

/** Periodic terms of the true new moon (Meeus ch. 49): [coefficient, power of E, mult. of M, M′, F, Ω]. */
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

/** Planetary arguments (Meeus ch. 49): [coefficient, A at k = 0, rate per lunation]; A1 has a T² term. */
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian Ephemeris Day (TT) of the true new moon of lunation k (k = 0: 2000-01-06). Meeus ch. 49. */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const mean = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  let correction = 0;
  for (const [c, ePower, cm, cmp, cf, cOmega] of NEW_MOON_TERMS) {
    correction += c * e ** ePower * sinDeg(cm * m + cmp * mp + cf * f + cOmega * omega);
  }
  let planetary = 0;
  PLANETARY_TERMS.forEach(([c, a0, rate], i) => {
    const a = a0 + rate * k + (i === 0 ? -0.009173 * t2 : 0);
    planetary += c * sinDeg(a);
  });
  return mean + correction + planetary;
}

/** Apparent geocentric longitude of the Sun in degrees [0, 360) at a JDE (TT). Meeus ch. 25. */
export function apparentSolarLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDeg(m) +
    (0.019993 - 0.000101 * t) * sinDeg(2 * m) +
    0.000289 * sinDeg(3 * m);
  const omega = 125.04 - 1934.136 * t;
  return normalizeDegrees(l0 + c - 0.00569 - 0.00478 * sinDeg(omega));
}

// ---- Local (time-zone) quantities, memoised: a handful of values per year are reused constantly. ----

const newMoonDayCache = new Map<string, number>();

/** Local civil day number (JDN) on which lunation k's new moon falls in UTC+timeZone. */
function newMoonDay(k: number, timeZone: number): number {
  if (!Number.isFinite(timeZone) || timeZone < -12 || timeZone > 14) {
    throw new RangeError(`Invalid time zone offset ${timeZone} (hours from UTC)`);
  }
  const key = `${timeZone}:${k}`;
  let day = newMoonDayCache.get(key);
  if (day === undefined) {
    const jde = newMoonJde(k);
    const jdUt = jde - deltaTDays(jde);
    day = Math.floor(jdUt + 0.5 + timeZone / 24);
    newMoonDayCache.set(key, day);
  }
  return day;
}

/**
 * Index 0 … 11 of the 30° sector of solar longitude at the local midnight that starts `day`.
 * A month [start, nextStart) contains a major solar term iff the sector changes between the two starts.
 */
function termSectorAtDayStart(day: number, timeZone: number): number {
  const jdUt = day - 0.5 - timeZone / 24;
  const jde = jdUt + deltaTDays(jdUt);
  return Math.floor(apparentSolarLongitude(jde) / 30);
}

function monthStartSector(k: number, timeZone: number): number {
  return termSectorAtDayStart(newMoonDay(k, timeZone), timeZone);
}

/** Lunation index of the month containing local day `day`. */
function lunationContaining(day: number, timeZone: number): number {
  let k = Math.floor((day - LUNATION_ZERO_JDN) / SYNODIC_MONTH);
  while (newMoonDay(k, timeZone) > day) k -= 1;
  while (newMoonDay(k + 1, timeZone) <= day) k += 1;
  return k;
}

interface Sui {
  /** Lunation index of month 11 of Gregorian year `year` (contains its December solstice). */
  month11: number;
  /** Offset from month 11 of the intercalary month when the suì has 13 months, else null. */
  leapOffset: number | null;
}

const suiCache = new Map<string, Sui>();

/** Lunation index of the month that contains the December solstice of Gregorian `year` (month 11). */
function month11Lunation(year: number, timeZone: number): number {
  let k = lunationContaining(jdnFromYmd(year, 12, 21), timeZone);
  // The solstice (sector 8 → 9) happens on 20–23 December; step to the month whose span contains it.
  for (let guard = 0; guard < 3; guard++) {
    if (monthStartSector(k, timeZone) >= 9) k -= 1;
    else if (monthStartSector(k + 1, timeZone) <= 8) k += 1;
    else return k;
  }
  throw new Error(`Could not place month 11 of ${year}`);
}

/** The suì running from month 11 of Gregorian `year` to month 11 of `year + 1`. */
function suiOf(year: number, timeZone: number): Sui {
  const key = `${timeZone}:${year}`;
  const cached = suiCache.get(key);
  if (cached) return cached;
  const month11 = month11Lunation(year, timeZone);
  const next11 = month11Lunation(year + 1, timeZone);
  let leapOffset: number | null = null;
  if (next11 - month11 === 13) {
    for (let i = 1; i <= 12; i++) {
      if (monthStartSector(month11 + i, timeZone) === monthStartSector(month11 + i + 1, timeZone)) {
        leapOffset = i;
        break;
      }
    }
    if (leapOffset === null) throw new Error(`No month without a major solar term after month 11 of ${year}`);
  }
  const sui = { month11, leapOffset };
  suiCache.set(key, sui);
  return sui;
}

/** Month number (1 … 12) of the month at `offset` from month 11 in a suì without shifting for the leap. */
function monthAtOffset(offset: number): number {
  return ((offset + 10) % 12) + 1;
}

function checkSupported(jdn: number, what: string): void {
  if (jdn < MIN_JDN || jdn > MAX_JDN) {
    throw new RangeError(
      `${what} is outside the supported range ${MIN_SUPPORTED_DATE} … ${MAX_SUPPORTED_DATE}`,
    );
  }
}

/**
 * Gregorian ISO date → Vietnamese lunar date.
 * `timeZone` defaults to UTC+7; pass 8 to obtain the Chinese calendar (used in Vietnam before 1968).
 */
export function solarToLunar(isoDate: string, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const day = isoToJdn(isoDate);
  checkSupported(day, isoDate);
  const k = lunationContaining(day, timeZone);
  const gregorianYear = ymdFromJdn(day).year;
  let suiYear = gregorianYear;
  let sui = suiOf(suiYear, timeZone);
  if (k < sui.month11) {
    suiYear -= 1;
    sui = suiOf(suiYear, timeZone);
  }
  let offset = k - sui.month11;
  let leap = false;
  if (sui.leapOffset !== null && offset >= sui.leapOffset) {
    leap = offset === sui.leapOffset;
    offset -= 1;
  }
  return {
    year: offset <= 1 ? suiYear : suiYear + 1,
    month: monthAtOffset(offset),
    day: day - newMoonDay(k, timeZone) + 1,
    leap,
  };
}

function lunationOfMonth(year: number, month: number, leap: boolean, timeZone: number): number {
  if (!Number.isInteger(year) || year < 1899 || year > 2199) {
    throw new RangeError(`Lunar year ${year} is outside the supported range`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Invalid lunar month ${month}`);
  const suiYear = month >= 11 ? year : year - 1;
  let offset = month >= 11 ? month - 11 : month + 1;
  const sui = suiOf(suiYear, timeZone);
  if (leap && (sui.leapOffset === null || monthAtOffset(sui.leapOffset - 1) !== month)) {
    throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  }
  if (sui.leapOffset !== null && (leap || offset >= sui.leapOffset)) offset += 1;
  return sui.month11 + offset;
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(
  year: number,
  month: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): number {
  const k = lunationOfMonth(year, month, leap, timeZone);
  return newMoonDay(k + 1, timeZone) - newMoonDay(k, timeZone);
}

/** Vietnamese lunar date → Gregorian ISO date. Throws RangeError for a date that does not exist. */
export function lunarToSolar(lunar: LunarDate, timeZone: number = VIETNAM_TIME_ZONE): string {
  const { year, month, day, leap } = lunar;
  const k = lunationOfMonth(year, month, leap, timeZone);
  const start = newMoonDay(k, timeZone);
  const length = newMoonDay(k + 1, timeZone) - start;
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(
      `Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${length} days, not day ${day}`,
    );
  }
  const jdn = start + day - 1;
  const iso = jdnToIso(jdn);
  checkSupported(jdn, `Lunar ${day}/${month}${leap ? 'n' : ''}/${year} (${iso})`);
  return iso;
}

/** The intercalary month of lunar year `year` (1 … 12), or null when the year has 12 months. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | null {
  // A leap 1 … 10 lies in the suì that starts in month 11 of the previous year (offset ≥ 3);
  // a leap 11 or 12 lies in the suì that starts in month 11 of this year (offset 1 or 2).
  const before = suiOf(year - 1, timeZone).leapOffset;
  if (before !== null && before >= 3) return monthAtOffset(before - 1);
  const own = suiOf(year, timeZone).leapOffset;
  if (own !== null && own <= 2) return monthAtOffset(own - 1);
  return null;
}

/** Mùng 1 Tết (first day of lunar year `year`) as an ISO date. */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): string {
  return lunarToSolar({ year, month: 1, day: 1, leap: false }, timeZone);
}
