import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconCircleCheck,
  IconClipboardList,
  IconInfoCircle,
  IconLock,
  IconPencil,
  IconUserCircle,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../api/client.js';
import { useMe, useMember } from '../../api/queries.js';
import type { MemberDetail } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { formatDate } from '../../lib/format.js';
import { MemberDues } from '../dues/MemberDues.js';
import { MyGradingCard } from '../grading/MyGradingCard.js';
import { availableChanges, type ChangeType } from './changes.js';
import { EditMemberModal } from './EditMemberModal.js';
import { MemberGrades } from './MemberGrades.js';
import { StatusBadges } from './StatusBadges.js';
import { StatusChangeModal } from './StatusChangeModal.js';

export function MemberPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const member = useMember(valid ? id : 0);
  if (!valid || isNotFound(member.error)) return <NotFound message={vi.notFound.member} />;
  if (member.isLoading) return <PageLoader />;
  if (member.error || !member.data)
    return <ErrorState error={member.error} onRetry={() => member.refetch()} />;
  return <MemberView member={member.data} />;
}

function MemberView({ member }: { member: MemberDetail }) {
  const me = useMe().data;
  const [editOpened, edit] = useDisclosure(false);
  const [change, setChange] = useState<ChangeType | null>(null);
  const self = me?.member?.id === member.id;
  const changes = member.permissions.canManage ? availableChanges(member) : [];

  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs
        separator="›"
        separatorMargin={6}
        style={{ flexWrap: 'wrap' }}
        aria-label={vi.text.breadcrumb}
      >
        <Anchor component={Link} to={`/don-vi/${member.unitId}`} size="sm">
          {member.unitName}
        </Anchor>
        <Text size="sm" c="dimmed">
          {member.fullName}
        </Text>
      </Breadcrumbs>

      <Stack gap="xs">
        <Group gap="sm" align="center">
          <IconUserCircle size={40} stroke={1.4} />
          <Title order={1} data-testid="member-fullname">
            {member.fullName}
          </Title>
        </Group>
        {self && (
          <Text c="dimmed" size="sm">
            {vi.nav.myRecord}
          </Text>
        )}
        <StatusBadges member={member} size="xl" />
      </Stack>

      {/* A member lands here after signing in: the year's self-review is the first thing asked of them. */}
      {self && <MyGradingCard />}

      {member.permissions.canManage && (
        <Group gap="xs">
          <Button leftSection={<IconPencil size={20} />} onClick={edit.open} variant="light">
            {vi.member.edit}
          </Button>
          {changes.length > 0 && (
            <Menu position="bottom-start" shadow="md" width={300}>
              <Menu.Target>
                <Button
                  leftSection={<IconClipboardList size={20} />}
                  rightSection={<IconChevronDown size={18} />}
                >
                  {vi.changes.menu}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {changes.map((t) => (
                  <Menu.Item
                    key={t}
                    onClick={() => setChange(t)}
                    color={t === 'remove' ? 'red' : undefined}
                    py={10}
                  >
                    {vi.changes.types[t]}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      )}

      <CurrentStatus member={member} />

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h3" mb="sm">
          {vi.member.details}
        </Title>
        <DetailsGrid member={member} />
        {!member.permissions.canSeeIdentity && (
          <Text size="sm" c="dimmed" mt="sm">
            <IconLock size={14} style={{ verticalAlign: 'middle' }} /> {vi.member.hiddenNote}
          </Text>
        )}
      </Paper>

      {member.permissions.canManage && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="xs">
            {vi.member.account}
          </Title>
          <Text>
            {member.account
              ? `${member.account.username} — ${member.account.active ? vi.member.accountActive : vi.member.accountLocked}`
              : vi.member.noAccount}
          </Text>
        </Paper>
      )}

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h3" mb="md">
          {vi.member.history}
        </Title>
        <History member={member} />
      </Paper>

      <MemberDues memberId={member.id} />

      <MemberGrades memberId={member.id} />

      {member.permissions.canManage && (
        <>
          <EditMemberModal member={member} opened={editOpened} onClose={edit.close} />
          <StatusChangeModal member={member} type={change} onClose={() => setChange(null)} />
        </>
      )}
    </Stack>
  );
}

function CurrentStatus({ member }: { member: MemberDetail }) {
  const s = member.status;
  const lines: string[] = [];
  if (s.ended) lines.push(vi.member.endedOn(s.ended.reasonLabel, formatDate(s.ended.date)));
  if (s.exempted) {
    lines.push(
      `${vi.member.exemptedSince(formatDate(s.exempted.from))}${s.exempted.reason ? ` — ${vi.member.reason.toLowerCase()}: ${s.exempted.reason}` : ''}`,
    );
  }
  if (s.temporaryOut) {
    lines.push(
      vi.member.temporaryAt(
        s.temporaryOut.hostName ?? '—',
        formatDate(s.temporaryOut.from),
        s.temporaryOut.to ? formatDate(s.temporaryOut.to) : null,
      ),
    );
  }
  if (s.contact213) {
    lines.push(
      vi.member.contactAt(
        s.contact213.unitName ?? s.contact213.otherOrg ?? '—',
        formatDate(s.contact213.from),
      ),
    );
  }
  if (lines.length === 0) return null;
  return (
    <Alert
      variant="light"
      color={s.ended ? 'gray' : 'blue'}
      icon={<IconInfoCircle />}
      title={vi.member.statusNow}
    >
      <Stack gap={4}>
        {lines.map((l) => (
          <Text key={l}>{l}</Text>
        ))}
      </Stack>
    </Alert>
  );
}

function DetailsGrid({ member }: { member: MemberDetail }) {
  const rows: [string, string | null | undefined, string][] = [
    [vi.member.fullName, member.fullName, 'fullName'],
    [vi.member.gender, member.gender ? vi.member.genders[member.gender] : null, 'gender'],
    [vi.member.birthDate, formatDate(member.birthDate), 'birthDate'],
    [vi.member.ethnicity, member.ethnicity, 'ethnicity'],
    [vi.member.hometown, member.hometown, 'hometown'],
    [vi.member.unit, member.unitName, 'unitName'],
    [vi.member.admissionDate, formatDate(member.admissionDate), 'admissionDate'],
    [vi.member.officialDate, formatDate(member.officialDate), 'officialDate'],
  ];
  // Sensitive fields: shown only when the API sent them to this viewer.
  if ('cardNumber' in member) rows.push([vi.member.cardNumber, member.cardNumber, 'cardNumber']);
  if ('nationalId' in member) rows.push([vi.member.nationalId, member.nationalId, 'nationalId']);
  if ('phone' in member) rows.push([vi.member.phone, member.phone, 'phone']);
  if ('email' in member) rows.push([vi.member.email, member.email, 'email']);
  if ('address' in member) rows.push([vi.member.address, member.address, 'address']);
  if ('notes' in member) rows.push([vi.member.notes, member.notes, 'notes']);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
      {rows.map(([label, value, key]) => (
        <div key={key} data-testid={`field-${key}`}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} fw={500} style={{ overflowWrap: 'anywhere' }}>
            {value || vi.app.none}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

interface HistoryEvent {
  from: string;
  order: number;
  title: string;
  lines: string[];
  open: boolean;
}

function History({ member }: { member: MemberDetail }) {
  const events: HistoryEvent[] = [];
  for (const m of member.history.memberships) {
    const lines = [vi.member.range(formatDate(m.from), m.to ? formatDate(m.to) : null)];
    if (m.startReason === 'transfer_in' && m.otherOrg) lines.push(vi.history.transferFrom(m.otherOrg));
    if (m.endReasonLabel && m.to) {
      lines.push(
        vi.history.end(m.endReasonLabel, formatDate(m.to)) +
          (m.endReason === 'transfer_out' && m.otherOrg ? ` — đến ${m.otherOrg}` : ''),
      );
    }
    if (m.decisionNo) lines.push(vi.member.decision(m.decisionNo));
    if (m.note) lines.push(m.note);
    events.push({
      from: m.from,
      order: 0,
      title: vi.history.membership(m.startReasonLabel, m.unitName),
      lines,
      open: m.to === null,
    });
  }
  for (const p of member.history.periods) {
    const where = p.unitName ?? p.otherOrg;
    const title = `${vi.history.periods[p.kind] ?? p.kind}${where && (p.kind === 'temporary_out' || p.kind === 'contact_213') ? ` ${vi.history.at(where)}` : ''}`;
    const lines = [vi.member.range(formatDate(p.from), p.to ? formatDate(p.to) : null)];
    if (p.reason) lines.push(`${vi.member.reason}: ${p.reason}`);
    if (p.decisionNo)
      lines.push(
        vi.member.decision(p.decisionNo) + (p.decisionDate ? ` ngày ${formatDate(p.decisionDate)}` : ''),
      );
    events.push({ from: p.from, order: 1, title, lines, open: p.to === null });
  }
  events.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.order - b.order));
  if (events.length === 0) return <Text c="dimmed">{vi.member.noHistory}</Text>;
  return (
    <Timeline bulletSize={22} lineWidth={2} active={events.length - 1} data-testid="member-history">
      {events.map((e, i) => (
        <Timeline.Item
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id of their own across both lists
          key={i}
          bullet={e.open ? <IconCircleCheck size={14} /> : undefined}
          title={<Text fw={700}>{e.title}</Text>}
        >
          {e.lines.map((l) => (
            <Text key={l} size="sm" c="dimmed">
              {l}
            </Text>
          ))}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
