import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDate } from './dates.js';

const iso = (v: Parameters<typeof readDate>[0], opts?: Parameters<typeof readDate>[1]) => {
  const r = readDate(v, opts);
  return r.kind === 'ok' ? r.iso : r.kind;
};

describe('readDate: text', () => {
  it('reads dd/mm/yyyy and its variants, with or without a time of day', () => {
    expect(iso('05/01/2026')).toBe('2026-01-05');
    expect(iso('5/1/2026')).toBe('2026-01-05');
    expect(iso('05-01-2026')).toBe('2026-01-05');
    expect(iso('05.01.2026')).toBe('2026-01-05');
    expect(iso('05/01/2026 00:00:00')).toBe('2026-01-05');
    expect(iso('05/01/2026 23:59')).toBe('2026-01-05');
  });

  it('reads the year-first forms as year, month, day (2026/01/05 is 5 January)', () => {
    expect(iso('2026-01-05')).toBe('2026-01-05');
    expect(iso('2026/01/05')).toBe('2026-01-05');
    expect(iso('2026.1.5')).toBe('2026-01-05');
    expect(iso('2026/01-05')).toBe('invalid');
  });

  it('reads a date-time without a zone as the day written', () => {
    expect(iso('1970-01-15 00:00:00')).toBe('1970-01-15');
    expect(iso('1970-01-15T23:30')).toBe('1970-01-15');
  });

  it('reads a date-time with a zone as its calendar day in Vietnam', () => {
    // Midnight of 13/03/1985 in Hà Nội, as a program saving local midnight in UTC writes it.
    expect(iso('1985-03-12T17:00:00.000Z')).toBe('1985-03-13');
    expect(iso('1985-03-12T00:00:00Z')).toBe('1985-03-12');
    expect(iso('1985-03-13T00:00:00+07:00')).toBe('1985-03-13');
    expect(iso('1985-03-13T00:00:00+0700')).toBe('1985-03-13');
    expect(iso('1985-03-13T00:00+07')).toBe('1985-03-13');
    expect(iso('1985-03-12T12:00:00-05:00')).toBe('1985-03-13');
    // The South kept UTC+8 from 1960 to 1975: a Sài Gòn midnight is 16:00 UTC the day before.
    expect(iso('1965-03-12T16:00:00.000Z')).toBe('1965-03-13');
  });

  it('refuses what is not a real day or time, never guessing another one', () => {
    for (const bad of [
      '31/02/1970',
      '2026-13-01',
      '2026-02-30',
      '1970-01-15 25:00',
      '1970-01-15T10:61:00Z',
      '1985-03-12T17:00:00+25:00',
      '12/03/85',
      '12 tháng 3 năm 1985',
      '1985-03-12Z',
      '',
    ]) {
      expect(iso(bad), bad).toBe('invalid');
    }
    expect(iso('1970')).toBe('year');
  });
});

describe('readDate: Excel cells', () => {
  it('reads serial numbers in the 1900 date system, time of day ignored', () => {
    expect(iso(29361)).toBe('1980-05-20');
    expect(iso(29361.99)).toBe('1980-05-20');
    expect(iso(61)).toBe('1900-03-01');
    // Excel counts a 29/02/1900 that never was: the days before it are one ahead.
    expect(iso(59)).toBe('1900-02-28');
    expect(iso(1)).toBe('1900-01-01');
    expect(iso(60)).toBe('invalid');
    expect(iso(0)).toBe('invalid');
    expect(iso(1975)).toBe('year');
  });

  it('reads serial numbers in the 1904 date system when the workbook uses it', () => {
    expect(iso(27899, { date1904: true })).toBe('1980-05-20');
    expect(iso(0, { date1904: true })).toBe('1904-01-01');
  });

  it('reads date cells as the day Excel shows (other time zones: time-zones.tz.test.ts)', () => {
    expect(iso(new Date(Date.UTC(1970, 0, 15)))).toBe('1970-01-15');
    // exceljs builds serial 59 as 27/02/1900 (its formula ignores the phantom day).
    expect(iso(new Date(Date.UTC(1900, 1, 27)))).toBe('1900-02-28');
    expect(iso(new Date(Date.UTC(1900, 1, 28)))).toBe('invalid');
  });
});

describe('readDate: every written form of a day reads as that day (property)', () => {
  it('dd/mm/yyyy, yyyy-mm-dd, yyyy/mm/dd, serial, date cell and Vietnamese midnight with an offset', () => {
    const day = fc
      .date({
        min: new Date('1930-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (d) => {
        const [y, m, dd] = d.split('-');
        const utc = Date.parse(`${d}T00:00:00Z`);
        const serial = (utc - Date.UTC(1899, 11, 30)) / 86_400_000;
        const forms: Parameters<typeof readDate>[0][] = [
          `${dd}/${m}/${y}`,
          `${Number(dd)}/${Number(m)}/${y}`,
          d,
          `${y}/${m}/${dd}`,
          serial,
          new Date(utc),
          `${d}T00:00:00+07:00`,
        ];
        // Midnight in Vietnam saved as UTC: 17:00 the day before (UTC+7 everywhere since 1975).
        if (d >= '1976-01-01') forms.push(new Date(utc - 7 * 3_600_000).toISOString());
        expect(forms.map((f) => iso(f))).toEqual(forms.map(() => d));
      }),
      { numRuns: 500 },
    );
  });
});
