/**
 * The committee's view of a directive: "Đã quán triệt 9/17 chi bộ (52,94%)" with a progress bar,
 * a filter (all, done, pending, late), one row per cell (date, the meeting, present/base and its
 * share, read marks, late), paged by 50, and "Nhắc các chi bộ chưa quán triệt" (once a day).
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconBellRinging } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { formatDate, formatNumber, formatPercent } from '../../lib/format.js';
import { type Dissemination, useDirectiveAction, useDissemination } from './api.js';
import { Tag } from './Tag.js';

const PAGE = 50;

function StateBadge({ r }: { r: Dissemination['items'][number] }) {
  if (r.disseminatedOn) return <Tag color="green">✓ {T.stateDone}</Tag>;
  return <Tag color={r.late ? 'red' : 'orange'}>{r.late ? `✗ ${T.stateLate}` : T.statePending}</Tag>;
}

export function DisseminationTable({ directiveId }: { directiveId: number }) {
  const [state, setState] = useState('');
  const [offset, setOffset] = useState(0);
  const q = useDissemination(directiveId, state, offset, true);
  const { remind } = useDirectiveAction(directiveId);
  if (!q.data) return null;
  const data = q.data;
  const s = data.summary;
  const share = (r: Dissemination['items'][number]) =>
    r.present === null || r.base === null
      ? '—'
      : `${r.present}/${r.base}${r.percent === null ? '' : ` (${formatNumber(r.percent, 2)}%)`}`;
  const sendReminder = () =>
    remind.mutate(undefined, {
      onSuccess: (res) => notifySuccess(T.reminded(res.pendingCells)),
      onError: (e) => notifyError(e),
    });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {T.dissemination}
        </Title>
        <Text fw={700} size="lg" data-testid="dissemination-summary">
          {T.summary(s.done, s.cells, formatPercent(s.done, s.cells))}
        </Text>
        <Progress
          value={s.percent ?? 0}
          size="xl"
          color="teal.8"
          aria-label={T.summary(s.done, s.cells, formatPercent(s.done, s.cells))}
        />
        {s.late > 0 && <Text c="red.9">{T.lateCount(s.late)}</Text>}
        {data.canRemind && s.done < s.cells && (
          <Group>
            <Button
              size="md"
              maw="100%"
              h="auto"
              mih={44}
              py={8}
              styles={{ label: { whiteSpace: 'normal' } }}
              leftSection={<IconBellRinging size={20} />}
              onClick={sendReminder}
              loading={remind.isPending}
              disabled={data.remindedToday || remind.isSuccess}
              data-testid="directive-remind"
            >
              {T.remind}
            </Button>
            {(data.remindedToday || remind.isSuccess) && <Text size="sm">{T.remindedToday}</Text>}
          </Group>
        )}
        <NativeSelect
          label={T.filter}
          value={state}
          onChange={(e) => {
            setState(e.currentTarget.value);
            setOffset(0);
          }}
          data={[
            { value: '', label: T.filterAll },
            { value: 'done', label: T.filterDone },
            { value: 'pending', label: T.filterPending },
            { value: 'late', label: T.filterLate },
          ]}
          size="md"
          maw={320}
          data-testid="dissemination-filter"
        />
        {data.items.length === 0 ? (
          <Alert color="gray">{T.noCells}</Alert>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped withTableBorder data-testid="dissemination-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{T.cell}</Table.Th>
                  <Table.Th>{T.state}</Table.Th>
                  <Table.Th>{T.on}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{T.share}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{T.reads}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((r) => (
                  <Table.Tr key={r.unitId} data-testid={`dissemination-row-${r.unitId}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/don-vi/${r.unitId}`}>
                        {r.unitName}
                      </Anchor>
                      {r.parentName && (
                        <Text size="xs" c="dimmed">
                          {r.parentName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ minWidth: 170 }}>
                      <StateBadge r={r} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.disseminatedOn ? (
                        r.meetingId ? (
                          <Anchor component={Link} to={`/sinh-hoat/${r.meetingId}`}>
                            {formatDate(r.disseminatedOn)}
                          </Anchor>
                        ) : (
                          formatDate(r.disseminatedOn)
                        )
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{share(r)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.reads.toLocaleString('vi-VN')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {data.total > PAGE && (
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{T.page(offset + 1, Math.min(offset + PAGE, data.total), data.total)}</Text>
            <Group gap="xs">
              <Button
                variant="default"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {T.prev}
              </Button>
              <Button
                variant="default"
                disabled={offset + PAGE >= data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {T.next}
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
