import { type Args, optJson, optString, reqString } from '../args.ts';
import { LIMITS, validateView } from '../block-kit.ts';
import type { SimContext } from '../context.ts';
import { slackError } from '../errors.ts';
import { TRIGGER_ID_PATTERN } from '../ids.ts';
import { findView, findViewByExternalId, type TriggerRecord } from '../store.ts';
import type { StoredView, ViewState } from '../types.ts';
import { type MethodTable, viewObject } from './common.ts';

export const TRIGGER_TTL_MS = 3000;
export const MAX_MODAL_STACK = 3;

type ViewMethod = 'views.open' | 'views.push' | 'views.update' | 'views.publish';

function useTrigger(ctx: SimContext, method: 'views.open' | 'views.push', triggerId: string): TriggerRecord {
  if (!TRIGGER_ID_PATTERN.test(triggerId)) throw slackError(method, 'invalid_trigger_id');
  const trigger = ctx.store.triggers.get(triggerId);
  if (!trigger) throw slackError(method, 'invalid_trigger_id');
  if (trigger.used) throw slackError(method, 'exchanged_trigger_id');
  if (ctx.clock.now() - trigger.created > TRIGGER_TTL_MS) throw slackError(method, 'expired_trigger_id');
  trigger.used = true;
  return trigger;
}

/** Parses and checks the `view` argument the way Slack does; answers the definition to store. */
export function readViewDefinition(
  method: ViewMethod,
  view: unknown,
  expected: 'modal' | 'home',
  pointer = '/view',
): Record<string, unknown> {
  // "greater than 250kb": bytes on the wire, so Japanese text (3 bytes a character in UTF-8) counts thrice.
  if (Buffer.byteLength(JSON.stringify(view ?? null), 'utf8') > LIMITS.viewBytes)
    throw slackError(method, 'view_too_large');
  const problems = validateView(view, expected, pointer);
  if (problems.length > 0) throw slackError(method, 'invalid_arguments', ...problems);
  return view as Record<string, unknown>;
}

function viewArg(method: ViewMethod, args: Args): unknown {
  const parsed = optJson(args, 'view');
  if (!parsed) throw slackError(method, 'invalid_arguments', '[ERROR] missing required field: view');
  if ('bad' in parsed) throw slackError(method, 'invalid_arguments', '[ERROR] view must be a JSON object');
  return parsed.value;
}

function checkExternalId(
  ctx: SimContext,
  method: ViewMethod,
  definition: Record<string, unknown>,
  except?: StoredView,
) {
  const externalId = typeof definition.external_id === 'string' ? definition.external_id : '';
  if (externalId === '') return;
  const other = findViewByExternalId(ctx.store, externalId);
  if (other && other !== except) throw slackError(method, 'duplicate_external_id');
}

export function newView(
  ctx: SimContext,
  user: string,
  type: 'modal' | 'home',
  definition: Record<string, unknown>,
  previous?: StoredView,
): StoredView {
  const id = ctx.ids.id('V');
  return {
    id,
    team_id: ctx.config.teamId,
    type,
    user,
    definition,
    hash: ctx.ids.hash(),
    state: { values: {} },
    external_id: typeof definition.external_id === 'string' ? definition.external_id : '',
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.id ?? null,
  };
}

/** Input values survive an update only where block_id and action_id are unchanged. */
function keptState(state: ViewState, definition: Record<string, unknown>): ViewState {
  const blocks = Array.isArray(definition.blocks) ? definition.blocks : [];
  const values: ViewState['values'] = {};
  for (const block of blocks as Record<string, unknown>[]) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    const old = blockId ? state.values[blockId] : undefined;
    if (!blockId || !old) continue;
    const element = block.element as Record<string, unknown> | undefined;
    const actionIds = [
      element?.action_id,
      ...((block.elements as Record<string, unknown>[] | undefined) ?? []).map((e) => e.action_id),
    ];
    const kept = Object.fromEntries(Object.entries(old).filter(([actionId]) => actionIds.includes(actionId)));
    if (Object.keys(kept).length > 0) values[blockId] = kept;
  }
  return { values };
}

/** Replaces a stored view's definition (views.update, response_action "update"). */
export function replaceView(ctx: SimContext, view: StoredView, definition: Record<string, unknown>) {
  view.state = keptState(view.state, definition);
  view.definition = definition;
  view.hash = ctx.ids.hash();
  view.external_id = typeof definition.external_id === 'string' ? definition.external_id : view.external_id;
  delete view.errors;
}

export const viewMethods: MethodTable = {
  'views.open': {
    token: 'bot',
    handle({ ctx, args }) {
      const triggerId = reqString(args, 'trigger_id');
      const raw = viewArg('views.open', args);
      const trigger = useTrigger(ctx, 'views.open', triggerId);
      const definition = readViewDefinition('views.open', raw, 'modal');
      checkExternalId(ctx, 'views.open', definition);
      const view = newView(ctx, trigger.user, 'modal', definition);
      // A user sees one modal at a time; opening another replaces it.
      ctx.store.modalStacks.set(trigger.user, [view]);
      ctx.activity.emit({ kind: 'view', user: trigger.user });
      return { view: viewObject(ctx, view) };
    },
  },

  'views.push': {
    token: 'bot',
    handle({ ctx, args }) {
      const triggerId = reqString(args, 'trigger_id');
      const raw = viewArg('views.push', args);
      const trigger = useTrigger(ctx, 'views.push', triggerId);
      const stack = ctx.store.modalStacks.get(trigger.user);
      const top = stack?.[stack.length - 1];
      if (!stack || !top) throw slackError('views.push', 'not_found');
      if (stack.length >= MAX_MODAL_STACK) throw slackError('views.push', 'push_limit_reached');
      const definition = readViewDefinition('views.push', raw, 'modal');
      checkExternalId(ctx, 'views.push', definition);
      const view = newView(ctx, trigger.user, 'modal', definition, top);
      stack.push(view);
      ctx.activity.emit({ kind: 'view', user: trigger.user });
      return { view: viewObject(ctx, view) };
    },
  },

  'views.update': {
    token: 'bot',
    handle({ ctx, args }) {
      const viewId = optString(args, 'view_id');
      const externalId = optString(args, 'external_id');
      if (!viewId && !externalId)
        throw slackError(
          'views.update',
          'invalid_arguments',
          '[ERROR] either view_id or external_id is required',
        );
      const raw = viewArg('views.update', args);
      const view = viewId ? findView(ctx.store, viewId) : findViewByExternalId(ctx.store, externalId ?? '');
      if (!view) throw slackError('views.update', 'not_found');
      const hash = optString(args, 'hash');
      if (hash !== undefined && hash !== view.hash) throw slackError('views.update', 'hash_conflict');
      const definition = readViewDefinition('views.update', raw, view.type);
      checkExternalId(ctx, 'views.update', definition, view);
      replaceView(ctx, view, definition);
      ctx.activity.emit({ kind: 'view', user: view.user });
      return { view: viewObject(ctx, view) };
    },
  },

  'views.publish': {
    token: 'bot',
    handle({ ctx, args }) {
      const userId = reqString(args, 'user_id');
      const user = ctx.store.users.find((u) => u.id === userId && !u.is_bot);
      if (!user) throw slackError('views.publish', 'invalid_arguments', `[ERROR] unknown user_id: ${userId}`);
      const raw = viewArg('views.publish', args);
      const current = ctx.store.homes.get(user.id);
      const hash = optString(args, 'hash');
      if (hash !== undefined && current && hash !== current.hash)
        throw slackError('views.publish', 'hash_conflict');
      const definition = readViewDefinition('views.publish', raw, 'home');
      checkExternalId(ctx, 'views.publish', definition, current);
      let view: StoredView;
      if (current) {
        replaceView(ctx, current, definition);
        view = current;
      } else {
        view = newView(ctx, user.id, 'home', definition);
        ctx.store.homes.set(user.id, view);
      }
      ctx.activity.emit({ kind: 'view', user: user.id });
      return { view: viewObject(ctx, view) };
    },
  },
};
