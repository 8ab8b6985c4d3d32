import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { voteSchema } from '../../../../src/features/meetings/schema.js';
import { ApiError, api } from '../../api/client.js';
import { vi } from '../../i18n/vi.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { zodFieldErrors } from './bits.js';
import type { SectionProps } from './MeetingPage.js';

const r = vi.meeting.run;

export function Votes({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && m.status === 'in_progress';
  const s = m.attendance.summary;
  const [subject, setSubject] = useState('');
  const [isResolution, setIsResolution] = useState(true);
  const [forN, setFor] = useState<number | string>(0);
  const [against, setAgainst] = useState<number | string>(0);
  const [abstain, setAbstain] = useState<number | string>(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const need = Math.floor(s.votingBase / 2) + 1;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = voteSchema.safeParse({
      subject,
      isResolution,
      for: Number(forN) || 0,
      against: Number(against) || 0,
      abstain: Number(abstain) || 0,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    // The same check as the server's, beside the field: never more votes than official members present.
    const total = parsed.data.for + parsed.data.against + parsed.data.abstain;
    if (total > s.votersPresent) {
      setErrors({ for: vi.meeting.run.tooManyVotes(formatNumber(total), formatNumber(s.votersPresent)) });
      return;
    }
    setErrors({});
    const ok = await actions.act(
      'vote',
      () => api.post(`/api/meetings/${m.id}/votes`, parsed.data),
      r.voteRecorded,
      {
        onError: (e) => {
          if (!(e instanceof ApiError) || Object.keys(e.fieldErrors).length === 0) return false;
          setErrors(e.fieldErrors);
          return true;
        },
      },
    );
    if (ok) {
      setSubject('');
      setFor(0);
      setAgainst(0);
      setAbstain(0);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="votes">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {r.votes}
        </Title>
        {m.votes.length === 0 && !editable && <Text c="dimmed">{r.noVotes}</Text>}
        {m.votes.map((v) => (
          <Card key={v.id} withBorder padding="xs" radius="md" data-testid="vote">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={700}>{v.subject}</Text>
              <Badge color={v.passed ? 'teal' : 'red'} size="lg" tt="none">
                {v.passed ? r.passed : r.failed}
              </Badge>
            </Group>
            <Text size="sm">
              {r.voteLine(
                formatNumber(v.for),
                formatNumber(v.against),
                formatNumber(v.abstain),
                formatNumber(v.base),
              )}{' '}
              ({formatPercent(v.for, v.base)})
            </Text>
          </Card>
        ))}
        {editable && (
          <form onSubmit={submit} noValidate data-testid="vote-form">
            <Stack gap="xs">
              <Alert color="blue" icon={<IconInfoCircle />} p="xs">
                <Text size="sm" data-testid="vote-base">
                  {r.voteBase(formatNumber(s.votingBase), formatNumber(s.votersPresent), formatNumber(need))}
                </Text>
              </Alert>
              <TextInput
                label={r.voteSubject}
                placeholder={r.voteSubjectPlaceholder}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                error={errors.subject}
              />
              <Checkbox
                label={r.isResolution}
                checked={isResolution}
                onChange={(e) => setIsResolution(e.currentTarget.checked)}
                size="md"
              />
              <SimpleGrid cols={3} spacing="xs">
                <NumberInput
                  label={r.for}
                  min={0}
                  value={forN}
                  onChange={setFor}
                  allowDecimal={false}
                  size="md"
                  error={errors.for}
                />
                <NumberInput
                  label={r.against}
                  min={0}
                  value={against}
                  onChange={setAgainst}
                  allowDecimal={false}
                  size="md"
                  error={errors.against}
                />
                <NumberInput
                  label={r.abstain}
                  min={0}
                  value={abstain}
                  onChange={setAbstain}
                  allowDecimal={false}
                  size="md"
                  error={errors.abstain}
                />
              </SimpleGrid>
              <Button type="submit" loading={actions.busy === 'vote'} w="fit-content">
                {r.recordVote}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
