import { App, HTTPReceiver } from '@slack/bolt';
import type { Handler } from '../http/http-server.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { registerListeners } from '../listeners/register-listeners.ts';
import { toSlackLogger } from '../logger.ts';
import type { SlackConnectionSettings } from './settings.ts';

/**
 * The Bolt app with every listener registered, connected over Socket Mode or (HTTP mode) served at
 * `/slack/events` by yorisoi's own HTTP server. It never starts itself.
 */
export function createSlackApp(connection: SlackConnectionSettings, deps: AppDeps) {
  const slackLogger = toSlackLogger(deps.logger);
  const clientOptions = connection.apiUrl ? { slackApiUrl: connection.apiUrl } : undefined;
  const socket = connection.mode === 'socket';
  const receiver = socket
    ? undefined
    : new HTTPReceiver({
        signingSecret: connection.signingSecret,
        endpoints: '/slack/events',
        logger: slackLogger,
      });
  const app = socket
    ? new App({
        token: connection.botToken,
        appToken: connection.appToken,
        socketMode: true,
        clientOptions,
        installerOptions: clientOptions ? { clientOptions } : undefined,
        logger: slackLogger,
      })
    : new App({ token: connection.botToken, receiver, clientOptions, logger: slackLogger });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error('listener failed', { error });
  });
  const routes: Record<string, Handler> = receiver ? { '/slack/events': receiver.requestListener } : {};
  // Socket Mode: whether the WebSocket is up now (readiness). Bolt keeps its receiver private; its client is
  // an EventEmitter of connection states ('connected', 'reconnecting', 'disconnected').
  let started = false;
  let connected = false;
  if (socket) {
    const client = (app as unknown as { receiver?: { client?: SocketStates } }).receiver?.client;
    client?.on('connected', () => {
      connected = true;
    });
    for (const state of ['connecting', 'reconnecting', 'disconnecting', 'disconnected'])
      client?.on(state, () => {
        connected = false;
      });
  }
  return {
    app,
    routes,
    /** Socket Mode: the WebSocket is connected; HTTP mode: started (Slack reaches us through the HTTP server). */
    connected: () => (socket ? connected : started),
    async start() {
      if (socket) await app.start();
      started = true;
    },
    async stop() {
      started = false;
      if (socket) await app.stop().catch(() => undefined);
    },
  };
}

interface SocketStates {
  on(event: string, listener: () => void): unknown;
}
