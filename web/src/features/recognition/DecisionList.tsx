/** Decisions as cards: kind, subject, number and date, reason, period (the unit page and the committee page). */
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { RECOGNITION as t } from '../../i18n/vi-recognition.js';
import { formatDate } from '../../lib/format.js';
import { type DecisionView, monthLabel } from './api.js';

const COLORS: Record<string, string> = { khen_thuong: 'red', bieu_duong: 'teal', nhac_nho: 'orange' };

export function DecisionList({ items, showSubject }: { items: DecisionView[]; showSubject: boolean }) {
  return (
    <Stack gap="xs" data-testid="decision-list">
      {items.map((d) => (
        <Paper key={d.id} withBorder p="sm" radius="md" data-testid="decision">
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              <Badge size="lg" color={COLORS[d.kind] ?? 'gray'} tt="none">
                {d.kindLabel}
              </Badge>
              {showSubject && (
                <Text fw={700} size="lg">
                  {d.subject.name}
                </Text>
              )}
              <Text c="dimmed">
                {[d.number ? t.history.number(d.number) : null, formatDate(d.decidedOn)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Group>
            <Text size="lg">{d.reason}</Text>
            <Text size="sm" c="dimmed">
              {t.history.by(d.unit.name)}
              {d.periodFrom && d.periodTo
                ? ` · ${t.history.period(monthLabel(d.periodFrom), monthLabel(d.periodTo))}`
                : ''}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
