/** The year's record as cards (Sinh hoạt, Nhiệm vụ, Đảng phí, Khen thưởng/Kỷ luật), read-only. */
import { Card, List, Stack, Text, Title } from '@mantine/core';
import { VI_GRADING_REVIEW as T } from '../../i18n/vi-grading-review.js';
import { formatNumber } from '../../lib/format.js';
import type { YearRecord } from './reviewApi.js';

const n = (x: number) => formatNumber(x);

export function YearRecordCards({ record: r }: { record: YearRecord }) {
  return (
    <Stack gap="sm" data-testid="year-record">
      <Card withBorder padding="md">
        <Title order={3} size="h4">
          {T.meetings}
        </Title>
        <Text size="lg" fw={600}>
          {T.meetingsLine(n(r.meetings.attended), n(r.meetings.due))}
        </Text>
        <Text>{T.absences(n(r.meetings.absentExcused), n(r.meetings.absentUnexcused))}</Text>
        {r.meetings.missed.length === 0 ? (
          <Text c="dimmed">{T.noAbsence}</Text>
        ) : (
          <List size="md" mt={4}>
            {r.meetings.missed.map((m) => (
              <List.Item key={`${m.date}-${m.title}`}>
                {m.date}: {m.statusLabel.toLocaleLowerCase('vi')}
                {m.reason ? ` (${m.reason})` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder padding="md">
        <Title order={3} size="h4">
          {T.tasks}
        </Title>
        {r.tasks.assigned === 0 ? (
          <Text c="dimmed">{T.noTasks}</Text>
        ) : (
          <>
            <Text size="lg" fw={600}>
              {T.tasksLine(n(r.tasks.assigned), n(r.tasks.done), n(r.tasks.late), n(r.tasks.undone))}
            </Text>
            <List size="md" mt={4}>
              {r.tasks.items.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: tasks may share a title
                <List.Item key={i}>
                  {t.title}
                  {t.deadline ? T.taskDeadline(t.deadline) : ''}: {t.resultLabel}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Card>
      <Card withBorder padding="md">
        <Title order={3} size="h4">
          {T.dues}
        </Title>
        {r.dues.months === 0 ? (
          <Text c="dimmed">{T.noDues}</Text>
        ) : (
          <>
            <Text size="lg" fw={600}>
              {T.duesLine(n(r.dues.months), r.dues.paidText, r.dues.dueText)}
            </Text>
            {r.dues.unpaidMonths.length > 0 && (
              <Text c="red.8">{T.unpaid(r.dues.unpaidMonths.join(', '))}</Text>
            )}
          </>
        )}
      </Card>
      <Card withBorder padding="md">
        <Title order={3} size="h4">
          {T.evidence}
        </Title>
        {r.commendations.length === 0 && r.disciplines.length === 0 ? (
          <Text c="dimmed">{T.none}</Text>
        ) : (
          <List size="md">
            {r.commendations.map((c) => (
              <List.Item key={`c-${c.title}-${c.date}`}>
                {c.title} ({c.date})
              </List.Item>
            ))}
            {r.disciplines.map((d) => (
              <List.Item key={`d-${d.formLabel}-${d.date}`}>
                <Text span c="red.8">
                  {T.disciplineLine(d.formLabel, d.date)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </Stack>
  );
}
