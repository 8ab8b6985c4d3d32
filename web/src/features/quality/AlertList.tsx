import { Anchor, Badge, Button, Chip, Group, Paper, Select, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconArrowRight,
  IconCheck,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ReasonModal } from '../../components/ReasonModal.js';
import { vi } from '../../i18n/vi.js';
import { RECORDS } from '../../i18n/vi-records.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { day } from '../meetings/when.js';
import type { QualityAlert, Severity } from './api.js';

const t = vi.quality.alerts;
const D = RECORDS.alerts;
const PAGE = 5;

const SEVERITY: Record<Severity, { color: string; icon: typeof IconAlertOctagon }> = {
  critical: { color: 'red', icon: IconAlertOctagon },
  warning: { color: 'orange', icon: IconAlertTriangle },
  info: { color: 'blue', icon: IconInfoCircle },
};

/**
 * Open alerts, worst first, filterable by kind; each with a link to the page where it is fixed,
 * and for the bí thư and the office a way to close one dealt with outside the records (a note).
 */
export function AlertList({ alerts, showUnit }: { alerts: QualityAlert[]; showUnit: boolean }) {
  const qc = useQueryClient();
  const [closing, setClosing] = useState<QualityAlert | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState('all');
  const [unit, setUnit] = useState<string>('all');
  const [shown, setShown] = useState(PAGE);
  const inUnit = unit === 'all' ? alerts : alerts.filter((a) => String(a.unitId) === unit);
  const kinds = [...new Map(inUnit.map((a) => [a.kind, a.kindLabel])).entries()];
  const units = [...new Map(alerts.map((a) => [a.unitId, a.unitName])).entries()];
  const byKind = inUnit.filter((a) => a.kind === kind);
  const list = kind === 'all' || byKind.length === 0 ? inUnit : byKind;
  if (alerts.length === 0) {
    return (
      <Text c="dimmed" data-testid="alerts-none">
        {t.none}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="alerts">
      {showUnit && units.length > 1 && (
        <Select
          label={t.unitFilter}
          data={[
            { value: 'all', label: `${t.allUnits} (${formatNumber(alerts.length)})` },
            ...units.map(([id, name]) => ({
              value: String(id),
              label: `${name} (${formatNumber(alerts.filter((a) => a.unitId === id).length)})`,
            })),
          ]}
          value={unit}
          onChange={(v) => {
            setUnit(v ?? 'all');
            setShown(PAGE);
          }}
          allowDeselect={false}
          searchable
          w={{ base: '100%', sm: 380 }}
          comboboxProps={{ withinPortal: true }}
          data-testid="alerts-unit"
        />
      )}
      {kinds.length > 1 && (
        <Chip.Group
          value={byKind.length === 0 ? 'all' : kind}
          onChange={(v) => {
            setKind(String(v));
            setShown(PAGE);
          }}
        >
          <Group gap={6} aria-label={t.kindFilter} role="group">
            <Chip value="all" size="md">
              {t.all} ({formatNumber(inUnit.length)})
            </Chip>
            {kinds.map(([k, label]) => (
              <Chip value={k} key={k} size="md">
                {label} ({formatNumber(inUnit.filter((a) => a.kind === k).length)})
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {list.slice(0, shown).map((a, i, all) => {
        // The same explanation under a run of alerts of one kind is said once.
        const detail = a.detail && a.detail !== all[i - 1]?.detail ? a.detail : null;
        const s = SEVERITY[a.severity] ?? SEVERITY.info;
        const Icon = s.icon;
        return (
          <Paper
            withBorder
            radius="md"
            px="sm"
            py="xs"
            key={a.id}
            data-testid="alert-item"
            style={{ borderLeft: `5px solid var(--mantine-color-${s.color}-7)` }}
          >
            {/* The buttons go below the text when it is large (200 %) rather than squeezing it. */}
            <Group gap="sm" wrap="wrap" align="flex-start">
              <ThemeIcon
                role="img"
                color={s.color}
                variant="light"
                size={32}
                radius="xl"
                aria-label={t.severity[a.severity]}
              >
                <Icon size={20} />
              </ThemeIcon>
              <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
                {a.link ? (
                  <Anchor
                    component={Link}
                    to={a.link}
                    fw={700}
                    c="dark"
                    style={{ overflowWrap: 'anywhere' }}
                    data-testid="alert-title"
                  >
                    {a.title}
                  </Anchor>
                ) : (
                  <Text fw={700} style={{ overflowWrap: 'anywhere' }} data-testid="alert-title">
                    {a.title}
                  </Text>
                )}
                {detail && (
                  <Text size="sm" c="dimmed" lh={1.4}>
                    {detail}
                  </Text>
                )}
                <Group gap={6} wrap="wrap">
                  {showUnit && (
                    <Badge variant="light" color="gray" tt="none" size="lg" data-testid="alert-unit">
                      {a.unitName}
                    </Badge>
                  )}
                  <Badge variant="outline" color={s.color} tt="none" size="lg">
                    {t.severity[a.severity]}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {t.openedAt(day(a.openedAt))}
                    {a.dueDate ? ` · ${t.due(formatDate(a.dueDate))}` : ''}
                  </Text>
                </Group>
              </Stack>
              <Stack gap={6} align="flex-end" style={{ marginInlineStart: 'auto' }}>
                {a.link && (
                  <Button
                    component={Link}
                    to={a.link}
                    variant="light"
                    size="sm"
                    rightSection={<IconArrowRight size={16} />}
                    visibleFrom="sm"
                    data-testid="alert-link"
                  >
                    {t.open}
                  </Button>
                )}
                {a.canDismiss && (
                  <Button
                    variant="subtle"
                    size="sm"
                    color="gray"
                    leftSection={<IconCheck size={16} />}
                    onClick={() => setClosing(a)}
                    data-testid="alert-dismiss"
                  >
                    {D.dismiss}
                  </Button>
                )}
              </Stack>
            </Group>
          </Paper>
        );
      })}
      <ReasonModal
        opened={closing !== null}
        onClose={() => setClosing(null)}
        title={D.dismissTitle}
        help={`${closing?.title ?? ''}. ${D.dismissExplain}`}
        label={D.dismissNote}
        submit={D.dismiss}
        busy={busy}
        minLength={5}
        tooShort={D.noteShort}
        testId="dismiss-note"
        onSubmit={async (note) => {
          setBusy(true);
          try {
            await api.post(`/api/alerts/${closing!.id}/dismiss`, { note });
            notifySuccess(D.dismissDone);
            await qc.invalidateQueries({ queryKey: ['alerts'] });
            return true;
          } catch (e) {
            notifyError(e);
            return false;
          } finally {
            setBusy(false);
          }
        }}
      />
      {list.length > shown && (
        <Button variant="subtle" onClick={() => setShown((n) => n + PAGE * 2)} w="fit-content">
          {t.more(formatNumber(list.length - shown))}
        </Button>
      )}
    </Stack>
  );
}
