/** Small pieces of the overview: a ratio as "x/y" with its Vietnamese percentage, links of a row. */
import { Stack, Text } from '@mantine/core';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { formatNumber } from '../../lib/format.js';
import type { Indicators, OverviewUnit, Ratio, RowRating } from './api.js';

/** `19,64%` from the server's own rounded percent; a dash when there is no denominator. */
export const pct = (r: Ratio | undefined): string =>
  !r || r.percent === null ? '—' : `${formatNumber(r.percent, 2)}%`;

/** `11/56`. */
export const frac = (r: Ratio | undefined): string =>
  r ? `${formatNumber(r.numerator)}/${formatNumber(r.denominator)}` : '—';

/** Looks up an indicator by its key, `ratingCell.tot` included. */
export function ratioOf(ind: object, key: string): Ratio | undefined {
  const [a, b] = key.split('.');
  const v = (ind as unknown as Record<string, unknown>)[a!];
  const r = b ? (v as Record<string, unknown> | undefined)?.[b] : v;
  return r && typeof r === 'object' && 'denominator' in r ? (r as Ratio) : undefined;
}

/** Where a row leads: a unit above cells to its own overview, a cell to its page's quality part. */
export function rowHref(u: Pick<OverviewUnit, 'id' | 'kind'>, search: string): string {
  return isCellKind(u.kind) ? `/don-vi/${u.id}#chat-luong` : `/tong-quan/${u.id}${search}`;
}

export function rowLinkLabel(u: Pick<OverviewUnit, 'name' | 'kind'>): string {
  return isCellKind(u.kind) ? OVERVIEW.openCell(u.name) : OVERVIEW.drill(u.name);
}

/** A ratio in a table cell: the percentage on top, "x/y" under it. */
export function RatioCell({ r, testId }: { r: Ratio | undefined; testId?: string }) {
  return (
    <Stack gap={0} align="flex-end" data-testid={testId}>
      <Text fw={700} size="md" style={{ whiteSpace: 'nowrap' }}>
        {pct(r)}
      </Text>
      <Text size="sm" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
        {frac(r)}
      </Text>
    </Stack>
  );
}

/** Tốt/Khá/TB/Kém counts of cell-months as "12 · 5 · 1 · 0". */
export function ratingCounts(ind: Indicators, by: 'ratingCell' | 'ratingSupervisor'): string {
  const r = ind[by];
  return (['tot', 'kha', 'trung_binh', 'kem'] as const).map((k) => formatNumber(r[k].numerator)).join('·');
}

/** "Khá 78,5" (band and average points) — the row's overall rating, or a dash when nothing was scored. */
export function ratingText(r: RowRating | undefined): string {
  if (!r?.band || r.averageScore === null) return OVERVIEW.unrated;
  return `${OVERVIEW.ratings[r.band]} ${formatNumber(r.averageScore, r.averageScore % 1 === 0 ? 0 : 1)}`;
}

/** "Tốt 0 · Khá 11 · TB 0 · Kém 0" — the words written out, for the phone's cards. */
export function ratingCountsLong(ind: Indicators, by: 'ratingCell' | 'ratingSupervisor'): string {
  const r = ind[by];
  return (['tot', 'kha', 'trung_binh', 'kem'] as const)
    .map((k) => `${OVERVIEW.ratingsShort[k]} ${formatNumber(r[k].numerator)}`)
    .join(' · ');
}
