// A tiny router over the History API: real paths (no #), so deep links work through the server's and the service worker's SPA fallback.
import { signal } from '@preact/signals';

export const path = signal<string>(location.pathname);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to !== location.pathname) {
    if (opts.replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
  }
  path.value = to;
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  path.value = location.pathname;
});

/** Click handler for in-app links: plain clicks stay in the app; modified clicks (new tab) go to the browser. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = (e.currentTarget as HTMLAnchorElement).getAttribute('href');
  if (!href?.startsWith('/')) return;
  e.preventDefault();
  navigate(href);
}
