/** On the visit form: the supervision of the committee's plan the visit is made under (optional). */
import { NativeSelect } from '@mantine/core';
import { VI_INSPECTIONS as T } from '../../i18n/vi-inspections.js';
import { useUnitInspections } from './api.js';

export function VisitInspectionSelect(p: { cellId: number; value: string; onChange: (v: string) => void }) {
  const q = useUnitInspections(p.cellId);
  const options = (q.data?.items ?? []).filter((i) => i.kind === 'supervision');
  if (options.length === 0) return null;
  return (
    <NativeSelect
      label={T.visitUnder}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      data={[
        { value: '', label: T.visitUnderNone },
        ...options.map((i) => ({
          value: String(i.id),
          label: `${T.monthLabel(i.plannedMonth)} — ${i.content}`,
        })),
      ]}
      data-testid="visit-inspection"
    />
  );
}
