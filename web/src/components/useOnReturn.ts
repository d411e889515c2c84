// Runs `fn` when the person comes back to the app (tab shown again, window focused): the cheap way to show what changed meanwhile.
import { useEffect, useRef } from 'preact/hooks';

export function useOnReturn(fn: () => void): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    let last = 0;
    const run = () => {
      // focus and visibilitychange often fire together; one reload is enough.
      if (document.visibilityState !== 'visible' || Date.now() - last < 1000) return;
      last = Date.now();
      latest.current();
    };
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', run);
    return () => {
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', run);
    };
  }, []);
}
