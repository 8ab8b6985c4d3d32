import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { guestSchema } from '../../../../src/features/meetings/schema.js';
import { api } from '../../api/client.js';
import { vi } from '../../i18n/vi.js';
import { zodFieldErrors } from './bits.js';
import type { SectionProps } from './MeetingPage.js';

const r = vi.meeting.run;

export function Guests({ m, actions }: SectionProps) {
  const editable = m.permissions.canRun && (m.status === 'planned' || m.status === 'in_progress');
  const [opened, form] = useDisclosure(false);
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [org, setOrg] = useState('');
  const [supervisor, setSupervisor] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = guestSchema.safeParse({
      name,
      title: title || null,
      organisation: org || null,
      isSupervisor: supervisor,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const ok = await actions.act(
      'guest',
      () => api.post(`/api/meetings/${m.id}/guests`, parsed.data),
      r.guestAdded,
    );
    if (ok) {
      setName('');
      setTitle('');
      setOrg('');
      setSupervisor(false);
      form.close();
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="guests">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {r.guests}
          </Title>
          {editable && !opened && (
            <Button variant="light" leftSection={<IconUserPlus size={20} />} onClick={form.open}>
              {r.addGuest}
            </Button>
          )}
        </Group>
        {m.guests.length === 0 && <Text c="dimmed">{r.noGuests}</Text>}
        {m.guests.map((g) => (
          <Group key={g.id} gap={6} wrap="wrap">
            <Text fw={700}>{g.name}</Text>
            {(g.title || g.organisation) && (
              <Text c="dimmed">— {[g.title, g.organisation].filter(Boolean).join(', ')}</Text>
            )}
            {g.isSupervisor && (
              <Badge color="grape" variant="light" tt="none">
                {r.supervisorBadge}
              </Badge>
            )}
          </Group>
        ))}
        {editable && opened && (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <TextInput
                label={r.guestName}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
                required
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput
                  label={r.guestTitle}
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                />
                <TextInput label={r.guestOrg} value={org} onChange={(e) => setOrg(e.currentTarget.value)} />
              </SimpleGrid>
              <Checkbox
                label={r.guestSupervisor}
                checked={supervisor}
                onChange={(e) => setSupervisor(e.currentTarget.checked)}
                size="md"
              />
              <Group gap="xs">
                <Button type="submit" loading={actions.busy === 'guest'}>
                  {r.addGuest}
                </Button>
                <Button variant="default" onClick={form.close}>
                  {vi.app.cancel}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
