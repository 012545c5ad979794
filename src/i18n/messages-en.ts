import { assign } from './en/assign.ts';
import { care } from './en/care.ts';
import { common } from './en/common.ts';
import { demo } from './en/demo-narration.ts';
import { drafting } from './en/drafting.ts';
import { draftThread } from './en/drafting-thread.ts';
import { enrich } from './en/enrich.ts';
import { home } from './en/home.ts';
import { modals } from './en/modals.ts';
import { ops } from './en/ops.ts';
import { reminders } from './en/reminders.ts';
import { root } from './en/root.ts';
import { team } from './en/team.ts';
import { templateManage } from './en/template-manage.ts';
import { templateFigures } from './en/template-outcomes.ts';
import { templates } from './en/template-search.ts';
import { split } from './en/ticket-split.ts';
import { voice } from './en/voices.ts';
import { volume } from './en/volume-alerts.ts';
import type { MessageKey } from './messages-ja.ts';

/** English for every key of messages-ja.ts (each en/<area>.ts is checked against its ja twin). */
export const en: Record<MessageKey, string> = {
  ...common,
  ...enrich,
  ...home,
  ...team,
  ...care,
  ...voice,
  ...volume,
  ...root,
  ...drafting,
  ...draftThread,
  ...templates,
  ...templateManage,
  ...demo,
  ...ops,
  ...split,
  ...templateFigures,
  ...reminders,
  ...assign,
  ...modals,
};
