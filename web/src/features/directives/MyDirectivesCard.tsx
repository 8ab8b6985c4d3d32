/**
 * On the member's own page ("Của tôi"): the published directives of their cell's levels above that
 * they have not marked read, newest first, each a large link to its page.
 */
import { Anchor, Button, Card, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../api/queries.js';
import { VI_DIRECTIVES as T } from '../../i18n/vi-directives.js';
import { formatDate } from '../../lib/format.js';
import { useUnitDirectives } from './api.js';

export function MyDirectivesCard() {
  const me = useMe().data;
  const cell = me?.member ? me.homeUnitId : null;
  const q = useUnitDirectives(cell ?? 0, { unread: true, limit: 5 }, Boolean(cell));
  if (!cell || !q.data || q.data.total === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="my-directives">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {T.myTitle}
        </Title>
        {q.data.items.map((d) => (
          <Card key={d.id} withBorder padding="sm">
            <Anchor component={Link} to={`/van-ban/${d.id}`} fw={700} size="lg">
              {d.kindLabel} số {d.number}
            </Anchor>
            <Text>{d.title}</Text>
            <Text size="sm" c="dimmed">
              {T.issuedBy(d.issuer, formatDate(d.issuedOn))}
            </Text>
          </Card>
        ))}
        {q.data.total > q.data.items.length && (
          <Text size="sm">{T.myMore(q.data.total - q.data.items.length)}</Text>
        )}
        <Button
          component={Link}
          to={`/don-vi/${cell}/van-ban`}
          variant="light"
          w="fit-content"
          leftSection={<IconFileText size={20} />}
        >
          {T.myAll}
        </Button>
      </Stack>
    </Paper>
  );
}
