// Closing WebSockets the way a shutting-down server should: a close frame with a code (1001
// "going away" on shutdown), a bounded wait for the peer's answer, then the hard cut for the rest.
import { WebSocket } from 'ws';

/** RFC 6455: the endpoint is going away (server shutdown). */
export const CLOSE_GOING_AWAY = 1001;

export async function closeGracefully(sockets: Iterable<WebSocket>, code = CLOSE_GOING_AWAY, reason = 'going away', waitMs = 1000): Promise<void> {
  const open = [...sockets].filter((ws) => ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING);
  const closed = open.map((ws) => new Promise<void>((resolve) => {
    if (ws.readyState === WebSocket.CONNECTING) {
      ws.terminate();
      return resolve();
    }
    ws.once('close', () => resolve());
    ws.close(code, reason);
  }));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(closed), new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
  for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
}
