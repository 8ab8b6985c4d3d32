import { Alert, Button, Paper, PinInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconHome, IconQrcode } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, api, isNotFound } from '../../api/client.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { meetingKeys, useMeeting } from './api.js';
import { MeetingWhen, StatusBadge } from './bits.js';
import { clock } from './when.js';

const t = vi.meeting.checkin;

/** A member's own check-in from their phone: the code comes from the QR link or is typed. */
export function CheckInPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const fromLink = (params.get('ma') ?? '').replace(/\D/g, '').slice(0, 6);
  const [code, setCode] = useState(fromLink);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; locked?: boolean } | null>(null);
  const valid = Number.isInteger(id) && id > 0;
  const meeting = useMeeting(valid ? id : 0);
  const qc = useQueryClient();

  if (!valid || isNotFound(meeting.error)) return <NotFound message={t.notFound} />;
  if (meeting.isLoading) return <PageLoader />;
  const m = meeting.data;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setResult({ ok: false, message: t.codeMissing });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const res = await api.post<{ status: string; already: boolean }>(`/api/meetings/${id}/check-in`, {
        code,
      });
      const now = clock(new Date().toISOString());
      setResult({ ok: true, message: res.already ? t.already : `${t.success} ${vi.meeting.run.at(now)}.` });
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(id) });
    } catch (err) {
      if (!(err instanceof ApiError)) setResult({ ok: false, message: vi.validation.failed });
      // The QR link's code rotates away within a minute (a login in between takes longer).
      else if (err.code === 'CHECKIN_CODE_INVALID' && fromLink && code === fromLink)
        setResult({ ok: false, message: t.linkExpired });
      else setResult({ ok: false, message: err.message, locked: err.code === 'CHECKIN_LOCKED' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={520} mx="auto" data-testid="checkin-page">
      <Title order={1}>{t.title}</Title>
      {m && (
        <Paper withBorder p="md" radius="md">
          <Stack gap={6}>
            <Text fw={700} size="xl" style={{ overflowWrap: 'anywhere' }}>
              {m.title}
            </Text>
            <Text c="dimmed">{m.orgUnitName}</Text>
            <MeetingWhen meeting={m} size="lg" />
            <div>
              <StatusBadge status={m.status} label={m.statusLabel} />
            </div>
          </Stack>
        </Paper>
      )}
      {result?.ok ? (
        <Alert
          color="teal"
          variant="filled"
          radius="md"
          icon={<IconCircleCheck size={32} />}
          title={
            <Text fz={24} fw={800}>
              {t.success}
            </Text>
          }
          data-testid="checkin-result"
          data-ok="true"
        >
          <Text fz="lg">{result.message}</Text>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md" align="stretch">
            <Stack gap={4}>
              <Text fw={600} size="lg" id="checkin-code-label">
                {t.code}
              </Text>
              <PinInput
                length={6}
                type="number"
                inputMode="numeric"
                size="lg"
                gap={6}
                value={code}
                onChange={setCode}
                oneTimeCode
                aria-labelledby="checkin-code-label"
                data-testid="checkin-input"
                styles={{ root: { justifyContent: 'center' }, input: { fontWeight: 800 } }}
              />
              <Text size="sm" c="dimmed">
                {t.codeHelp}
              </Text>
            </Stack>
            {result && !result.ok && (
              <Alert
                color="red"
                radius="md"
                icon={<IconAlertTriangle size={28} />}
                title={result.locked ? t.locked : t.failed}
                data-testid="checkin-result"
                data-ok="false"
              >
                <Text fz="lg">{result.message}</Text>
              </Alert>
            )}
            <Button
              type="submit"
              size="xl"
              h={64}
              fz={24}
              loading={busy}
              leftSection={<IconQrcode size={28} />}
            >
              {t.submit}
            </Button>
          </Stack>
        </form>
      )}
      <Stack gap="xs">
        {m && (
          <Button component={Link} to={`/sinh-hoat/${id}`} variant="light" size="lg">
            {t.toMeeting}
          </Button>
        )}
        <Button
          component={Link}
          to="/cua-toi"
          variant="default"
          size="lg"
          leftSection={<IconHome size={22} />}
        >
          {t.toHome}
        </Button>
      </Stack>
    </Stack>
  );
}
