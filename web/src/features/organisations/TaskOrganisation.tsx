/**
 * The meeting page's pieces for tasks given to the locality's organisations (ADR 025 part E): the
 * "Giao cho tổ chức" select of the task form, the organisation named on a task, and the
 * organisation's report at the review of last month's tasks.
 */
import { Anchor, Select, Text, Textarea } from '@mantine/core';
import { Link } from 'react-router';
import { VI_CELL_BODY } from '../../i18n/vi-cell-body.js';
import { organisationsPath, useOrganisations } from './api.js';

const T = VI_CELL_BODY.task;

export function TaskOrganisationSelect({
  unitId,
  value,
  onChange,
  error,
}: {
  unitId: number;
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
}) {
  const q = useOrganisations(unitId, true);
  const data = (q.data?.items ?? []).map((o) => ({
    value: String(o.id),
    label: `${o.name} (${o.kindLabel})`,
  }));
  return (
    <Select
      label={T.organisation}
      description={
        <>
          {T.organisationHelp}{' '}
          <Anchor component={Link} to={organisationsPath(unitId)} size="xs">
            {T.manage}
          </Anchor>
        </>
      }
      placeholder={T.organisationPlaceholder}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      searchable
      error={error}
      size="md"
      comboboxProps={{ withinPortal: true }}
      data-testid="task-organisation"
    />
  );
}

/** "Tổ chức: Chi hội Phụ nữ khu phố 1" under a task, when it was given to one. */
export function TaskOrganisationLine({ organisation }: { organisation: { name: string } | null }) {
  if (!organisation) return null;
  return (
    <Text size="sm" fw={600} c="blue.9">
      {T.organisation}: {organisation.name}
    </Text>
  );
}

export function OrgReportField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Textarea
      label={T.report}
      description={T.reportHelp}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      autosize
      minRows={2}
      size="sm"
      data-testid="org-report"
    />
  );
}

/** The recorded report, read-only. */
export function OrgReportText({ report }: { report: string | null }) {
  if (!report) return null;
  return (
    <Text size="sm">
      <b>{T.report}:</b> {report}
    </Text>
  );
}
