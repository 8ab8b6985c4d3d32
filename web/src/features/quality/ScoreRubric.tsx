/** The score tab's rubric: a table on a laptop, cards on a phone, one value per column and item. */
import {
  Badge,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { IconGauge, IconPencil } from '@tabler/icons-react';
import { Fragment } from 'react';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatNumber } from '../../lib/format.js';
import type { MeetingScore, Scorer, ScoreView } from './api.js';
import { BandBadge, points } from './bands.js';

const t = vi.quality.score;

export const SCORERS: Scorer[] = ['cell', 'supervisor'];
export type Drafts = Record<Scorer, Record<string, number | ''>>;
export type ScoreItem = MeetingScore['items'][number];

interface RubricProps {
  view: ScoreView;
  shown: Record<Scorer, MeetingScore | null>;
  drafts: Drafts;
  editable: (s: Scorer) => boolean;
  setValue: (s: Scorer, key: string, v: number | '') => void;
}

function itemOf(score: MeetingScore | null, key: string): ScoreItem | undefined {
  return score?.items.find((i) => i.key === key);
}

function KindIcon({ measured }: { measured: boolean }) {
  return (
    <Tooltip label={measured ? t.measured : t.judgement} withArrow>
      <ThemeIcon
        role="img"
        variant="light"
        color={measured ? 'blue' : 'grape'}
        size={24}
        radius="xl"
        aria-label={measured ? t.measured : t.judgement}
      >
        {measured ? <IconGauge size={16} /> : <IconPencil size={16} />}
      </ThemeIcon>
    </Tooltip>
  );
}

/** One column's value for one item: points with evidence, an input, or "Không áp dụng". */
function ItemValue({
  scorer,
  item,
  draft,
  canEdit,
  onChange,
  showEvidence = true,
}: {
  scorer: Scorer;
  item: ScoreItem | undefined;
  draft: number | '' | undefined;
  canEdit: boolean;
  onChange: (v: number | '') => void;
  showEvidence?: boolean;
}) {
  if (!item) return <Text c="dimmed">—</Text>;
  if (!item.applicable)
    return (
      <Text c="dimmed" size="sm" fs="italic" data-testid={`score-na-${scorer}-${item.key}`}>
        {t.notApplicable}
      </Text>
    );
  if (!item.measured && canEdit) {
    return (
      <NumberInput
        value={draft ?? ''}
        onChange={(v) =>
          onChange(v === '' ? '' : typeof v === 'number' ? v : Number(String(v).replace(',', '.')))
        }
        min={0}
        max={item.max}
        step={0.5}
        decimalScale={2}
        decimalSeparator=","
        allowNegative={false}
        clampBehavior="strict"
        hideControls
        inputMode="decimal"
        w={96}
        size="md"
        placeholder={`0–${formatNumber(item.max)}`}
        aria-label={t.inputLabel(item.title, t.columns[scorer]!)}
        data-testid={`score-input-${scorer}-${item.key}`}
        styles={{ input: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      />
    );
  }
  return (
    <Stack gap={0}>
      {item.points === null ? (
        <Text c="orange.9" fw={600}>
          {t.notScored}
        </Text>
      ) : (
        <Text fw={700} fz="lg" data-testid={`score-points-${scorer}-${item.key}`}>
          {points(item.points)}
        </Text>
      )}
      {item.measured && showEvidence && (
        <Text size="sm" c="dimmed" lh={1.35} data-testid="score-evidence">
          {item.evidence}
        </Text>
      )}
      {item.selfDeclared && <SelfDeclared />}
    </Stack>
  );
}

/** The points rest on a step ticked by hand, not on a record. */
function SelfDeclared() {
  return (
    <Badge color="yellow" variant="light" tt="none" title={RECORDS.prep.selfDeclaredHelp} w="fit-content">
      {RECORDS.prep.selfDeclared}
    </Badge>
  );
}

function CriterionSubtotal({ score, criterion }: { score: MeetingScore | null; criterion: string }) {
  const c = score?.criteria.find((x) => x.key === criterion);
  if (!c) return <Text c="dimmed">—</Text>;
  return (
    <Text fw={700}>
      {points(c.points)}/{points(c.applicableMax)}
    </Text>
  );
}

export function DesktopRubric({ view, shown, drafts, editable, setValue }: RubricProps) {
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="score-table" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ width: '38%' }}>{t.item}</Table.Th>
            <Table.Th style={{ width: 80 }} ta="center">
              {t.max}
            </Table.Th>
            {SCORERS.map((s) => (
              <Table.Th key={s}>{t.columns[s]}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.rubric.map((c, ci) => (
            <Fragment key={c.key}>
              <Table.Tr bg="gray.1">
                <Table.Td>
                  <Text fw={700}>
                    {ci + 1}. {c.title}
                  </Text>
                </Table.Td>
                <Table.Td ta="center">
                  <Text fw={700}>{formatNumber(c.max)}</Text>
                </Table.Td>
                {SCORERS.map((s) => (
                  <Table.Td key={s}>
                    <CriterionSubtotal score={shown[s]} criterion={c.key} />
                  </Table.Td>
                ))}
              </Table.Tr>
              {c.items.map((it) => (
                <Table.Tr key={it.key} data-testid={`score-row-${it.key}`}>
                  <Table.Td>
                    <Group gap={8} wrap="nowrap" align="flex-start">
                      <KindIcon measured={it.measured} />
                      <Text>{it.title}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="center">{formatNumber(it.max)}</Table.Td>
                  {SCORERS.map((s) => (
                    <Table.Td key={s} style={{ verticalAlign: 'top' }}>
                      <ItemValue
                        scorer={s}
                        item={itemOf(shown[s], it.key)}
                        draft={drafts[s][it.key]}
                        canEdit={editable(s)}
                        onChange={(v) => setValue(s, it.key, v)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Fragment>
          ))}
          <Table.Tr bg="gray.1">
            <Table.Td>
              <Text fw={800} fz="lg">
                {t.total}
              </Text>
            </Table.Td>
            <Table.Td ta="center">
              <Text fw={700}>100</Text>
            </Table.Td>
            {SCORERS.map((s) => (
              <Table.Td key={s}>
                <TotalCell score={shown[s]} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function TotalCell({ score }: { score: MeetingScore | null }) {
  if (!score) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      <Group gap={8}>
        <Text fw={800} fz="xl">
          {points(score.total)}
        </Text>
        <BandBadge band={score.band} size="md" />
      </Group>
      <Text size="sm" c="dimmed">
        {t.rawOf(points(score.raw), points(score.applicableMax))}
      </Text>
    </Stack>
  );
}

export function PhoneRubric({ view, shown, drafts, editable, setValue }: RubricProps) {
  return (
    <Stack gap="sm" data-testid="score-cards">
      {view.rubric.map((c, ci) => (
        <Paper withBorder radius="md" key={c.key} p={0}>
          <Stack
            gap={4}
            p="sm"
            bg="gray.1"
            style={{ borderRadius: 'var(--mantine-radius-md) var(--mantine-radius-md) 0 0' }}
          >
            <Text fw={700}>
              {ci + 1}. {c.title}{' '}
              <Text span c="dimmed" fw={400} size="sm">
                ({t.maxOf(formatNumber(c.max))})
              </Text>
            </Text>
            <Group gap="md">
              {SCORERS.map((s) => (
                <Group gap={4} key={s}>
                  <Text size="sm">{t.columnShort[s]}:</Text>
                  <CriterionSubtotal score={shown[s]} criterion={c.key} />
                </Group>
              ))}
            </Group>
          </Stack>
          <Stack gap={0}>
            {c.items.map((it, i) => {
              const cell = itemOf(shown.cell, it.key);
              const sup = itemOf(shown.supervisor, it.key);
              const sameEvidence = !cell || !sup || cell.evidence === sup.evidence;
              return (
                <Stack
                  key={it.key}
                  gap={6}
                  p="sm"
                  style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
                  data-testid={`score-row-${it.key}`}
                >
                  <Group gap={8} wrap="nowrap" align="flex-start">
                    <KindIcon measured={it.measured} />
                    <Text fw={600} style={{ flex: 1 }}>
                      {it.title}{' '}
                      <Text span c="dimmed" fw={400} size="sm">
                        ({t.maxOf(formatNumber(it.max))})
                      </Text>
                    </Text>
                  </Group>
                  <SimpleGrid cols={2} spacing="xs">
                    {SCORERS.map((s) => (
                      <Stack gap={2} key={s}>
                        <Text size="xs" c="dimmed" fw={600}>
                          {t.columnShort[s]}
                        </Text>
                        <ItemValue
                          scorer={s}
                          item={itemOf(shown[s], it.key)}
                          draft={drafts[s][it.key]}
                          canEdit={editable(s)}
                          onChange={(v) => setValue(s, it.key, v)}
                          showEvidence={!sameEvidence}
                        />
                      </Stack>
                    ))}
                  </SimpleGrid>
                  {it.measured && sameEvidence && (cell ?? sup)?.applicable && (
                    <Group gap={6} wrap="wrap">
                      <Text size="sm" c="dimmed" lh={1.35} data-testid="score-evidence">
                        {(cell ?? sup)!.evidence}
                      </Text>
                      {(cell ?? sup)!.selfDeclared && <SelfDeclared />}
                    </Group>
                  )}
                </Stack>
              );
            })}
          </Stack>
        </Paper>
      ))}
      <Paper withBorder radius="md" p="sm" bg="gray.1">
        <Text fw={800} fz="lg">
          {t.total}
        </Text>
        <SimpleGrid cols={2} spacing="xs" mt={4}>
          {SCORERS.map((s) => (
            <Stack gap={2} key={s}>
              <Text size="xs" c="dimmed" fw={600}>
                {t.columnShort[s]}
              </Text>
              <TotalCell score={shown[s]} />
            </Stack>
          ))}
        </SimpleGrid>
      </Paper>
    </Stack>
  );
}
