/** "Xếp loại các năm" on the member's page: each year's level, its decision and the self-review document. */
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { GRADING_DECIDE as t } from '../../i18n/vi-grading-decide.js';
import { formatDate } from '../../lib/format.js';
import { useMemberGrades } from '../grading/decideApi.js';

export function MemberGrades({ memberId }: { memberId: number }) {
  const q = useMemberGrades(memberId);
  // Without the right to read grades the section is simply absent (the API answers 404).
  if (q.isLoading || q.error || !q.data) return null;
  const items = q.data.items;
  return (
    <Paper withBorder p="md" radius="md" data-testid="member-grades">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t.history.title}
        </Title>
        {items.length === 0 ? (
          <Text>{t.history.none}</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.history.year}</Table.Th>
                  <Table.Th>{t.history.level}</Table.Th>
                  <Table.Th>{t.history.decision}</Table.Th>
                  <Table.Th>{t.history.selfReview}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((y) => (
                  <Table.Tr key={y.year}>
                    <Table.Td>{y.year}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={600}>{y.current?.label ?? t.history.pending}</Text>
                        {y.decisions.some((d) => d.kind === 'revision') && (
                          <Badge variant="outline" color="red.9">
                            {t.history.revised}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {y.current
                        ? t.history.decisionText(y.current.decisionNo, formatDate(y.current.decisionDate))
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      {y.selfReview ? (
                        <Anchor href={y.selfReview.documentUrl}>{t.history.download}</Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
