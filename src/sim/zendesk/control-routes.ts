import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody, sendJson } from '../http-util.ts';
import type { SimRoute } from '../sim-server.ts';
import { clockSchema, dropSchema, parseControl, rateSchema, type ZendeskControl } from './control.ts';
import { SimControlError } from './errors.ts';

const PREFIX = '/_sim/zendesk';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readRawBody(req)).toString('utf8');
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new SimControlError(400, 'invalid_json', [{ message: 'body is not JSON' }]);
  }
}

/** The control API: JSON in, JSON out, 400 `{error, issues}` on bad input. */
export function createControlRoute(control: ZendeskControl): SimRoute {
  const handle = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const send = (body: unknown, status = 200) => sendJson(res, status, body);
    if (path === '/tickets' && method === 'POST')
      return send(control.openTicket((await readJson(req)) as never), 201);
    if (path === '/tickets' && method === 'GET') return send(control.listTickets());
    const reply = path.match(/^\/tickets\/(\d+)\/customer-reply$/);
    if (reply && method === 'POST') {
      return send(control.customerReply(Number(reply[1]), (await readJson(req)) as never), 201);
    }
    const rating = path.match(/^\/tickets\/(\d+)\/satisfaction$/);
    if (rating && method === 'POST')
      return send(control.rateTicket(Number(rating[1]), (await readJson(req)) as never));
    const ticket = path.match(/^\/tickets\/(\d+)$/);
    if (ticket && method === 'GET') return send(control.getTicket(Number(ticket[1])));
    if (ticket && method === 'DELETE') return send(control.deleteTicket(Number(ticket[1])));
    if (ticket && method === 'PATCH')
      return send(control.agentUpdate(Number(ticket[1]), (await readJson(req)) as never));
    if (path === '/users' && method === 'GET') return send(control.listUsers());
    if (path === '/users/merge' && method === 'POST')
      return send(control.mergeUsers((await readJson(req)) as never));
    if (path === '/webhook-deliveries' && method === 'GET') return send(control.webhookDeliveries());
    if (path === '/webhooks/drop' && method === 'POST') {
      return send(control.dropWebhooks(parseControl(dropSchema, await readJson(req)).count));
    }
    if (path === '/faults' && method === 'POST')
      return send(control.injectFault((await readJson(req)) as never));
    if (path === '/faults' && method === 'DELETE') return send(control.clearFaults());
    if (path === '/rate' && method === 'POST')
      return send(control.setRate(parseControl(rateSchema, await readJson(req)).per_minute));
    if (path === '/latency' && method === 'POST')
      return send(control.setLatency((await readJson(req)) as never));
    if (path === '/latency' && method === 'GET') return send(control.latency());
    if (path === '/calls' && method === 'GET') {
      return send(
        control.calls({
          method: query.get('method') ?? undefined,
          path_prefix: query.get('path_prefix') ?? undefined,
        }),
      );
    }
    if (path === '/clock' && method === 'POST') {
      return send(control.advanceClock(parseControl(clockSchema, await readJson(req)).advance_seconds));
    }
    if (path === '/clock' && method === 'GET') return send(control.clock());
    if (path === '/settled' && method === 'POST') {
      await control.settled();
      return send({ ok: true });
    }
    throw new SimControlError(404, 'unknown_control_route');
  };

  return async (req, res, url) => {
    if (url.pathname !== PREFIX && !url.pathname.startsWith(`${PREFIX}/`)) return false;
    try {
      await handle(req, res, url.pathname.slice(PREFIX.length), url.searchParams);
    } catch (error) {
      if (!(error instanceof SimControlError)) throw error;
      sendJson(res, error.status, {
        error: error.code,
        ...(error.issues !== undefined ? { issues: error.issues } : {}),
      });
    }
    return true;
  };
}
