/**
 * The committee's "Khen thưởng, nhắc nhở" page (/khen-thuong/:id): proposals of a chosen period,
 * each with a one-click "Ghi quyết định" prefilled, and the decisions recorded, filtered by kind.
 */
import { Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconPencilPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { formatNumber, todayIso } from '../../lib/format.js';
import { monthMinus, type Proposal, useDecisions, useProposals } from './api.js';
import { DecisionList } from './DecisionList.js';
import { type DecisionDraft, DecisionModal } from './DecisionModal.js';

const lastMonth = () => monthMinus(todayIso().slice(0, 7), 1);

export function RecognitionPage() {
  const id = Number(useParams().id);
  const unit = useUnit(id);
  const [from, setFrom] = useState(() => monthMinus(lastMonth(), 11));
  const [to, setTo] = useState(lastMonth);
  const [limit, setLimit] = useState(50);
  const [kind, setKind] = useState<string>('all');
  const [draft, setDraft] = useState<DecisionDraft | null>(null);
  const proposals = useProposals(id, from, to, limit);
  const decisions = useDecisions(id, kind === 'all' ? null : kind);

  if (unit.isLoading) return <PageLoader />;
  if (isNotFound(unit.error)) return <NotFound message={vi.notFound.unit} />;
  if (unit.error || !unit.data) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;

  const open = (p: Proposal) =>
    setDraft({
      subjectUnitId: p.unit.id,
      subjectName: p.unit.name,
      kind: p.suggestedKind,
      reason: `${p.reason}.`,
      periodFrom: from,
      periodTo: to,
    });
  const items = proposals.data?.items ?? [];

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Text>
          <Link to={`/don-vi/${id}`}>{unit.data.name}</Link>
        </Text>
        <Title order={1}>{t.page.title}</Title>
        <Text size="lg">{t.page.intro}</Text>
      </Stack>

      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Title order={2} size="h3">
              {t.page.proposals}
            </Title>
            <Group gap="sm" align="flex-end">
              <MonthPickerInput
                label={t.page.from}
                size="md"
                w={150}
                valueFormat="MM/YYYY"
                value={`${from}-01`}
                onChange={(d) => d && setFrom((d as string).slice(0, 7))}
                data-testid="proposal-from"
              />
              <MonthPickerInput
                label={t.page.to}
                size="md"
                w={150}
                valueFormat="MM/YYYY"
                value={`${to}-01`}
                onChange={(d) => d && setTo((d as string).slice(0, 7))}
                data-testid="proposal-to"
              />
            </Group>
          </Group>
          {proposals.isLoading && <Loader />}
          {proposals.error && <ErrorState error={proposals.error} onRetry={() => proposals.refetch()} />}
          {proposals.data && items.length === 0 && <Text c="dimmed">{t.page.proposalsNone}</Text>}
          <Stack gap="xs" data-testid="proposal-list">
            {items.map((p) => (
              <Paper key={p.unit.id} withBorder p="sm" radius="md" data-testid="proposal">
                <Group justify="space-between" wrap="wrap" gap="sm">
                  <Stack gap={4} style={{ flex: '1 1 320px' }}>
                    <Group gap="xs">
                      <Badge size="lg" tt="none" color={p.proposal === 'commend' ? 'teal' : 'orange'}>
                        {p.proposal === 'commend' ? t.page.commend : t.page.remind}: {p.suggestedKindLabel}
                      </Badge>
                      <Text fw={700} size="lg">
                        <Link to={`/don-vi/${p.unit.id}`}>{p.unit.name}</Link>
                      </Text>
                    </Group>
                    <Text size="lg">{p.reason}.</Text>
                  </Stack>
                  <Button
                    size="md"
                    leftSection={<IconPencilPlus size={20} />}
                    onClick={() => open(p)}
                    data-testid="proposal-record"
                  >
                    {t.page.record}
                  </Button>
                </Group>
              </Paper>
            ))}
          </Stack>
          {proposals.data && proposals.data.total > items.length && (
            <Group>
              <Text c="dimmed">
                {t.page.shown(formatNumber(items.length), formatNumber(proposals.data.total))}
              </Text>
              <Button
                variant="default"
                onClick={() => setLimit(Math.min(200, limit + 50))}
                disabled={limit >= 200}
              >
                {t.page.more}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Stack gap="md">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h3">
              {t.page.decisions}
              {decisions.data ? ` (${formatNumber(decisions.data.total)})` : ''}
            </Title>
            <SegmentedControl
              aria-label={t.page.kindFilter}
              value={kind}
              onChange={setKind}
              data={[
                { value: 'all', label: t.page.allKinds },
                ...Object.entries(t.kinds).map(([value, label]) => ({ value, label })),
              ]}
              data-testid="decision-filter"
            />
          </Group>
          {decisions.data && decisions.data.items.length === 0 && (
            <Text c="dimmed">{t.page.decisionsNone}</Text>
          )}
          {decisions.data && <DecisionList items={decisions.data.items} showSubject />}
        </Stack>
      </Paper>
      <DecisionModal unitId={id} draft={draft} onClose={() => setDraft(null)} />
    </Stack>
  );
}
