import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimRoute } from '../sim-server.ts';
import { createApiRoute } from './api-routes.ts';
import { createControl, type ZendeskControl } from './control.ts';
import { createControlRoute } from './control-routes.ts';
import {
  createFaultInjector,
  createLatency,
  createWindowLimiter,
  PLAN_RATE_PER_MINUTE,
  type ZendeskCall,
  type ZendeskPlan,
} from './limits.ts';
import { createZendeskState, type SimClock } from './state.ts';
import { createTicketOps, type TicketChange } from './tickets.ts';
import { placeholderValues, renderTemplate, triggerMatches } from './triggers.ts';
import { createWebhookDelivery, type WebhookDeliveryOptions } from './webhook-delivery.ts';

export type {
  AgentPatchInput,
  ControlComment,
  CustomerReplyInput,
  FaultInput,
  LatencyInput,
  MergeInput,
  OpenTicketInput,
  ZendeskControl,
} from './control.ts';
export type { FaultStatus, ZendeskCall, ZendeskPlan } from './limits.ts';
export { PLAN_RATE_PER_MINUTE } from './limits.ts';
export type { SimClock } from './state.ts';
export type { DeliveryAttempt, DeliveryStatus, WebhookDeliveryOptions } from './webhook-delivery.ts';
export { signWebhook } from './webhook-delivery.ts';

export interface ZendeskSimOptions {
  /** Used in resource urls and placeholders (`{{ticket.url}}`); requests go to the loopback server anyway. */
  subdomain: string;
  /** The API user (an admin). Any agent's email works with the token, like a real account-wide API token. */
  agentEmail: string;
  apiToken: string;
  /** Support API budget per minute; default: the plan's (Team 200/min). */
  ratePerMinute?: number;
  /** Zendesk plan whose per-minute limit applies unless `ratePerMinute` is given; default `team`. */
  plan?: ZendeskPlan;
  /** API response time; default off. POST /_sim/zendesk/latency changes it. */
  latency?: { p50Ms: number; p99Ms: number } | null;
  /** Base clock (epoch ms); POST /_sim/zendesk/clock moves the simulator ahead of it. */
  clock?: SimClock;
  /** Webhook delivery timing: tests pass an instant `sleep` so retries do not wait for real. */
  webhooks?: WebhookDeliveryOptions;
}

export interface ZendeskSim extends ZendeskControl {
  /** Mount on the shared sim server: answers /api/v2/... and /_sim/zendesk/... */
  readonly route: SimRoute;
  /** Id of the API user (agentEmail). */
  readonly apiUserId: number;
}

export function createZendeskSim(opts: ZendeskSimOptions): ZendeskSim {
  const state = createZendeskState({
    subdomain: opts.subdomain,
    agentEmail: opts.agentEmail,
    clock: opts.clock,
  });
  const delivery = createWebhookDelivery({ state, options: opts.webhooks });
  const faults = createFaultInjector();
  const accountLimit = createWindowLimiter(
    opts.ratePerMinute ?? PLAN_RATE_PER_MINUTE[opts.plan ?? 'team'],
    60_000,
  );
  const latency = createLatency(opts.latency ?? null);
  const calls: ZendeskCall[] = [];

  /** Every ticket write runs the active triggers once, in position order, and queues their webhooks. */
  const fireTriggers = (change: TicketChange) => {
    const triggers = [...state.triggers.values()].sort((a, b) => a.position - b.position || a.id - b.id);
    for (const trigger of triggers) {
      if (!triggerMatches(state, trigger, change)) continue;
      const values = placeholderValues(state, change);
      for (const action of trigger.actions) {
        if (action.field !== 'notification_webhook' || !Array.isArray(action.value)) continue;
        const [webhookId, template] = action.value as [unknown, unknown];
        const webhook = typeof webhookId === 'string' ? state.webhooks.get(webhookId) : undefined;
        if (!webhook || typeof template !== 'string') continue;
        delivery.enqueue({
          webhook,
          body: renderTemplate(template, values),
          triggerId: trigger.id,
          ticketId: change.ticket.id,
        });
      }
    }
  };

  const tickets = createTicketOps({ state, onChange: fireTriggers });
  const control = createControl({ state, tickets, delivery, faults, accountLimit, latency, calls });
  const api = createApiRoute({
    state,
    tickets,
    apiToken: opts.apiToken,
    accountLimit,
    faults,
    latency,
    calls,
  });
  const controlRoute = createControlRoute(control);
  const route: SimRoute = async (req: IncomingMessage, res: ServerResponse, url: URL) =>
    (await api(req, res, url)) || (await controlRoute(req, res, url));

  return { ...control, route, apiUserId: state.apiUserId };
}
