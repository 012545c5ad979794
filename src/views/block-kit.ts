import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  Checkboxes,
  ConfirmationDialog,
  ContextBlock,
  DateTimepicker,
  DividerBlock,
  HeaderBlock,
  HomeView,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  MessageAttachment,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  SectionBlock,
  SectionBlockAccessory,
  StaticSelect,
} from '@slack/types';
import type { z } from 'zod';
import { truncate } from './mrkdwn.ts';

/**
 * Typed Block Kit builders (types from @slack/types, the ones Bolt's client takes). Each builder keeps the
 * limit Slack enforces on what it builds, so views stay valid by construction.
 */
export type {
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  HomeView,
  InputBlockElement,
  KnownBlock,
  MessageAttachment,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
  SectionBlockAccessory,
};

/** Slack's limits on the text of what these builders make. */
export const TEXT_MAX = {
  section: 3000,
  field: 2000,
  context: 3000,
  header: 150,
  button: 75,
  option: 75,
} as const;

/** plain_text with emoji shortcodes (`:warning:`) shown as emoji; cut to `max` characters when given. */
export function plain(text: string, max?: number): PlainTextElement {
  return { type: 'plain_text', text: max === undefined ? text : truncate(text, max), emoji: true };
}

/** plain_text without the emoji flag (Slack's default applies), or with `emoji: false` for verbatim text. */
export function plainText(text: string, emoji?: boolean): PlainTextElement {
  return emoji === undefined ? { type: 'plain_text', text } : { type: 'plain_text', text, emoji };
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/** A section of mrkdwn text (cut to Slack's 3,000 characters), optionally with an accessory. */
export function section(text: string, opts: { accessory?: SectionBlockAccessory } = {}): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(truncate(text, TEXT_MAX.section)),
    ...(opts.accessory ? { accessory: opts.accessory } : {}),
  };
}

/** A section of plain text (shown exactly as written). */
export function plainSection(text: PlainTextElement): SectionBlock {
  return { type: 'section', text };
}

/** A section of up to 10 mrkdwn fields, two columns (each cut to 2,000 characters). */
export function fields(texts: string[]): SectionBlock {
  return { type: 'section', fields: texts.map((t) => mrkdwn(truncate(t, TEXT_MAX.field))) };
}

/** A context line of mrkdwn (cut to 3,000 characters). */
export function context(text: string, blockId?: string): ContextBlock {
  return {
    type: 'context',
    ...(blockId ? { block_id: blockId } : {}),
    elements: [mrkdwn(truncate(text, TEXT_MAX.context))],
  };
}

export function header(text: PlainTextElement): HeaderBlock {
  return { type: 'header', text: { ...text, text: truncate(text.text, TEXT_MAX.header) } };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements };
}

export interface ButtonOptions {
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmationDialog;
}

/** A button; its label is cut to Slack's 75 characters. */
export function button(actionId: string, text: PlainTextElement, opts: ButtonOptions = {}): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { ...text, text: truncate(text.text, TEXT_MAX.button) },
    ...(opts.url !== undefined ? { url: opts.url } : {}),
    ...(opts.style ? { style: opts.style } : {}),
    ...(opts.value !== undefined ? { value: opts.value } : {}),
    ...(opts.confirm ? { confirm: opts.confirm } : {}),
  };
}

/** A confirmation dialog ("Delete this template?"). */
export function confirmDialog(opts: {
  title: string;
  text: string;
  confirm: string;
  deny: string;
  style?: 'primary' | 'danger';
}): ConfirmationDialog {
  return {
    title: plain(opts.title, 100),
    text: plain(opts.text, 300),
    confirm: plain(opts.confirm, 30),
    deny: plain(opts.deny, 30),
    ...(opts.style ? { style: opts.style } : {}),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, TEXT_MAX.option), value };
}

export interface InputOptions {
  optional?: boolean;
  hint?: PlainTextElement;
  dispatchAction?: boolean;
}

export function input(
  blockId: string,
  label: PlainTextElement,
  element: InputBlockElement,
  opts: InputOptions = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label,
    ...(opts.optional !== undefined ? { optional: opts.optional } : {}),
    ...(opts.hint ? { hint: opts.hint } : {}),
    ...(opts.dispatchAction ? { dispatch_action: true } : {}),
    element,
  };
}

export interface TextInputOptions {
  multiline?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Omitted when empty (Slack refuses an empty initial_value on some clients). */
  initial?: string | null;
  placeholder?: PlainTextElement;
  dispatchOn?: 'on_character_entered' | 'on_enter_pressed';
}

export function textInput(actionId: string, opts: TextInputOptions = {}): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: actionId,
    ...(opts.multiline !== undefined ? { multiline: opts.multiline } : {}),
    ...(opts.minLength !== undefined ? { min_length: opts.minLength } : {}),
    ...(opts.maxLength !== undefined ? { max_length: opts.maxLength } : {}),
    ...(opts.initial ? { initial_value: opts.initial } : {}),
    ...(opts.placeholder ? { placeholder: opts.placeholder } : {}),
    ...(opts.dispatchOn ? { dispatch_action_config: { trigger_actions_on: [opts.dispatchOn] } } : {}),
  };
}

export function checkboxes(
  actionId: string,
  options: PlainTextOption[],
  initial?: PlainTextOption[],
): Checkboxes {
  return {
    type: 'checkboxes',
    action_id: actionId,
    options,
    ...(initial && initial.length > 0 ? { initial_options: initial } : {}),
  };
}

export function radioButtons(
  actionId: string,
  options: PlainTextOption[],
  initial?: PlainTextOption,
): RadioButtons {
  return {
    type: 'radio_buttons',
    action_id: actionId,
    ...(initial ? { initial_option: initial } : {}),
    options,
  };
}

export function staticSelect(
  actionId: string,
  options: PlainTextOption[],
  opts: { initial?: PlainTextOption; placeholder?: PlainTextElement } = {},
): StaticSelect {
  return {
    type: 'static_select',
    action_id: actionId,
    ...(opts.placeholder ? { placeholder: opts.placeholder } : {}),
    options,
    ...(opts.initial ? { initial_option: opts.initial } : {}),
  };
}

/** A static select whose options come in labelled groups (each at most 100 options; empty groups dropped). */
export function groupedSelect(
  actionId: string,
  groups: Array<{ label: string; options: PlainTextOption[] }>,
  opts: { initial?: PlainTextOption; placeholder?: PlainTextElement } = {},
): StaticSelect {
  return {
    type: 'static_select',
    action_id: actionId,
    ...(opts.placeholder ? { placeholder: opts.placeholder } : {}),
    option_groups: groups
      .filter((g) => g.options.length > 0)
      .slice(0, 100)
      .map((g) => ({ label: plain(g.label, 75), options: g.options.slice(0, 100) })),
    ...(opts.initial ? { initial_option: opts.initial } : {}),
  };
}

export function dateTimePicker(actionId: string): DateTimepicker {
  return { type: 'datetimepicker', action_id: actionId };
}

export interface ModalOptions {
  callbackId: string;
  title: PlainTextElement;
  blocks: KnownBlock[];
  submit?: PlainTextElement;
  close?: PlainTextElement;
  privateMetadata?: string;
  notifyOnClose?: boolean;
}

/** A modal; title, submit and close are cut to Slack's 24 characters. */
export function modal(opts: ModalOptions): ModalView & { blocks: KnownBlock[] } {
  const cut = (t: PlainTextElement) => ({ ...t, text: truncate(t.text, 24) });
  return {
    type: 'modal',
    callback_id: opts.callbackId,
    ...(opts.privateMetadata !== undefined ? { private_metadata: opts.privateMetadata } : {}),
    title: cut(opts.title),
    ...(opts.submit ? { submit: cut(opts.submit) } : {}),
    ...(opts.close ? { close: cut(opts.close) } : {}),
    ...(opts.notifyOnClose ? { notify_on_close: true } : {}),
    blocks: opts.blocks,
  };
}

export function homeView(blocks: KnownBlock[]): HomeView & { blocks: KnownBlock[] } {
  return { type: 'home', blocks };
}

/**
 * JSON that Slack hands back to us (private_metadata, button values), checked with `schema`: null when it
 * is missing, not JSON, or not of that shape.
 */
export function parseMeta<S extends z.ZodType>(
  schema: S,
  raw: string | undefined | null,
): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
