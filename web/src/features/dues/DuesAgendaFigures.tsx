/**
 * The figures of the agenda item "Báo cáo thu, nộp đảng phí" at a cell's monthly meeting, from
 * the ledger of the meeting's month. Nothing while the month is not recorded, or for someone who
 * does not read the cell's ledger.
 */
import { Group, Text } from '@mantine/core';
import { IconCoin } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { noBreakDong } from '../../lib/format.js';
import { duesKeys, type UnitDues } from './api.js';

export function DuesAgendaFigures({ unitId, month }: { unitId: number; month: string }) {
  const q = useQuery({
    queryKey: duesKeys.unit(unitId, month),
    queryFn: () => api.get<UnitDues>(`/api/org-units/${unitId}/dues`, { month }),
    retry: false,
  });
  if (q.data?.kind !== 'cell' || !q.data.summary) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="agenda-dues-figures">
      <IconCoin size={18} color="var(--mantine-color-blue-7)" style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size="sm" c="blue.8">
        {noBreakDong(q.data.summary.sentence)}
      </Text>
    </Group>
  );
}
