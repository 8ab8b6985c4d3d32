import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { IconCode } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditEntry } from '../../api/types.js';
import { viAudit } from '../../i18n/vi-audit.js';

/**
 * The labelled changes of one entry (values already in Vietnamese from the server), and for
 * administrators the raw row behind a "Dữ liệu gốc" toggle.
 */
export function AuditChanges({ entry, compact }: { entry: AuditEntry; compact: boolean }) {
  const [raw, setRaw] = useState(false);
  const rows = entry.changes;
  const hasBefore = rows.some((r) => r.before !== null);
  const hasAfter = rows.some((r) => r.after !== null);

  return (
    <Stack gap="xs" data-testid="audit-changes">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {viAudit.noChanges}
        </Text>
      )}
      {rows.length > 0 && compact && (
        <Stack gap={6}>
          {rows.map((r) => (
            <div key={r.field}>
              <Text size="sm" fw={600}>
                {r.label}
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {r.before !== null && r.after !== null ? `${r.before} → ${r.after}` : (r.after ?? r.before)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
      {rows.length > 0 && !compact && (
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">{viAudit.field}</Table.Th>
              {hasBefore && <Table.Th>{hasAfter ? viAudit.before : viAudit.value}</Table.Th>}
              {hasAfter && <Table.Th>{hasBefore ? viAudit.after : viAudit.value}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.field}>
                <Table.Td>{r.label}</Table.Td>
                {hasBefore && (
                  <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    {r.before ?? ''}
                  </Table.Td>
                )}
                {hasAfter && (
                  <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    {r.after ?? ''}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {entry.raw && (
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconCode size={16} />}
            onClick={() => setRaw((v) => !v)}
            aria-expanded={raw}
            data-testid="audit-raw-toggle"
          >
            {viAudit.raw}
          </Button>
          {raw && (
            <Stack gap={4} mt={4}>
              <Text size="xs" c="dimmed">
                {viAudit.rawHelp}
              </Text>
              <Code
                block
                data-testid="audit-raw"
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {JSON.stringify(entry.raw, null, 2)}
              </Code>
            </Stack>
          )}
        </div>
      )}
    </Stack>
  );
}
