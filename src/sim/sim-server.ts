import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { controlIndex } from './control-index.ts';
import { sendJson } from './http-util.ts';

/**
 * One loopback HTTP server hosting both simulators on one port.
 * Slack Web API lives at /api/<method> (method names contain a dot), Zendesk at /api/v2/...,
 * control routes at /_sim/slack/... and /_sim/zendesk/..., Socket Mode WebSockets at /_sim/slack/socket/...
 *
 * A mounted simulator answers `true` when it handled the request.
 */
export type SimRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
export type SimUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => boolean;

export interface SimServer {
  readonly server: Server;
  /** e.g. http://127.0.0.1:4321 — set once listen() resolved. */
  baseUrl: string;
  port: number;
  mount(route: SimRoute, upgrade?: SimUpgrade): void;
  listen(port?: number): Promise<void>;
  /**
   * While closed, the control API (`/_sim/…` except its index) answers 503 + Retry-After: the sandbox opens
   * it once yorisoi listens, so no ticket is created whose webhook has nowhere to go. Open by default.
   */
  setControlOpen(open: boolean): void;
  close(): Promise<void>;
}

export function createSimServer(options: { controlOpen?: boolean } = {}): SimServer {
  let controlOpen = options.controlOpen ?? true;
  const routes: SimRoute[] = [];
  const upgrades: SimUpgrade[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (url.pathname === '/_sim' || url.pathname === '/_sim/') {
        sendJson(res, 200, { ready: controlOpen, ...controlIndex });
        return;
      }
      if (
        !controlOpen &&
        url.pathname.startsWith('/_sim/') &&
        !url.pathname.startsWith('/_sim/slack/socket')
      ) {
        res.setHeader('retry-after', '1');
        sendJson(res, 503, {
          error: 'not_ready',
          message: 'yorisoi is still starting; try again in a second',
        });
        return;
      }
      for (const route of routes) {
        if (await route(req, res, url)) return;
      }
      sendJson(res, 404, { error: 'not_found', path: url.pathname });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: 'simulator_error', message: String(error) });
      else res.end();
    }
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const upgrade of upgrades) {
      if (upgrade(req, socket, head, url)) return;
    }
    socket.destroy();
  });
  const sim: SimServer = {
    server,
    baseUrl: '',
    port: 0,
    setControlOpen(open) {
      controlOpen = open;
    },
    mount(route, upgrade) {
      routes.push(route);
      if (upgrade) upgrades.push(upgrade);
    },
    listen(port = 0) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const address = server.address();
          sim.port = typeof address === 'object' && address ? address.port : port;
          sim.baseUrl = `http://127.0.0.1:${sim.port}`;
          resolve();
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
  return sim;
}
