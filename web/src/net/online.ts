// Whether the server can be reached: the browser's online flag, corrected by what our own requests see.
import { signal } from '@preact/signals';

const PROBE_EVERY_MS = 15_000;
const hasWindow = typeof window !== 'undefined';

export const online = signal<boolean>(hasWindow ? navigator.onLine : true);

let probe: ReturnType<typeof setInterval> | null = null;

export function markOnline(): void {
  online.value = true;
  if (probe !== null) {
    clearInterval(probe);
    probe = null;
  }
}

/** A request failed at the network level. The browser may still claim to be online (captive portal, dead tower), so keep checking. */
export function markOffline(): void {
  online.value = false;
  if (!hasWindow || probe !== null) return;
  probe = setInterval(() => {
    if (!navigator.onLine) return; // wait for the 'online' event instead
    fetch('/health', { cache: 'no-store' }).then(markOnline, () => undefined);
  }, PROBE_EVERY_MS);
}

if (hasWindow) {
  window.addEventListener('online', markOnline);
  window.addEventListener('offline', () => {
    online.value = false;
  });
}
