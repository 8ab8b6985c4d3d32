/** "Tệp đã xuất" (/xuat-tep): my export jobs, newest first, with state, size and expiry. */
import { Alert, Button, Card, Group, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_EXPORTS as T } from '../../i18n/vi-exports.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { type ExportJob, fileHref, useMyExports } from './api.js';
import { formatBytes, JobProgress, StateBadge } from './JobProgress.js';

export function ExportsPage() {
  // The cursors of the pages shown so far: "Xem thêm" adds the next page below.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const first = useMyExports(null);
  if (first.isLoading) return <PageLoader />;
  if (first.error || !first.data) return <ErrorState error={first.error} onRetry={() => first.refetch()} />;
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{T.title}</Title>
      <Text size="lg">{T.intro}</Text>
      {first.data.total === 0 ? (
        <Alert variant="light">{T.empty}</Alert>
      ) : (
        <Text size="lg">{T.total(formatNumber(first.data.total))}</Text>
      )}
      {cursors.map((c, i) => (
        <ExportPageItems
          key={c ?? 'first'}
          cursor={c}
          last={i === cursors.length - 1}
          onMore={(next) => setCursors((cs) => [...cs, next])}
        />
      ))}
    </Stack>
  );
}

function ExportPageItems({
  cursor,
  last,
  onMore,
}: {
  cursor: string | null;
  last: boolean;
  onMore: (next: string) => void;
}) {
  const page = useMyExports(cursor);
  if (!page.data) return null;
  const next = page.data.nextCursor;
  return (
    <>
      {page.data.items.map((j) => (
        <JobCard key={j.id} job={j} />
      ))}
      {last && next && (
        <Button variant="default" size="lg" onClick={() => onMore(next)}>
          {T.more}
        </Button>
      )}
    </>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="lg">{value}</Text>
    </Stack>
  );
}

function JobCard({ job }: { job: ExportJob }) {
  const running = job.state === 'queued' || job.state === 'running';
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h3">
            {T.kinds[job.kind]} — {job.unitName}
          </Title>
          {!running && <StateBadge state={job.state} />}
        </Group>
        <Group gap="xl" wrap="wrap">
          <Field label={T.columns.date} value={formatDate(job.date)} />
          <Field label={T.columns.created} value={formatDateTime(job.createdAt)} />
          {job.state === 'done' && (
            <>
              <Field
                label={T.columns.size}
                value={`${formatBytes(job.bytes)} · ${T.rows(formatNumber(job.rowsDone))}`}
              />
              <Field label={T.columns.expires} value={formatDateTime(job.expiresAt)} />
            </>
          )}
        </Group>
        {running && <JobProgress job={job} />}
        {job.state === 'failed' && job.error && (
          <Alert color="red" variant="light">
            {job.error}
          </Alert>
        )}
        {job.state === 'done' && (
          <Button
            component="a"
            href={fileHref(job.id)}
            download
            size="lg"
            leftSection={<IconDownload size={22} />}
            style={{ alignSelf: 'flex-start' }}
          >
            {T.download}
            <VisuallyHidden>
              {' '}
              {job.unitName}, {formatDate(job.date)}
            </VisuallyHidden>
          </Button>
        )}
      </Stack>
    </Card>
  );
}
