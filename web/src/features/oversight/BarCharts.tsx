/**
 * Horizontal bar charts on a 0–100% axis: the name of each bar on its own line above it (long
 * Vietnamese unit names stay whole on a phone), its value "87,50% (7/8)" at the bar's end.
 * Used for the ranking of units and for this period against the previous one.
 */
import { Box } from '@mantine/core';
import { formatNumber } from '../../lib/format.js';
import type { Ratio } from './api.js';
import { AXIS, PercentAxis, useChartWidth } from './chartKit.js';

export interface Bar {
  color: string;
  ratio: Ratio | undefined;
  /** Shown in the bar's tooltip (the series: "Kỳ này"). */
  series?: string;
}

export interface BarGroup {
  key: string;
  label: string;
  bars: Bar[];
}

const valueText = (r: Ratio | undefined) =>
  !r || r.percent === null
    ? '—'
    : `${formatNumber(r.percent, 2)}% (${formatNumber(r.numerator)}/${formatNumber(r.denominator)})`;

export function HBarChart({
  groups,
  phone,
  label,
  testId,
}: {
  groups: BarGroup[];
  phone: boolean;
  label: string;
  testId?: string;
}) {
  const { ref, width, ready } = useChartWidth();
  const fontSize = phone ? 14 : 13;
  const barH = phone ? 20 : 18;
  const left = 8;
  const right = 14;
  const lineH = fontSize + 4;
  const gap = 10;
  // Long unit names wrap onto more lines rather than run past the edge.
  const maxChars = Math.max(12, Math.floor((width - left - right) / (fontSize * 0.6)));
  const lines = new Map(groups.map((g) => [g.key, wrap(g.label, maxChars)]));
  const labelH = (g: BarGroup) => (lines.get(g.key)?.length ?? 1) * lineH + 4;
  const groupH = (g: BarGroup) => labelH(g) + g.bars.length * (barH + 4) + gap;
  const height = groups.reduce((s, g) => s + groupH(g), 0) + 8 + fontSize + 8;
  const plotW = width - left - right;
  const x = (p: number) => left + (Math.max(0, Math.min(100, p)) / 100) * plotW;
  let y = 6;
  const bottom = height - fontSize - 10;
  return (
    <Box ref={ref} w="100%" data-testid={testId}>
      {ready && (
        <svg width={width} height={height} role="img" aria-label={label} style={{ display: 'block' }}>
          <PercentAxis x={x} top={4} bottom={bottom} fontSize={fontSize} />
          {groups.map((g) => {
            const top = y;
            y += groupH(g);
            return (
              <g key={g.key} data-testid="bar-group">
                {(lines.get(g.key) ?? [g.label]).map((line, li) => (
                  <text
                    key={`${g.key}:${line}`}
                    x={left + 4}
                    y={top + fontSize + li * lineH}
                    fontSize={fontSize}
                    fontWeight={700}
                    fill={AXIS}
                  >
                    {line}
                  </text>
                ))}
                {g.bars.map((b, i) => {
                  const by = top + labelH(g) + i * (barH + 4);
                  const p = b.ratio?.percent ?? null;
                  const end = p === null ? left : x(p);
                  const text = valueText(b.ratio);
                  const approxW = text.length * fontSize * 0.56;
                  const inside = end + 6 + approxW > width - right;
                  return (
                    <g key={`${g.key}-${b.series ?? i}`}>
                      <title>{`${g.label}${b.series ? ` — ${b.series}` : ''}: ${text}`}</title>
                      <rect
                        x={left}
                        y={by}
                        width={Math.max(2, end - left)}
                        height={barH}
                        fill={b.color}
                        rx={3}
                      />
                      <text
                        x={inside ? end - 6 : end + 6}
                        y={by + barH / 2 + fontSize * 0.36}
                        textAnchor={inside ? 'end' : 'start'}
                        fontSize={fontSize}
                        fontWeight={600}
                        fill={inside ? '#fff' : AXIS}
                      >
                        {text}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
          <line x1={left} x2={left} y1={4} y2={bottom} stroke={AXIS} />
        </svg>
      )}
    </Box>
  );
}

/** Splits a label into lines of at most `max` characters at spaces (a longer word stays whole). */
export function wrap(label: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.length ? out : [label];
}
