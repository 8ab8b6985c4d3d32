import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import 'dayjs/locale/vi';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.js';
import { App } from './app/App.js';
import { theme } from './app/theme.js';
import { registerServiceWorker } from './pwa/offline.js';

dayjs.locale('vi');
registerServiceWorker();
// Vietnamese zod messages: a chunk of its own, awaited by every lazy page (lib/zod-locale.ts).
void import('./lib/zod-locale.js');
// The toast container (and its transitions) is not needed for the first paint: it loads beside
// the first page; toasts are only raised by pages and mutations, after that.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: 'vi', firstDayOfWeek: 1, weekendDays: [0] }}>
        {/* Bottom centre: a toast never covers the header's menu, bell or account button (issue 13). */}
        <Suspense fallback={null}>
          <Notifications position="bottom-center" zIndex={4000} limit={3} />
        </Suspense>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
