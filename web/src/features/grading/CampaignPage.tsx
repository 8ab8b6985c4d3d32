/**
 * `/don-vi/:id/dot-danh-gia` — a committee's review campaigns: open the year's campaign (three
 * deadlines; the cells and members are told) and follow its progress per subordinate unit
 * (self-reviews submitted, votes recorded, the cells' own assessments), each cell linking to its
 * session page.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { DatePickerField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { GRADING_DECIDE } from '../../i18n/vi-grading-decide.js';
import { VI_GRADING_REVIEW as T } from '../../i18n/vi-grading-review.js';
import { formatDate, formatNumber, todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { CloseCampaignButton } from './CloseCampaignButton.js';
import { type CampaignView, reviewYear, useCampaign, useCampaigns, useCreateCampaign } from './reviewApi.js';

const n = (x: number) => formatNumber(x);
const of = (a: number, b: number) => T.progressOf(n(a), n(b));

function OpenCampaign({ unitId, onDone }: { unitId: number; onDone: () => void }) {
  const create = useCreateCampaign(unitId);
  const [year, setYear] = useState(reviewYear(todayIso()));
  const [title, setTitle] = useState('');
  const [dates, setDates] = useState({
    selfReviewDue: `${year}-12-10`,
    cellSessionDue: `${year}-12-20`,
    decisionDue: `${year + 1}-01-15`,
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const date = (key: keyof typeof dates, label: string) => (
    <DatePickerField
      label={label}
      value={dates[key]}
      onChange={(v) => setDates({ ...dates, [key]: v ?? '' })}
      error={errors[key]}
      data-testid={`campaign-${key}`}
    />
  );
  return (
    <Card
      withBorder
      padding="lg"
      component="form"
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        create.mutate(
          { year, title: title || null, ...dates },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: T.opened });
              onDone();
            },
          },
        );
      }}
      data-testid="campaign-create"
    >
      <Stack gap="sm">
        <Title order={2} size="h3">
          {T.open}
        </Title>
        <NumberInput
          label={T.year}
          value={year}
          onChange={(v) => setYear(typeof v === 'number' ? v : year)}
          min={2000}
          max={2100}
          allowDecimal={false}
          thousandSeparator=""
          size="lg"
          error={errors.year}
        />
        <TextInput
          label={T.titleLabel}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          size="lg"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {date('selfReviewDue', T.selfReviewDue)}
          {date('cellSessionDue', T.cellSessionDue)}
          {date('decisionDue', T.decisionDue)}
        </SimpleGrid>
        {create.error && !Object.keys(errors).length && <Alert color="red">{create.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" size="lg" onClick={onDone}>
            {T.cancel}
          </Button>
          <Button type="submit" size="lg" loading={create.isPending} data-testid="campaign-submit">
            {T.openSubmit}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Ratio({ a, b }: { a: number; b: number }) {
  return (
    <Stack gap={2}>
      <Text fw={600}>{of(a, b)}</Text>
      <Progress value={b > 0 ? (a * 100) / b : 0} size="sm" aria-hidden />
    </Stack>
  );
}

function ProgressView({ c }: { c: CampaignView }) {
  const phone = useIsPhone();
  const link = (p: CampaignView['progress'][number]) =>
    p.isCell ? (
      <Anchor component={Link} to={`/don-vi/${p.unitId}/kiem-diem/${c.year}`} fw={600}>
        {p.unitName}
      </Anchor>
    ) : (
      <Anchor component={Link} to={`/don-vi/${p.unitId}`} fw={600}>
        {p.unitName}
      </Anchor>
    );
  if (phone)
    return (
      <Stack gap="sm">
        {c.progress.map((p) => (
          <Card key={p.unitId} withBorder padding="sm">
            {link(p)}
            <SimpleGrid cols={3} mt="xs">
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {T.progressSubmitted}
                </Text>
                <Ratio a={p.selfReviewsSubmitted} b={p.reviewable} />
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {T.progressVoted}
                </Text>
                <Ratio a={p.votesRecorded} b={p.reviewable} />
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {T.progressAssessed}
                </Text>
                <Ratio a={p.selfAssessments} b={p.cells} />
              </Stack>
            </SimpleGrid>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table striped withTableBorder verticalSpacing="sm" fz="md">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{T.progressUnit}</Table.Th>
          <Table.Th>{T.progressReviewable}</Table.Th>
          <Table.Th>{T.progressSubmitted}</Table.Th>
          <Table.Th>{T.progressVoted}</Table.Th>
          <Table.Th>{T.progressAssessed}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.progress.map((p) => (
          <Table.Tr key={p.unitId}>
            <Table.Td>{link(p)}</Table.Td>
            <Table.Td>{n(p.reviewable)}</Table.Td>
            <Table.Td>
              <Ratio a={p.selfReviewsSubmitted} b={p.reviewable} />
            </Table.Td>
            <Table.Td>
              <Ratio a={p.votesRecorded} b={p.reviewable} />
            </Table.Td>
            <Table.Td>
              <Ratio a={p.selfAssessments} b={p.cells} />
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr fw={700}>
          <Table.Td>{T.totalRow}</Table.Td>
          <Table.Td>{n(c.totals.reviewable)}</Table.Td>
          <Table.Td>{of(c.totals.selfReviewsSubmitted, c.totals.reviewable)}</Table.Td>
          <Table.Td>{of(c.totals.votesRecorded, c.totals.reviewable)}</Table.Td>
          <Table.Td>{of(c.totals.selfAssessments, c.totals.cells)}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

export function CampaignPage() {
  const unitId = Number(useParams().id);
  const list = useCampaigns(unitId);
  const own = list.data?.items.find((c) => c.unitId === unitId) ?? list.data?.items[0] ?? null;
  const [picked, setPicked] = useState<number | null>(null);
  const current = useCampaign(picked ?? own?.id ?? null);
  const [opening, setOpening] = useState(false);
  if (list.isPending) return <PageLoader />;
  if (list.error) return <ErrorState error={list.error} />;
  const c = current.data;
  return (
    <Stack gap="lg" maw={1100} data-testid="campaign-page">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{T.campaignTitle}</Title>
        {!opening && (
          <Button
            size="lg"
            leftSection={<IconPlus size={22} />}
            onClick={() => setOpening(true)}
            data-testid="campaign-new"
          >
            {T.open}
          </Button>
        )}
      </Group>
      {opening && <OpenCampaign unitId={unitId} onDone={() => setOpening(false)} />}
      {list.data.items.length === 0 && !opening && <Alert color="gray">{T.noneYet}</Alert>}
      {list.data.items.length > 1 && (
        <Group gap="xs">
          {list.data.items.map((x) => (
            <Button
              key={x.id}
              variant={x.id === (picked ?? own?.id) ? 'filled' : 'default'}
              onClick={() => setPicked(x.id)}
            >
              {x.year} · {x.unitName}
            </Button>
          ))}
        </Group>
      )}
      {current.error && <ErrorState error={current.error} />}
      {c && (
        <Card withBorder padding="lg" data-testid="campaign-progress">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h3">
                {c.title}
              </Title>
              <Group gap="sm">
                <Badge size="lg" tt="none" color={c.status === 'open' ? 'teal.9' : 'gray.7'}>
                  {T.campaignStatus[c.status]}
                </Badge>
                {c.canManage && (
                  <Button
                    component={Link}
                    to={`/don-vi/${c.unitId}/xep-loai/${c.year}/quyet-dinh`}
                    size="md"
                    variant="light"
                    data-testid="campaign-decisions"
                  >
                    {GRADING_DECIDE.title(c.year)}
                  </Button>
                )}
                {c.canManage && c.status === 'open' && <CloseCampaignButton c={c} />}
              </Group>
            </Group>
            <Text>{c.unitName}</Text>
            <Text size="lg">
              {T.deadlines(
                formatDate(c.selfReviewDue),
                formatDate(c.cellSessionDue),
                formatDate(c.decisionDue),
              )}
            </Text>
            <ProgressView c={c} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
