/**
 * A model meeting, read-only (/sinh-hoat-mau/:meetingId): agenda, documents, the adopted minutes
 * and the score, with the model cell's members' personal data hidden by the server.
 */
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconShieldLock } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { isNotFound } from '../../api/client.js';
import { notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { formatDate, formatNumber, formatPercent } from '../../lib/format.js';
import { useMarkModel, useModelView } from './api.js';

export function ModelMeetingPage() {
  const meetingId = Number(useParams().meetingId);
  const view = useModelView(meetingId);
  const { unmark } = useMarkModel(meetingId);
  const navigate = useNavigate();
  if (view.isLoading) return <PageLoader />;
  if (isNotFound(view.error)) return <NotFound message={t.models.none} />;
  if (view.error || !view.data) return <ErrorState error={view.error} onRetry={() => view.refetch()} />;
  const v = view.data;
  const a = v.attendance;
  return (
    <Stack gap="lg" maw={1000} data-testid="model-view">
      <Anchor component={Link} to="/sinh-hoat-mau">
        ‹ {t.view.back}
      </Anchor>
      <Stack gap={6}>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {v.model.topic ?? v.meeting.title}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Badge variant="outline" color="grape" tt="none" size="lg">
            {v.meeting.kindLabel}
          </Badge>
          {v.meeting.cell.cellTypeLabel && (
            <Badge variant="default" tt="none" size="lg">
              {v.meeting.cell.cellTypeLabel}
            </Badge>
          )}
        </Group>
        <Text size="lg">
          {v.meeting.cell.name}
          {v.meeting.startedAt ? ` · ${t.models.held(formatDate(v.meeting.startedAt))}` : ''}
          {v.meeting.durationMinutes !== null
            ? ` · ${t.view.length(formatNumber(v.meeting.durationMinutes))}`
            : ''}
        </Text>
        <Text size="lg">
          {t.view.attendance(
            formatNumber(a.present),
            formatNumber(a.summoned),
            formatPercent(a.present, a.summoned),
          )}
        </Text>
        <Text size="sm" c="dimmed">
          {t.models.markedBy(v.model.markedBy.unitName, formatDate(v.model.markedAt.slice(0, 10)))}
        </Text>
      </Stack>
      <Alert color="blue" icon={<IconShieldLock />} data-testid="model-privacy">
        {t.view.privacy}
      </Alert>
      {v.model.note && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4">
            {t.view.note}
          </Title>
          <Text size="lg">{v.model.note}</Text>
        </Paper>
      )}
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t.view.score}
          </Title>
          {v.score ? (
            <>
              <Text size="lg" fw={600}>
                {t.view.cellScore(
                  v.score.rating,
                  formatNumber(v.score.points ?? 0, 1),
                  formatNumber(v.score.maxPoints ?? 100),
                )}
              </Text>
              {v.score.supervisor && (
                <Text size="lg">
                  {t.view.supScore(v.score.supervisor.rating, formatNumber(v.score.supervisor.points, 1))}
                </Text>
              )}
            </>
          ) : (
            <Text c="dimmed">{t.view.noScore}</Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t.view.agenda}
          </Title>
          <List type="ordered" size="lg" spacing={6}>
            {v.agenda.map((i) => (
              <List.Item key={i.position}>
                {i.title}
                {i.conclusion ? (
                  <Text c="dimmed" size="md">
                    {t.view.conclusion}: {i.conclusion}
                  </Text>
                ) : null}
              </List.Item>
            ))}
          </List>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t.view.documents}
          </Title>
          {v.documents.length === 0 && <Text c="dimmed">{t.view.documentsNone}</Text>}
          {v.documents.map((d) => (
            <Button
              key={d.id}
              component="a"
              href={`/api/model-meetings/${v.meeting.id}/documents/${d.id}`}
              variant="default"
              size="md"
              leftSection={<IconDownload size={20} />}
              w={{ base: '100%', sm: 'fit-content' }}
              styles={{ inner: { justifyContent: 'flex-start' } }}
            >
              {d.title}
            </Button>
          ))}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" data-testid="model-minutes">
        <Stack gap={8}>
          <Title order={2} size="h3">
            {t.view.minutes}
          </Title>
          {v.minutes.paragraphs.map((p, i) => (
            <Text
              // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs are a fixed document
              key={i}
              size="lg"
              fw={p.heading ? 700 : undefined}
              ta={p.center ? 'center' : undefined}
              style={{ overflowWrap: 'anywhere' }}
            >
              {p.text}
            </Text>
          ))}
        </Stack>
      </Paper>
      {v.model.canUnmark && (
        <Group>
          <Button
            color="red"
            variant="light"
            loading={unmark.isPending}
            onClick={async () => {
              await unmark.mutateAsync();
              notifySuccess(t.mark.undone);
              navigate('/sinh-hoat-mau');
            }}
          >
            {t.view.unmark}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
