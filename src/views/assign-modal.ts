import { z } from 'zod';
import { badgeText } from '../domain/team/agent-badges.ts';
import type { AssignmentChoices, AssignTarget } from '../domain/team/assignment.ts';
import type { Translate } from '../i18n/index.ts';
import {
  context,
  groupedSelect,
  input,
  type ModalView,
  modal,
  option,
  type PlainTextOption,
  plain,
  section,
} from './block-kit.ts';
import { AssignBlocks, ViewIds } from './ids.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** The assign modal's private_metadata: the ticket, and the thread a failure is told in. */
export const zAssignMeta = z.object({
  t: z.string().regex(/^\d{1,19}$/),
  c: z.string().max(40).optional(),
  th: z.string().max(40).optional(),
});
export type AssignMeta = z.infer<typeof zAssignMeta>;

/** Slack shows at most 100 options per group. */
const MAX_AGENTS = 99;

const agentValue = (id: string) => `a:${id}`;
const groupValue = (id: string) => `g:${id}`;
const NOBODY = 'none';

/**
 * "Assign…": one select with the account's people (each with their badge; away ones marked), its groups (the
 * ticket goes to the group's queue with nobody assigned), and "nobody". The current holder is preselected.
 */
export function buildAssignModal(
  t: Translate,
  input_: {
    meta: AssignMeta;
    choices: AssignmentChoices;
    current: { assigneeId: string | null; assigneeName: string | null; groupId: string | null } | null;
  },
): ModalView {
  const { meta, choices, current } = input_;
  const people = choices.agents
    .slice(0, MAX_AGENTS)
    .map((a) =>
      option(
        `${badgeText(a.profile)} ${a.profile.available ? a.name : t('assign.modal.away', { name: a.name })}`,
        agentValue(a.zendeskUserId),
      ),
    );
  const nobody = option(t('assign.modal.nobody'), NOBODY);
  const groups = choices.groups
    .slice(0, 100)
    .map((g) => option(`:busts_in_silhouette: ${g.name}`, groupValue(g.id)));
  const initial: PlainTextOption | undefined = current?.assigneeId
    ? people.find((o) => o.value === agentValue(current.assigneeId ?? ''))
    : undefined;
  const groupName = choices.groups.find((g) => g.id === current?.groupId)?.name;
  const holder = current?.assigneeName
    ? t('assign.modal.current', { holder: `*${escapeMrkdwn(current.assigneeName)}*` })
    : groupName
      ? t('assign.modal.current', {
          holder: `${t('assign.target.nobody')} (${escapeMrkdwn(groupName)})`,
        })
      : t('assign.modal.current_nobody');
  return modal({
    callbackId: ViewIds.assignTicket,
    title: plain(t('assign.modal.title')),
    submit: plain(t('assign.modal.submit')),
    close: plain(t('common.close')),
    privateMetadata: JSON.stringify(meta),
    blocks: [
      section(`${t('assign.modal.intro', { id: escapeMrkdwn(meta.t) })}\n${holder}`),
      input(
        AssignBlocks.target,
        plain(t('assign.modal.label')),
        groupedSelect(
          AssignBlocks.targetInput,
          [
            { label: t('assign.modal.agents'), options: [...people, nobody] },
            { label: t('assign.modal.groups'), options: groups },
          ],
          { placeholder: plain(t('assign.modal.placeholder')), ...(initial ? { initial } : {}) },
        ),
      ),
      ...(choices.agents.length > MAX_AGENTS
        ? [context(t('assign.modal.more', { shown: MAX_AGENTS, total: choices.agents.length }))]
        : []),
    ],
  });
}

const zState = z.object({
  values: z.record(
    z.string(),
    z.record(z.string(), z.object({ selected_option: z.object({ value: z.string() }).nullish() })),
  ),
});

/** The choice in a submitted assign modal; null when nothing (or something unknown) was chosen. */
export function parseAssignState(raw: unknown): AssignTarget | null {
  const parsed = zState.safeParse(raw);
  const value = parsed.success
    ? parsed.data.values[AssignBlocks.target]?.[AssignBlocks.targetInput]?.selected_option?.value
    : undefined;
  if (value === NOBODY) return { kind: 'nobody' };
  const m = /^([ag]):(\d{1,19})$/.exec(value ?? '');
  if (!m?.[2]) return null;
  return m[1] === 'a' ? { kind: 'agent', id: m[2] } : { kind: 'group', id: m[2] };
}

/** The words for a target in messages ("Aiko Sato", "Billing", "nobody"). */
export function targetName(t: Translate, target: AssignTarget, choices?: AssignmentChoices | null): string {
  if (target.kind === 'nobody') return t('assign.target.nobody');
  const found =
    target.kind === 'agent'
      ? choices?.agents.find((a) => a.zendeskUserId === target.id)?.name
      : choices?.groups.find((g) => g.id === target.id)?.name;
  return found ?? `#${target.id}`;
}
