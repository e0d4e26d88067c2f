// Observation of every message on every socket: timestamps, direction, channel.
// Conformance steps assert on it and reports print it; entries are redacted on write.
import { EventEmitter } from 'node:events';
import { redactText, redactUrl } from './redact';
import { pushBounded } from '../bounded';

export type Direction = 'in' | 'out';
export type EntryKind = 'mos' | 'open' | 'close' | 'reject' | 'error' | 'http';

export interface TranscriptEntry {
  /** Milliseconds since the epoch. */
  t: number;
  /** Who recorded it (e.g. "device", "nrcs", "suite"). */
  who: string;
  kind: EntryKind;
  direction?: Direction;
  channel?: string;
  passive?: boolean;
  /** Socket identifier, unique within the recorder. */
  socket?: string;
  /** MOS message element name, when kind is "mos". */
  message?: string;
  messageID?: number;
  /**
   * Text received before the <mos> envelope that is not part of any MOS message (a byte-order mark
   * is not: XML allows one). The message was read without it; the run-wide checks judge it once.
   */
  prefix?: string;
  /** The wire text (redacted) or a human-readable detail. */
  text: string;
  /** For an open or a refusal: the HTTP upgrade request and response heads (redacted). */
  http?: { request: string; response: string };
  /** What the peer sent back of the values watched for echoes (their labels; the values are redacted). */
  echoes?: string[];
}

export class Transcript extends EventEmitter {
  readonly entries: TranscriptEntry[] = [];
  private secrets: string[] = [];
  private watched: Array<{ label: string; value: string }> = [];
  constructor(private readonly maxEntries = 100_000) {
    super();
  }

  /** Values that must never appear in the transcript (passwords, keys). */
  addSecret(...values: string[]): void {
    for (const v of values) if (v && !this.secrets.includes(v)) this.secrets.push(v);
  }

  /**
   * A secret the peer must never send back (a password or Basic token): redacted like any secret,
   * and an entry the peer sent (received, or a refusal it answered) that carries it says so in
   * `echoes`, since its text no longer shows it.
   */
  watchEcho(label: string, value: string): void {
    if (value.length < 4 || this.watched.some((w) => w.value === value)) return;
    this.watched.push({ label, value });
    this.addSecret(value);
  }

  record(e: Omit<TranscriptEntry, 't'> & { t?: number }): TranscriptEntry {
    const entry = e as TranscriptEntry; // the caller's fresh object literal becomes the entry
    entry.t = e.t ?? Date.now();
    if (this.watched.length && (e.direction === 'in' || e.kind === 'reject')) {
      const sent = `${e.text}\n${e.http?.response ?? ''}`;
      const echoes = [...new Set(this.watched.filter((w) => sent.includes(w.value)).map((w) => w.label))];
      if (echoes.length) entry.echoes = echoes;
    }
    entry.text = redactText(redactUrlsIn(e.text), this.secrets);
    if (e.http) entry.http = { request: redactText(e.http.request, this.secrets), response: redactText(e.http.response, this.secrets) };
    pushBounded(this.entries, entry, this.maxEntries);
    this.emit('entry', entry);
    return entry;
  }

  /** MOS messages matching a filter. */
  messages(filter: Partial<Pick<TranscriptEntry, 'who' | 'direction' | 'channel' | 'message'>> = {}): TranscriptEntry[] {
    return this.entries.filter((e) => e.kind === 'mos' && Object.entries(filter).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v));
  }

  /** Resolves with the first entry (already recorded or future) that matches, or rejects after timeoutMs. */
  waitFor(pred: (e: TranscriptEntry) => boolean, timeoutMs: number, what = 'transcript entry', since = 0): Promise<TranscriptEntry> {
    const found = this.entries.find((e) => e.t >= since && pred(e));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onEntry = (e: TranscriptEntry): void => {
        if (e.t >= since && pred(e)) {
          clearTimeout(timer);
          this.off('entry', onEntry);
          resolve(e);
        }
      };
      const timer = setTimeout(() => {
        this.off('entry', onEntry);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.on('entry', onEntry);
    });
  }

  /** One line per entry, for terminals and text reports; times are relative to t0 (default: the first entry). */
  format(entries = this.entries, t0 = entries[0]?.t ?? 0): string {
    return entries
      .map((e) => {
        const dir = e.direction === 'in' ? '<-' : e.direction === 'out' ? '->' : '  ';
        const where = [e.channel, e.passive ? 'passive' : ''].filter(Boolean).join('/');
        const what = e.kind === 'mos' ? `${e.message}${e.messageID !== undefined ? `#${e.messageID}` : ''}` : e.kind;
        return `+${String(e.t - t0).padStart(6)}ms ${e.who.padEnd(7)} ${dir} ${where.padEnd(12)} ${what.padEnd(16)} ${e.kind === 'mos' ? '' : e.text}`;
      })
      .join('\n');
  }
}

function redactUrlsIn(text: string): string {
  if (!text.includes('://')) return text; // most MOS messages carry no URL: skip the scan
  return text.replace(/\b(wss?|https?):\/\/[^\s"'<>]+/g, (u) => redactUrl(u));
}
