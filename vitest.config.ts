import { defineConfig } from 'vitest/config';

// Unit tests (`*.test.ts`) run once. Integration tests (`*.int.test.ts`) run on PGlite and,
// when TEST_DATABASE_URL points at a PostgreSQL server, again on that server (CI sets it).
const integration = (db: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: db,
    include: ['src/**/*.int.test.ts', 'test/integration/**/*.int.test.ts', 'test/security/**/*.int.test.ts'],
    env: { CHIBO_TEST_DB: db },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// `*.tz.test.ts` run again with the server in other time zones (each project's workers start
// with its `TZ`): a day read from a file must not move with the machine's zone.
export const TIME_ZONE_PROJECTS = {
  'tz-los-angeles': 'America/Los_Angeles',
  'tz-kiritimati': 'Pacific/Kiritimati',
};
const timeZone = ([name, tz]: [string, string]) => ({
  extends: true as const,
  test: { name, include: ['src/**/*.tz.test.ts'], env: { TZ: tz }, provide: { timeZone: tz } },
});

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      ...Object.entries(TIME_ZONE_PROJECTS).map(timeZone),
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
      // Browser journeys against the built app (`npm run build` first); scripts/test.mjs runs them.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
