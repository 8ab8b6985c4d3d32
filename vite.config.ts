import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA lives in web/ and is served by the Fastify server from dist/web (see src/server/app.ts).
// Delivery (ADR 035): every page is its own lazy chunk (web/src/app/App.tsx); the libraries the
// entry needs anyway sit in a few long-lived vendor chunks, so a release that changes only our
// code leaves them cached; scripts/compress-assets.mjs then writes .br/.gz beside each file.
// `tags: ['$initial']`: only the modules the entry imports statically; what only lazy pages use
// stays with those pages.
interface Group {
  name: string;
  test: RegExp;
  priority: number;
  tags?: ['$initial'];
  minShareCount?: number;
}
const VENDOR_GROUPS: Group[] = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
    priority: 30,
    tags: ['$initial'],
  },
  {
    name: 'mantine',
    test: /node_modules[\\/](@mantine[\\/](core|hooks|notifications|dates)|@floating-ui|dayjs)[\\/]/,
    priority: 20,
    tags: ['$initial'],
  },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 10, tags: ['$initial'] },
  // Our modules the entry needs stay with it (so `shared` below is not pulled in at start).
  { name: 'index', test: /[\\/]web[\\/]src[\\/]/, priority: 9, tags: ['$initial'] },
  // After the entry, on a phone each request costs a round trip (≈ 0,56 s on Slow 4G, 6 at a time):
  // the many tiny chunks automatic splitting makes (one Mantine component, one icon, one api.ts
  // each) cost more in round trips than their bytes. So the rest of the UI kit and icons is one
  // chunk, and our own modules that two or more pages share are one more (bench/web.ts).
  {
    name: 'ui',
    test: /node_modules[\\/](@mantine[\\/](core|hooks|notifications)|@floating-ui|@tabler[\\/]icons-react|dayjs)[\\/]/,
    priority: 8,
  },
  { name: 'shared', test: /[\\/]web[\\/]src[\\/]/, priority: 5, minShareCount: 2 },
];

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks the shell needs, for the server's preload hints.
    manifest: true,
    // The strict CSP forbids inline scripts; keep every asset a separate file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
