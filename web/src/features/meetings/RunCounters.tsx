import { Badge, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { vi } from '../../i18n/vi.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { type MeetingDetail, meetingKeys } from './api.js';
import { clock } from './when.js';

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

/** Seconds left until `iso`, ticking once a second. */
function useSecondsUntil(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [iso]);
  if (!iso) return null;
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
}

/**
 * The hall's check-in code: it rotates every 30 seconds (the server derives it from the time),
 * so the QR link and the digits follow the meeting detail, which is asked again as soon as the
 * code changes (besides the page's 3-second poll).
 */
export function CheckInCode({ m, code }: { m: MeetingDetail; code: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const qc = useQueryClient();
  const url = `${window.location.origin}/diem-danh/${m.id}?ma=${code}`;
  const left = useSecondsUntil(m.checkinCodeChangesAt);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { width: 480, margin: 1, errorCorrectionLevel: 'M' })
      .then((d) => live && setQr(d))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [url]);
  useEffect(() => {
    if (!m.checkinCodeChangesAt) return;
    const wait = new Date(m.checkinCodeChangesAt).getTime() - Date.now() + 300;
    const t = setTimeout(
      () => void qc.invalidateQueries({ queryKey: meetingKeys.meeting(m.id) }),
      Math.max(wait, 300),
    );
    return () => clearTimeout(t);
  }, [m.checkinCodeChangesAt, m.id, qc]);
  return (
    <Paper withBorder p="md" radius="md" h="100%" data-testid="checkin-code">
      <Stack gap="sm">
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
            {left !== null && (
              <Text size="sm" c="dimmed" data-testid="checkin-code-changes" aria-live="off">
                {left > 0 ? r.codeChangesIn(formatNumber(left)) : r.codeChanging}
              </Text>
            )}
            <Text size="sm">{r.codeHelp}</Text>
          </Stack>
        </Group>
        <WrongCodes m={m} />
      </Stack>
    </Paper>
  );
}

/** Members who typed wrong codes (a guess from home shows here): "3 lần nhập sai mã". */
function WrongCodes({ m }: { m: MeetingDetail }) {
  if (m.checkinAttempts.length === 0) return null;
  return (
    <Stack gap={4} data-testid="checkin-wrong-codes">
      <Text size="sm" fw={700} c="orange.9">
        {r.wrongCodes}
      </Text>
      {m.checkinAttempts.map((a) => (
        <Text key={a.memberId} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {a.fullName}: {r.wrongCodeCount(formatNumber(a.failures))}
          {a.lockedUntil ? `, ${r.wrongCodeWaiting(clock(a.lockedUntil))}` : ''}
        </Text>
      ))}
    </Stack>
  );
}
