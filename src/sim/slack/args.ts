import { type SlackApiError, slackError } from './errors.ts';

/**
 * Web API arguments arrive as form fields (strings; objects JSON-encoded, as @slack/web-api sends
 * them) or as a JSON body (real types). These readers accept both.
 */
export type Args = Record<string, unknown>;

const invalid = (message: string): SlackApiError => slackError('auth.test', 'invalid_arguments', message);

export function optString(args: Args, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(`[ERROR] must be a string [json-pointer:/${key}]`);
}

export function reqString(args: Args, key: string): string {
  const value = optString(args, key);
  if (value === undefined) throw invalid(`[ERROR] missing required field: ${key}`);
  return value;
}

export function optBool(args: Args, key: string): boolean | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw invalid(`[ERROR] must be a boolean [json-pointer:/${key}]`);
}

export function optInt(args: Args, key: string): number | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) throw invalid(`[ERROR] must be an integer [json-pointer:/${key}]`);
  return n;
}

/** A JSON argument: the parsed value, `undefined` when absent, or `{ bad: true }` when unparseable. */
export function optJson(args: Args, key: string): { value: unknown } | { bad: true } | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { bad: true };
  }
}

/** Form body → args; JSON body → args. Throws invalid_form_data / invalid_json-like errors. */
export function parseArgs(contentType: string, raw: Buffer, query: URLSearchParams): Args {
  const args: Args = Object.fromEntries(query.entries());
  const text = raw.toString('utf8');
  if (text.length === 0) return args;
  if (contentType.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw slackError('auth.test', 'invalid_arguments', '[ERROR] the request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw slackError('auth.test', 'invalid_arguments', '[ERROR] the request body must be a JSON object');
    }
    return { ...args, ...(parsed as Args) };
  }
  if (contentType.includes('application/x-www-form-urlencoded') || contentType === '') {
    for (const [key, value] of new URLSearchParams(text)) args[key] = value;
    return args;
  }
  throw slackError('auth.test', 'invalid_form_data', `[ERROR] unsupported content type: ${contentType}`);
}
