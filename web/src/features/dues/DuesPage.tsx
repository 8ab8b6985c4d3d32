/**
 * `/don-vi/:id/dang-phi` — the dues ledger of a unit for a month. For a cell: one large row per
 * member (usable on a 360 px phone) with the amount due, the paid amount prefilled with it, a
 * "Đã nộp đủ" button, a reason when short, and one save for the whole month (bulk PUT). For a
 * đảng bộ: the direct children with their sums. Both download the month's statement (.xlsx).
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconChecks, IconDeviceFloppy, IconDownload, IconReceipt } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { VI_DUES as T } from '../../i18n/vi-dues.js';
import { VI_YEAR_FINISH } from '../../i18n/vi-year-finish.js';
import { formatDate, formatDong, noBreakDong, todayIso } from '../../lib/format.js';
import {
  type CellDues,
  recentMonths,
  type SubtreeDues,
  statementUrl,
  useSaveDues,
  useUnitDues,
} from './api.js';
import { DuesBaseModal } from './DuesBaseModal.js';
import { DuesRemittance } from './DuesRemittance.js';

interface Row {
  paid: number;
  reason: string;
}

function CellLedger({
  unitId,
  month,
  data,
}: {
  unitId: number;
  month: string;
  data: CellDues & { canManage: boolean };
}) {
  const save = useSaveDues(unitId, month);
  // "Mức đóng" of one member (also opened from the member page: ?muc-dong=<memberId>).
  const [params, setParams] = useSearchParams();
  const baseOf = data.items.find((i) => String(i.memberId) === params.get('muc-dong'));
  const openBase = (id: number | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id === null) next.delete('muc-dong');
        else next.set('muc-dong', String(id));
        return next;
      },
      { replace: true },
    );
  const initial = useMemo(
    () =>
      new Map<number, Row>(
        data.items.map((i) => [i.memberId, { paid: i.recorded ? i.paid : i.due, reason: i.reason ?? '' }]),
      ),
    [data],
  );
  const [rows, setRows] = useState(initial);
  useEffect(() => setRows(initial), [initial]);
  const set = (id: number, patch: Partial<Row>) =>
    setRows((r) => new Map(r).set(id, { ...(r.get(id) ?? { paid: 0, reason: '' }), ...patch }));
  const editable = data.canManage;
  const paidSum = data.items.reduce((s, i) => s + (rows.get(i.memberId)?.paid ?? 0), 0);
  const fullCount = data.items.filter((i) => (rows.get(i.memberId)?.paid ?? 0) >= i.due).length;

  const submit = () =>
    save.mutate(
      data.items.map((i) => {
        const r = rows.get(i.memberId)!;
        return {
          memberId: i.memberId,
          paid: r.paid,
          reason: r.paid < i.due ? r.reason.trim() || null : null,
        };
      }),
    );

  return (
    <Stack gap="sm">
      {!editable && <Alert color="gray">{T.readOnly}</Alert>}
      {data.summary && (
        <Alert color="blue" title={T.meeting} data-testid="dues-summary">
          {noBreakDong(data.summary.sentence)}
        </Alert>
      )}
      {data.items.length === 0 && <Text c="dimmed">{T.noMembers}</Text>}
      {editable && data.items.length > 0 && (
        <Group justify="flex-end">
          <Button
            variant="light"
            leftSection={<IconChecks size={20} />}
            onClick={() => setRows(new Map(data.items.map((i) => [i.memberId, { paid: i.due, reason: '' }])))}
            data-testid="dues-all-paid"
          >
            {T.allPaid}
          </Button>
        </Group>
      )}
      {data.items.map((i) => {
        const r = rows.get(i.memberId) ?? { paid: 0, reason: '' };
        const short = r.paid < i.due;
        return (
          <Card key={i.memberId} withBorder padding="sm" data-testid={`dues-row-${i.memberId}`}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" align="flex-start" gap={4}>
                <Stack gap={0} style={{ minWidth: 0, flex: '1 1 200px' }}>
                  <Anchor component={Link} to={`/dang-vien/${i.memberId}`} fw={700} size="lg">
                    {i.fullName}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {i.categoryLabel}
                    {i.base != null ? ` · ${T.base} ${formatDong(i.base)}` : ''}
                  </Text>
                </Stack>
                <Stack gap={2} align="flex-start">
                  <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
                    {T.due}: {formatDong(i.due)}
                  </Text>
                  {!i.recorded && (
                    <Badge color="gray" variant="light">
                      {T.notRecorded}
                    </Badge>
                  )}
                  {editable && (
                    <Button
                      size="compact-md"
                      variant="subtle"
                      leftSection={<IconReceipt size={16} />}
                      onClick={() => openBase(i.memberId)}
                      data-testid={`dues-base-${i.memberId}`}
                    >
                      {VI_YEAR_FINISH.baseAction}
                    </Button>
                  )}
                </Stack>
              </Group>
              {(i.arrears > 0 || i.unpaidMonthsThisYear > 0) && (
                <Group gap="xs">
                  {i.arrears > 0 && (
                    <Badge color="orange" variant="light" tt="none">
                      {T.arrears}: {formatDong(i.arrears)}
                    </Badge>
                  )}
                  {i.unpaidMonthsThisYear > 0 && (
                    <Badge color={i.unpaidMonthsThisYear >= 2 ? 'red' : 'yellow'} variant="light" tt="none">
                      {T.unpaidMonths(i.unpaidMonthsThisYear)}
                    </Badge>
                  )}
                </Group>
              )}
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <NumberInput
                  label={T.paid}
                  value={r.paid}
                  onChange={(v) => set(i.memberId, { paid: typeof v === 'number' ? v : Number(v) || 0 })}
                  thousandSeparator="."
                  decimalSeparator=","
                  allowNegative={false}
                  allowDecimal={false}
                  suffix=" đ"
                  min={0}
                  size="md"
                  disabled={!editable}
                  style={{ flex: 1 }}
                  data-testid={`dues-paid-${i.memberId}`}
                />
                {editable && (
                  <Button
                    size="md"
                    variant={short ? 'filled' : 'light'}
                    color="green"
                    leftSection={<IconCheck size={18} />}
                    onClick={() => set(i.memberId, { paid: i.due })}
                  >
                    {T.paidFull}
                  </Button>
                )}
              </Group>
              {short && (
                <TextInput
                  label={T.reason}
                  description={T.reasonHint}
                  value={r.reason}
                  onChange={(e) => set(i.memberId, { reason: e.currentTarget.value })}
                  disabled={!editable}
                  size="md"
                />
              )}
              {i.recorded && i.paidOn && (
                <Text size="xs" c="dimmed">
                  {T.paid} {formatDate(i.paidOn)}
                </Text>
              )}
            </Stack>
          </Card>
        );
      })}
      <Card withBorder padding="sm" bg="gray.0">
        <Stack gap={4}>
          <Text fw={700}>{T.totals}</Text>
          <Text>
            {T.due}: {formatDong(data.totals.due)} · {T.paid}: {formatDong(paidSum)}
          </Text>
          <Text size="sm">{T.membersPaid(fullCount, data.items.length)}</Text>
          {data.totals.arrears > 0 && (
            <Text size="sm">
              {T.arrears}: {formatDong(data.totals.arrears)}
            </Text>
          )}
          <Text size="sm">
            {T.remitted}: {formatDong(data.totals.remitted)}
          </Text>
        </Stack>
      </Card>
      {save.error instanceof ApiError && <Alert color="red">{save.error.message}</Alert>}
      {save.isSuccess && <Alert color="green">{T.saved(save.data.saved)}</Alert>}
      {editable && data.items.length > 0 && (
        <Button
          size="lg"
          leftSection={<IconDeviceFloppy size={22} />}
          onClick={submit}
          loading={save.isPending}
          data-testid="dues-save"
        >
          {T.save}
        </Button>
      )}
      <DuesRemittance
        key={`${month}-${data.totals.remitted}`}
        unitId={unitId}
        data={data}
        canManage={editable}
      />
      {editable && baseOf && (
        <DuesBaseModal member={baseOf} month={month} rules={data.rules} onClose={() => openBase(null)} />
      )}
    </Stack>
  );
}

function SubtreeTable({ data }: { data: SubtreeDues }) {
  if (data.items.length === 0) return <Text c="dimmed">{T.noChildren}</Text>;
  const num = (n: number) => (
    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatDong(n)}</Table.Td>
  );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder data-testid="dues-children">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{T.unit}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{T.members}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{T.due}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{T.paid}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{T.arrears}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{T.unpaidMembers}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{T.remitted}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((i) => (
            <Table.Tr key={i.unitId}>
              <Table.Td>
                <Anchor component={Link} to={`/don-vi/${i.unitId}/dang-phi?thang=${data.month}`}>
                  {i.unitName}
                </Anchor>
                {i.cellsRecorded === 0 && (
                  <Badge ml="xs" color="gray" variant="light" tt="none">
                    {T.notRecorded}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{i.members.toLocaleString('vi-VN')}</Table.Td>
              {num(i.due)}
              {num(i.paid)}
              {num(i.arrears)}
              <Table.Td style={{ textAlign: 'right' }}>{i.unpaidMembers.toLocaleString('vi-VN')}</Table.Td>
              {num(i.remitted)}
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>
              {T.totals} ({T.cellsRecorded(data.totals.cellsRecorded)})
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{data.totals.members.toLocaleString('vi-VN')}</Table.Td>
            {num(data.totals.due)}
            {num(data.totals.paid)}
            {num(data.totals.arrears)}
            <Table.Td style={{ textAlign: 'right' }}>
              {data.totals.unpaidMembers.toLocaleString('vi-VN')}
            </Table.Td>
            {num(data.totals.remitted)}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DuesPage() {
  const unitId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const months = recentMonths(todayIso());
  const month = months.includes(params.get('thang') ?? '') ? params.get('thang')! : months[0]!;
  const q = useUnitDues(unitId, month);
  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorState error={q.error} />;
  const data = q.data;
  return (
    <Stack gap="md" maw={880}>
      <Stack gap={2}>
        <Anchor component={Link} to={`/don-vi/${unitId}`} size="sm">
          {data.unitName}
        </Anchor>
        <Title order={2}>{T.title}</Title>
        {data.kind === 'cell' && data.canManage && (
          <Text size="sm" c="dimmed">
            {T.intro}
          </Text>
        )}
      </Stack>
      <Group align="flex-end" justify="space-between">
        <NativeSelect
          label={T.month}
          value={month}
          onChange={(e) => setParams({ thang: e.currentTarget.value }, { replace: true })}
          data={months.map((m) => ({ value: m, label: T.monthOption(m) }))}
          size="md"
          data-testid="dues-month"
        />
        <Button
          component="a"
          href={statementUrl(unitId, month)}
          download
          variant="default"
          leftSection={<IconDownload size={20} />}
          data-testid="dues-statement"
        >
          {T.statement}
        </Button>
      </Group>
      {data.kind === 'cell' ? (
        <CellLedger key={month} unitId={unitId} month={month} data={data} />
      ) : (
        <>
          <Title order={3}>{T.children}</Title>
          <SubtreeTable data={data} />
        </>
      )}
    </Stack>
  );
}
