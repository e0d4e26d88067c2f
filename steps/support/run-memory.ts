// What the suite learned about a vendor's system earlier in the same run. Scenarios are isolated,
// but a vendor's system is one long-running process: the suite's endpoint stops after each
// scenario, so a system that opened passive sockets once and never opens them again has not
// re-established them after they closed (MOSWS-PASSIVE-3), whatever the later scenario is about.
export interface RunMemory {
  /** When the system under test last had passive=true sockets open on both channels. */
  passiveOpenedAt?: number;
  /** When the system under test last had its connections on both channels open. */
  connectedAt?: number;
  /** The first time it connected without opening both mom and ro, as the verdict would say it. */
  socketShortfall?: string;
  /**
   * Set when a whole connect wait passed without any connection attempt reaching the suite (and the
   * system never connected before): later scenarios that need its connection are judged at once.
   */
  neverDialled?: string;
}

const memories = new Map<string, RunMemory>();

export function resetRunMemory(): void {
  memories.clear();
}

/** The memory of one role under test in this process's run. */
export function runMemory(role: string): RunMemory {
  let m = memories.get(role);
  if (!m) memories.set(role, (m = {}));
  return m;
}
