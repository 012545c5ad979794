import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { APP_ID } from './seed.ts';
import type { AckResult, SlackSimClock } from './types.ts';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/**
 * How Slack hands things to the app: envelopes over Socket Mode, or signed POSTs in HTTP mode.
 * Either way the caller gets the app's ack back (or learns that none came within the ack timeout).
 */
export interface Delivery {
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    retry?: { attempt: number; reason: string },
  ): Promise<AckResult>;
  /** Upgrades /_sim/slack/socket/<ticket> when the ticket came from apps.connections.open. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ticket: string): boolean;
  connectionCount(): number;
  /**
   * Sends `{"type":"disconnect","reason"}` on every open connection and closes them `closeAfterMs` later,
   * as Slack does before it moves a connection. Answers how many connections were told.
   */
  disconnect(reason: string, closeAfterMs: number): number;
  /** Resolves once a Socket Mode client is connected (immediately in http mode). */
  waitForConnection(timeoutMs?: number): Promise<void>;
  close(): void;
}

export interface DeliveryOptions {
  mode: 'socket' | 'http';
  requestUrl?: () => string | undefined;
  signingSecret: string;
  clock: SlackSimClock;
  ackTimeoutMs: number;
  /** Consumes a ticket issued by apps.connections.open; false when unknown or used. */
  claimTicket(ticket: string): boolean;
}

/** `v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body))`, Slack's request signature. */
export function signSlackRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function createDelivery(opts: DeliveryOptions): Delivery {
  const wss = new WebSocketServer({ noServer: true });
  const sockets: WebSocket[] = [];
  const pending = new Map<
    string,
    { socket: WebSocket; ack: (payload: unknown) => void; abort: (error: string) => void }
  >();
  const connectionWaiters: (() => void)[] = [];
  const pingTimers = new Set<NodeJS.Timeout>();
  const closeTimers = new Set<NodeJS.Timeout>();
  /** Connections told to disconnect: nothing new is sent on them. */
  const draining = new WeakSet<WebSocket>();
  let closed = false;

  const openSocket = () => [...sockets].reverse().find((s) => s.readyState === s.OPEN && !draining.has(s));

  /** The newest usable connection, waiting up to `timeoutMs` for the client to (re)connect. */
  function socketWithin(timeoutMs: number): Promise<WebSocket | undefined> {
    const now = openSocket();
    if (now || timeoutMs <= 0 || closed) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(openSocket());
      };
      const timer = setTimeout(() => {
        const index = connectionWaiters.indexOf(done);
        if (index >= 0) connectionWaiters.splice(index, 1);
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      connectionWaiters.push(done);
    });
  }

  function bodyFor(
    type: EnvelopeType,
    payload: Record<string, unknown>,
  ): { body: string; contentType: string } {
    if (type === 'events_api') return { body: JSON.stringify(payload), contentType: 'application/json' };
    if (type === 'interactive') {
      return {
        body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    }
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(payload))
      if (value !== undefined && value !== null) form.set(key, String(value));
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }

  async function deliverHttp(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    retry?: { attempt: number; reason: string },
  ): Promise<AckResult> {
    const requestUrl = opts.requestUrl?.();
    if (!requestUrl) return { acked: false, ack: null, error: 'no_request_url' };
    const { body, contentType } = bodyFor(type, payload);
    const timestamp = Math.floor(opts.clock.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(opts.signingSecret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (retry) {
      headers['x-slack-retry-num'] = String(retry.attempt);
      headers['x-slack-retry-reason'] = retry.reason;
    }
    try {
      const response = await fetch(requestUrl, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(opts.ackTimeoutMs),
      });
      const text = await response.text();
      let ack: unknown = {};
      if (text.length > 0) {
        try {
          ack = JSON.parse(text);
        } catch {
          ack = { text };
        }
      }
      const ok = response.status >= 200 && response.status < 300;
      return ok
        ? { acked: true, ack, status: response.status }
        : { acked: false, ack, status: response.status, error: `http_${response.status}` };
    } catch (error) {
      const timeout =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { acked: false, ack: null, error: timeout ? 'http_timeout' : 'connection_failed' };
    }
  }

  function sendEnvelope(
    socket: WebSocket,
    type: EnvelopeType,
    payload: Record<string, unknown>,
    retry?: { attempt: number; reason: string },
  ): Promise<AckResult> {
    const envelopeId = randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api'
        ? { retry_attempt: retry?.attempt ?? 0, retry_reason: retry?.reason ?? '' }
        : {}),
    };
    return new Promise<AckResult>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(envelopeId);
        resolve({ acked: false, ack: null, error: 'ack_timeout' });
      }, opts.ackTimeoutMs);
      pending.set(envelopeId, {
        socket,
        ack: (ack) => {
          clearTimeout(timer);
          pending.delete(envelopeId);
          resolve({ acked: true, ack: ack ?? {} });
        },
        abort: (error) => {
          clearTimeout(timer);
          pending.delete(envelopeId);
          resolve({ acked: false, ack: null, error });
        },
      });
      socket.send(JSON.stringify(envelope));
    });
  }

  /**
   * Events are not lost while the client reconnects: Slack holds them for the next connection and
   * redelivers one whose connection closed before its ack (with retry_attempt). Commands and
   * interactions are not retried: the user sees an error, as in Slack.
   */
  async function deliverSocket(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    retry?: { attempt: number; reason: string },
  ): Promise<AckResult> {
    let next = retry;
    for (;;) {
      const socket = await socketWithin(type === 'events_api' ? Math.max(opts.ackTimeoutMs, 10_000) : 0);
      if (!socket) return { acked: false, ack: null, error: 'no_socket_connection' };
      const result = await sendEnvelope(socket, type, payload, next);
      const attempt = next?.attempt ?? 0;
      if (result.error !== 'socket_closed' || type !== 'events_api' || attempt >= 3 || closed) return result;
      next = { attempt: attempt + 1, reason: 'socket_closed' };
    }
  }

  return {
    deliver(type, payload, retry) {
      return opts.mode === 'http' ? deliverHttp(type, payload, retry) : deliverSocket(type, payload, retry);
    },
    upgrade(req, socket, head, ticket) {
      if (!opts.claimTicket(ticket)) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.push(ws);
        ws.on('message', (data) => {
          let message: unknown;
          try {
            message = JSON.parse(String(data));
          } catch {
            return;
          }
          if (typeof message === 'object' && message !== null && 'envelope_id' in message) {
            const { envelope_id, payload } = message as { envelope_id: unknown; payload?: unknown };
            if (typeof envelope_id === 'string') pending.get(envelope_id)?.ack(payload);
          }
        });
        ws.on('close', () => {
          const index = sockets.indexOf(ws);
          if (index >= 0) sockets.splice(index, 1);
          for (const entry of [...pending.values()])
            if (entry.socket === ws) entry.abort(closed ? 'simulator_closed' : 'socket_closed');
        });
        // Slack pings the client; the client's 30 s watchdog arms on the first ping.
        const ping = setInterval(() => {
          if (ws.readyState === ws.OPEN) ws.ping();
        }, 10_000);
        ping.unref();
        pingTimers.add(ping);
        ws.on('close', () => {
          clearInterval(ping);
          pingTimers.delete(ping);
        });
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: sockets.length,
            debug_info: { host: 'yorisoi-slack-sim', build_number: 1, approximate_connection_time: 18060 },
            connection_info: { app_id: APP_ID },
          }),
        );
        for (const waiter of connectionWaiters.splice(0)) waiter();
      });
      return true;
    },
    connectionCount() {
      return sockets.filter((s) => s.readyState === s.OPEN && !draining.has(s)).length;
    },
    disconnect(reason, closeAfterMs) {
      const told = sockets.filter((s) => s.readyState === s.OPEN && !draining.has(s));
      for (const ws of told) {
        draining.add(ws);
        ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'yorisoi-slack-sim' } }));
        const timer = setTimeout(() => {
          closeTimers.delete(timer);
          if (ws.readyState === ws.OPEN) ws.close(1000, 'disconnect');
        }, closeAfterMs);
        timer.unref();
        closeTimers.add(timer);
      }
      return told.length;
    },
    waitForConnection(timeoutMs = 10_000) {
      if (opts.mode === 'http' || openSocket()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no Socket Mode client connected')), timeoutMs);
        connectionWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close() {
      closed = true;
      for (const timer of closeTimers) clearTimeout(timer);
      closeTimers.clear();
      for (const waiter of connectionWaiters.splice(0)) waiter();
      for (const timer of pingTimers) clearInterval(timer);
      pingTimers.clear();
      for (const ws of sockets.splice(0)) {
        // A close frame first, so a client that is still connected shuts down without an error.
        ws.close(1001, 'simulator closing');
        setTimeout(() => ws.terminate(), 500).unref();
      }
      for (const entry of [...pending.values()]) entry.abort('simulator_closed');
      pending.clear();
      wss.close();
    },
  };
}
