/** The "Khen thưởng, nhắc nhở" section of a unit page: the unit's history, a link to the committee page for staff. */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAward } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import type { UnitDetail } from '../../api/types.js';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { useDecisions } from './api.js';
import { DecisionList } from './DecisionList.js';

export function UnitRecognition({ unit }: { unit: Pick<UnitDetail, 'id' | 'kind' | 'permissions'> }) {
  const decisions = useDecisions(unit.id, null, 20);
  const items = decisions.data?.items ?? [];
  const committee = !isCellKind(unit.kind) && unit.permissions.canManage;
  if (!committee && items.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="unit-recognition">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {t.history.title}
          </Title>
          {committee && (
            <Button component={Link} to={`/khen-thuong/${unit.id}`} leftSection={<IconAward size={20} />}>
              {t.history.open}
            </Button>
          )}
        </Group>
        {items.length === 0 ? (
          <Text c="dimmed">{t.history.none}</Text>
        ) : (
          <DecisionList items={items} showSubject={!isCellKind(unit.kind)} />
        )}
      </Stack>
    </Paper>
  );
}
