import {
  ActionIcon,
  Button,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { vi } from '../../i18n/vi.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useNotifications } from './api.js';
import { useMarkRead } from './MyPage.js';

const t = vi.meeting.me;

/** The bell in the header: unread count, the latest notices, and a link to all of them. */
export function NotificationBell() {
  const notes = useNotifications();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const unread = notes.data?.unread ?? 0;
  const items = (notes.data?.items ?? []).slice(0, 8);
  return (
    // The popover's aria-expanded/-controls belong on the button itself, not on the badge's box.
    <Indicator
      label={unread > 99 ? '99+' : formatNumber(unread)}
      size={20}
      disabled={unread === 0}
      color="red"
      offset={6}
      data-testid="bell-count"
    >
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={340}
        shadow="md"
        withinPortal
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="dark"
            size={44}
            onClick={() => setOpened((o) => !o)}
            aria-label={unread > 0 ? t.bellUnread(formatNumber(unread)) : t.bell}
            data-testid="bell"
          >
            <IconBell size={26} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Stack gap={4}>
            <Text fw={700} px={6}>
              {t.notifications}
            </Text>
            {items.length === 0 && (
              <Text c="dimmed" px={6}>
                {t.noNotifications}
              </Text>
            )}
            <ScrollArea.Autosize mah={380} type="auto">
              <Stack gap={2}>
                {items.map((n) => (
                  <UnstyledButton
                    key={n.id}
                    p={6}
                    style={{
                      borderRadius: 'var(--mantine-radius-sm)',
                      background: n.read ? undefined : 'var(--mantine-color-blue-0)',
                    }}
                    onClick={() => {
                      void markRead(n);
                      setOpened(false);
                      if (n.link) navigate(n.link);
                    }}
                  >
                    <Text size="sm" fw={n.read ? 500 : 800} lh={1.3}>
                      {n.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            </ScrollArea.Autosize>
            <Button component={Link} to="/cua-toi#thong-bao" variant="light" onClick={() => setOpened(false)}>
              {t.allNotifications}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
