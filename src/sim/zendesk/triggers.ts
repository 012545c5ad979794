import { recordInvalid } from './errors.ts';
import { type RuleCondition, TICKET_STATUSES, type TriggerRecord } from './model.ts';
import { iso } from './serialize.ts';
import type { ZendeskState } from './state.ts';
import type { TicketChange } from './tickets.ts';

/**
 * The subset of trigger conditions the simulator evaluates. Anything else is refused with 422 at creation,
 * so a setup script never believes a condition is in force when the simulator would ignore it.
 */
const SUPPORTED_FIELDS = new Set([
  'update_type',
  'status',
  'comment_is_public',
  'role',
  'current_tags',
  'priority',
  'type',
  'group_id',
  'brand_id',
  'assignee_id',
  'via_id',
]);

const STATUS_ORDER: readonly string[] = TICKET_STATUSES;

/** Zendesk's numeric via ids for the channels the simulator produces. */
const VIA_IDS: Record<string, number> = { web: 0, email: 4, api: 5 };

export function validateTriggerRules(
  state: ZendeskState,
  conditions: { all: RuleCondition[]; any: RuleCondition[] },
  actions: { field: string; value: unknown }[],
) {
  for (const c of [...conditions.all, ...conditions.any]) {
    if (!SUPPORTED_FIELDS.has(c.field)) {
      throw recordInvalid('conditions', `Conditions: ${c.field} is not supported by the simulator`);
    }
  }
  if (actions.length === 0) throw recordInvalid('actions', 'Actions: cannot be blank', 'BlankValue');
  for (const a of actions) {
    if (a.field !== 'notification_webhook') {
      throw recordInvalid('actions', `Actions: ${a.field} is not supported by the simulator`);
    }
    const value = a.value;
    if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
      throw recordInvalid('actions', 'Actions: notification_webhook needs [webhook_id, body]');
    }
    if (!state.webhooks.has(value[0]))
      throw recordInvalid('actions', `Actions: webhook ${value[0]} not found`);
  }
}

const truthy = (v: unknown) => v === true || v === 'true';

function matches(state: ZendeskState, c: RuleCondition, change: TicketChange): boolean {
  const op = c.operator ?? 'is';
  const t = change.ticket;
  const value = c.value;
  const eq = (actual: unknown) => {
    const same = String(actual ?? '') === String(value ?? '');
    if (op === 'is') return same;
    if (op === 'is_not') return !same;
    return false;
  };
  switch (c.field) {
    case 'update_type':
      return eq(change.updateType);
    case 'status': {
      const current = t.status;
      const previous = change.previousStatus;
      if (op === 'changed') return previous !== current;
      if (op === 'not_changed') return previous === current;
      if (op === 'value') return previous !== current && current === value;
      if (op === 'value_previous') return previous !== current && previous === value;
      if (op === 'not_value') return previous !== current && current !== value;
      if (op === 'less_than') return STATUS_ORDER.indexOf(current) < STATUS_ORDER.indexOf(String(value));
      if (op === 'greater_than') return STATUS_ORDER.indexOf(current) > STATUS_ORDER.indexOf(String(value));
      return eq(current);
    }
    case 'comment_is_public': {
      if (value === 'not_relevant') return true;
      // Without a comment in the update neither "public" nor "private" holds.
      if (!change.comment) return false;
      const wanted = value === 'requester_can_see_comment' ? true : truthy(value);
      return op === 'is_not' ? change.comment.public !== wanted : change.comment.public === wanted;
    }
    case 'role': {
      // Zendesk spells the end-user role "end_user" in conditions.
      const role = change.actor.role === 'end-user' ? 'end_user' : change.actor.role;
      return eq(role);
    }
    case 'current_tags': {
      const wanted = String(value ?? '')
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean);
      if (op === 'includes') return wanted.some((w) => t.tags.includes(w));
      if (op === 'not_includes') return !wanted.some((w) => t.tags.includes(w));
      return false;
    }
    case 'priority':
      return eq(t.priority);
    case 'type':
      return eq(t.type);
    case 'group_id':
      return eq(t.groupId);
    case 'brand_id':
      return eq(t.brandId);
    case 'assignee_id':
      return eq(t.assigneeId);
    case 'via_id':
      return eq(VIA_IDS[change.comment?.via.channel ?? t.via.channel]);
    default:
      void state;
      return false;
  }
}

export function triggerMatches(state: ZendeskState, trigger: TriggerRecord, change: TicketChange): boolean {
  if (!trigger.active) return false;
  const all = trigger.conditions.all.every((c) => matches(state, c, change));
  const any =
    trigger.conditions.any.length === 0 || trigger.conditions.any.some((c) => matches(state, c, change));
  return all && any;
}

const VIA_LABELS: Record<string, string> = { api: 'Web Service', email: 'Mail', web: 'Web Form' };

/** Placeholder values after the change; unknown placeholders render empty, as in Zendesk. */
export function placeholderValues(state: ZendeskState, change: TicketChange): Record<string, string> {
  const t = change.ticket;
  const requester = state.users.get(t.requesterId);
  const assignee = t.assigneeId !== null ? state.users.get(t.assigneeId) : undefined;
  const latest = t.comments.at(-1);
  const latestPublic = [...t.comments].reverse().find((c) => c.public);
  return {
    'ticket.id': String(t.id),
    'ticket.title': t.subject,
    'ticket.description': t.description,
    'ticket.status': t.status.charAt(0).toUpperCase() + t.status.slice(1),
    'ticket.priority': t.priority ?? '',
    'ticket.ticket_type': t.type ?? '',
    'ticket.external_id': t.externalId ?? '',
    'ticket.url': `${state.subdomain}.zendesk.com/agent/tickets/${t.id}`,
    'ticket.link': `https://${state.subdomain}.zendesk.com/agent/tickets/${t.id}`,
    'ticket.latest_comment': latest?.body ?? '',
    'ticket.latest_comment_html': latest?.htmlBody ?? '',
    'ticket.latest_public_comment': latestPublic?.body ?? '',
    'ticket.requester.id': String(t.requesterId),
    'ticket.requester.email': state.emailOf(t.requesterId) ?? '',
    'ticket.requester.name': requester?.name ?? '',
    'ticket.requester.external_id': requester?.externalId ?? '',
    'ticket.assignee.id': assignee ? String(assignee.id) : '',
    'ticket.assignee.email': assignee ? (state.emailOf(assignee.id) ?? '') : '',
    'ticket.assignee.name': assignee?.name ?? '',
    'ticket.group.id': t.groupId !== null ? String(t.groupId) : '',
    'ticket.group.name': t.groupId !== null ? (state.groups.get(t.groupId)?.name ?? '') : '',
    'ticket.brand.id': String(t.brandId),
    'ticket.brand.name': state.brands.get(t.brandId)?.name ?? '',
    'ticket.organization.id': t.organizationId !== null ? String(t.organizationId) : '',
    'ticket.organization.name':
      t.organizationId !== null ? (state.organizations.get(t.organizationId)?.name ?? '') : '',
    'ticket.tags': t.tags.join(' '),
    'ticket.created_at_with_timestamp': iso(t.createdAt),
    'ticket.updated_at_with_timestamp': iso(t.updatedAt),
    'ticket.via': VIA_LABELS[t.via.channel] ?? t.via.channel,
    'current_user.id': String(change.actor.id),
    'current_user.email': state.emailOf(change.actor.id) ?? '',
    'current_user.name': change.actor.name,
    'current_user.role': change.actor.role,
    'current_user.external_id': change.actor.externalId ?? '',
  };
}

/** Substitutes `{{placeholder}}` with JSON-escaped values (the body template is a JSON document). */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\\?\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
    if (whole.startsWith('\\')) return whole.slice(1); // `\{{` is a literal brace pair
    const value = values[name] ?? '';
    return JSON.stringify(value).slice(1, -1);
  });
}
