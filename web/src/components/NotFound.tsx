import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMapSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { vi } from '../i18n/vi.js';

/** The answer for anything absent or outside the person's scope (the API answers both with 404). */
export function NotFound({ message }: { message: string }) {
  return (
    <Stack align="center" gap="md" py="xl" maw={560} mx="auto" ta="center" data-testid="not-found">
      <ThemeIcon size={72} radius="xl" variant="light" color="gray">
        <IconMapSearch size={40} />
      </ThemeIcon>
      <Title order={1}>{vi.notFound.title}</Title>
      <Text size="lg">{message}</Text>
      <Button component={Link} to="/" size="lg">
        {vi.app.home}
      </Button>
    </Stack>
  );
}
