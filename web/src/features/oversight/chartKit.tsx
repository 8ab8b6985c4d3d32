/**
 * What the overview's charts share: an SVG frame at the container's real width (text stays its
 * size on a phone, as in quality/Charts.tsx), a legend, round ticks, and the chart's data as a
 * CSV file (Vietnamese headers, UTF-8 with a byte-order mark so Excel reads the diacritics).
 */
import { Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { OVERVIEW } from '../../i18n/vi-overview.js';

export const AXIS = '#343a40';
export const GRID = '#dee2e6';
export const LINE = '#5f3dc4';
export const PREVIOUS = '#6c757d';
export const BEST = '#2b8a3e';
export const WEAK = '#c92a2a';

export function useChartWidth() {
  const { ref, width } = useElementSize();
  return { ref, width: Math.max(260, Math.round(width || 0)), ready: width > 0 };
}

export type CsvCell = string | number | null;

/** The CSV text: a BOM, CRLF lines, every text cell quoted. */
export function toCsv(headers: string[], rows: CsvCell[][]): string {
  const cell = (v: CsvCell) =>
    v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`;
  return `\uFEFF${[headers.map(cell), ...rows.map((r) => r.map(cell))].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

export function downloadCsv(filename: string, headers: string[], rows: CsvCell[][]) {
  const blob = new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A percentage as the CSV writes it: `19,64` (Vietnamese decimal comma), empty when undefined. */
export const csvPercent = (p: number | null | undefined) =>
  p === null || p === undefined ? null : p.toFixed(2).replace('.', ',');

export function Legend({ items }: { items: { color: string; label: string; line?: boolean }[] }) {
  return (
    <Group gap="md" wrap="wrap" style={{ rowGap: 4 }}>
      {items.map((i) => (
        <Group gap={6} key={i.label} wrap="nowrap">
          <Box
            w={i.line ? 22 : 14}
            h={i.line ? 4 : 14}
            style={{ background: i.color, borderRadius: i.line ? 2 : 3, flexShrink: 0 }}
            aria-hidden
          />
          <Text size="sm">{i.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** A chart's card: its title, the controls that shape it, the chart, and the CSV download. */
export function ChartCard({
  title,
  controls,
  children,
  onDownload,
  testId,
}: {
  title: string;
  controls?: ReactNode;
  children: ReactNode;
  onDownload?: () => void;
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <Title order={3} size="h4" style={{ flex: '1 1 240px' }}>
            {title}
          </Title>
          {onDownload && (
            <Button
              variant="default"
              leftSection={<IconDownload size={18} />}
              onClick={onDownload}
              aria-label={OVERVIEW.charts.downloadOf(title)}
              data-testid={`${testId}-csv`}
            >
              {OVERVIEW.charts.download}
            </Button>
          )}
        </Group>
        {controls}
        {children}
      </Stack>
    </Paper>
  );
}

/** 0, a round step, …, ≥ max (at most ~5 ticks). */
export function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = [1, 2, 5, 10].map((s) => s * mag).find((s) => s >= raw) ?? raw;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(Math.round(v));
  return out;
}

/** A horizontal percentage axis 0–100 with gridlines, for the bar charts. */
export function PercentAxis({
  x,
  top,
  bottom,
  fontSize,
}: {
  x: (p: number) => number;
  top: number;
  bottom: number;
  fontSize: number;
}) {
  return (
    <g>
      {[0, 25, 50, 75, 100].map((p) => (
        <g key={p}>
          <line x1={x(p)} x2={x(p)} y1={top} y2={bottom} stroke={GRID} />
          <text
            x={x(p)}
            y={bottom + fontSize + 4}
            textAnchor={p === 0 ? 'start' : p === 100 ? 'end' : 'middle'}
            fontSize={fontSize}
            fill={AXIS}
          >
            {p}%
          </text>
        </g>
      ))}
    </g>
  );
}
