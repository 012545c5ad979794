import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * yorisoi's own HTTP endpoint: the Zendesk webhook, a health check, and (in HTTP mode) Slack's request URL
 * handed to Bolt's receiver. One server, one port.
 */
export function createHttpServer(routes: Record<string, Handler>, logger: Logger) {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found' }));
      return;
    }
    Promise.resolve(handler(req, res)).catch((error) => {
      logger.error('http handler failed', { path, error });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal' }));
      }
    });
  });
  return {
    server,
    url: '',
    async listen(port: number, host = '127.0.0.1'): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      this.url = `http://127.0.0.1:${actual}`;
      return this.url;
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
