import { common } from './en/common.ts';
import { drafting } from './en/drafting.ts';
import { enrich } from './en/enrich.ts';
import { templates } from './en/template-search.ts';
import type { MessageKey } from './messages-ja.ts';

/** English for every key of messages-ja.ts (each en/<area>.ts is checked against its ja twin). */
export const en: Record<MessageKey, string> = {
  ...common,
  ...enrich,
  ...drafting,
  ...templates,
};
