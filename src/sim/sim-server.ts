import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
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
  close(): Promise<void>;
}

export function createSimServer(): SimServer {
  const routes: SimRoute[] = [];
  const upgrades: SimUpgrade[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
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
