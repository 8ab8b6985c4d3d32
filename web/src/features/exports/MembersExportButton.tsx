/**
 * The member list's export button (ADR 028): a dialog with "Tải ngay" for a small list (the
 * direct download) and "Xuất tệp (chạy nền)", which queues a job and follows it to "Tải về".
 */
import { Alert, Anchor, Button, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconFileExport } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { notifyError } from '../../app/notify.js';
import { VI_EXPORTS as T } from '../../i18n/vi-exports.js';
import { formatDate, formatNumber, todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { SYNC_MAX_ROWS, startMembersExport, useExportJob } from './api.js';
import { JobProgress } from './JobProgress.js';

interface Props {
  unitId: number;
  /** The list's date (today when absent). */
  date: string | undefined;
  /** About how many members the list holds (the unit's subtree count). */
  total: number;
}

export function MembersExportButton({ unitId, date, total }: Props) {
  const [opened, dialog] = useDisclosure(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useExportJob(jobId);
  const phone = useIsPhone();
  const start = useMutation({
    mutationFn: () => startMembersExport(unitId, date),
    onSuccess: (r) => setJobId(r.job.id),
    onError: (e) => notifyError(e),
  });
  const small = total <= SYNC_MAX_ROWS;
  const href = `/api/org-units/${unitId}/members.xlsx${date ? `?date=${date}` : ''}`;

  return (
    <>
      <Button variant="light" leftSection={<IconDownload size={20} />} onClick={dialog.open}>
        {T.button}
      </Button>
      <Modal
        opened={opened}
        onClose={dialog.close}
        title={T.dialogTitle}
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': T.close }}
      >
        <Stack gap="md">
          <Text size="lg">{T.dialogIntro(formatNumber(total), formatDate(date ?? todayIso()))}</Text>
          {small ? (
            <Stack gap={4}>
              <Button
                component="a"
                href={href}
                download
                size="lg"
                variant={jobId ? 'light' : 'filled'}
                leftSection={<IconDownload size={22} />}
              >
                {T.now}
              </Button>
              <Text size="sm">{T.nowHint}</Text>
            </Stack>
          ) : (
            <Alert variant="light" color="blue">
              {T.tooLargeForNow(formatNumber(SYNC_MAX_ROWS))}
            </Alert>
          )}
          {jobId === null ? (
            <Stack gap={4}>
              <Button
                size="lg"
                variant={small ? 'default' : 'filled'}
                leftSection={<IconFileExport size={22} />}
                loading={start.isPending}
                onClick={() => start.mutate()}
              >
                {T.background}
              </Button>
              <Text size="sm">{T.backgroundHint}</Text>
            </Stack>
          ) : (
            job.data && <JobProgress job={job.data} />
          )}
          <Anchor component={Link} to="/xuat-tep" size="lg">
            {T.openList}
          </Anchor>
          <Button variant="default" size="lg" onClick={dialog.close}>
            {T.close}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
