import { Badge, type BadgeProps } from '@mantine/core';
import { stripDiacritics } from '../../../../src/domain/vietnamese.js';
import { formatNumber } from '../../lib/format.js';

export type BandTone = 'tot' | 'kha' | 'trung_binh' | 'kem';

/** Tốt green, Khá blue, Trung bình orange, Kém red: by key, else by the label a pack gives it. */
export function bandTone(keyOrLabel: string | null | undefined): BandTone | null {
  if (!keyOrLabel) return null;
  const k = stripDiacritics(keyOrLabel).toLowerCase().replace(/\s+/g, '_');
  if (k === 'tot' || k.includes('xuat_sac')) return 'tot';
  if (k === 'kha') return 'kha';
  if (k === 'trung_binh' || k === 'tb') return 'trung_binh';
  if (k === 'kem' || k === 'yeu') return 'kem';
  return null;
}

export const TONE_COLOR: Record<BandTone, string> = {
  tot: 'green',
  kha: 'blue',
  trung_binh: 'orange',
  kem: 'red',
};

/** Solid fills for the grid and the charts (dark enough for white text: WCAG AA). */
export const TONE_FILL: Record<BandTone, string> = {
  tot: '#237a35',
  kha: '#1864ab',
  trung_binh: '#b83d0c',
  kem: '#c92a2a',
};

export const TONE_SHORT: Record<BandTone, string> = { tot: 'Tốt', kha: 'Khá', trung_binh: 'TB', kem: 'Kém' };

export function BandBadge({
  band,
  size = 'lg',
  ...rest
}: { band: { key?: string; label: string } | string | null } & Omit<BadgeProps, 'children' | 'color'> & {
    'data-testid'?: string;
  }) {
  if (!band) return null;
  const label = typeof band === 'string' ? band : band.label;
  const tone = bandTone(typeof band === 'string' ? band : (band.key ?? band.label)) ?? bandTone(label);
  return (
    <Badge color={tone ? TONE_COLOR[tone] : 'gray'} variant="filled" tt="none" size={size} {...rest}>
      {label}
    </Badge>
  );
}

/** Points as `67,4` (one decimal only when needed). */
export function points(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return Number.isInteger(n) ? formatNumber(n) : formatNumber(n, Math.round(n * 100) % 10 === 0 ? 1 : 2);
}
