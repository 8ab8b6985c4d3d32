import { Badge, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { vi } from '../../i18n/vi.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import type { MeetingDetail } from './api.js';

const r = vi.meeting.run;

function Stat({
  label,
  value,
  help,
  testId,
}: {
  label: string;
  value: string;
  help?: string;
  testId: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={{ base: 26, sm: 40 }} fw={800} lh={1.1} className="chibo-nowrap" data-testid={testId}>
        {value}
      </Text>
      {help && (
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      )}
    </Stack>
  );
}

export function Counters({ m }: { m: MeetingDetail }) {
  const s = m.attendance.summary;
  const details = [
    [r.late, s.late],
    [r.absentExcused, s.absentExcused],
    [r.absentUnexcused, s.absentUnexcused],
    [r.unmarked, s.unmarked],
    [r.exemptedPresent, s.exemptedPresent],
    [r.temporaryPresent, s.temporaryPresent],
  ] as const;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      bg="partyRed.0"
      h="100%"
      data-testid="live-counters"
      aria-live="polite"
    >
      <Stack gap="sm">
        <SimpleGrid cols={3} spacing="sm">
          <Stat label={r.present} value={`${s.present}/${s.base}`} testId="counter-present" />
          <Stat label={r.percent} value={formatPercent(s.present, s.base)} testId="counter-percent" />
          <Stat
            label={r.voters}
            value={`${s.votersPresent}/${s.votingBase}`}
            help={r.votersHelp}
            testId="counter-voters"
          />
        </SimpleGrid>
        <Group gap="xs">
          {details
            .filter(([label, n]) => n > 0 || label === r.unmarked)
            .map(([label, n]) => (
              <Badge key={label} variant="white" color="dark" size="lg" tt="none" fw={500}>
                {label}: {formatNumber(n)}
              </Badge>
            ))}
        </Group>
      </Stack>
    </Paper>
  );
}

export function CheckInCode({ m, code }: { m: MeetingDetail; code: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const url = `${window.location.origin}/diem-danh/${m.id}?ma=${code}`;
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' })
      .then((d) => live && setQr(d))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Paper withBorder p="md" radius="md" h="100%" data-testid="checkin-code">
      <Group gap="md" wrap="nowrap" align="center">
        {qr && (
          <Image
            src={qr}
            alt={r.qrAlt(code)}
            w={{ base: 120, sm: 160 }}
            h={{ base: 120, sm: 160 }}
            style={{ flexShrink: 0 }}
            fit="contain"
          />
        )}
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={700}>{r.codeTitle}</Text>
          <Text
            fz={{ base: 34, sm: 44 }}
            fw={800}
            lh={1}
            ff="monospace"
            style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }}
            data-testid="checkin-code-digits"
          >
            {code}
          </Text>
          <Text size="sm">{r.codeHelp}</Text>
        </Stack>
      </Group>
    </Paper>
  );
}
