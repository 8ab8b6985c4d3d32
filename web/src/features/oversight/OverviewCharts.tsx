/**
 * The charts of an overview (issue 9 item 2): the 12-month trend of a chosen indicator, the
 * distribution of ratings by the cell's and by the supervisor's score, the best and weakest
 * units by a chosen indicator, and this period against the previous one. Each draws real axes,
 * labels and a legend at the container's width, and offers its data as CSV.
 */
import { Box, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { OVERVIEW } from '../../i18n/vi-overview.js';
import { formatNumber } from '../../lib/format.js';
import { TONE_FILL } from '../quality/bands.js';
import {
  addMonths,
  type Indicators,
  monthSpan,
  monthsBetween,
  type Overview,
  RATING_KEYS,
  RATIO_KEYS,
  useOverview,
  useTrend,
} from './api.js';
import { type BarGroup, HBarChart } from './BarCharts.js';
import { ratioOf } from './bits.js';
import {
  AXIS,
  BEST,
  ChartCard,
  csvPercent,
  downloadCsv,
  GRID,
  Legend,
  LINE,
  PREVIOUS,
  useChartWidth,
  WEAK,
} from './chartKit.js';

const t = OVERVIEW.charts;
const csv = OVERVIEW.csv;
const name = (key: string) => OVERVIEW.indicators[key] ?? key;

/** Indicators a chart can be drawn for. */
export const CHART_KEYS = [
  ...RATIO_KEYS.filter((k) => k !== 'regularPending'),
  'ratingCell.tot',
  'ratingSupervisor.tot',
];
const COMPARE_KEYS = [
  'regularOnTime',
  'regularMonths',
  'thematicQuarters',
  'attendance',
  'membersWithTasks',
  'tasksCompleted',
  'ratingCell.tot',
  'ratingSupervisor.tot',
  'visits',
];

const monthShort = (m: string) => String(Number(m.slice(5, 7)));
const fileStem = (unitName: string) =>
  unitName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

export interface ChartsProps {
  unitId: number;
  overview: Overview;
  indicator: string;
  onIndicator: (key: string) => void;
  phone: boolean;
}

export function OverviewCharts({ unitId, overview, indicator, onIndicator, phone }: ChartsProps) {
  const { from, to } = overview.period;
  const stem = `${fileStem(overview.unit.name)}-${from}-${to}`;
  const picker = (
    <Select
      label={t.indicator}
      data={CHART_KEYS.map((k) => ({ value: k, label: name(k) }))}
      value={indicator}
      allowDeselect={false}
      onChange={(v) => v && onIndicator(v)}
      size="md"
      maw={460}
      data-testid="chart-indicator"
    />
  );
  return (
    <Stack gap="md" data-testid="overview-charts">
      {picker}
      <TrendChart unitId={unitId} to={to} indicator={indicator} phone={phone} stem={stem} />
      <RatingsChart totals={overview.totals} phone={phone} stem={stem} />
      <RankingChart
        unitId={unitId}
        from={from}
        to={to}
        indicator={indicator}
        limited={overview.limited}
        phone={phone}
        stem={stem}
      />
      <CompareChart unitId={unitId} from={from} to={to} phone={phone} stem={stem} />
    </Stack>
  );
}

function TrendChart({
  unitId,
  to,
  indicator,
  phone,
  stem,
}: {
  unitId: number;
  to: string;
  indicator: string;
  phone: boolean;
  stem: string;
}) {
  const from = addMonths(to, -11);
  const months = monthsBetween(from, to);
  const trend = useTrend(unitId, from, to);
  const { ref, width, ready } = useChartWidth();
  const byMonth = new Map((trend.data?.items ?? []).map((p) => [p.month, p.indicators]));
  const data = months.map((m) => {
    const ind = byMonth.get(m);
    return { m, r: ind ? ratioOf(ind, indicator) : undefined };
  });
  const fontSize = phone ? 13 : 13;
  const frame = { left: 46, right: 14, top: 30, bottom: 44, height: phone ? 250 : 290 };
  const plotW = width - frame.left - frame.right;
  const plotH = frame.height - frame.top - frame.bottom;
  const step = plotW / months.length;
  const cx = (i: number) => frame.left + step * (i + 0.5);
  const cy = (p: number) => frame.top + plotH - (Math.max(0, Math.min(100, p)) / 100) * plotH;
  // A month without a due denominator breaks the line (a gap, not a fall to 0%).
  const runs: { i: number; p: number }[][] = [];
  let run: { i: number; p: number }[] = [];
  data.forEach((d, i) => {
    const p = d.r?.percent ?? null;
    if (p === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ i, p });
  });
  if (run.length) runs.push(run);
  const last = [...data].reverse().find((d) => d.r?.percent !== null && d.r?.percent !== undefined);
  const title = t.trendTitle(name(indicator));
  const download = () =>
    downloadCsv(
      `xu-huong-${stem}.csv`,
      [csv.month, csv.indicator, csv.numerator, csv.denominator, csv.percent],
      data.map((d) => [
        OVERVIEW.monthName(d.m),
        name(indicator),
        d.r?.numerator ?? null,
        d.r?.denominator ?? null,
        csvPercent(d.r?.percent),
      ]),
    );
  const axisY = frame.top + plotH;
  return (
    <ChartCard title={title} testId="chart-trend" onDownload={trend.data ? download : undefined}>
      <Box ref={ref} w="100%">
        {ready && (
          <svg
            width={width}
            height={frame.height}
            role="img"
            aria-label={`${title}. ${last ? `${OVERVIEW.monthName(last.m)}: ${formatNumber(last.r!.percent!, 2)}%` : t.noData}`}
            style={{ display: 'block' }}
          >
            <text x={4} y={14} fontSize={fontSize - 1} fill={AXIS}>
              {t.trendAxis}
            </text>
            {[0, 25, 50, 75, 100].map((p) => (
              <g key={p}>
                <line x1={frame.left} x2={width - frame.right} y1={cy(p)} y2={cy(p)} stroke={GRID} />
                <text x={frame.left - 6} y={cy(p) + 4} textAnchor="end" fontSize={fontSize} fill={AXIS}>
                  {p}%
                </text>
              </g>
            ))}
            <line x1={frame.left} x2={width - frame.right} y1={axisY} y2={axisY} stroke={AXIS} />
            <line x1={frame.left} x2={frame.left} y1={frame.top} y2={axisY} stroke={AXIS} />
            {months.map((m, i) => (
              <g key={m}>
                <text x={cx(i)} y={axisY + fontSize + 4} textAnchor="middle" fontSize={fontSize} fill={AXIS}>
                  {monthShort(m)}
                </text>
                {(i === 0 || m.endsWith('-01')) && (
                  <text
                    x={frame.left + step * i + 2}
                    y={axisY + fontSize * 2 + 10}
                    fontSize={fontSize - 1}
                    fill={AXIS}
                  >
                    {m.slice(0, 4)}
                  </text>
                )}
                {i > 0 && m.endsWith('-01') && (
                  <line
                    x1={frame.left + step * i}
                    x2={frame.left + step * i}
                    y1={axisY}
                    y2={axisY + 34}
                    stroke={AXIS}
                  />
                )}
              </g>
            ))}
            {runs.map((r) => (
              <polyline
                key={`r${r[0]!.i}`}
                fill="none"
                stroke={LINE}
                strokeWidth={3}
                points={r.map((d) => `${cx(d.i)},${cy(d.p)}`).join(' ')}
              />
            ))}
            {data.map((d, i) =>
              d.r?.percent === null || d.r?.percent === undefined ? null : (
                <g key={`c${d.m}`}>
                  <title>{`${OVERVIEW.monthName(d.m)}: ${formatNumber(d.r.percent, 2)}% (${formatNumber(d.r.numerator)}/${formatNumber(d.r.denominator)})`}</title>
                  <circle
                    cx={cx(i)}
                    cy={cy(d.r.percent)}
                    r={phone ? 5 : 4.5}
                    fill="#fff"
                    stroke={LINE}
                    strokeWidth={2.5}
                  />
                </g>
              ),
            )}
            {last && (
              <text
                x={Math.min(cx(months.indexOf(last.m)), width - frame.right - 4)}
                y={cy(last.r!.percent!) - 10}
                textAnchor="end"
                fontSize={fontSize + 1}
                fontWeight={700}
                fill={LINE}
              >
                {formatNumber(last.r!.percent!, 2)}%
              </text>
            )}
          </svg>
        )}
      </Box>
      <Legend items={[{ color: LINE, label: t.trendLegend, line: true }]} />
      {trend.data && data.some((d) => d.r?.percent === null) && (
        <Text size="sm" c="gray.8">
          {t.noDueMonth}
        </Text>
      )}
    </ChartCard>
  );
}

function RatingsChart({ totals, phone, stem }: { totals: Indicators; phone: boolean; stem: string }) {
  const { ref, width, ready } = useChartWidth();
  const rows = (['ratingCell', 'ratingSupervisor'] as const).map((by) => ({
    by,
    label: OVERVIEW.ratingBy[by === 'ratingCell' ? 'cell' : 'supervisor']!,
    scored: totals[by].tot.denominator,
    parts: RATING_KEYS.map((k) => ({ k, r: totals[by][k] })),
  }));
  const fontSize = phone ? 14 : 13;
  const barH = phone ? 34 : 30;
  const left = 8;
  const right = 14;
  const rowH = fontSize + 10 + barH + 14;
  const height = rows.length * rowH + fontSize + 14;
  const plotW = width - left - right;
  const x = (p: number) => left + (p / 100) * plotW;
  const download = () =>
    downloadCsv(
      `xep-loai-${stem}.csv`,
      [csv.scorer, csv.rating, csv.numerator, csv.denominator, csv.percent],
      rows.flatMap((row) =>
        row.parts.map((p) => [
          row.label,
          OVERVIEW.ratings[p.k]!,
          p.r.numerator,
          p.r.denominator,
          csvPercent(p.r.percent),
        ]),
      ),
    );
  return (
    <ChartCard title={t.ratingsTitle} testId="chart-ratings" onDownload={download}>
      <Box ref={ref} w="100%">
        {ready && (
          <svg
            width={width}
            height={height}
            role="img"
            aria-label={t.ratingsTitle}
            style={{ display: 'block' }}
          >
            {[0, 25, 50, 75, 100].map((p) => (
              <g key={p}>
                <line x1={x(p)} x2={x(p)} y1={4} y2={height - fontSize - 10} stroke={GRID} />
                <text
                  x={x(p)}
                  y={height - 4}
                  textAnchor={p === 0 ? 'start' : p === 100 ? 'end' : 'middle'}
                  fontSize={fontSize}
                  fill={AXIS}
                >
                  {p}%
                </text>
              </g>
            ))}
            {rows.map((row, ri) => {
              const top = ri * rowH + 4;
              let acc = 0;
              return (
                <g key={row.by}>
                  <text x={left} y={top + fontSize} fontSize={fontSize} fontWeight={700} fill={AXIS}>
                    {phone ? row.label : `${row.label} — ${OVERVIEW.scoredMonths(formatNumber(row.scored))}`}
                  </text>
                  {row.scored === 0 && (
                    <text x={left} y={top + fontSize + 10 + barH / 2 + 5} fontSize={fontSize} fill={AXIS}>
                      {t.noData}
                    </text>
                  )}
                  {row.parts.map((p) => {
                    const share = p.r.percent ?? 0;
                    const x0 = x(acc);
                    acc += share;
                    const w = x(acc) - x0;
                    if (w <= 0) return null;
                    const label = `${formatNumber(share, 2)}%`;
                    return (
                      <g key={p.k}>
                        <title>{`${row.label} — ${OVERVIEW.ratings[p.k]}: ${formatNumber(p.r.numerator)}/${formatNumber(p.r.denominator)} = ${formatNumber(share, 2)}%`}</title>
                        <rect
                          x={x0}
                          y={top + fontSize + 10}
                          width={Math.max(1, w - 1)}
                          height={barH}
                          fill={TONE_FILL[p.k]}
                        />
                        {w > label.length * fontSize * 0.6 + 6 && (
                          <text
                            x={x0 + w / 2}
                            y={top + fontSize + 10 + barH / 2 + fontSize * 0.36}
                            textAnchor="middle"
                            fontSize={fontSize}
                            fontWeight={700}
                            fill="#fff"
                          >
                            {label}
                          </text>
                        )}
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
        )}
      </Box>
      <Legend items={RATING_KEYS.map((k) => ({ color: TONE_FILL[k], label: OVERVIEW.ratings[k]! }))} />
      {rows.map((row) => (
        <Text size="sm" key={row.by} data-testid={`ratings-${row.by}`}>
          <b>{row.label}:</b>{' '}
          {row.parts
            .map(
              (p) =>
                `${OVERVIEW.ratings[p.k]} ${formatNumber(p.r.numerator)}/${formatNumber(p.r.denominator)} (${p.r.percent === null ? '—' : `${formatNumber(p.r.percent, 2)}%`})`,
            )
            .join(' · ')}
        </Text>
      ))}
    </ChartCard>
  );
}

function CompareChart({
  unitId,
  from,
  to,
  phone,
  stem,
}: {
  unitId: number;
  from: string;
  to: string;
  phone: boolean;
  stem: string;
}) {
  const cmp = useOverview(unitId, { from, to, compare: 'previous', limit: 1 });
  const n = monthSpan(from, to);
  const pp = cmp.data?.previousPeriod;
  const prevFrom = pp?.from ?? addMonths(from, -n);
  const prevTo = pp?.to ?? addMonths(from, -1);
  const curLabel = OVERVIEW.periodText(from, to, n);
  const prevLabel = OVERVIEW.periodText(prevFrom, prevTo, pp?.months ?? n);
  const [curName, prevName] = t.compareLegend(curLabel, prevLabel);
  const cur = cmp.data?.totals;
  const prev = cmp.data?.previousTotals;
  const groups: BarGroup[] = COMPARE_KEYS.map((k) => ({
    key: k,
    label: name(k),
    bars: [
      { color: LINE, ratio: cur ? ratioOf(cur, k) : undefined, series: curName },
      { color: PREVIOUS, ratio: prev ? ratioOf(prev, k) : undefined, series: prevName },
    ],
  }));
  const download = () =>
    downloadCsv(
      `so-sanh-ky-truoc-${stem}.csv`,
      [csv.indicator, csv.period, csv.numerator, csv.denominator, csv.percent],
      groups.flatMap((g) =>
        g.bars.map((b) => [
          g.label,
          b.series ?? '',
          b.ratio?.numerator ?? null,
          b.ratio?.denominator ?? null,
          csvPercent(b.ratio?.percent),
        ]),
      ),
    );
  return (
    <ChartCard title={t.compareTitle} testId="chart-compare" onDownload={cmp.data ? download : undefined}>
      {cmp.data && (
        <HBarChart groups={groups} phone={phone} label={`${t.compareTitle}: ${curName}, ${prevName}`} />
      )}
      <Legend
        items={[
          { color: LINE, label: curName! },
          { color: PREVIOUS, label: prevName! },
        ]}
      />
    </ChartCard>
  );
}

function RankingChart({
  unitId,
  from,
  to,
  indicator,
  limited,
  phone,
  stem,
}: {
  unitId: number;
  from: string;
  to: string;
  indicator: string;
  limited: boolean;
  phone: boolean;
  stem: string;
}) {
  // A share of cells that missed their date is better the lower it is.
  const up = indicator === 'regularMissed' ? 'asc' : 'desc';
  const down = up === 'asc' ? 'desc' : 'asc';
  const best = useOverview(unitId, { from, to, sort: indicator, order: up, limit: 10 }, !limited);
  const total = best.data?.total ?? 0;
  const split = total > 10;
  const weakest = useOverview(
    unitId,
    { from, to, sort: indicator, order: down, limit: 5 },
    !limited && split,
  );
  const title = t.rankTitle(name(indicator));
  if (limited) {
    return (
      <ChartCard title={title} testId="chart-ranking">
        <Text>{t.rankLimited}</Text>
      </ChartCard>
    );
  }
  const ranked = (rows: Overview['items'] | undefined) =>
    (rows ?? []).filter((r) => (ratioOf(r.indicators, indicator)?.percent ?? null) !== null);
  const top = ranked(best.data?.items).slice(0, split ? 5 : 10);
  const low = split ? ranked(weakest.data?.items) : [];
  const group = (r: Overview['items'][number], color: string): BarGroup => ({
    key: String(r.unit.id),
    label: r.unit.name,
    bars: [{ color, ratio: ratioOf(r.indicators, indicator) }],
  });
  const download = () =>
    downloadCsv(
      `xep-hang-${stem}.csv`,
      [csv.group, csv.unit, csv.indicator, csv.numerator, csv.denominator, csv.percent],
      [...top.map((r) => [t.best, r]), ...low.map((r) => [t.weakest, r])].map(([g, r]) => {
        const row = r as Overview['items'][number];
        const ratio = ratioOf(row.indicators, indicator);
        return [
          g as string,
          row.unit.name,
          name(indicator),
          ratio?.numerator ?? null,
          ratio?.denominator ?? null,
          csvPercent(ratio?.percent),
        ];
      }),
    );
  return (
    <ChartCard title={title} testId="chart-ranking" onDownload={best.data ? download : undefined}>
      {best.data && top.length === 0 && <Text>{t.noData}</Text>}
      <SimpleGrid cols={{ base: 1, md: split ? 2 : 1 }} spacing="lg">
        {top.length > 0 && (
          <Stack gap={4}>
            {split && <Text fw={700}>{t.best}</Text>}
            <HBarChart
              groups={top.map((r) => group(r, BEST))}
              phone={phone}
              label={`${title} — ${t.best}`}
              testId="rank-best"
            />
          </Stack>
        )}
        {low.length > 0 && (
          <Stack gap={4}>
            <Text fw={700}>{t.weakest}</Text>
            <HBarChart
              groups={low.map((r) => group(r, WEAK))}
              phone={phone}
              label={`${title} — ${t.weakest}`}
              testId="rank-weakest"
            />
          </Stack>
        )}
      </SimpleGrid>
      {best.data && (
        <Text size="sm" c="gray.8">
          {t.rankNote(formatNumber(total))}
        </Text>
      )}
    </ChartCard>
  );
}
