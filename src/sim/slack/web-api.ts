import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody, sendJson } from '../http-util.ts';
import { type Args, parseArgs } from './args.ts';
import type { SimContext } from './context.ts';
import { COMMON_ERRORS, isSlackMethod, METHOD_ERRORS, SlackApiError } from './errors.ts';
import { chatMethods } from './methods/chat.ts';
import { type MethodTable, RateLimitedError } from './methods/common.ts';
import { conversationMethods } from './methods/conversations.ts';
import { fileMethods } from './methods/files.ts';
import { authMethods, reactionMethods, userMethods } from './methods/users-auth-reactions.ts';
import { viewMethods } from './methods/views.ts';
import type { Fault } from './types.ts';

export const METHODS: MethodTable = {
  ...authMethods,
  ...chatMethods,
  ...conversationMethods,
  ...userMethods,
  ...viewMethods,
  ...fileMethods,
  ...reactionMethods,
};

const JSON_ARGS = ['blocks', 'view', 'metadata', 'files', 'attachments'];

/** Args as the call log shows them: no token, JSON-string arguments decoded. */
function loggedArgs(args: Args): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === 'token') continue;
    if (JSON_ARGS.includes(key) && typeof value === 'string') {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string
      }
    }
    out[key] = value;
  }
  return out;
}

function bearer(req: IncomingMessage, args: Args): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
}

/** Requests left hanging by a 'timeout' fault, so close() can end them. */
export const hangingResponses = new WeakMap<SimContext, Set<ServerResponse>>();

/** Serves POST|GET /api/<method> like slack.com/api does: HTTP 200 with ok true/false, 429 when limited. */
export async function handleWebApi(
  ctx: SimContext,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const at = ctx.clock.now();
  const raw = await readRawBody(req);
  let args: Args = {};
  const log = (status: number, body: Record<string, unknown>) => {
    const trigger = typeof args.trigger_id === 'string' ? ctx.store.triggers.get(args.trigger_id) : undefined;
    ctx.store.calls.push({
      method,
      status,
      ok: body.ok === true,
      ...(typeof body.error === 'string' ? { error: body.error } : {}),
      at,
      args: loggedArgs(args),
      ...(trigger ? { trigger_age_ms: ctx.clock.now() - trigger.created } : {}),
    });
  };
  const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    log(status, body);
    sendJson(res, status, body, headers);
  };

  try {
    args = parseArgs(String(req.headers['content-type'] ?? ''), raw, url.searchParams);
  } catch (error) {
    if (error instanceof SlackApiError) return answer(200, error.body());
    throw error;
  }

  if (ctx.latency) {
    const { min_ms, max_ms } = ctx.latency;
    await new Promise((r) => setTimeout(r, min_ms + Math.random() * Math.max(0, max_ms - min_ms)));
  }

  const hang = (hangMs: number | undefined) => {
    // Never answer: the client's own timeout (or the simulator closing) ends it.
    const hanging = hangingResponses.get(ctx) ?? new Set<ServerResponse>();
    hangingResponses.set(ctx, hanging);
    hanging.add(res);
    const timer = setTimeout(() => res.destroy(), hangMs ?? 60_000);
    timer.unref();
    res.on('close', () => {
      clearTimeout(timer);
      hanging.delete(res);
    });
  };
  /** Fails the call the way the fault says; `done` = the work was done first (a fault "after"). */
  const failWith = (f: Fault, done: boolean) => {
    const suffix = done ? '_after_write' : '';
    if (f.status === 'error') return answer(200, { ok: false, error: f.error ?? 'invalid_blocks' });
    if (f.status === 500) return answer(500, { ok: false, error: `internal_error${suffix}` });
    if (f.status === 429)
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(f.retry_after ?? 1) });
    if (f.status === 'reset') {
      log(0, { ok: false, error: `connection_reset${suffix}` });
      res.socket?.destroy();
      return;
    }
    log(0, { ok: false, error: `timeout${suffix}` });
    hang(f.hang_ms);
  };

  const fault = ctx.faults.take(method, 'before');
  if (fault) return failWith(fault, false);

  const token = bearer(req, args);
  if (!token) return answer(200, { ok: false, error: 'not_authed' });
  const tokenType = token === ctx.config.botToken ? 'bot' : token === ctx.config.appToken ? 'app' : undefined;
  if (!tokenType) return answer(200, { ok: false, error: 'invalid_auth' });

  const def = isSlackMethod(method) ? METHODS[method] : undefined;
  if (!def || !isSlackMethod(method))
    return answer(200, { ok: false, error: 'unknown_method', req_method: method });
  if (def.token !== tokenType) return answer(200, { ok: false, error: 'not_allowed_token_type' });

  const retryAfter = ctx.methodRate.take(method);
  if (retryAfter !== undefined)
    return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });

  try {
    const result = await def.handle({ ctx, args });
    const after = ctx.faults.take(method, 'after');
    if (after) return failWith(after, true);
    return answer(200, { ok: true, ...result });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(error.retryAfter) });
    }
    if (error instanceof SlackApiError) {
      const allowed: readonly string[] = [...METHOD_ERRORS[method], ...COMMON_ERRORS];
      if (!allowed.includes(error.error)) {
        // A bug in the simulator, not a Slack answer: fail loudly so tests notice.
        return answer(500, {
          ok: false,
          error: 'simulator_error',
          message: `${method} may not answer ${error.error}`,
        });
      }
      return answer(200, error.body());
    }
    throw error;
  }
}
