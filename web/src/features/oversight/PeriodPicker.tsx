/**
 * The period of an overview: this month, last month, a quarter, a year, the last 3 or 5 years or
 * any month range. The range itself lives in the URL (`tu`, `den`), so a link can be shared and
 * the back button returns to the previous period; the chosen kind of period is derived from it.
 */
import { Group, Select, Text } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useState } from 'react';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { addMonths, thisMonth } from './api.js';

const t = OVERVIEW.period;

export type PresetKey = 'thisMonth' | 'lastMonth' | 'quarter' | 'year' | 'last3' | 'last5' | 'custom';
const PRESETS: PresetKey[] = ['thisMonth', 'lastMonth', 'quarter', 'year', 'last3', 'last5', 'custom'];

export interface Period {
  from: string;
  to: string;
}

const min = (a: string, b: string) => (a < b ? a : b);
const quarterOf = (m: string) => Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1;
const quarterStart = (y: number, q: number) => `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}`;

/** The range of a kind of period, ending no later than the current month. */
export function presetRange(key: PresetKey, now = thisMonth(), pick?: { year?: number; quarter?: number }) {
  const y = pick?.year ?? Number(now.slice(0, 4));
  switch (key) {
    case 'thisMonth':
      return { from: now, to: now };
    case 'lastMonth':
      return { from: addMonths(now, -1), to: addMonths(now, -1) };
    case 'quarter': {
      const q = pick?.quarter ?? quarterOf(now);
      const from = quarterStart(y, q);
      return { from, to: min(addMonths(from, 2), now) };
    }
    case 'year':
      return { from: `${y}-01`, to: min(`${y}-12`, now) };
    case 'last3':
      return { from: addMonths(now, -35), to: now };
    case 'last5':
      return { from: addMonths(now, -59), to: now };
    default:
      return { from: addMonths(now, -11), to: now };
  }
}

/** Which kind of period a range is (a range of no named kind is "custom"). */
export function presetOf({ from, to }: Period, now = thisMonth()): PresetKey {
  if (from === to && to === now) return 'thisMonth';
  if (from === to && to === addMonths(now, -1)) return 'lastMonth';
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  if ((m - 1) % 3 === 0) {
    const q = presetRange('quarter', now, { year: y, quarter: quarterOf(from) });
    if (q.from === from && q.to === to && from <= now) return 'quarter';
  }
  const yr = presetRange('year', now, { year: y });
  if (m === 1 && yr.to === to && from <= now) return 'year';
  for (const k of ['last3', 'last5'] as const) {
    const r = presetRange(k, now);
    if (r.from === from && r.to === to) return k;
  }
  return 'custom';
}

const toDate = (m: string) => `${m}-01`;
const fromDate = (d: string | null) => (d ? d.slice(0, 7) : null);

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const now = thisMonth();
  const derived = presetOf(value, now);
  const [custom, setCustom] = useState(derived === 'custom');
  const mode: PresetKey = custom ? 'custom' : derived;
  const year = Number(value.from.slice(0, 4));
  const nowYear = Number(now.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => nowYear - i);
  const quarters = years.flatMap((y) =>
    [4, 3, 2, 1]
      .filter((q) => quarterStart(y, q) <= now)
      .map((q) => ({ value: `${y}-${q}`, label: t.quarterName(q, y) })),
  );

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="period-picker">
      <Select
        label={t.label}
        data={PRESETS.map((k) => ({ value: k, label: t.presets[k]! }))}
        value={mode}
        allowDeselect={false}
        onChange={(v) => {
          const k = (v ?? 'thisMonth') as PresetKey;
          setCustom(k === 'custom');
          if (k !== 'custom') onChange(presetRange(k, now));
        }}
        w={200}
        size="md"
        data-testid="period-preset"
        comboboxProps={{ withinPortal: true }}
      />
      {mode === 'quarter' && (
        <Select
          label={t.quarter}
          data={quarters}
          value={`${year}-${quarterOf(value.from)}`}
          allowDeselect={false}
          onChange={(v) => {
            if (!v) return;
            const [y, q] = v.split('-').map(Number);
            onChange(presetRange('quarter', now, { year: y, quarter: q }));
          }}
          w={160}
          size="md"
          data-testid="period-quarter"
        />
      )}
      {mode === 'year' && (
        <Select
          label={t.year}
          data={years.map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year)}
          allowDeselect={false}
          onChange={(v) => v && onChange(presetRange('year', now, { year: Number(v) }))}
          w={120}
          size="md"
          data-testid="period-year"
        />
      )}
      {mode === 'custom' && (
        <>
          <MonthPickerInput
            label={t.from}
            value={toDate(value.from)}
            maxDate={toDate(now)}
            valueFormat="MM/YYYY"
            onChange={(d) => {
              const m = fromDate(d as string | null);
              if (m) onChange({ from: m, to: value.to < m ? m : value.to });
            }}
            w={150}
            size="md"
            data-testid="period-from"
          />
          <MonthPickerInput
            label={t.to}
            value={toDate(value.to)}
            minDate={toDate(value.from)}
            maxDate={toDate(now)}
            valueFormat="MM/YYYY"
            onChange={(d) => {
              const m = fromDate(d as string | null);
              if (m) onChange({ from: value.from > m ? m : value.from, to: m });
            }}
            w={150}
            size="md"
            data-testid="period-to"
          />
        </>
      )}
      {value.from > value.to && (
        <Text c="red.8" size="sm">
          {t.badRange}
        </Text>
      )}
    </Group>
  );
}
