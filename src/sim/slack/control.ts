import type { IncomingMessage } from 'node:http';
import { readRawBody, sendJson } from '../http-util.ts';
import type { SimRoute, SimUpgrade } from '../sim-server.ts';
import type { SimContext } from './context.ts';
import type { SlackSim } from './index.ts';
import { ControlError, type Interactions } from './interactions.ts';
import { receiveUpload } from './methods/files.ts';
import { handleWebApi } from './web-api.ts';

const WEB_API_PATH = /^\/api\/([a-zA-Z]+(?:\.[a-zA-Z]+)+)$/;
const PREFIX = '/_sim/slack';

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readRawBody(req);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ControlError(400, 'invalid_json', ['the body must be JSON']);
  }
}

/** /api/<method>, the response_url and upload endpoints, and the /_sim/slack control API. */
export function createControlRoute(
  ctx: SimContext,
  sim: SlackSim,
  interactions: Interactions,
  sawHost: (host: string) => void,
): { route: SimRoute; upgrade: SimUpgrade } {
  const route: SimRoute = async (req, res, url) => {
    const path = url.pathname;
    const isApi = WEB_API_PATH.exec(path);
    if (!isApi && !path.startsWith(`${PREFIX}/`)) return false;
    if (req.headers.host) sawHost(req.headers.host);

    if (isApi) {
      await handleWebApi(ctx, isApi[1] ?? '', req, res, url);
      return true;
    }

    const sub = path.slice(PREFIX.length);
    const method = req.method ?? 'GET';
    const q = (key: string) => url.searchParams.get(key) ?? undefined;
    const query = (key: string) => {
      const value = q(key);
      return value === undefined ? {} : { [key]: value };
    };
    try {
      const responseMatch = /^\/response\/([0-9a-f]+)$/.exec(sub);
      const uploadMatch = /^\/upload\/(F[0-9A-Z]+)$/.exec(sub);
      const viewMatch = /^\/views\/([A-Z0-9]+)\/(submit|close)$/.exec(sub);
      const channelMatch = /^\/channels\/([A-Z0-9]+)$/.exec(sub);
      if (channelMatch && (method === 'PATCH' || method === 'POST')) {
        sendJson(res, 200, {
          ok: true,
          channel: sim.patchChannel(channelMatch[1] ?? '', (await readJson(req)) as never),
        });
        return true;
      }
      if (responseMatch && method === 'POST') {
        const raw = await readRawBody(req);
        let body: unknown = {};
        const type = String(req.headers['content-type'] ?? '');
        try {
          if (type.includes('application/x-www-form-urlencoded')) {
            body = JSON.parse(new URLSearchParams(raw.toString('utf8')).get('payload') ?? '{}');
          } else if (raw.length > 0) body = JSON.parse(raw.toString('utf8'));
        } catch {
          sendJson(res, 400, { ok: false, error: 'invalid_payload' });
          return true;
        }
        const out = interactions.respond(
          responseMatch[1] ?? '',
          typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
        );
        sendJson(res, out.status, out.body);
        return true;
      }
      if (uploadMatch && method === 'POST') {
        const out = await receiveUpload(
          ctx,
          uploadMatch[1] ?? '',
          String(req.headers['content-type'] ?? ''),
          await readRawBody(req),
        );
        res.writeHead(out.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(out.body);
        return true;
      }

      const send = (body: unknown, status = 200) => sendJson(res, status, body);
      const key = `${method} ${sub}`;
      switch (key) {
        case 'GET /messages':
          send({ messages: sim.messages(query('channel')) });
          return true;
        case 'POST /commands':
          send(await sim.command((await readJson(req)) as never));
          return true;
        case 'POST /actions':
          send(await sim.action((await readJson(req)) as never));
          return true;
        case 'POST /shortcuts':
          send(await sim.shortcut((await readJson(req)) as never));
          return true;
        case 'GET /views':
          send({ views: sim.views(query('user')) });
          return true;
        case 'GET /users':
          send({ users: sim.users() });
          return true;
        case 'POST /user-messages':
          send(await sim.userMessage((await readJson(req)) as never));
          return true;
        case 'GET /ephemerals':
          send({ ephemerals: sim.ephemerals(query('user')) });
          return true;
        case 'GET /responses':
          send({ responses: sim.responses(query('user')) });
          return true;
        case 'GET /files':
          send({ files: sim.files() });
          return true;
        case 'GET /calls':
          send({ calls: sim.calls(query('method')) });
          return true;
        case 'POST /faults':
          sim.fault((await readJson(req)) as never);
          send({ ok: true, faults: sim.status().faults });
          return true;
        case 'POST /channels':
          send({ ok: true, channel: sim.addChannel((await readJson(req)) as never) });
          return true;
        case 'POST /rate':
          sim.setRate((await readJson(req)) as never);
          send({ ok: true, rate: sim.status().rate, methodRates: sim.status().methodRates });
          return true;
        case 'POST /latency':
          sim.setLatency((await readJson(req)) as never);
          send({ ok: true, latency: sim.status().latency });
          return true;
        case 'POST /socket/disconnect':
          send({ ok: true, ...sim.disconnectSocket((await readJson(req)) as never) });
          return true;
        case 'POST /events':
          send(await sim.event((await readJson(req)) as never));
          return true;
        case 'GET /home':
          send({ views: sim.home(query('user')) });
          return true;
        case 'GET /status':
          send(sim.status());
          return true;
        case 'POST /reset':
          sim.reset();
          send({ ok: true });
          return true;
      }
      if (viewMatch && method === 'POST') {
        const body = await readJson(req);
        const viewId = viewMatch[1] ?? '';
        send(
          viewMatch[2] === 'submit'
            ? await sim.submitView(viewId, body as never)
            : await sim.closeView(viewId, body as never),
        );
        return true;
      }
      sendJson(res, 404, { error: 'not_found', issues: [`no control route ${method} ${path}`] });
      return true;
    } catch (error) {
      if (error instanceof ControlError) {
        sendJson(res, error.status, { error: error.error, issues: error.issues });
        return true;
      }
      throw error;
    }
  };

  const upgrade: SimUpgrade = (req, socket, head, url) => {
    const match = /^\/_sim\/slack\/socket\/([0-9a-f]+)$/.exec(url.pathname);
    if (!match) return false;
    return ctx.delivery.upgrade(req, socket, head, match[1] ?? '');
  };

  return { route, upgrade };
}
