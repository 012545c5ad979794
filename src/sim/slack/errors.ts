/**
 * Every Slack error name the simulator can answer with, per method. A handler can only fail with a
 * name listed here (SlackApiError checks), and tests/integration/sim/slack-sim-contract.test.ts
 * checks each name against the method's spec file, so the simulator never invents an error name.
 */

/** Errors Slack documents as shared by all methods ("common errors"); the method files list them only sometimes. */
export const COMMON_ERRORS = [
  'not_authed',
  'invalid_auth',
  'not_allowed_token_type',
  'invalid_arguments',
  'invalid_form_data',
  'ratelimited',
  'internal_error',
] as const;

export const METHOD_ERRORS = {
  'auth.test': [],
  'apps.connections.open': [],
  'chat.postMessage': [
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'no_text',
    'invalid_blocks',
    'invalid_blocks_format',
    'msg_blocks_too_long',
    'msg_too_long',
    'markdown_text_conflict',
    'invalid_metadata_format',
    'invalid_metadata_schema',
    'metadata_too_large',
  ],
  'chat.update': [
    'channel_not_found',
    'message_not_found',
    'cant_update_message',
    'no_text',
    'invalid_blocks',
    'invalid_blocks_format',
    'msg_too_long',
    'markdown_text_conflict',
    'invalid_metadata_format',
    'invalid_metadata_schema',
    'metadata_too_large',
  ],
  'chat.postEphemeral': [
    'channel_not_found',
    'not_in_channel',
    'user_not_in_channel',
    'is_archived',
    'no_text',
    'invalid_blocks',
    'invalid_blocks_format',
    'msg_too_long',
    'markdown_text_conflict',
  ],
  'chat.delete': ['channel_not_found', 'message_not_found', 'cant_delete_message'],
  'chat.getPermalink': ['channel_not_found', 'message_not_found'],
  'conversations.history': [
    'channel_not_found',
    'not_in_channel',
    'invalid_cursor',
    'invalid_ts_latest',
    'invalid_ts_oldest',
  ],
  'conversations.replies': [
    'channel_not_found',
    'thread_not_found',
    'invalid_cursor',
    'invalid_ts_latest',
    'invalid_ts_oldest',
  ],
  'conversations.info': ['channel_not_found'],
  'conversations.join': ['channel_not_found', 'is_archived'],
  'conversations.list': ['invalid_cursor', 'invalid_limit', 'invalid_types'],
  'users.info': ['user_not_found'],
  'users.list': ['invalid_cursor'],
  'users.lookupByEmail': ['users_not_found'],
  'views.open': [
    'invalid_trigger_id',
    'expired_trigger_id',
    'exchanged_trigger_id',
    'duplicate_external_id',
    'view_too_large',
  ],
  'views.push': [
    'invalid_trigger_id',
    'expired_trigger_id',
    'exchanged_trigger_id',
    'duplicate_external_id',
    'not_found',
    'push_limit_reached',
    'view_too_large',
  ],
  'views.update': ['not_found', 'hash_conflict', 'duplicate_external_id', 'view_too_large'],
  'views.publish': ['hash_conflict', 'duplicate_external_id', 'view_too_large'],
  'files.getUploadURLExternal': [],
  'files.completeUploadExternal': [
    'channel_not_found',
    'file_not_found',
    'not_in_channel',
    'invalid_channel',
  ],
  'reactions.add': [
    'channel_not_found',
    'message_not_found',
    'already_reacted',
    'invalid_name',
    'no_item_specified',
  ],
} as const satisfies Record<string, readonly string[]>;

export type SlackMethod = keyof typeof METHOD_ERRORS;
export type SlackErrorName<M extends SlackMethod> =
  | (typeof METHOD_ERRORS)[M][number]
  | (typeof COMMON_ERRORS)[number];

export const SLACK_METHODS = Object.keys(METHOD_ERRORS) as SlackMethod[];

export function isSlackMethod(name: string): name is SlackMethod {
  return Object.hasOwn(METHOD_ERRORS, name);
}

/** A Web API failure: HTTP 200 `{ok:false, error, response_metadata?}`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
  ) {
    super(error);
  }

  body(): Record<string, unknown> {
    return this.messages.length > 0
      ? { ok: false, error: this.error, response_metadata: { messages: this.messages } }
      : { ok: false, error: this.error };
  }
}

/** Typed failure for one method: the name must be in that method's catalog or the common list. */
export function slackError<M extends SlackMethod>(
  _method: M,
  error: SlackErrorName<M>,
  ...messages: string[]
): SlackApiError {
  return new SlackApiError(error, messages);
}
