import { assign } from './ja/assign.ts';
import { care } from './ja/care.ts';
import { common } from './ja/common.ts';
import { demo } from './ja/demo-narration.ts';
import { drafting } from './ja/drafting.ts';
import { draftThread } from './ja/drafting-thread.ts';
import { enrich } from './ja/enrich.ts';
import { home } from './ja/home.ts';
import { modals } from './ja/modals.ts';
import { ops } from './ja/ops.ts';
import { reminders } from './ja/reminders.ts';
import { root } from './ja/root.ts';
import { team } from './ja/team.ts';
import { templateManage } from './ja/template-manage.ts';
import { templateFigures } from './ja/template-outcomes.ts';
import { templates } from './ja/template-search.ts';
import { split } from './ja/ticket-split.ts';
import { voice } from './ja/voices.ts';
import { volume } from './ja/volume-alerts.ts';

/**
 * Every user-visible word of yorisoi in Japanese, the workspace default: one module per screen or area
 * under ja/ (and its twin under en/), combined here. Keys are prefixed by area (`root.…`, `draft.…`);
 * `{{name}}` is filled by the translator (values are escaped by the views, never by the catalog).
 * To add an area: ja/<area>.ts with `as const`, en/<area>.ts typed `Record<keyof typeof ja, string>`,
 * and one spread line here and in messages-en.ts.
 */
export const ja = {
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
} as const;

export type MessageKey = keyof typeof ja;
