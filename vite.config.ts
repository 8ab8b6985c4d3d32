import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA lives in web/ and is served by the Fastify server from dist/web (see src/server/app.ts).
// Delivery (ADR 035): every page is its own lazy chunk (web/src/app/App.tsx); the libraries the
// entry needs anyway sit in a few long-lived vendor chunks, so a release that changes only our
// code leaves them cached; scripts/compress-assets.mjs then writes .br/.gz beside each file.
// `tags: ['$initial']`: only the modules the entry imports statically; what only lazy pages use
// stays with those pages.
const VENDOR_GROUPS: { name: string; test: RegExp; priority: number; tags: ['$initial'] }[] = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
    priority: 30,
    tags: ['$initial'],
  },
  {
    name: 'mantine',
    test: /node_modules[\\/](@mantine[\\/](core|hooks)|@floating-ui)[\\/]/,
    priority: 20,
    tags: ['$initial'],
  },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 10, tags: ['$initial'] },
];

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
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
