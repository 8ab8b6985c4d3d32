/** One export job's state: a progress bar with "Đã ghi x/y dòng", and "Tải về" once done. */
import { Alert, Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { VI_EXPORTS as T } from '../../i18n/vi-exports.js';
import { formatNumber } from '../../lib/format.js';
import { type ExportJob, type ExportState, fileHref } from './api.js';

const STATE_COLORS: Record<ExportState, string> = {
  queued: 'gray.8',
  running: 'blue.8',
  done: 'teal.9',
  failed: 'red.9',
  expired: 'gray.8',
};

/** The state as a word (never a colour alone). */
export function StateBadge({ state }: { state: ExportState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="filled" size="lg" tt="none">
      {T.states[state]}
    </Badge>
  );
}

/** `1,2 MB`, `850 kB`: sizes with the Vietnamese decimal comma. */
export function formatBytes(n: number | null): string {
  if (n === null) return '—';
  if (n < 1000) return `${formatNumber(n)} B`;
  const kb = n / 1000;
  if (kb < 1000) return `${formatNumber(Math.round(kb))} kB`;
  return `${(Math.round(kb / 100) / 10).toLocaleString('vi-VN')} MB`;
}

export function JobProgress({ job }: { job: ExportJob }) {
  const total = job.rowsTotal ?? 0;
  const done = job.state === 'done' ? total : job.rowsDone;
  const percent =
    total > 0 ? Math.min(100, Math.round((done / total) * 100)) : job.state === 'done' ? 100 : 0;
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <StateBadge state={job.state} />
        <Text size="lg" fw={600}>
          {T.progress(formatNumber(done), formatNumber(total))}
        </Text>
      </Group>
      <Progress.Root size="xl" radius="md">
        <Progress.Section
          value={percent}
          animated={job.state === 'running'}
          aria-label={T.progressLabel}
          aria-valuetext={T.progress(formatNumber(done), formatNumber(total))}
        />
      </Progress.Root>
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
        >
          {T.download} ({formatBytes(job.bytes)})
        </Button>
      )}
    </Stack>
  );
}
