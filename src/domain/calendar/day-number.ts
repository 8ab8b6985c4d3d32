/**
 * ISO calendar dates (`YYYY-MM-DD`, proleptic Gregorian) as integer day numbers.
 *
 * The day number is the Julian Day Number (JDN) of the civil date: the integer JD of its noon.
 * Integer-only conversion (Fliegel & Van Flandern, Communications of the ACM 11(10), 1968),
 * valid for every Gregorian date with a four-digit year.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (JDN) of a Gregorian date; no validation. */
export function jdnFromYmd(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Gregorian `{ year, month, day }` of a day number (JDN). */
export function ymdFromJdn(jdn: number): { year: number; month: number; day: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** Parses a strict ISO date `YYYY-MM-DD` into its day number; throws RangeError on anything else. */
export function isoToJdn(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const jdn = jdnFromYmd(year, month, day);
  const back = ymdFromJdn(jdn);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`Not a real calendar date: ${iso}`);
  }
  return jdn;
}

/** Day number → ISO `YYYY-MM-DD`. */
export function jdnToIso(jdn: number): string {
  const { year, month, day } = ymdFromJdn(jdn);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (JDN 0 was a Monday). */
export function weekdayOfJdn(jdn: number): number {
  return (((jdn + 1) % 7) + 7) % 7;
}
