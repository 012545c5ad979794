import { common } from './en/common.ts';
import { ops } from './en/ops.ts';
import type { MessageKey } from './messages-ja.ts';

/** English for every key of messages-ja.ts (each en/<area>.ts is checked against its ja twin). */
export const en: Record<MessageKey, string> = {
  ...common,
  ...ops,
};
