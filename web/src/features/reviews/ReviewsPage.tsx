/**
 * `/don-vi/:id/bao-cao` — a committee's periodic reviews (sơ kết / tổng kết): the list, newest
 * first, and the form to start a draft (title, the directive reviewed, a 3- or 5-year preset or
 * any months). Reached from the đảng bộ's unit page and from its overview.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileText, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_REVIEWS as T } from '../../i18n/vi-reviews.js';
import { formatDate, todayIso } from '../../lib/format.js';
import { monthLabel, presetPeriod, useCreateReview, useUnitReviews } from './api.js';

function CreateReview({ unitId, onCancel }: { unitId: number; onCancel: () => void }) {
  const navigate = useNavigate();
  const create = useCreateReview(unitId);
  const [title, setTitle] = useState('');
  const [subject, setSubject] = useState('');
  const [preset, setPreset] = useState<'y3' | 'y5' | 'months'>('y3');
  const today = todayIso();
  const [months, setMonths] = useState(presetPeriod(3, today));
  const period = preset === 'y3' ? presetPeriod(3, today) : preset === 'y5' ? presetPeriod(5, today) : months;
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, subject: subject || null, from: period.from, to: period.to },
      { onSuccess: (r) => navigate(`/bao-cao/${r.id}`) },
    );
  };

  return (
    <Card withBorder padding="lg" component="form" onSubmit={submit} data-testid="review-create">
      <Stack gap="sm">
        <Title order={3}>{T.createTitle}</Title>
        <TextInput
          label={T.title}
          placeholder={T.titlePlaceholder}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          required
          name="title"
        />
        <TextInput
          label={T.subject}
          placeholder={T.subjectPlaceholder}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
          name="subject"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {T.preset}
          </Text>
          <SegmentedControl
            value={preset}
            onChange={(v) => setPreset(v as typeof preset)}
            data={[
              { value: 'y3', label: T.presets.y3 },
              { value: 'y5', label: T.presets.y5 },
              { value: 'months', label: T.presets.months },
            ]}
            fullWidth
          />
        </Stack>
        {preset === 'months' ? (
          <Group grow wrap="wrap">
            <TextInput
              label={T.from}
              value={months.from}
              onChange={(e) => setMonths({ ...months, from: e.currentTarget.value })}
              error={errors.from}
              name="from"
            />
            <TextInput
              label={T.to}
              value={months.to}
              onChange={(e) => setMonths({ ...months, to: e.currentTarget.value })}
              error={errors.to}
              name="to"
            />
          </Group>
        ) : (
          <Text size="sm" c="dimmed" data-testid="review-period">
            {T.period(monthLabel(period.from), monthLabel(period.to))}
          </Text>
        )}
        {create.error && !Object.keys(errors).length && <Alert color="red">{create.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {T.cancel}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="review-create-submit">
            {T.createSubmit}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function ReviewsPage() {
  const unitId = Number(useParams().id);
  const list = useUnitReviews(unitId);
  const [creating, setCreating] = useState(false);
  if (list.isPending) return <PageLoader />;
  if (list.error) return <ErrorState error={list.error} />;
  return (
    <Stack gap="lg" maw={960} data-testid="reviews-page">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{T.listTitle}</Title>
        {!creating && (
          <Button
            leftSection={<IconPlus size={20} />}
            onClick={() => setCreating(true)}
            data-testid="review-new"
          >
            {T.create}
          </Button>
        )}
      </Group>
      {creating && <CreateReview unitId={unitId} onCancel={() => setCreating(false)} />}
      {list.data.items.length === 0 && !creating && <Alert color="gray">{T.none}</Alert>}
      {list.data.items.map((r) => (
        <Card key={r.id} withBorder padding="md">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4}>
              <Anchor component={Link} to={`/bao-cao/${r.id}`} fw={600}>
                <Group gap={6} wrap="nowrap">
                  <IconFileText size={20} />
                  {r.title}
                </Group>
              </Anchor>
              <Text size="sm" c="dimmed">
                {T.period(monthLabel(r.from), monthLabel(r.to))}
                {r.issuedAt ? ` · ${T.issued(formatDate(r.issuedAt.slice(0, 10)))}` : ''}
              </Text>
            </Stack>
            <Badge color={r.status === 'issued' ? 'green' : 'gray'} tt="none">
              {T.status[r.status]}
            </Badge>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
