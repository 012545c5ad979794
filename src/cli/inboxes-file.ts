import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { toInboxes } from '../domain/inboxes/inbox-config.ts';
import type { Inbox } from '../domain/tickets/ticket.ts';
import { YorisoiError } from '../errors.ts';

/** Reads an inbox routing file (YAML or JSON; see README "Inboxes"). */
export function readInboxesFile(path: string): Inbox[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new YorisoiError('inboxes_file_invalid', `cannot read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new YorisoiError(
      'inboxes_file_invalid',
      `${path} is not valid YAML/JSON: ${(error as Error).message}`,
    );
  }
  return toInboxes(data);
}
