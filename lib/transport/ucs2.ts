// MOS 2.x over TCP: UCS-2 big-endian text, messages delimited only by their own <mos>…</mos>.

export function encodeUcs2be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** Accumulates TCP chunks and yields each complete <mos>…</mos> message. */
export class Ucs2MosReader {
  private pending = Buffer.alloc(0);
  private text = '';

  constructor(private readonly maxChars = 1024 * 1024) {}

  push(chunk: Buffer): string[] {
    let buf = Buffer.concat([this.pending, chunk]);
    const even = buf.length - (buf.length % 2);
    this.pending = buf.subarray(even);
    buf = Buffer.from(buf.subarray(0, even));
    this.text += buf.swap16().toString('utf16le');
    if (this.text.length > this.maxChars) throw new Error(`more than ${this.maxChars} characters without a complete MOS message`);
    const out: string[] = [];
    for (;;) {
      const start = this.text.indexOf('<mos>');
      if (start < 0) {
        // Keep a possible partial "<mos" at the end; whatever came before it is not a message.
        this.text = this.text.slice(-4);
        break;
      }
      const end = this.text.indexOf('</mos>', start);
      if (end < 0) {
        this.text = this.text.slice(start);
        break;
      }
      out.push(this.text.slice(start, end + 6));
      this.text = this.text.slice(end + 6);
    }
    return out;
  }
}
