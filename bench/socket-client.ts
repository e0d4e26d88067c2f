// Child process for the socket-count benchmark: opens N WebSockets to a URL and holds them.
import { WebSocket } from 'ws';

async function main(): Promise<void> {
  const [url, nText, auth] = process.argv.slice(2);
  const n = Number(nText);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, n - i) }, () => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url!, { headers: auth ? { Authorization: auth } : {}, perMessageDeflate: false });
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.on('message', () => undefined);
      sockets.push(ws);
    })));
  }
  process.send!({ open: sockets.length });
  process.on('message', () => {
    for (const s of sockets) s.terminate();
    process.exit(0);
  });
}
main().catch((e) => {
  process.send!({ error: String(e) });
  process.exit(1);
});
