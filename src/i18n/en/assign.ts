import type { assign as ja } from '../ja/assign.ts';

/** English for ja/assign.ts: same keys, same {{placeholders}}. */
export const assign: Record<keyof typeof ja, string> = {
  'assign.root.held': 'Held by {{badge}} *{{name}}*',
  'assign.root.unassigned': ':raising_hand: *Unassigned*',
  'assign.root.unassigned_group': ':raising_hand: *Unassigned* ({{group}})',
  'assign.root.button': 'Assign…',
  'assign.modal.title': 'Assign ticket',
  'assign.modal.submit': 'Assign',
  'assign.modal.intro': 'Choose who holds *#{{id}}*: a person or a group.',
  'assign.modal.current': 'Now: {{holder}}',
  'assign.modal.current_nobody': 'Now: unassigned',
  'assign.modal.label': 'Assignee',
  'assign.modal.placeholder': 'Choose a person or a group',
  'assign.modal.agents': 'People',
  'assign.modal.groups': 'Groups (nobody assigned)',
  'assign.modal.nobody': 'Nobody (unassign)',
  'assign.modal.away': '{{name}} (away)',
  'assign.modal.more':
    'Only the first {{shown}} of {{total}} people are listed; assign the others in Zendesk.',
  'assign.modal.pick': 'Choose a person or a group.',
  'assign.failed': ':warning: Could not assign #{{id}} to {{target}}; the ticket is unchanged. {{reason}}',
  'assign.take_failed': ':warning: Could not give you #{{id}}; the ticket is unchanged. {{reason}}',
  'assign.target.nobody': 'nobody',
  'assign.availability.failed': ':warning: Could not change whether you take new tickets. {{reason}}',
} as const;
