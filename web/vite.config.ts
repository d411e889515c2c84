// Build for the MySehat PWA: Preact, the shared ../locales strings, and an injectManifest service worker.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { manifest } from './src/pwa-manifest.ts';
import { APP_PATHS_UNDER_SERVER, SERVER_PATHS } from './src/sw-routes.ts';

/** `npm run dev` forwards the server's routes to a `mysehat serve` here (not MYSEHAT_*: the server refuses unknown MYSEHAT_ names). */
const API_TARGET = process.env.DEV_API_TARGET ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false, // src/sw-register.ts registers it
      includeManifestIcons: false, // globPatterns already precaches public/icons
      manifest,
      injectManifest: {
        rollupFormat: 'iife', // a classic worker: older Android WebViews cannot run module workers
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    // The .ftl files live in ../locales so the Rust server reads the same ones.
    fs: { allow: ['..'] },
    proxy: {
      [SERVER_PATHS.source]: {
        target: API_TARGET,
        ws: true,
        // A page load of an SOS screen (/sos, /sos/incidents/ID) is the app, not the API.
        bypass: (req) => (req.headers.accept?.includes('text/html') && APP_PATHS_UNDER_SERVER.test(req.url ?? '') ? '/index.html' : undefined),
      },
    },
  },
  build: {
    target: 'es2020',
    sourcemap: false,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
