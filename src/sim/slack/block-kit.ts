import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import schema from './schemas/slack-block-kit.schema.json' with { type: 'json' };

/**
 * Block Kit validation the way Slack answers it: the copied JSON schema (Tightknit, MIT) plus the
 * limits that schema leaves out. Each problem becomes one line in Slack's style,
 * `[ERROR] <what> [json-pointer:/blocks/3/text/text]`, for `response_metadata.messages`.
 */

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  privateMetadata: 3000,
  actionsElements: 25,
  messageText: 40_000,
  viewBytes: 250_000,
} as const;

/**
 * Characters as Slack counts them: Slack's docs state every limit in "characters" and its published Block
 * Kit schema as JSON-Schema `maxLength`, which counts Unicode code points (😀 and 𠮷 are one each, a ZWJ
 * family emoji seven). Every hand-written check here uses this count, so it agrees with the schema check
 * (and with the product's src/views/mrkdwn.ts `slackLength`), never JavaScript's UTF-16 `.length`.
 */
export function slackLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const ajv = new Ajv2020({ strict: false, allErrors: false });
ajv.addFormat('uri', { type: 'string', validate: (value: string) => URL.canParse(value) });
ajv.addSchema(schema as object, 'blockkit');
const validateBlocksSchema = ajv.getSchema('blockkit') as ValidateFunction;
const validateModalSchema = ajv.compile({ $ref: 'blockkit#/$defs/modal_view' });
const validateHomeSchema = ajv.compile({ $ref: 'blockkit#/$defs/home_view' });

function line(message: string, pointer: string): string {
  return `[ERROR] ${message} [json-pointer:${pointer}]`;
}

const defValidators = new Map<string, ValidateFunction>();
const defs = (schema as { $defs: Record<string, unknown> }).$defs;

function defValidator(name: string): ValidateFunction {
  let validate = defValidators.get(name);
  if (!validate) {
    validate = ajv.compile({ $ref: `blockkit#/$defs/${name}` });
    defValidators.set(name, validate);
  }
  return validate;
}

/** The schema definition for an object with this `type`, when the schema has one. */
function defFor(type: unknown, level: 'block' | 'element'): string | undefined {
  if (typeof type !== 'string') return undefined;
  const order =
    level === 'block' ? [`${type}_block`, `${type}_element`] : [`${type}_element`, `${type}_block`];
  return order.find((name) => Object.hasOwn(defs, name));
}

function at(value: unknown, pointer: string): unknown {
  let current = value;
  for (const part of pointer.split('/').slice(1)) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isObj(current)) current = current[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    else return undefined;
  }
  return current;
}

/**
 * The schema is a big oneOf, so Ajv reports every branch that failed. Slack names the one problem,
 * so validate each typed object against its own definition and descend to the deepest complaint.
 */
function explain(value: unknown, defName: string, pointer: string, depth = 0): string[] {
  const validate = defValidator(defName);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  const atDeepest = errors.filter((e) => e.instancePath.split('/').length === deepest);
  for (const error of atDeepest) {
    if (error.instancePath === '' || depth > 8) break;
    // Walk up from the deepest path to the nearest typed object (a block or element) and explain that.
    const parts = error.instancePath.split('/');
    for (let n = parts.length; n > 1; n--) {
      const path = parts.slice(0, n).join('/');
      const obj = at(value, path);
      const def = isObj(obj) ? defFor(obj.type, 'element') : undefined;
      if (def) return explain(obj, def, `${pointer}${path}`, depth + 1);
    }
  }
  const specific = atDeepest.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const lines = (specific.length > 0 ? specific : atDeepest).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : '';
    return line(`${e.message ?? 'is invalid'}${extra}`, `${pointer}${e.instancePath}`);
  });
  return [...new Set(lines)].slice(0, 3);
}

function explainBlocks(blocks: unknown[], pointer: string): string[] {
  for (const [i, block] of blocks.entries()) {
    const type = isObj(block) ? block.type : undefined;
    const def = defFor(type, 'block');
    if (!def) return [line(`unsupported type: ${String(type)}`, `${pointer}/${i}/type`)];
    const lines = explain(block, def, `${pointer}/${i}`);
    if (lines.length > 0) return lines;
  }
  return [line('failed to match the Block Kit schema', pointer)];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined =>
  isObj(v) && typeof v.text === 'string' ? v.text : undefined;

/** Limits the schema does not enforce (or enforces with a less helpful message). */
function limitLines(blocks: unknown[], prefix: string): string[] {
  const lines: string[] = [];
  blocks.forEach((block, i) => {
    if (!isObj(block)) return;
    const at = `${prefix}/${i}`;
    const text = textOf(block.text);
    if (block.type === 'section' && text !== undefined && slackLength(text) > LIMITS.sectionText) {
      lines.push(line(`must be less than ${LIMITS.sectionText + 1} characters`, `${at}/text/text`));
    }
    if (block.type === 'header' && text !== undefined && slackLength(text) > LIMITS.headerText) {
      lines.push(line(`must be less than ${LIMITS.headerText + 1} characters`, `${at}/text/text`));
    }
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      if (block.elements.length > LIMITS.actionsElements) {
        lines.push(line(`no more than ${LIMITS.actionsElements} items allowed`, `${at}/elements`));
      }
      block.elements.forEach((e, j) => {
        checkElement(e, `${at}/elements/${j}`, lines);
      });
    }
    if (isObj(block.accessory)) checkElement(block.accessory, `${at}/accessory`, lines);
    if (block.type === 'input' && isObj(block.element)) checkElement(block.element, `${at}/element`, lines);
  });
  return lines;
}

function checkElement(element: unknown, at: string, lines: string[]) {
  if (!isObj(element) || element.type !== 'button') return;
  const text = textOf(element.text);
  if (text !== undefined && slackLength(text) > LIMITS.buttonText) {
    lines.push(line(`must be less than ${LIMITS.buttonText + 1} characters`, `${at}/text/text`));
  }
  if (typeof element.value === 'string' && slackLength(element.value) > LIMITS.buttonValue) {
    lines.push(line(`must be less than ${LIMITS.buttonValue + 1} characters`, `${at}/value`));
  }
}

/** Problems with a message's `blocks` (chat.postMessage, chat.update, ephemerals, response_url). */
export function validateMessageBlocks(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [line('must be an array', '/blocks')];
  if (blocks.length === 0) return [];
  if (blocks.length > LIMITS.messageBlocks) {
    return [line(`no more than ${LIMITS.messageBlocks} items allowed`, '/blocks')];
  }
  const limits = limitLines(blocks, '/blocks');
  if (limits.length > 0) return limits;
  if (!validateBlocksSchema(blocks)) return explainBlocks(blocks, '/blocks');
  return [];
}

/** Problems with a modal or home view; prefix is where the view sits in the request (`/view`). */
export function validateView(view: unknown, expected: 'modal' | 'home', prefix = '/view'): string[] {
  if (!isObj(view)) return [line('must be an object', prefix)];
  if (view.type !== expected) return [line(`must be equal to constant "${expected}"`, `${prefix}/type`)];
  const lines: string[] = [];
  if (Array.isArray(view.blocks)) {
    if (view.blocks.length > LIMITS.viewBlocks)
      lines.push(line(`no more than ${LIMITS.viewBlocks} items allowed`, `${prefix}/blocks`));
    else lines.push(...limitLines(view.blocks, `${prefix}/blocks`));
  }
  if (expected === 'modal') {
    for (const key of ['title', 'submit', 'close'] as const) {
      const text = textOf(view[key]);
      if (text !== undefined && slackLength(text) > LIMITS.modalTitle) {
        lines.push(line(`must be less than ${LIMITS.modalTitle + 1} characters`, `${prefix}/${key}/text`));
      }
    }
  }
  if (
    typeof view.private_metadata === 'string' &&
    slackLength(view.private_metadata) > LIMITS.privateMetadata
  ) {
    lines.push(
      line(`must be less than ${LIMITS.privateMetadata + 1} characters`, `${prefix}/private_metadata`),
    );
  }
  if (lines.length > 0) return lines;
  const validate = expected === 'modal' ? validateModalSchema : validateHomeSchema;
  const valid: boolean = validate(view);
  if (valid) return [];
  if (Array.isArray(view.blocks)) {
    const blockLines = explainBlocks(view.blocks, `${prefix}/blocks`);
    if (!blockLines[0]?.startsWith('[ERROR] failed to match')) return blockLines;
  }
  return explain(view, expected === 'modal' ? 'modal_view' : 'home_view', prefix);
}

/** Sum of the text characters in a block tree (what Slack's undocumented msg_blocks_too_long appears to count). */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + blocksTextLength(v), 0);
  if (!isObj(value)) return 0;
  let sum = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') sum += slackLength(v);
    else sum += blocksTextLength(v);
  }
  return sum;
}
