import { randomUUID } from 'node:crypto';
import { validateMessageBlocks, validateView } from './block-kit.ts';
import type { ActivityEvent, SimContext } from './context.ts';
import type { EnvelopeType } from './delivery.ts';
import { commandText } from './escape.ts';
import { viewObject } from './methods/common.ts';
import { MAX_MODAL_STACK, newView, replaceView } from './methods/views.ts';
import { APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, VERIFICATION_TOKEN } from './seed.ts';
import { findMessage, findView, insertMessage, toSlackMessage } from './store.ts';
import type {
  AckResult,
  InteractionResponse,
  SimChannel,
  SimUser,
  StoredEphemeral,
  StoredMessage,
  StoredView,
} from './types.ts';

/** A problem with a control request (unknown user, message, action...): HTTP status + error name. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly issues: unknown[] = [],
  ) {
    super(error);
  }
}

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const DEFAULT_WAIT_MS = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface InteractionResult extends AckResult {
  responses: InteractionResponse[];
  /**
   * What Slack shows the user when the app did not ack in time: a warning next to the button or an
   * "operation_timeout" error for a command. Absent when acked.
   */
  user_error?: string;
}

export interface SubmitResult extends AckResult {
  /** What the simulator did with the view stack after the ack. */
  applied: 'errors' | 'update' | 'push' | 'clear' | 'close' | 'none';
  problems?: string[];
}

export function createInteractions(ctx: SimContext) {
  const { store } = ctx;

  function user(id: string): SimUser {
    const found = store.users.find((u) => u.id === id && !u.is_bot);
    if (!found) throw new ControlError(404, 'user_not_found', [`no user ${id}`]);
    return found;
  }

  function channel(id: string): SimChannel {
    const found =
      store.channels.get(id) ?? [...store.channels.values()].find((c) => c.name === id.replace(/^#/, ''));
    if (!found) throw new ControlError(404, 'channel_not_found', [`no channel ${id}`]);
    return found;
  }

  const userRef = (u: SimUser) => ({ id: u.id, username: u.name, name: u.name, team_id: ctx.config.teamId });
  const team = () => ({ id: ctx.config.teamId, domain: TEAM_DOMAIN });

  function newTrigger(userId: string, viewId?: string): string {
    const id = ctx.ids.triggerId();
    store.triggers.set(id, {
      user: userId,
      created: ctx.clock.now(),
      used: false,
      ...(viewId ? { viewId } : {}),
    });
    return id;
  }

  function newResponseUrl(
    userId: string,
    channelId: string,
    origin?: { ts: string; ephemeral: boolean },
  ): string {
    const id = ctx.ids.token(12);
    store.responseUrls.set(id, {
      id,
      user: userId,
      channel: channelId,
      created: ctx.clock.now(),
      uses: 0,
      ...(origin ? { originTs: origin.ts, originEphemeral: origin.ephemeral } : {}),
    });
    return `${ctx.baseUrl()}/_sim/slack/response/${id}`;
  }

  /**
   * Delivers, then waits (after a successful ack) for the first sign that the bot answered this
   * user: a response_url post, an ephemeral, a view, or a message in the channel; at most waitMs.
   */
  async function deliverAndCollect(
    type: EnvelopeType,
    payload: Obj,
    who: { user: string; channel?: string },
    waitMs: number,
  ): Promise<InteractionResult> {
    const responses: InteractionResponse[] = [];
    let answered!: () => void;
    const first = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const concerns = (e: ActivityEvent) =>
      e.kind === 'message' ? e.channel === who.channel : e.user === who.user;
    const off = ctx.activity.on((event) => {
      if (!concerns(event)) return;
      if (event.kind === 'response') responses.push(event.response);
      answered();
    });
    try {
      const ack = await ctx.delivery.deliver(type, payload);
      if (ack.acked && waitMs > 0) {
        const timer = sleep(waitMs);
        await Promise.race([first.then(() => sleep(25)), timer]);
      }
      if (!ack.acked && type === 'slash_commands')
        return {
          ...ack,
          responses,
          user_error: `${String(payload.command)} failed with the error "operation_timeout"`,
        };
      if (!ack.acked && type === 'interactive')
        return { ...ack, responses, user_error: 'warning: this app did not respond (the click failed)' };
      return { ...ack, responses };
    } finally {
      off();
    }
  }

  /** A command ack with text is shown to the user like an ephemeral (or posted, for in_channel). */
  function applyCommandAck(ack: unknown, u: SimUser, c: SimChannel) {
    if (!isObj(ack)) return;
    const text = typeof ack.text === 'string' ? ack.text : '';
    const blocks = Array.isArray(ack.blocks) ? ack.blocks : undefined;
    if (text === '' && !blocks) return;
    if (ack.response_type === 'in_channel') {
      postAsBot(c.id, text, blocks);
    } else {
      store.ephemerals.push({
        channel: c.id,
        user: u.id,
        ts: ctx.ids.ts(),
        text,
        ...(blocks ? { blocks } : {}),
        source: 'ack',
      });
    }
  }

  function postAsBot(channelId: string, text: string, blocks?: unknown[], threadTs?: string): StoredMessage {
    const message: StoredMessage = {
      channel: channelId,
      ts: ctx.ids.ts(),
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      text,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    insertMessage(store, message);
    ctx.activity.emit({ kind: 'message', channel: channelId, ts: message.ts });
    return message;
  }

  function eventCallback(event: Obj): Obj {
    return {
      token: VERIFICATION_TOKEN,
      team_id: ctx.config.teamId,
      context_team_id: ctx.config.teamId,
      api_app_id: APP_ID,
      event,
      type: 'event_callback',
      event_id: ctx.ids.id('Ev'),
      event_time: Math.floor(ctx.clock.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: ctx.config.teamId,
          user_id: BOT_USER_ID,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `EC${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    };
  }

  function messageEvent(m: StoredMessage): Obj {
    const c = store.channels.get(m.channel);
    const event: Obj = {
      type: 'message',
      channel: m.channel,
      user: m.user,
      text: m.text,
      ts: m.ts,
      event_ts: m.ts,
      team: ctx.config.teamId,
      channel_type: c?.is_im ? 'im' : 'channel',
    };
    if (m.client_msg_id) event.client_msg_id = m.client_msg_id;
    if (m.blocks) event.blocks = m.blocks;
    if (m.bot_id) event.bot_id = m.bot_id;
    if (m.files) event.files = m.files;
    if (m.thread_ts && m.thread_ts !== m.ts) {
      event.thread_ts = m.thread_ts;
      const parent = findMessage(store, m.channel, m.thread_ts);
      if (parent) event.parent_user_id = parent.user;
    }
    return event;
  }

  // ---- element lookup for block_actions -------------------------------------------------------

  interface FoundElement {
    element: Obj;
    blockId: string;
  }

  function interactiveElements(blocks: unknown[]): FoundElement[] {
    const found: FoundElement[] = [];
    blocks.forEach((block, index) => {
      if (!isObj(block)) return;
      // Slack gives blocks without a block_id a generated one; this one is stable per position.
      const blockId = typeof block.block_id === 'string' ? block.block_id : `sim-block-${index}`;
      const candidates = [
        ...(Array.isArray(block.elements) ? block.elements : []),
        block.accessory,
        block.element,
      ];
      for (const element of candidates)
        if (isObj(element) && typeof element.action_id === 'string') found.push({ element, blockId });
    });
    return found;
  }

  function optionsOf(element: Obj): Obj[] {
    const options = Array.isArray(element.options) ? element.options : [];
    const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
    return [
      ...options,
      ...groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : [])),
    ].filter(isObj);
  }

  function actionFor(found: FoundElement, value: string | undefined): Obj {
    const { element, blockId } = found;
    const action: Obj = {
      type: element.type,
      action_id: element.action_id,
      block_id: blockId,
      action_ts: ctx.ids.ts(),
    };
    switch (element.type) {
      case 'button':
        action.text = element.text;
        if (element.value !== undefined || value !== undefined) action.value = element.value ?? value;
        if (element.style !== undefined) action.style = element.style;
        break;
      case 'static_select':
      case 'overflow':
      case 'radio_buttons': {
        const option = optionsOf(element).find((o) => o.value === value);
        if (!option)
          throw new ControlError(400, 'option_not_found', [`no option with value ${String(value)}`]);
        action.selected_option = option;
        break;
      }
      case 'checkboxes':
      case 'multi_static_select': {
        const values = (value ?? '').split(',').filter(Boolean);
        action.selected_options = optionsOf(element).filter((o) => values.includes(String(o.value)));
        break;
      }
      case 'users_select':
        action.selected_user = value;
        break;
      case 'conversations_select':
        action.selected_conversation = value;
        break;
      case 'channels_select':
        action.selected_channel = value;
        break;
      case 'datepicker':
        action.selected_date = value;
        break;
      default:
        if (value !== undefined) action.value = value;
    }
    return action;
  }

  function pickElement(
    blocks: unknown[],
    actionId: string,
    blockId: string | undefined,
    value: string | undefined,
  ): FoundElement {
    const matches = interactiveElements(blocks).filter(
      (f) => f.element.action_id === actionId && (!blockId || f.blockId === blockId),
    );
    const found =
      matches.find(
        (f) => value === undefined || f.element.value === undefined || f.element.value === value,
      ) ?? matches[0];
    if (!found)
      throw new ControlError(404, 'action_not_found', [
        `no element with action_id ${actionId}${blockId ? ` in block ${blockId}` : ''}`,
      ]);
    return found;
  }

  // ---- view state translation ------------------------------------------------------------------

  function stateValue(element: Obj, value: unknown): Obj {
    const type = String(element.type);
    const options = optionsOf(element);
    const option = (v: unknown) => options.find((o) => o.value === v) ?? null;
    const list = (v: unknown) =>
      Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
    switch (type) {
      case 'static_select':
      case 'radio_buttons':
      case 'external_select':
        return { type, selected_option: value === undefined || value === null ? null : option(value) };
      case 'multi_static_select':
      case 'checkboxes':
        return { type, selected_options: list(value).map(option).filter(Boolean) };
      case 'users_select':
        return { type, selected_user: value ?? null };
      case 'multi_users_select':
        return { type, selected_users: list(value) };
      case 'conversations_select':
        return { type, selected_conversation: value ?? null };
      case 'multi_conversations_select':
        return { type, selected_conversations: list(value) };
      case 'channels_select':
        return { type, selected_channel: value ?? null };
      case 'multi_channels_select':
        return { type, selected_channels: list(value) };
      case 'datepicker':
        return { type, selected_date: value ?? null };
      case 'timepicker':
        return { type, selected_time: value ?? null };
      case 'datetimepicker':
        return { type, selected_date_time: value ?? null };
      case 'rich_text_input':
        return {
          type,
          rich_text_value:
            typeof value === 'string'
              ? {
                  type: 'rich_text',
                  elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: value }] }],
                }
              : (value ?? null),
        };
      default:
        return { type, value: value === undefined || value === null ? null : String(value) };
    }
  }

  /**
   * What the user typed into some inputs before an interaction (block_actions carry the view's state):
   * merged into the stored state, no required-input check. Same value shapes as a submission.
   */
  function typeInto(view: StoredView, values: Obj): void {
    const blocks = Array.isArray(view.definition.blocks)
      ? (view.definition.blocks as unknown[]).filter(isObj)
      : [];
    for (const [blockId, given] of Object.entries(values)) {
      const block = blocks.find((b) => b.type === 'input' && b.block_id === blockId && isObj(b.element));
      if (!block)
        throw new ControlError(400, 'unknown_block_id', [`no input block ${blockId} in view ${view.id}`]);
      const element = block.element as Obj;
      view.state.values[blockId] = {
        [String(element.action_id ?? 'sim-action')]: stateValue(element, given),
      };
    }
  }

  /** Accepts Slack's state.values shape or a simple {block_id: value} map; checks required inputs. */
  function translateValues(view: StoredView, values: Obj): StoredView['state'] {
    const blocks = Array.isArray(view.definition.blocks)
      ? (view.definition.blocks as unknown[]).filter(isObj)
      : [];
    const inputs = blocks.filter(
      (b) => b.type === 'input' && typeof b.block_id === 'string' && isObj(b.element),
    );
    const out: StoredView['state']['values'] = {};
    const missing: string[] = [];
    for (const block of inputs) {
      const blockId = block.block_id as string;
      const element = block.element as Obj;
      const actionId = String(element.action_id ?? 'sim-action');
      const given = values[blockId];
      const slackShaped =
        isObj(given) && Object.values(given).every((v) => isObj(v) && typeof v.type === 'string');
      const entry = slackShaped ? (given as Record<string, Obj>) : { [actionId]: stateValue(element, given) };
      out[blockId] = entry;
      const state = Object.values(entry)[0] ?? {};
      const empty = Object.entries(state)
        .filter(([k]) => k !== 'type')
        .every(([, v]) => v === null || v === '' || (Array.isArray(v) && v.length === 0));
      if (empty && block.optional !== true) missing.push(blockId);
    }
    const unknown = Object.keys(values).filter((k) => !inputs.some((b) => b.block_id === k));
    if (unknown.length > 0)
      throw new ControlError(
        400,
        'unknown_block_id',
        unknown.map((k) => `no input block ${k} in view ${view.id}`),
      );
    // Slack's client refuses to submit while a required input is empty.
    if (missing.length > 0)
      throw new ControlError(
        400,
        'required_input_missing',
        missing.map((k) => `input ${k} is required`),
      );
    return { values: out };
  }

  function stackOf(view: StoredView): StoredView[] {
    const stack = store.modalStacks.get(view.user);
    if (!stack?.includes(view))
      throw new ControlError(404, 'view_not_found', [`view ${view.id} is not open`]);
    return stack;
  }

  // ---- the operations ----------------------------------------------------------------------------

  return {
    newTrigger,
    eventCallback,
    messageEvent,

    async command(input: {
      user: string;
      channel: string;
      command: string;
      text: string;
      wait_ms?: number;
    }): Promise<InteractionResult> {
      const u = user(input.user);
      const c = channel(input.channel);
      const payload = {
        token: VERIFICATION_TOKEN,
        team_id: ctx.config.teamId,
        team_domain: TEAM_DOMAIN,
        channel_id: c.id,
        channel_name: c.is_im ? 'directmessage' : c.name,
        user_id: u.id,
        user_name: u.name,
        command: input.command,
        text: commandText(
          input.text,
          ctx.config.escapedCommands.has(input.command),
          store.users,
          store.channels.values(),
        ),
        api_app_id: APP_ID,
        is_enterprise_install: 'false',
        response_url: newResponseUrl(u.id, c.id),
        trigger_id: newTrigger(u.id),
      };
      const result = await deliverAndCollect(
        'slash_commands',
        payload,
        { user: u.id, channel: c.id },
        input.wait_ms ?? DEFAULT_WAIT_MS,
      );
      if (result.acked) applyCommandAck(result.ack, u, c);
      return result;
    },

    async action(input: {
      user: string;
      channel?: string;
      message_ts?: string;
      action_id: string;
      value?: string;
      block_id?: string;
      view_id?: string;
      values?: Obj;
      wait_ms?: number;
    }): Promise<InteractionResult> {
      const u = user(input.user);
      const base = {
        type: 'block_actions',
        user: userRef(u),
        api_app_id: APP_ID,
        token: VERIFICATION_TOKEN,
        team: team(),
        enterprise: null,
        is_enterprise_install: false,
      };
      if (input.view_id) {
        const view = findView(store, input.view_id);
        if (!view || view.user !== u.id)
          throw new ControlError(404, 'view_not_found', [`no open view ${input.view_id} for ${u.id}`]);
        const found = pickElement(
          (view.definition.blocks as unknown[]) ?? [],
          input.action_id,
          input.block_id,
          input.value,
        );
        if (input.values) typeInto(view, input.values);
        // A dispatching input sends its own value, and the view's state holds it too.
        const dispatching = ((view.definition.blocks as Obj[]) ?? []).find(
          (b) => b.type === 'input' && b.block_id === found.blockId && b.dispatch_action === true,
        );
        if (dispatching && input.value !== undefined) typeInto(view, { [found.blockId]: input.value });
        const payload = {
          ...base,
          container: { type: 'view', view_id: view.id },
          trigger_id: newTrigger(u.id, view.id),
          view: viewObject(ctx, view),
          state: view.state,
          actions: [actionFor(found, input.value)],
        };
        return deliverAndCollect('interactive', payload, { user: u.id }, input.wait_ms ?? DEFAULT_WAIT_MS);
      }
      if (!input.channel || !input.message_ts)
        throw new ControlError(400, 'invalid_request', ['channel and message_ts, or view_id, are required']);
      const c = channel(input.channel);
      const message = findMessage(store, c.id, input.message_ts);
      const ephemeral = message
        ? undefined
        : store.ephemerals.find(
            (e) => e.channel === c.id && e.ts === input.message_ts && e.user === u.id && !e.deleted,
          );
      if (!message && !ephemeral)
        throw new ControlError(404, 'message_not_found', [`no message ${input.message_ts} in ${c.id}`]);
      const blocks = (message?.blocks ?? ephemeral?.blocks ?? []) as unknown[];
      const found = pickElement(blocks, input.action_id, input.block_id, input.value);
      const threadTs = message?.thread_ts ?? ephemeral?.thread_ts;
      const payload = {
        ...base,
        container: {
          type: 'message',
          message_ts: input.message_ts,
          channel_id: c.id,
          is_ephemeral: ephemeral !== undefined,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
        trigger_id: newTrigger(u.id),
        channel: { id: c.id, name: c.is_im ? 'directmessage' : c.name },
        // Slack leaves the message out for ephemerals: the app never stored them.
        ...(message ? { message: toSlackMessage(store, message, ctx.config.teamId) } : {}),
        state: { values: {} },
        response_url: newResponseUrl(u.id, c.id, {
          ts: input.message_ts,
          ephemeral: ephemeral !== undefined,
        }),
        actions: [actionFor(found, input.value)],
      };
      return deliverAndCollect(
        'interactive',
        payload,
        { user: u.id, channel: c.id },
        input.wait_ms ?? DEFAULT_WAIT_MS,
      );
    },

    async shortcut(input: {
      user: string;
      channel?: string;
      message_ts?: string;
      callback_id: string;
      wait_ms?: number;
    }): Promise<InteractionResult> {
      const u = user(input.user);
      const common = {
        token: VERIFICATION_TOKEN,
        action_ts: ctx.ids.ts(),
        team: team(),
        user: userRef(u),
        is_enterprise_install: false,
        enterprise: null,
        callback_id: input.callback_id,
        trigger_id: newTrigger(u.id),
      };
      if (!input.channel && !input.message_ts) {
        return deliverAndCollect(
          'interactive',
          { type: 'shortcut', ...common },
          { user: u.id },
          input.wait_ms ?? 0,
        );
      }
      if (!input.channel || !input.message_ts)
        throw new ControlError(400, 'invalid_request', ['a message shortcut needs channel and message_ts']);
      const c = channel(input.channel);
      const message = findMessage(store, c.id, input.message_ts);
      if (!message)
        throw new ControlError(404, 'message_not_found', [`no message ${input.message_ts} in ${c.id}`]);
      const payload = {
        type: 'message_action',
        ...common,
        channel: { id: c.id, name: c.name },
        message_ts: message.ts,
        message: toSlackMessage(store, message, ctx.config.teamId),
        response_url: newResponseUrl(u.id, c.id, { ts: message.ts, ephemeral: false }),
      };
      return deliverAndCollect('interactive', payload, { user: u.id, channel: c.id }, input.wait_ms ?? 0);
    },

    async submitView(id: string, input: { user?: string; values?: Obj }): Promise<SubmitResult> {
      const view = findView(store, id);
      if (view?.type !== 'modal') throw new ControlError(404, 'view_not_found', [`no open modal ${id}`]);
      if (input.user && input.user !== view.user)
        throw new ControlError(403, 'not_your_view', [`view ${id} belongs to ${view.user}`]);
      const stack = stackOf(view);
      if (stack[stack.length - 1] !== view)
        throw new ControlError(409, 'view_not_on_top', [`view ${id} is under another view`]);
      view.state = translateValues(view, input.values ?? {});
      const u = user(view.user);
      const payload = {
        type: 'view_submission',
        team: team(),
        user: userRef(u),
        api_app_id: APP_ID,
        token: VERIFICATION_TOKEN,
        trigger_id: newTrigger(u.id, view.id),
        view: viewObject(ctx, view),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const ack = await ctx.delivery.deliver('interactive', payload);
      if (!ack.acked) return { ...ack, applied: 'none' };
      const body = isObj(ack.ack) ? ack.ack : {};
      switch (body.response_action) {
        case 'errors': {
          const errors = isObj(body.errors) ? (body.errors as Record<string, string>) : {};
          view.errors = errors;
          const inputIds = ((view.definition.blocks as Obj[]) ?? [])
            .filter((b) => b.type === 'input')
            .map((b) => b.block_id);
          const problems = Object.keys(errors)
            .filter((k) => !inputIds.includes(k))
            .map((k) => `errors names ${k}, which is not an input block`);
          return { ...ack, applied: 'errors', ...(problems.length > 0 ? { problems } : {}) };
        }
        case 'update': {
          const problems = validateView(body.view, 'modal', '/view');
          if (problems.length > 0) return { ...ack, applied: 'none', problems };
          replaceView(ctx, view, body.view as Obj);
          ctx.activity.emit({ kind: 'view', user: u.id });
          return { ...ack, applied: 'update' };
        }
        case 'push': {
          const problems = validateView(body.view, 'modal', '/view');
          if (stack.length >= MAX_MODAL_STACK) problems.push('push_limit_reached');
          if (problems.length > 0) return { ...ack, applied: 'none', problems };
          stack.push(newView(ctx, u.id, 'modal', body.view as Obj, view));
          ctx.activity.emit({ kind: 'view', user: u.id });
          return { ...ack, applied: 'push' };
        }
        case 'clear':
          store.modalStacks.delete(u.id);
          return { ...ack, applied: 'clear' };
        default:
          stack.pop();
          if (stack.length === 0) store.modalStacks.delete(u.id);
          return { ...ack, applied: 'close' };
      }
    },

    /** The user closes the top view (or, with all, the whole modal). view_closed only if notify_on_close. */
    async closeView(
      id: string,
      input: { user?: string; all?: boolean; values?: Obj },
    ): Promise<AckResult & { delivered: boolean }> {
      const view = findView(store, id);
      if (view?.type !== 'modal') throw new ControlError(404, 'view_not_found', [`no open modal ${id}`]);
      if (input.user && input.user !== view.user)
        throw new ControlError(403, 'not_your_view', [`view ${id} belongs to ${view.user}`]);
      if (input.values) typeInto(view, input.values);
      const stack = stackOf(view);
      const clearAll = input.all === true || view.definition.clear_on_close === true;
      if (clearAll) store.modalStacks.delete(view.user);
      else {
        stack.splice(stack.indexOf(view), 1);
        if (stack.length === 0) store.modalStacks.delete(view.user);
      }
      if (view.definition.notify_on_close !== true) return { acked: false, ack: null, delivered: false };
      const u = user(view.user);
      const payload = {
        type: 'view_closed',
        team: team(),
        user: userRef(u),
        api_app_id: APP_ID,
        token: VERIFICATION_TOKEN,
        view: viewObject(ctx, view),
        is_cleared: clearAll,
        is_enterprise_install: false,
        enterprise: null,
      };
      return { ...(await ctx.delivery.deliver('interactive', payload)), delivered: true };
    },

    async userMessage(input: {
      user: string;
      channel: string;
      text: string;
      thread_ts?: string;
    }): Promise<AckResult & { ts: string }> {
      const u = user(input.user);
      const c = channel(input.channel);
      const parent = input.thread_ts ? findMessage(store, c.id, input.thread_ts) : undefined;
      if (input.thread_ts && !parent)
        throw new ControlError(404, 'thread_not_found', [`no message ${input.thread_ts} in ${c.id}`]);
      const message: StoredMessage = {
        channel: c.id,
        ts: ctx.ids.ts(),
        user: u.id,
        text: input.text,
        client_msg_id: randomUUID(),
        ...(parent ? { thread_ts: parent.thread_ts ?? parent.ts } : {}),
      };
      insertMessage(store, message);
      if (!c.is_member) return { acked: false, ack: null, error: 'bot_not_in_channel', ts: message.ts };
      const ack = await ctx.delivery.deliver('events_api', eventCallback(messageEvent(message)));
      return { ...ack, ts: message.ts };
    },

    async event(input: Obj & { type: string }): Promise<AckResult & { event_id: string }> {
      const event: Obj = { ...input, event_ts: input.event_ts ?? ctx.ids.ts() };
      if (input.type === 'app_home_opened') {
        const u = user(String(input.user ?? ''));
        event.tab ??= 'home';
        event.channel ??= `D${u.id.slice(1)}`;
        const home = store.homes.get(u.id);
        if (home && event.view === undefined) event.view = viewObject(ctx, home);
      }
      const wrapped = eventCallback(event);
      const ack = await ctx.delivery.deliver('events_api', wrapped);
      return { ...ack, event_id: String(wrapped.event_id) };
    },

    /** POST to a response_url: up to 5 uses in 30 minutes, with replace/delete_original semantics. */
    respond(id: string, body: Obj): { status: number; body: Obj } {
      const record = store.responseUrls.get(id);
      if (!record) return { status: 404, body: { ok: false, error: 'invalid_url' } };
      if (ctx.clock.now() - record.created > RESPONSE_URL_TTL_MS)
        return { status: 404, body: { ok: false, error: 'expired_url' } };
      if (record.uses >= RESPONSE_URL_MAX_USES)
        return { status: 404, body: { ok: false, error: 'used_url' } };
      const blocks = body.blocks === undefined ? undefined : body.blocks;
      if (blocks !== undefined) {
        const problems = validateMessageBlocks(blocks);
        if (problems.length > 0)
          return {
            status: 400,
            body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } },
          };
      }
      record.uses += 1;
      const url = `${ctx.baseUrl()}/_sim/slack/response/${id}`;
      store.responseUrlPosts.push({
        response_url: url,
        user: record.user,
        channel: record.channel,
        at: ctx.clock.now(),
        body,
      });
      const text = typeof body.text === 'string' ? body.text : '';
      const blockList = Array.isArray(blocks) ? blocks : undefined;
      const original = record.originTs
        ? record.originEphemeral
          ? store.ephemerals.find((e) => e.ts === record.originTs && e.user === record.user && !e.deleted)
          : findMessage(store, record.channel, record.originTs)
        : undefined;
      const isBotMessage = (o: StoredMessage | StoredEphemeral) =>
        !('source' in o) ? o.user === BOT_USER_ID : true;
      const truthy = (v: unknown) => v === true || v === 'true';

      if (truthy(body.delete_original) && original && isBotMessage(original)) {
        if ('source' in original) original.deleted = true;
        else store.messages.splice(store.messages.indexOf(original), 1);
      } else if (truthy(body.replace_original) && original && isBotMessage(original)) {
        original.text = text;
        if (blockList) original.blocks = blockList;
        else delete original.blocks;
      } else if (body.response_type === 'in_channel') {
        postAsBot(
          record.channel,
          text,
          blockList,
          typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
        );
      } else {
        store.ephemerals.push({
          channel: record.channel,
          user: record.user,
          ts: ctx.ids.ts(),
          text,
          ...(blockList ? { blocks: blockList } : {}),
          ...(typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {}),
          source: 'response_url',
        });
      }
      ctx.activity.emit({
        kind: 'response',
        user: record.user,
        channel: record.channel,
        response: { kind: 'response_url', response_url: url, body },
      });
      return { status: 200, body: { ok: true } };
    },
  };
}

export type Interactions = ReturnType<typeof createInteractions>;
