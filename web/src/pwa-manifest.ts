// The web app manifest, kept apart from vite.config.ts so tests and the config share one definition.
import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#0b5d3b';

export const manifest: Partial<ManifestOptions> = {
  name: 'MySehat',
  short_name: 'MySehat',
  description: 'Offline-first health help for patients, health workers and doctors.',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: THEME_COLOR,
  lang: 'en',
  dir: 'ltr',
  categories: ['health', 'medical'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
