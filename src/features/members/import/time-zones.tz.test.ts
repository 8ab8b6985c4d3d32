/**
 * Dates in member files read as the calendar day Excel shows, whatever the server's time zone.
 * This file runs in the `unit` project (the machine's zone) and again in the `tz-*` projects
 * (vitest.config.ts), each of which starts its workers with a fixed `TZ`.
 */
import { describe, expect, inject, it } from 'vitest';
import { readDate } from './dates.js';
import type { Field } from './fields.js';
import type { CellValue, ParsedFile } from './parse.js';
import { validateRows } from './validate.js';

const iso = (v: Parameters<typeof readDate>[0]) => {
  const r = readDate(v);
  return r.kind === 'ok' ? r.iso : r.kind;
};

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe(`dates in the time zone ${zone}`, () => {
  it('runs in the zone its project asked for', () => {
    // A tz-* project that failed to set the zone would silently test the machine's zone only.
    const asked = inject('timeZone');
    if (asked) expect(zone).toBe(asked);
  });

  it('reads date cells as the day Excel shows', () => {
    expect(iso(new Date(Date.UTC(1970, 0, 15)))).toBe('1970-01-15');
    expect(iso(new Date(Date.UTC(1970, 0, 15, 23, 59)))).toBe('1970-01-15');
    expect(iso('1985-03-12T17:00:00.000Z')).toBe('1985-03-13');
  });

  it('validates a row whose birth date is a date cell as that calendar day', () => {
    const fields: Field[] = ['fullName', 'birthDate', 'cellName', 'cardNumber'];
    const values: Partial<Record<Field, CellValue>> = {
      fullName: 'Nguyễn Văn An',
      // exceljs hands over dates at UTC midnight of the displayed day.
      birthDate: new Date(Date.UTC(1970, 0, 1)),
      cellName: 'Chi bộ Khu phố 1',
      cardNumber: '10000001',
    };
    const file: ParsedFile = {
      headerRow: 1,
      columns: fields.map((field, i) => ({ field, label: field, column: String.fromCharCode(65 + i) })),
      unknownColumns: [],
      rows: [{ rowNumber: 2, values }],
    };
    const r = validateRows(file, { cells: [{ id: 1, name: 'Chi bộ Khu phố 1' }], today: '2026-03-01' });
    expect(r.rows[0]?.birthDate).toBe('1970-01-01');
  });
});
