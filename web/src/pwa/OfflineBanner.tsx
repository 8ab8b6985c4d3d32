import { Group, Paper, Text } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { copiedAt } from './offline.js';
import { VI_OFFLINE } from './vi-offline.js';

/**
 * "Bạn đang ngoại tuyến — bản lưu lúc HH:mm dd/mm/yyyy": shown while the browser is offline or the
 * page was answered from the member's offline copy (the service worker says so, with the time).
 */
export function OfflineBanner() {
  const [offline, setOffline] = useState(() => typeof navigator !== 'undefined' && !navigator.onLine);
  const [at, setAt] = useState<Date | null>(null);

  useEffect(() => {
    const down = () => setOffline(true);
    const up = () => {
      setOffline(false);
      setAt(null);
    };
    const fromWorker = (e: MessageEvent) => {
      const data = e.data as { type?: string; copiedAt?: string } | undefined;
      if (data?.type !== 'chibo-copy' || !data.copiedAt) return;
      const d = new Date(data.copiedAt);
      setOffline(true);
      // The oldest copy on the page is the one to trust least: show its time.
      setAt((prev) => (prev && prev < d ? prev : d));
    };
    window.addEventListener('offline', down);
    window.addEventListener('online', up);
    navigator.serviceWorker?.addEventListener('message', fromWorker);
    return () => {
      window.removeEventListener('offline', down);
      window.removeEventListener('online', up);
      navigator.serviceWorker?.removeEventListener('message', fromWorker);
    };
  }, []);

  useEffect(() => {
    if (!offline || at) return;
    let live = true;
    copiedAt()
      .then((d) => live && d && setAt((prev) => prev ?? d))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [offline, at]);

  if (!offline) return null;
  return (
    <Paper
      role="status"
      data-testid="offline-banner"
      withBorder
      p="sm"
      mb="md"
      radius="md"
      style={{ background: '#fff3bf', borderColor: '#f08c00', color: '#3d2600' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconWifiOff size={24} aria-hidden style={{ flexShrink: 0 }} />
        <div>
          <Text fw={700} size="lg" inherit>
            {at ? VI_OFFLINE.copyAt(dayjs(at).format('HH:mm DD/MM/YYYY')) : VI_OFFLINE.offline}
          </Text>
          <Text size="sm" inherit>
            {VI_OFFLINE.hint}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}
