// Screens read the device store through Dexie live queries, so a save, a sync or another tab shows at once.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** The current answer of `query`, re-run whenever the tables it read change; undefined until the first answer. */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<{ v: T } | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const sub = liveQuery(query).subscribe({ next: (v) => setValue({ v }), error: () => setValue(undefined) });
    return () => sub.unsubscribe();
  }, deps);
  return value?.v;
}
