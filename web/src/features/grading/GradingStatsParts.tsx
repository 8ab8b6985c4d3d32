/**
 * Parts of the grading statistics: a level's bar chart (the overview's own horizontal bars,
 * "19,64% (11/56)"), a table of a list's levels with "x/y" and the percentage, and the sentences
 * of the report written as the server writes them (src/domain/grading.ts gradingSentence).
 */
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { gradingSentence } from '../../../../src/domain/grading.js';
import type { GradeLevel } from '../../../../src/rules/year-types.js';
import { VI_GRADING_STATS as T } from '../../i18n/vi-grading-stats.js';
import { formatNumber } from '../../lib/format.js';
import { HBarChart } from '../oversight/BarCharts.js';
import { ChartCard } from '../oversight/chartKit.js';
import { asRatio, type GradeRowView, type GradingStatistics } from './statsApi.js';

/** Colours of the levels (contrast ≥ 3:1 on white for the bars). */
export const LEVEL_COLORS: Record<GradeLevel, string> = {
  xuat_sac: '#2b8a3e',
  tot: '#1864ab',
  hoan_thanh: '#b35c00',
  khong_hoan_thanh: '#c92a2a',
};

const pctText = (r: GradeRowView) => (r.denominator === 0 ? '—' : `${formatNumber(r.percent, 2)}%`);

export function LevelChart({
  title,
  rows,
  phone,
  testId,
}: {
  title: string;
  rows: GradeRowView[];
  phone: boolean;
  testId: string;
}) {
  const whole = rows[0]?.denominator ?? 0;
  return (
    <ChartCard title={title} testId={testId}>
      {whole === 0 ? (
        <Text c="gray.8">{T.none(title.split(':')[0]!.toLocaleLowerCase('vi'))}</Text>
      ) : (
        <HBarChart
          phone={phone}
          label={title}
          testId={`${testId}-bars`}
          groups={rows.map((r) => ({
            key: r.level,
            label: r.label,
            bars: [{ color: LEVEL_COLORS[r.level], ratio: asRatio(r), series: title }],
          }))}
        />
      )}
    </ChartCard>
  );
}

export function GradeTable({ title, rows, testId }: { title: string; rows: GradeRowView[]; testId: string }) {
  const whole = rows.reduce((n, r) => n + r.numerator, 0);
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Table striped withTableBorder fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{T.level}</Table.Th>
              <Table.Th ta="right">{T.ratio}</Table.Th>
              <Table.Th ta="right">{T.share}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.level}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatNumber(r.numerator)}/{formatNumber(r.denominator)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid={`${testId}-${r.level}`}>
                  {pctText(r)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{T.total}</Table.Td>
              <Table.Td ta="right">{formatNumber(whole)}</Table.Td>
              <Table.Td ta="right">{whole === 0 ? '—' : '100,00%'}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

const GROUPS = [
  { key: 'organisations', title: T.groups.organisations, noun: 'đơn vị', none: 'tổ chức đảng' },
  { key: 'members', title: T.groups.members, noun: 'đảng viên', none: 'đảng viên' },
  { key: 'cadres', title: T.groups.cadres, noun: 'cán bộ', none: 'cán bộ' },
] as const;

/** The report's sentences by list: "11/56 đơn vị hoàn thành xuất sắc nhiệm vụ, chiếm tỷ lệ 19,64%". */
export function sentencesOf(s: GradingStatistics) {
  return GROUPS.map((g) => {
    const rows = s[g.key];
    const whole = rows[0]?.denominator ?? 0;
    return {
      key: g.key,
      title: g.title,
      lines: whole === 0 ? [T.none(g.none)] : rows.map((r) => gradingSentence(r, g.noun)),
    };
  });
}
