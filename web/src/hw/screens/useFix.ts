// A location fix for a household or a visit: asked for once when the screen opens, again on "Try again"; null when the
// phone gives none (no permission, no signal), in which case the record is saved without a position and marked so.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { currentFix, type Fix } from '../../sos/location';

export type FixState = { state: 'trying' } | { state: 'fixed'; fix: Fix } | { state: 'none' };

export function useFix(timeoutMs = 15_000): [FixState, () => void] {
  const [s, setS] = useState<FixState>({ state: 'trying' });
  const locate = useCallback(() => {
    setS({ state: 'trying' });
    let live = true;
    void currentFix(globalThis.navigator?.geolocation, timeoutMs).then((fix) => {
      if (live) setS(fix ? { state: 'fixed', fix } : { state: 'none' });
    });
    return () => {
      live = false;
    };
  }, [timeoutMs]);
  useEffect(() => locate(), [locate]);
  return [s, () => void locate()];
}

export const fixOf = (s: FixState): Fix | null => (s.state === 'fixed' ? s.fix : null);
