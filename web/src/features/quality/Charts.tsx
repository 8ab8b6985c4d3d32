/**
 * Two small charts drawn as SVG at the container's real width (so text stays readable on a
 * phone): for a committee, how many cells got each rating per month with the share holding the
 * regular meeting on time; for one cell, its score per month with the attendance rate.
 */
import { Box, Group, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import type { MonthStatus } from './api.js';
import { type BandTone, bandTone, points, TONE_FILL } from './bands.js';

const t = vi.quality;
const LINE = '#5f3dc4';
const UNSCORED = '#adb5bd';
const PENDING = '#ced4da';
const NOT_HELD = '#ffc9c9';
const AXIS = '#495057';
const GRID = '#dee2e6';

export const monthLabel = (m: string) => t.grid.month(String(Number(m.slice(5, 7))), m.slice(0, 4));

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function useFrame(phone: boolean) {
  const { ref, width } = useElementSize();
  const w = Math.max(280, Math.round(width || 0));
  const frame: Frame = {
    width: w,
    height: phone ? 230 : 280,
    left: 34,
    right: 42,
    top: 14,
    bottom: 40,
  };
  return { ref, frame, ready: width > 0 };
}

/**
 * Never wider than its box: drawn at the measured width, scaled down (not overflowing the page)
 * while a narrower box — text enlarged to 200 %, a 280 px minimum on a tiny phone — is re-measured.
 */
const CHART_STYLE = { display: 'block', maxWidth: '100%', height: 'auto' } as const;

function xAxis(frame: Frame, months: string[], fontSize: number): ReactNode {
  const step = (frame.width - frame.left - frame.right) / months.length;
  const axisY = frame.height - frame.bottom;
  const jan = months.findIndex((m) => m.endsWith('-01'));
  // The year is written where it starts (January, with a tick), and at the left edge when there is room.
  const years = months
    .map((m, i) => ({ m, i }))
    .filter(({ m, i }) => m.endsWith('-01') || (i === 0 && (jan < 0 || jan * step >= 36)));
  return (
    <g>
      {months.map((m, i) => (
        <text
          key={m}
          x={frame.left + step * (i + 0.5)}
          y={axisY + fontSize + 4}
          textAnchor="middle"
          fontSize={fontSize}
          fill={AXIS}
        >
          {Number(m.slice(5, 7))}
        </text>
      ))}
      {years.map(({ m, i }) => (
        <g key={`y${m}`}>
          {i > 0 && (
            <line
              x1={frame.left + step * i}
              x2={frame.left + step * i}
              y1={axisY}
              y2={axisY + 32}
              stroke={AXIS}
            />
          )}
          <text
            x={frame.left + step * i + 3}
            y={axisY + fontSize * 2 + 8}
            fontSize={fontSize - 1}
            fill={AXIS}
          >
            {m.slice(0, 4)}
          </text>
        </g>
      ))}
    </g>
  );
}

function Legend({ items }: { items: { color: string; label: string; line?: boolean; dashed?: boolean }[] }) {
  return (
    <Group gap="md" wrap="wrap" style={{ rowGap: 4 }}>
      {items.map((i) => (
        <Group gap={6} key={i.label} wrap="nowrap">
          <Box
            w={i.line || i.dashed ? 22 : 14}
            h={i.dashed ? 0 : i.line ? 4 : 14}
            style={{
              background: i.dashed ? undefined : i.color,
              borderTop: i.dashed ? `2px dashed ${i.color}` : undefined,
              borderRadius: i.line ? 2 : 3,
              flexShrink: 0,
            }}
            aria-hidden
          />
          <Text size="sm">{i.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

const TONES: BandTone[] = ['tot', 'kha', 'trung_binh', 'kem'];

/** Per month: cells by rating (stacked bars, left axis) and the share holding the regular meeting on time (line, right axis). */
export function RatingsChart({
  months,
  rows,
  cells,
  phone,
}: {
  months: string[];
  rows: MonthStatus[];
  cells: number;
  phone: boolean;
}) {
  const { ref, frame, ready } = useFrame(phone);
  const fontSize = phone ? 12 : 13;
  const data = months.map((m) => {
    const mine = rows.filter((r) => r.month === m);
    const tones: Record<BandTone, number> = { tot: 0, kha: 0, trung_binh: 0, kem: 0 };
    let unscored = 0;
    for (const r of mine) {
      const tone = bandTone(r.rating);
      if (r.regularHeld && tone) tones[tone]++;
      else if (r.regularHeld) unscored++;
    }
    const notHeld = mine.filter((r) => r.state === 'missed').length;
    const pending = mine.filter((r) => r.state === 'pending').length;
    const onTime = mine.filter((r) => r.regularOnTime).length;
    // The on-time share is over the cells whose meeting is already due (a pending month is not a failure).
    const due = cells - pending;
    return {
      m,
      tones,
      unscored,
      notHeld,
      pending,
      due,
      onTime,
      pct: due > 0 ? (onTime * 100) / due : null,
      rows: mine.length,
    };
  });
  const plotW = frame.width - frame.left - frame.right;
  const plotH = frame.height - frame.top - frame.bottom;
  const step = plotW / months.length;
  const barW = Math.min(40, step * 0.62);
  const maxY = Math.max(1, cells);
  const yTicks = niceTicks(maxY);
  const y = (v: number) => frame.top + plotH - (v / yTicks[yTicks.length - 1]!) * plotH;
  const yPct = (p: number) => frame.top + plotH - (p / 100) * plotH;
  const last = [...data].reverse().find((d) => d.rows > 0);
  const segs: { key: string; color: string; value: (d: (typeof data)[number]) => number; label: string }[] = [
    ...TONES.map((k) => ({
      key: k,
      color: TONE_FILL[k],
      value: (d: (typeof data)[number]) => d.tones[k],
      label: t.grid.legend[k],
    })),
    { key: 'unscored', color: UNSCORED, value: (d) => d.unscored, label: t.grid.legend.unscored },
    { key: 'notHeld', color: NOT_HELD, value: (d) => d.notHeld, label: t.grid.legend.notHeld },
    { key: 'pending', color: PENDING, value: (d) => d.pending, label: RECORDS.month.pending },
  ];
  return (
    <Stack gap="xs" data-testid="chart-ratings">
      <Text fw={700}>{t.chart.ratingsTitle}</Text>
      <Box ref={ref} w="100%" miw={0}>
        {ready && (
          <svg
            width={frame.width}
            height={frame.height}
            viewBox={`0 0 ${frame.width} ${frame.height}`}
            role="img"
            aria-label={`${t.chart.ratingsTitle}. ${t.chart.onTimeLine}.`}
            style={CHART_STYLE}
          >
            {yTicks.map((v) => (
              <g key={`y${v}`}>
                <line x1={frame.left} x2={frame.width - frame.right} y1={y(v)} y2={y(v)} stroke={GRID} />
                <text x={frame.left - 6} y={y(v) + 4} textAnchor="end" fontSize={fontSize} fill={AXIS}>
                  {formatNumber(v)}
                </text>
              </g>
            ))}
            {[0, 50, 100].map((p) => (
              <text
                key={`p${p}`}
                x={frame.width - frame.right + 6}
                y={yPct(p) + 4}
                fontSize={fontSize}
                fill={LINE}
              >
                {p}%
              </text>
            ))}
            {data.map((d, i) => {
              let acc = 0;
              const x = frame.left + step * (i + 0.5) - barW / 2;
              const parts = segs
                .map((s) => ({ s, v: s.value(d) }))
                .filter((p) => p.v > 0)
                .map((p) => `${p.s.label} ${p.v}`)
                .join(', ');
              return (
                <g key={d.m}>
                  <title>{`${monthLabel(d.m)}: ${parts || t.grid.noData}. ${t.chart.onTimeLine}: ${d.pct === null ? RECORDS.month.pending.toLowerCase() : `${formatNumber(d.pct, 1)}%`}`}</title>
                  <rect x={x - 4} y={frame.top} width={barW + 8} height={plotH} fill="transparent" />
                  {segs.map((s) => {
                    const v = s.value(d);
                    if (v === 0) return null;
                    const top = y(acc + v);
                    const h = y(acc) - top;
                    acc += v;
                    return (
                      <rect
                        key={s.key}
                        x={x}
                        y={top}
                        width={barW}
                        height={Math.max(0, h - 1)}
                        fill={s.color}
                        rx={2}
                      />
                    );
                  })}
                </g>
              );
            })}
            <polyline
              fill="none"
              stroke={LINE}
              strokeWidth={2.5}
              points={data
                .filter((d) => d.rows > 0 && d.pct !== null)
                .map((d) => `${frame.left + step * (months.indexOf(d.m) + 0.5)},${yPct(d.pct!)}`)
                .join(' ')}
            />
            {data
              .filter((d) => d.rows > 0 && d.pct !== null)
              .map((d) => (
                <circle
                  key={`c${d.m}`}
                  cx={frame.left + step * (months.indexOf(d.m) + 0.5)}
                  cy={yPct(d.pct!)}
                  r={3.5}
                  fill="#fff"
                  stroke={LINE}
                  strokeWidth={2}
                />
              ))}
            <line
              x1={frame.left}
              x2={frame.width - frame.right}
              y1={frame.top + plotH}
              y2={frame.top + plotH}
              stroke={AXIS}
            />
            {xAxis(frame, months, fontSize)}
          </svg>
        )}
      </Box>
      <Legend
        items={[
          ...segs.map((s) => ({ color: s.color, label: s.label })),
          { color: LINE, label: t.chart.onTimeLine, line: true },
        ]}
      />
      {last && (
        <Text size="sm" data-testid="chart-summary">
          {last.pending > 0
            ? RECORDS.month.duePending(
                monthLabel(last.m),
                formatNumber(last.onTime),
                formatNumber(last.due),
                formatNumber(last.pending),
                last.due > 0 ? formatPercent(last.onTime, last.due) : '—',
              )
            : t.chart.lastMonth(
                monthLabel(last.m),
                formatNumber(last.onTime),
                formatNumber(cells),
                formatPercent(last.onTime, cells),
              )}{' '}
          {t.chart.bands(
            [
              ...TONES.map((k) => `${t.grid.legend[k]} ${formatNumber(last.tones[k])}`),
              `${t.grid.legend.unscored.toLowerCase()} ${formatNumber(last.unscored)}`,
            ].join(', '),
          )}
        </Text>
      )}
    </Stack>
  );
}

/** One cell: its final score per month (bars coloured by rating) and attendance (line), both on 0–100. */
export function CellScoreChart({
  months,
  rows,
  phone,
  bands,
}: {
  months: string[];
  rows: MonthStatus[];
  phone: boolean;
  bands: { label: string; min: number }[];
}) {
  const { ref, frame, ready } = useFrame(phone);
  const fontSize = phone ? 12 : 13;
  const plotW = frame.width - frame.left - frame.right;
  const plotH = frame.height - frame.top - frame.bottom;
  const step = plotW / months.length;
  const barW = Math.min(36, step * 0.6);
  const y = (v: number) => frame.top + plotH - (Math.min(100, Math.max(0, v)) / 100) * plotH;
  const data = months.map((m) => {
    const r = rows.find((x) => x.month === m);
    const score = r ? (r.supervisorScore ?? r.cellScore) : null;
    return { m, r, score, tone: bandTone(r?.rating), att: r?.attendancePercent ?? null };
  });
  const withAtt = data.filter((d) => d.att !== null);
  const lines = bands.filter((b) => b.min > 0 && b.min < 100);
  return (
    <Stack gap="xs" data-testid="chart-cell">
      <Text fw={700}>{t.chart.scoreTitle}</Text>
      <Box ref={ref} w="100%" miw={0}>
        {ready && (
          <svg
            width={frame.width}
            height={frame.height}
            viewBox={`0 0 ${frame.width} ${frame.height}`}
            role="img"
            aria-label={t.chart.scoreTitle}
            style={CHART_STYLE}
          >
            {[0, 25, 50, 75, 100].map((v) => (
              <g key={v}>
                <line x1={frame.left} x2={frame.width - frame.right} y1={y(v)} y2={y(v)} stroke={GRID} />
                <text x={frame.left - 6} y={y(v) + 4} textAnchor="end" fontSize={fontSize} fill={AXIS}>
                  {v}
                </text>
                <text x={frame.width - frame.right + 6} y={y(v) + 4} fontSize={fontSize} fill={LINE}>
                  {v}%
                </text>
              </g>
            ))}
            {lines.map((b) => (
              <g key={b.label}>
                <line
                  x1={frame.left}
                  x2={frame.width - frame.right}
                  y1={y(b.min)}
                  y2={y(b.min)}
                  stroke={TONE_FILL[bandTone(b.label) ?? 'kem']}
                  strokeDasharray="5 4"
                  strokeOpacity={0.7}
                />
              </g>
            ))}
            {data.map((d, i) => {
              const x = frame.left + step * (i + 0.5) - barW / 2;
              return (
                <g key={d.m}>
                  <title>
                    {`${monthLabel(d.m)}: ${d.score === null ? t.grid.noRating : `${points(d.score)} — ${d.r?.rating ?? ''}`}${
                      d.att === null ? '' : `; ${t.chart.attendanceLine} ${formatNumber(d.att, 2)}%`
                    }`}
                  </title>
                  <rect x={x - 4} y={frame.top} width={barW + 8} height={plotH} fill="transparent" />
                  {d.score !== null && (
                    <rect
                      x={x}
                      y={y(d.score)}
                      width={barW}
                      height={y(0) - y(d.score)}
                      fill={d.tone ? TONE_FILL[d.tone] : UNSCORED}
                      rx={2}
                    />
                  )}
                  {d.score === null && d.r?.regularHeld && (
                    <rect x={x} y={y(0) - 4} width={barW} height={4} fill={UNSCORED} />
                  )}
                </g>
              );
            })}
            <polyline
              fill="none"
              stroke={LINE}
              strokeWidth={2.5}
              points={withAtt
                .map((d) => `${frame.left + step * (months.indexOf(d.m) + 0.5)},${y(d.att!)}`)
                .join(' ')}
            />
            {withAtt.map((d) => (
              <circle
                key={`a${d.m}`}
                cx={frame.left + step * (months.indexOf(d.m) + 0.5)}
                cy={y(d.att!)}
                r={3.5}
                fill="#fff"
                stroke={LINE}
                strokeWidth={2}
              />
            ))}
            <line x1={frame.left} x2={frame.width - frame.right} y1={y(0)} y2={y(0)} stroke={AXIS} />
            {xAxis(frame, months, fontSize)}
          </svg>
        )}
      </Box>
      <Legend
        items={[
          ...TONES.map((k) => ({ color: TONE_FILL[k], label: t.grid.legend[k] })),
          { color: UNSCORED, label: t.grid.legend.unscored },
          { color: LINE, label: t.chart.attendanceLine, line: true },
          ...(lines.length > 0
            ? [{ color: AXIS, label: t.chart.bandLines(lines.map((b) => b.label).join(', ')), dashed: true }]
            : []),
        ]}
      />
    </Stack>
  );
}

/** 0, a round step, …, ≥ max (at most ~5 ticks). */
function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = [1, 2, 5, 10].map((s) => s * mag).find((s) => s >= raw) ?? raw;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(Math.round(v));
  return out;
}
