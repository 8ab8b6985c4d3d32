/**
 * Parts of the grading decisions page: the live quota panel (the pack's quotas over the levels
 * chosen, per cell and in total, with the rule named when one is exceeded), the issue dialog and
 * the revision dialog.
 */
import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { checkQuotas, quotaAllowed } from '../../../../src/domain/grading.js';
import { DatePickerField } from '../../components/DateField.js';
import { GRADING_DECIDE as t } from '../../i18n/vi-grading-decide.js';
import { formatNumber, todayIso } from '../../lib/format.js';
import type { GradeLevel, ProposalsPage, SubjectType } from './decideApi.js';

type Quota = ProposalsPage['quotas'][number];
export interface QuotaItem {
  key: string;
  groupKey: string;
  groupName: string;
  level: GradeLevel | null;
}

export function QuotaPanel({
  items,
  quotas,
  levels,
  type,
}: {
  items: QuotaItem[];
  quotas: Quota[];
  levels: { key: GradeLevel; label: string }[];
  type: SubjectType;
}) {
  const chosen = items.filter((i): i is QuotaItem & { level: GradeLevel } => i.level !== null);
  const names = new Map(items.map((i) => [i.groupKey, i.groupName]));
  const violations = checkQuotas(chosen, quotas, type, {
    groupName: (k) => names.get(k) ?? k,
    levels: levels.map((l) => ({ ...l, phrase: l.label, minScore: 0 })),
  });
  const label = (l: GradeLevel) => levels.find((x) => x.key === l)?.label ?? l;
  const groups = [...names.entries()];
  const lines = quotas
    .filter((q) => q.appliesTo.includes(type))
    .flatMap((q) => {
      const count = (g: string | null) =>
        chosen.filter((i) => (g === null || i.groupKey === g) && i.level === q.level).length;
      const base = (g: string | null) =>
        chosen.filter((i) => (g === null || i.groupKey === g) && q.ofLevels.includes(i.level)).length;
      const scopes: (string | null)[] = [
        ...(q.per.includes('total') || groups.length <= 1 ? [null] : []),
        ...(q.per.includes('unit') && groups.length > 1 ? groups.map(([k]) => k) : []),
      ];
      // A cell with nothing at the levels the quota counts has nothing to show.
      return scopes
        .filter((g) => g === null || base(g) > 0 || count(g) > 0)
        .map((g) => {
          const c = count(g);
          const allowed = quotaAllowed(q.maxPercent, base(g), q.rounding);
          return {
            key: `${q.level}-${g ?? 'total'}`,
            where: g === null ? t.quota.total : (names.get(g) ?? g),
            text: t.quota.line(label(q.level), formatNumber(c), formatNumber(base(g)), formatNumber(allowed)),
            over: c > allowed,
            total: g === null,
          };
        });
    });
  const missing = items.length - chosen.length;
  return (
    <Paper withBorder p="md" radius="md" data-testid="quota-panel">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t.quota.title}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing={4} verticalSpacing={2}>
          {lines.map((l) => (
            <Text
              key={l.key}
              size={l.total ? 'md' : 'sm'}
              fw={l.over || l.total ? 700 : 400}
              c={l.over ? 'red.9' : undefined}
            >
              {l.where}: {l.text}
            </Text>
          ))}
        </SimpleGrid>
        {violations.length > 0 ? (
          <Alert color="red" title={t.quota.warning} data-testid="quota-warning">
            <Stack gap={4}>
              {violations.map((v) => (
                <Text key={`${v.level}-${v.groupKey}`} size="sm">
                  {v.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : (
          <Text size="sm">{t.quota.ok}</Text>
        )}
        {missing > 0 && <Text size="sm">{t.quota.missing(formatNumber(missing))}</Text>}
      </Stack>
    </Paper>
  );
}

export function IssueModal({
  opened,
  onClose,
  onIssue,
  busy,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  onIssue: (b: { decisionNo: string; decisionDate: string }) => void;
  busy: boolean;
  error: string | null;
}) {
  const [no, setNo] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  return (
    <Modal opened={opened} onClose={onClose} title={t.issueTitle} size="lg">
      <Stack>
        <Text>{t.issueConfirm}</Text>
        <TextInput
          label={t.decisionNo}
          placeholder={t.decisionNoHint}
          value={no}
          onChange={(e) => setNo(e.currentTarget.value)}
          required
          data-testid="decision-no"
        />
        <DatePickerField label={t.decisionDate} value={date} onChange={setDate} />
        {error && (
          <Alert color="red" data-testid="issue-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button
            color="red"
            loading={busy}
            disabled={!no.trim() || !date}
            onClick={() => date && onIssue({ decisionNo: no.trim(), decisionDate: date })}
            data-testid="issue-confirm"
          >
            {t.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ReviseModal({
  subject,
  levels,
  onClose,
  onRevise,
  busy,
  error,
}: {
  subject: { name: string; decisionId: number; level: GradeLevel } | null;
  levels: { key: GradeLevel; label: string }[];
  onClose: () => void;
  onRevise: (b: {
    decisionId: number;
    level: GradeLevel;
    reason: string;
    decisionNo: string;
    decisionDate: string;
  }) => void;
  busy: boolean;
  error: string | null;
}) {
  const [level, setLevel] = useState<GradeLevel | null>(null);
  const [reason, setReason] = useState('');
  const [no, setNo] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  return (
    <Modal
      opened={subject !== null}
      onClose={onClose}
      title={subject ? t.reviseTitle(subject.name) : ''}
      size="lg"
    >
      <Stack>
        <Select
          label={t.newLevel}
          data={levels.filter((l) => l.key !== subject?.level).map((l) => ({ value: l.key, label: l.label }))}
          value={level}
          onChange={(v) => setLevel(v as GradeLevel | null)}
          required
        />
        <Textarea
          label={t.reason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
        />
        <TextInput
          label={t.decisionNo}
          placeholder={t.decisionNoHint}
          value={no}
          onChange={(e) => setNo(e.currentTarget.value)}
          required
        />
        <DatePickerField label={t.decisionDate} value={date} onChange={setDate} />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button
            loading={busy}
            disabled={!subject || !level || !reason.trim() || !no.trim() || !date}
            onClick={() =>
              subject &&
              level &&
              date &&
              onRevise({
                decisionId: subject.decisionId,
                level,
                reason: reason.trim(),
                decisionNo: no.trim(),
                decisionDate: date,
              })
            }
          >
            {t.revise}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
