// A tiny router over the History API: real paths (no #), so deep links work through the server's and the service worker's SPA fallback.
import { signal } from '@preact/signals';

export const path = signal<string>(location.pathname);
/** The query string of the current address (`?patient=…`), with its `?`; screens read their parameters from it. */
export const search = signal<string>(location.search);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.pathname + url.search !== location.pathname + location.search) {
    if (opts.replace) history.replaceState(null, '', url.pathname + url.search);
    else history.pushState(null, '', url.pathname + url.search);
  }
  path.value = url.pathname;
  search.value = url.search;
  window.scrollTo(0, 0);
}

/** One parameter of the current query string, or null. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(search.value).get(name);
}

window.addEventListener('popstate', () => {
  path.value = location.pathname;
  search.value = location.search;
});

/** Click handler for in-app links: plain clicks stay in the app; modified clicks (new tab) go to the browser. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = (e.currentTarget as HTMLAnchorElement).getAttribute('href');
  if (!href?.startsWith('/')) return;
  e.preventDefault();
  navigate(href);
}
