// The timeline grouped by Indian calendar day, newest first as the server sends it; undated records last.
import { dayOf } from '../dates';
import type { TimelineItem } from './types';

export interface DayGroup {
  /** `YYYY-MM-DD`, or null for records that carry no date. */
  day: string | null;
  items: TimelineItem[];
}

export function groupByDay(items: readonly TimelineItem[]): DayGroup[] {
  const groups: DayGroup[] = [];
  const undated: TimelineItem[] = [];
  for (const item of items) {
    if (item.date_ms == null) {
      undated.push(item);
      continue;
    }
    const day = dayOf(item.date_ms);
    const last = groups[groups.length - 1];
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  if (undated.length) groups.push({ day: null, items: undated });
  return groups;
}
