// The MOS messages a scenario exchanged with the system under test, by name and direction: attached
// to each MOS scenario for the per-profile report (reports/profile-coverage.ts).
import { TranscriptEntry } from '../lib/transport/transcript';

export const EXCHANGED_MEDIA_TYPE = 'application/vnd.mosws.exchanged+json';

export interface Exchange {
  message: string;
  /** "to-system": the suite sent it; "from-system": the system under test sent it. */
  direction: 'to-system' | 'from-system';
  count: number;
}

export function exchangedMessages(entries: readonly TranscriptEntry[]): Exchange[] {
  const counts = new Map<string, Exchange>();
  for (const e of entries) {
    if (e.who !== 'suite' || e.kind !== 'mos' || !e.message || e.message === '?') continue;
    const direction = e.direction === 'out' ? 'to-system' : 'from-system';
    const key = `${direction} ${e.message}`;
    const x = counts.get(key);
    if (x) x.count++;
    else counts.set(key, { message: e.message, direction, count: 1 });
  }
  return [...counts.values()];
}
