/**
 * `/van-ban/:id` — one directive: number, date, issuer, title, summary, its files (download; a
 * draft takes new ones), the reader's cell and "Tôi đã đọc" for a member (large, for a phone), and
 * for the publisher's committee "Ban hành", "Thu hồi văn bản" and the per-cell dissemination.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconDownload, IconFileUpload, IconSend, IconTrash, IconX } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { type DirectiveDetail, fileUrl, useDirective, useDirectiveAction } from './api.js';
import { DisseminationTable } from './DisseminationTable.js';
import { Tag } from './Tag.js';

const size = (n: number) =>
  n >= 1024 * 1024 ? `${formatNumber(n / 1024 / 1024, 1)} MB` : `${formatNumber(Math.ceil(n / 1024))} KB`;

function Files({ d }: { d: DirectiveDetail }) {
  const act = useDirectiveAction(d.id);
  const upload = (file: File | null) => {
    if (!file) return;
    act.upload.mutate(file, { onSuccess: () => notifySuccess(T.uploaded), onError: (e) => notifyError(e) });
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {T.files}
      </Title>
      {d.files.length === 0 && <Text c="dimmed">{T.noFiles}</Text>}
      {d.files.map((f) => (
        <Group key={f.id} gap="xs" wrap="wrap">
          <Button
            component="a"
            href={fileUrl(d.id, f.id)}
            download
            variant="light"
            size="md"
            leftSection={<IconDownload size={20} />}
            style={{ maxWidth: '100%' }}
          >
            <Text span truncate>
              {T.download(f.fileName)}
            </Text>
          </Button>
          <Text size="sm" c="dimmed">
            {size(f.sizeBytes)}
          </Text>
          {d.permissions.canEdit && (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconTrash size={18} />}
              onClick={() => act.removeFile.mutate(f.id, { onError: (e) => notifyError(e) })}
            >
              {T.removeFile(f.fileName)}
            </Button>
          )}
        </Group>
      ))}
      {d.permissions.canEdit && (
        <FileButton onChange={upload} accept="application/pdf,.docx,image/jpeg,image/png">
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="md"
              w="fit-content"
              leftSection={<IconFileUpload size={20} />}
              loading={act.upload.isPending}
              data-testid="directive-upload"
            >
              {T.addFile}
            </Button>
          )}
        </FileButton>
      )}
    </Stack>
  );
}

export function DirectivePage() {
  const id = Number(useParams().id);
  const q = useDirective(id);
  const act = useDirectiveAction(id);
  const [withdrawOpened, withdraw] = useDisclosure(false);
  const [publishOpened, publishModal] = useDisclosure(false);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const d = q.data;
  const publish = () =>
    act.publish.mutate(undefined, {
      onSuccess: (r) => {
        publishModal.close();
        notifySuccess(T.published(r.cells));
      },
      onError: (e) => notifyError(e),
    });
  return (
    <Stack gap="md" maw={960} data-testid="directive-page">
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${d.me?.unitId ?? d.unitId}/van-ban`} size="sm">
          {T.listTitle}
        </Anchor>
        <Title order={2}>
          {d.kindLabel} số {d.number}
        </Title>
        <Text size="lg">{d.title}</Text>
        <Text c="dimmed">{T.issuedBy(d.issuer, formatDate(d.issuedOn))}</Text>
      </Stack>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group gap={6} wrap="wrap">
            <Tag color={d.status === 'published' ? 'green' : d.status === 'draft' ? 'gray' : 'red'}>
              {d.statusLabel}
            </Tag>
            <Badge size="lg" tt="none" variant="outline" color="gray.8">
              {d.requiresDissemination
                ? d.disseminateBy
                  ? T.due(formatDate(d.disseminateBy))
                  : T.noDue
                : T.noDissemination}
            </Badge>
          </Group>
          <Text size="sm">
            {T.publisher}: <b>{d.unitName}</b>
            {d.publishedAt ? ` · ${formatDateTime(d.publishedAt)}` : ''}
          </Text>
          {d.status === 'withdrawn' && <Alert color="red">{T.withdrawnNote(d.withdrawReason ?? '')}</Alert>}
          {d.summary && (
            <Text style={{ whiteSpace: 'pre-wrap' }} size="lg">
              {d.summary}
            </Text>
          )}
          <Files d={d} />
        </Stack>
      </Paper>
      {d.me && d.status !== 'draft' && (
        <Card withBorder padding="md" radius="md">
          <Stack gap="sm">
            {d.requiresDissemination && (
              <Text>
                {d.me.disseminatedOn
                  ? T.myCellDone(d.me.unitName, formatDate(d.me.disseminatedOn))
                  : T.myCellPending(d.me.unitName)}
              </Text>
            )}
            {d.me.readAt ? (
              <Text c="teal.9" fw={600}>
                <IconCheck size={18} style={{ verticalAlign: 'text-bottom' }} />{' '}
                {T.readDone(formatDateTime(d.me.readAt))}
              </Text>
            ) : (
              d.permissions.canMarkRead && (
                <Button
                  size="xl"
                  leftSection={<IconCheck size={24} />}
                  onClick={() => act.read.mutate(undefined, { onError: (e) => notifyError(e) })}
                  loading={act.read.isPending}
                  data-testid="directive-read"
                >
                  {T.read}
                </Button>
              )
            )}
          </Stack>
        </Card>
      )}
      {d.permissions.canManage && (
        <Group gap="sm">
          {d.status === 'draft' && (
            <Button
              size="lg"
              leftSection={<IconSend size={22} />}
              onClick={publishModal.open}
              data-testid="directive-publish"
            >
              {T.publish}
            </Button>
          )}
          {d.status === 'published' && (
            <Button variant="default" color="red.9" leftSection={<IconX size={20} />} onClick={withdraw.open}>
              {T.withdraw}
            </Button>
          )}
          {d.status === 'published' && <Text size="sm">{T.readCount(d.reads)}</Text>}
        </Group>
      )}
      {d.permissions.canSeeDissemination && d.status !== 'draft' && d.requiresDissemination && (
        <DisseminationTable directiveId={d.id} />
      )}
      <Modal opened={publishOpened} onClose={publishModal.close} title={T.publish}>
        <Stack gap="md">
          <Text>{T.publishConfirm}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={publishModal.close}>
              {T.cancel}
            </Button>
            <Button
              leftSection={<IconSend size={20} />}
              onClick={publish}
              loading={act.publish.isPending}
              data-testid="directive-publish-confirm"
            >
              {T.publish}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ReasonModal
        opened={withdrawOpened}
        onClose={withdraw.close}
        title={T.withdraw}
        help={T.publishConfirm}
        label={T.withdrawReason}
        submit={T.withdraw}
        busy={act.withdraw.isPending}
        testId="directive-withdraw"
        tooShort={T.withdrawReason}
        color="red"
        onSubmit={(reason) =>
          act.withdraw.mutateAsync(reason).then(
            () => {
              notifySuccess(T.withdrawn);
              return true;
            },
            (e) => {
              notifyError(e);
              return false;
            },
          )
        }
      />
    </Stack>
  );
}
