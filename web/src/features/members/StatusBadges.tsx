import { Badge, Group } from '@mantine/core';
import { STATUS_LABELS } from '../../../../src/features/members/labels.js';
import type { Member } from '../../api/types.js';

const COLORS: Record<string, string> = {
  [STATUS_LABELS.official]: 'blue',
  [STATUS_LABELS.probationary]: 'orange',
  [STATUS_LABELS.exempted]: 'gray',
  [STATUS_LABELS.temporary_out]: 'violet',
  [STATUS_LABELS.temporary_in]: 'cyan',
  [STATUS_LABELS.contact_213]: 'teal',
};

/** Text on the light badges: dark shades of each tint, AA contrast (axe color-contrast). */
const TEXT: Record<string, string> = {
  blue: '#17457a',
  orange: '#8f3b00',
  gray: '#343a40',
  violet: '#47289a',
  cyan: '#0b5060',
  teal: '#0b5044',
};

/**
 * The labels of a member's status. A member hosted here in temporary membership shows
 * "Sinh hoạt tạm thời tại đây" instead of their home cell's "… nơi khác".
 */
export function statusLabels(m: Pick<Member, 'status' | 'relation'>): string[] {
  if (m.relation === 'temporary_in') {
    return [...m.status.labels.filter((l) => l !== STATUS_LABELS.temporary_out), STATUS_LABELS.temporary_in];
  }
  return m.status.labels;
}

export function StatusBadges({
  member,
  size = 'md',
}: {
  member: Pick<Member, 'status' | 'relation'>;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  return (
    <Group gap={6}>
      {statusLabels(member).map((l) => (
        <Badge
          key={l}
          color={COLORS[l] ?? 'dark'}
          variant={COLORS[l] ? 'light' : 'filled'}
          // The light badges' default text is too pale on its tint (axe color-contrast): a darker shade.
          c={COLORS[l] ? TEXT[COLORS[l]] : undefined}
          size={size}
          tt="none"
          fw={600}
          // Badge text is tiny by default (11–13px); elderly readers need about 15px.
          styles={{ label: { fontSize: size === 'xl' ? 17 : 15 } }}
        >
          {l}
        </Badge>
      ))}
    </Group>
  );
}
