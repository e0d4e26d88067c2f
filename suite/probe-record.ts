// What a probe scenario ran, carried from the steps to the reports and the console as one
// attachment per scenario: how many generated probes were sent per requirement, channel and
// socket kind, how many got the wrong answer, and how long they took.

/** Media type of the attachment that carries a scenario's probe record. */
export const PROBES_MEDIA_TYPE = 'application/vnd.mosws.probes+json';

export interface ProbeRecord {
  requirement: string;
  /** "mom", "ro/passive", ...: probes judged on that channel and socket kind (controls not counted). */
  perSocket: Record<string, number>;
  /** Upgrade attempts this scenario sent (probes and controls); 0 when it judged those of an earlier one. */
  sent: number;
  /** Probes whose answer was not the one the table expects. */
  wrong: number;
  /** Wall time of the probes, in ms. */
  ms: number;
}

/** Upgrade attempts sent in all, and the probes judged per requirement, then per socket ("mom 26, ro 26, ro/passive 27"). */
export function probeSummary(records: readonly ProbeRecord[]): { total: number; ms: number; lines: string[] } {
  const by = new Map<string, { perSocket: Map<string, number>; wrong: number }>();
  let total = 0;
  let ms = 0;
  for (const r of records) {
    const e = by.get(r.requirement) ?? { perSocket: new Map(), wrong: 0 };
    for (const [k, n] of Object.entries(r.perSocket)) e.perSocket.set(k, (e.perSocket.get(k) ?? 0) + n);
    total += r.sent;
    e.wrong += r.wrong;
    ms += r.ms;
    by.set(r.requirement, e);
  }
  const lines = [...by].sort(([a], [b]) => a.localeCompare(b)).map(([req, e]) => {
    const sockets = [...e.perSocket].map(([k, n]) => `${k} ${n}`).join(', ');
    return `${req}: ${sockets}${e.wrong ? ` — ${e.wrong} wrong` : ''}`;
  });
  return { total, ms, lines };
}
